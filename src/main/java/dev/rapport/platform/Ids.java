package dev.rapport.platform;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Identifiers for every record: time-ordered UUIDs (version 7, RFC 9562), so new rows
 * land at the end of primary-key indexes and ids can be made on any node without a
 * sequence.
 */
public final class Ids {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Ids() {
	}

	public static UUID newId() {
		long millis = System.currentTimeMillis();
		long randA = RANDOM.nextInt(1 << 12);
		long randB = RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL;
		long msb = (millis << 16) | 0x7000L | randA;
		long lsb = 0x8000000000000000L | randB;
		return new UUID(msb, lsb);
	}

	/**
	 * Parses an id from a path or form, answering {@link NotFoundException} for text that
	 * is not an id, because a malformed id names no record.
	 */
	public static UUID parse(String kind, String text) {
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			throw new NotFoundException(kind, text);
		}
	}

}
