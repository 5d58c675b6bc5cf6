package dev.rapport.customers.internal;

import org.jspecify.annotations.Nullable;

/**
 * How a person's display name is made from their given and family names when none is
 * typed: "given family" in most scripts, "family given" without a space in Chinese,
 * Japanese and Korean, where the family name comes first.
 */
final class Names {

	private Names() {
	}

	static @Nullable String display(@Nullable String given, @Nullable String family) {
		if (given == null && family == null) {
			return null;
		}
		if (given == null) {
			return family;
		}
		if (family == null) {
			return given;
		}
		if (isEastAsian(family) && isEastAsian(given)) {
			return family + given;
		}
		return given + " " + family;
	}

	static boolean isEastAsian(String text) {
		return text.codePoints().filter(Character::isLetter).allMatch((cp) -> {
			Character.UnicodeScript script = Character.UnicodeScript.of(cp);
			return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HANGUL
					|| script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA;
		});
	}

}
