package dev.rapport.platform;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * An update based on a version of a record that someone else has changed since: it is
 * refused rather than silently overwriting their change.
 */
@ResponseStatus(HttpStatus.PRECONDITION_FAILED)
public class StaleVersionException extends RuntimeException {

	private final int currentVersion;

	public StaleVersionException(String kind, int currentVersion) {
		super("The " + kind + " was changed by someone else (now at version " + currentVersion + ")");
		this.currentVersion = currentVersion;
	}

	public int currentVersion() {
		return this.currentVersion;
	}

	/** Throws when the version the client based its change on is not the stored one. */
	public static void check(String kind, int expected, int current) {
		if (expected != current) {
			throw new StaleVersionException(kind, current);
		}
	}

}
