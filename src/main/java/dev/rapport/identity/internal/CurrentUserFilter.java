package dev.rapport.identity.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Keeps a signed-in session true to the database on every request: a deactivated user is
 * signed out at once, a changed role, language or name applies at once, and a user who
 * must change the password is sent to do so before anything else.
 */
class CurrentUserFilter extends OncePerRequestFilter {

	static final String PASSWORD_PAGE = "/account/password";

	static final String HTMX_REQUEST = "HX-Request";

	private final UserDetailsLoader users;

	private final SecurityContextRepository contexts;

	private final RequestMatcher publicPaths;

	CurrentUserFilter(UserDetailsLoader users, SecurityContextRepository contexts, String... publicPaths) {
		this.users = users;
		this.contexts = contexts;
		this.publicPaths = (publicPaths.length == 0) ? (request) -> false
				: new OrRequestMatcher(Arrays.stream(publicPaths)
					.<RequestMatcher>map(PathPatternRequestMatcher.withDefaults()::matcher)
					.toList());
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return this.publicPaths.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof RapportUserDetails signedIn)) {
			chain.doFilter(request, response);
			return;
		}
		Optional<RapportUserDetails> fresh = this.users.byId(signedIn.workspaceId(), signedIn.userId());
		if (fresh.isEmpty() || !fresh.get().isEnabled()) {
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			SecurityContextHolder.clearContext();
			response.sendRedirect(request.getContextPath() + "/login?deactivated");
			return;
		}
		RapportUserDetails current = fresh.get();
		current.eraseCredentials();
		if (!current.sameState(signedIn)) {
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(
					UsernamePasswordAuthenticationToken.authenticated(current, null, current.getAuthorities()));
			SecurityContextHolder.setContext(context);
			this.contexts.saveContext(context, request, response);
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (current.mustChangePassword() && !path.equals(PASSWORD_PAGE) && !path.equals("/logout")) {
			if (request.getHeader(HTMX_REQUEST) != null) {
				// A fragment of the page (the notification badge) waits until the
				// password is changed.
				response.setStatus(HttpServletResponse.SC_NO_CONTENT);
				return;
			}
			response.sendRedirect(request.getContextPath() + PASSWORD_PAGE);
			return;
		}
		chain.doFilter(request, response);
	}

}
