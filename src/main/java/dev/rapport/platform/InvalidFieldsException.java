package dev.rapport.platform;

import java.util.ArrayList;
import java.util.List;

/**
 * Several fields of one request break rules at once (an invalid e-mail and an invalid
 * phone): each is named with its message, so the user can fix them all in one go.
 */
public class InvalidFieldsException extends RuntimeException {

	private final List<BusinessRuleException> problems;

	public InvalidFieldsException(List<BusinessRuleException> problems) {
		super(problems.isEmpty() ? "no problems" : problems.get(0).messageKey());
		if (problems.isEmpty()) {
			throw new IllegalArgumentException("At least one problem");
		}
		this.problems = List.copyOf(problems);
	}

	public List<BusinessRuleException> problems() {
		return this.problems;
	}

	/** Collects the problems of one request, then throws them together. */
	public static final class Collector {

		private final List<BusinessRuleException> problems = new ArrayList<>();

		public Collector reject(String field, String messageKey, Object... arguments) {
			this.problems.add(new BusinessRuleException(field, messageKey, arguments));
			return this;
		}

		/**
		 * Adds the problems of another check, such as the custom fields of the same
		 * record.
		 */
		public Collector addAll(InvalidFieldsException other) {
			this.problems.addAll(other.problems());
			return this;
		}

		public boolean hasProblems() {
			return !this.problems.isEmpty();
		}

		public boolean has(String field) {
			return this.problems.stream().anyMatch((p) -> field.equals(p.field()));
		}

		/** Throws when anything was rejected. */
		public void throwIfAny() {
			if (!this.problems.isEmpty()) {
				throw new InvalidFieldsException(this.problems);
			}
		}

	}

}
