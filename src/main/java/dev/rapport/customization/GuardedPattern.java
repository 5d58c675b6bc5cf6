package dev.rapport.customization;

import java.util.regex.Pattern;

/**
 * An administrator's regular expression (a custom field's pattern, a validation rule)
 * matched within 50 ms: a pattern that backtracks without end fails the value instead of
 * holding the write.
 */
public final class GuardedPattern {

	static final long BUDGET_NANOS = 50_000_000L;

	private final Pattern pattern;

	public GuardedPattern(Pattern pattern) {
		this.pattern = pattern;
	}

	/** Whether the whole text matches; false when the time is up. */
	public boolean matches(String text) {
		long deadline = System.nanoTime() + BUDGET_NANOS;
		try {
			return this.pattern.matcher(new Deadline(text, deadline)).matches();
		}
		catch (Deadline.Exceeded ex) {
			return false;
		}
	}

	/** A text that stops a regular expression once its time is up. */
	private record Deadline(CharSequence text, long deadline) implements CharSequence {

		static final class Exceeded extends RuntimeException {

			Exceeded() {
				super("pattern too slow", null, false, false);
			}

		}

		@Override
		public char charAt(int index) {
			if (System.nanoTime() > this.deadline) {
				throw new Exceeded();
			}
			return this.text.charAt(index);
		}

		@Override
		public int length() {
			return this.text.length();
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			return new Deadline(this.text.subSequence(start, end), this.deadline);
		}

		@Override
		public String toString() {
			return this.text.toString();
		}

	}

}
