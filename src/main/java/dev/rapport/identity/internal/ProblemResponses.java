package dev.rapport.identity.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The API's 401 and 403 answers as problem+json, written by the security filters before
 * any controller runs.
 */
@Component
class ProblemResponses {

	private final MessageSource messages;

	private final JsonMapper json;

	ProblemResponses(MessageSource messages, JsonMapper json) {
		this.messages = messages;
		this.json = json;
	}

	void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		unauthorized(response, "problem.unauthorized");
	}

	void unauthorized(HttpServletResponse response, String messageKey) throws IOException {
		response.setHeader("WWW-Authenticate", "Bearer realm=\"rapport\"");
		write(response, HttpStatus.UNAUTHORIZED, "unauthorized", messageKey);
	}

	void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		write(response, HttpStatus.FORBIDDEN, "forbidden", "problem.forbidden.scope");
	}

	private void write(HttpServletResponse response, HttpStatus status, String type, String messageKey)
			throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				this.messages.getMessage(messageKey, null, LocaleContextHolder.getLocale()));
		problem.setType(java.net.URI.create("https://rapport.dev/problems/" + type));
		problem.setTitle(this.messages.getMessage("problem.title." + type, null, LocaleContextHolder.getLocale()));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
