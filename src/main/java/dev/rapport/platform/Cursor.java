package dev.rapport.platform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The opaque cursor of keyset pagination: the sort values of the last row of a page,
 * encoded so that clients pass it back unchanged. A cursor that was not made here is
 * refused with a message naming the {@code cursor} parameter.
 */
public final class Cursor {

	private static final char SEPARATOR = '\u001F';

	private Cursor() {
	}

	public static String encode(String... values) {
		String joined = String.join(String.valueOf(SEPARATOR), values);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The values of a cursor made by {@link #encode}, which must have {@code count} of
	 * them.
	 */
	public static List<String> decode(String cursor, int count) {
		try {
			String joined = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			List<String> values = List.of(joined.split(String.valueOf(SEPARATOR), -1));
			if (values.size() != count) {
				throw new BusinessRuleException("cursor", "problem.cursor.invalid");
			}
			return values;
		}
		catch (IllegalArgumentException ex) {
			throw new BusinessRuleException("cursor", "problem.cursor.invalid");
		}
	}

}
