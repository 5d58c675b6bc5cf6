package dev.rapport.customers.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The folded form of names and addresses used to search and sort: compatibility
 * decomposition, accents removed, lower case, Arabic letter variants written the Persian
 * way (Arabic yeh and kaf, the forms a Persian keyboard and an Arabic one type for the
 * same letter), tatweel and zero-width joiners removed. "José Núñez" and "jose nunez",
 * "علي" and "علی" fold to the same key.
 */
final class TextKeys {

	private TextKeys() {
	}

	static String fold(@Nullable String text) {
		if (text == null) {
			return "";
		}
		String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
		StringBuilder folded = new StringBuilder(decomposed.length());
		for (int i = 0; i < decomposed.length(); i++) {
			char c = decomposed.charAt(i);
			if (Character.getType(c) == Character.NON_SPACING_MARK) {
				continue;
			}
			switch (c) {
				case '\u064A', '\u0649' -> folded.append('\u06CC'); // yeh, alef maksura
																	// -> Persian yeh
				case '\u0643' -> folded.append('\u06A9'); // kaf -> keheh
				case '\u0640', '\u200C', '\u200D' -> {
					// tatweel, zero-width non-joiner and joiner carry no meaning for
					// search
				}
				case '\u00DF' -> folded.append("ss");
				default -> folded.append(c);
			}
		}
		return Normalizer.normalize(folded, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).strip();
	}

	/** The folded words of a text, split on anything that is not a letter or a digit. */
	static List<String> words(@Nullable String text) {
		String folded = fold(text);
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		folded.codePoints().forEach((cp) -> {
			if (Character.isLetterOrDigit(cp)) {
				word.appendCodePoint(cp);
			}
			else if (!word.isEmpty()) {
				words.add(word.toString());
				word.setLength(0);
			}
		});
		if (!word.isEmpty()) {
			words.add(word.toString());
		}
		return words;
	}

	/** Escapes a folded term for use in a LIKE pattern with backslash as escape. */
	static String likePrefix(String term) {
		return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

	/**
	 * Whether two words are at most one typo apart: one letter changed, added or left
	 * out, or two neighbouring letters swapped (by code point).
	 */
	static boolean oneEditApart(String a, String b) {
		int[] x = a.codePoints().toArray();
		int[] y = b.codePoints().toArray();
		if (Math.abs(x.length - y.length) > 1) {
			return false;
		}
		int i = 0;
		while (i < x.length && i < y.length && x[i] == y[i]) {
			i++;
		}
		if (i == x.length && i == y.length) {
			return true;
		}
		if (x.length == y.length) {
			// Changed at i, or i and i + 1 swapped.
			if (rest(x, i + 1, y, i + 1)) {
				return true;
			}
			return i + 1 < x.length && x[i] == y[i + 1] && x[i + 1] == y[i] && rest(x, i + 2, y, i + 2);
		}
		// One left out of the shorter at i.
		return (x.length > y.length) ? rest(x, i + 1, y, i) : rest(x, i, y, i + 1);
	}

	private static boolean rest(int[] x, int from, int[] y, int at) {
		if (x.length - from != y.length - at) {
			return false;
		}
		for (int k = 0; k < x.length - from; k++) {
			if (x[from + k] != y[at + k]) {
				return false;
			}
		}
		return true;
	}

}
