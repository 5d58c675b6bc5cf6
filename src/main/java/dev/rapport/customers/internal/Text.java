package dev.rapport.customers.internal;

import org.jspecify.annotations.Nullable;

/** Small helpers for typed text. */
final class Text {

	private Text() {
	}

	static boolean blank(@Nullable String text) {
		return text == null || text.isBlank();
	}

	static @Nullable String trimToNull(@Nullable String text) {
		return blank(text) ? null : text.strip();
	}

}
