package dev.rapport.identity.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of sign-in and the first administrator.
 *
 * @param admin the administrator created at first start
 * @param login throttling of failed sign-ins
 * @param password the password policy
 * @param rememberMe how long "remember me" keeps a browser signed in
 */
@ConfigurationProperties("rapport.identity")
public record IdentityProperties(@DefaultValue Admin admin, @DefaultValue Login login, @DefaultValue Password password,
		@DefaultValue("14d") Duration rememberMe) {

	/**
	 * The administrator made at first start.
	 *
	 * @param email the sign-in e-mail ({@code RAPPORT_ADMIN_EMAIL})
	 * @param password the password ({@code RAPPORT_ADMIN_PASSWORD}); when empty a random
	 * one is generated, printed once and must be changed at first sign-in
	 * @param name the administrator's display name
	 * @param workspaceName the name of the default workspace
	 */
	public record Admin(@DefaultValue("admin@rapport.local") String email, @Nullable String password,
			@DefaultValue("Administrator") String name, @DefaultValue("Rapport") String workspaceName) {
	}

	/**
	 * Throttling of failed sign-ins: after too many failures within the window the
	 * account, or the address, is locked for a while.
	 */
	public record Login(@DefaultValue("5") int maxFailuresPerAccount, @DefaultValue("20") int maxFailuresPerAddress,
			@DefaultValue("15m") Duration window, @DefaultValue("15m") Duration lockFor) {
	}

	/** The password policy. */
	public record Password(@DefaultValue("12") int minLength, @DefaultValue("128") int maxLength) {
	}

}
