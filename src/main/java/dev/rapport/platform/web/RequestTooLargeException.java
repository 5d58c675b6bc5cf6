package dev.rapport.platform.web;

import java.io.IOException;

/** A request body larger than the configured limit. */
public class RequestTooLargeException extends IOException {

	private final long limit;

	public RequestTooLargeException(long limit) {
		super("Request body larger than " + limit + " bytes");
		this.limit = limit;
	}

	public long limit() {
		return this.limit;
	}

}
