package dev.rapport.platform.web;

/** An update to the API sent without {@code If-Match}: refused, so no change is blind. */
public class PreconditionRequiredException extends RuntimeException {

	public PreconditionRequiredException() {
		super("If-Match is required");
	}

}
