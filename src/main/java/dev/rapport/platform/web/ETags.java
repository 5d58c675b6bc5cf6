package dev.rapport.platform.web;

import org.jspecify.annotations.Nullable;

import dev.rapport.platform.StaleVersionException;

/**
 * Optimistic concurrency on the API: a record's {@code ETag} is its version, and an
 * update must send it back in {@code If-Match}.
 */
public final class ETags {

	private ETags() {
	}

	public static String of(int version) {
		return "\"" + version + "\"";
	}

	/**
	 * The version the client based its change on. A missing header answers 428, one that
	 * does not name the current version answers 412; {@code *} matches any version (RFC
	 * 9110).
	 */
	public static int requireMatch(@Nullable String ifMatch, String kind, int currentVersion) {
		if (ifMatch == null || ifMatch.isBlank()) {
			throw new PreconditionRequiredException();
		}
		String value = ifMatch.trim();
		if (value.equals("*")) {
			return currentVersion;
		}
		if (value.startsWith("W/")) {
			value = value.substring(2);
		}
		value = value.replace("\"", "");
		try {
			int version = Integer.parseInt(value);
			StaleVersionException.check(kind, version, currentVersion);
			return version;
		}
		catch (NumberFormatException ex) {
			throw new StaleVersionException(kind, currentVersion);
		}
	}

}
