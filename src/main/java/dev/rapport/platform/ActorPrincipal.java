package dev.rapport.platform;

import java.time.ZoneId;
import java.util.Locale;

/**
 * Implemented by the signed-in principal, so the platform can learn the acting user, the
 * workspace, and how to show things to that person without depending on the identity
 * module.
 */
public interface ActorPrincipal {

	Actor actor();

	Locale locale();

	ZoneId timeZone();

}
