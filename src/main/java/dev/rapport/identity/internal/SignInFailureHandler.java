package dev.rapport.identity.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Sends a failed sign-in back to the form with the reason the person can act on: wrong
 * e-mail or password (deliberately one message for both, and for deactivated accounts),
 * or locked for some minutes.
 */
public class SignInFailureHandler implements AuthenticationFailureHandler {

	/**
	 * Session attribute holding the e-mail of the last failed attempt, to fill the form
	 * again.
	 */
	public static final String LAST_EMAIL = "rapport.signIn.lastEmail";

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		String email = request.getParameter("email");
		if (email != null && email.length() <= 320) {
			request.getSession().setAttribute(LAST_EMAIL, email);
		}
		String target = request.getContextPath() + "/login?error=credentials";
		if (exception instanceof ThrottlingAuthenticationProvider.SignInLockedException locked) {
			target = request.getContextPath() + "/login?error=locked&minutes=" + locked.minutesLeft();
		}
		response.sendRedirect(target);
	}

}
