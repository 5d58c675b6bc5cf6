package dev.rapport.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The user may see a record but not do this to it (for example delete a record shared
 * with their team). Carries no data of the record.
 */
@ResponseStatus(HttpStatus.FORBIDDEN)
public class AccessDeniedProblem extends RuntimeException {

	private final String messageKey;

	public AccessDeniedProblem(String messageKey) {
		super(messageKey);
		this.messageKey = messageKey;
	}

	public String messageKey() {
		return this.messageKey;
	}

}
