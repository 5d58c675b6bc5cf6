package dev.rapport.platform;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A record that does not exist, or that the current user may not see: both answer 404 so
 * that nobody learns about records outside their reach.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NotFoundException extends RuntimeException {

	private final String kind;

	public NotFoundException(String kind, Object id) {
		super("No " + kind + " with id " + id);
		this.kind = kind;
	}

	public String kind() {
		return this.kind;
	}

}
