package dev.rapport.identity.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in that refuses locked accounts and addresses before checking the
 * password, and counts every wrong password.
 */
class ThrottlingAuthenticationProvider implements AuthenticationProvider {

	private final DaoAuthenticationProvider passwords;

	private final LoginThrottle throttle;

	ThrottlingAuthenticationProvider(DaoAuthenticationProvider passwords, LoginThrottle throttle) {
		this.passwords = passwords;
		this.throttle = throttle;
	}

	@Override
	public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String email = authentication.getName();
		String address = (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? details.getRemoteAddress() : null;
		Duration locked = this.throttle.lockedFor(email, address);
		if (!locked.isZero()) {
			throw new SignInLockedException(locked);
		}
		try {
			Authentication result = this.passwords.authenticate(authentication);
			this.throttle.succeeded(email);
			return result;
		}
		catch (BadCredentialsException ex) {
			this.throttle.failed(email, address);
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/** Sign-in is locked for a while after too many failures. */
	static class SignInLockedException extends LockedException {

		private final Duration remaining;

		SignInLockedException(Duration remaining) {
			super("Too many failed sign-ins");
			this.remaining = remaining;
		}

		long minutesLeft() {
			return Math.max(1, (this.remaining.toSeconds() + 59) / 60);
		}

	}

}
