package dev.rapport.exchange.internal.exports;

import org.jspecify.annotations.Nullable;

/**
 * Protection of exported cells against formula injection: a text that a spreadsheet would
 * read as a formula (starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a
 * carriage return) is written as text.
 */
final class Cells {

	private Cells() {
	}

	/** Whether a spreadsheet could read this text as a formula. */
	static boolean risky(@Nullable String text) {
		if (text == null || text.isEmpty()) {
			return false;
		}
		char first = text.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
	}

	/** The text as a CSV cell: prefixed with {@code '} when it is risky. */
	static @Nullable String csv(@Nullable String text) {
		return risky(text) ? "'" + text : text;
	}

}
