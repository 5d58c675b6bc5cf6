package dev.rapport.platform.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.jooq.exception.DataChangedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.StaleVersionException;

/**
 * Every error of the REST API as RFC 9457 problem+json. Field errors list the offending
 * field in {@code errors[].field}; nothing internal (stack traces, SQL) ever reaches the
 * client.
 */
// Only REST controllers: an advice applies when any of its selectors matches, so a
// package
// selector here would also turn the errors of HTML pages into JSON.
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
public class ApiProblems extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

	private final MessageSource messages;

	public ApiProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "not-found", message("problem.not-found", ex.kind()));
	}

	@ExceptionHandler(StaleVersionException.class)
	ProblemDetail stale(StaleVersionException ex) {
		ProblemDetail problem = problem(HttpStatus.PRECONDITION_FAILED, "stale-version",
				message("problem.stale-version"));
		problem.setProperty("currentVersion", ex.currentVersion());
		return problem;
	}

	@ExceptionHandler(DataChangedException.class)
	ProblemDetail changedMeanwhile(DataChangedException ex) {
		return problem(HttpStatus.PRECONDITION_FAILED, "stale-version", message("problem.stale-version"));
	}

	@ExceptionHandler(PreconditionRequiredException.class)
	ProblemDetail preconditionRequired(PreconditionRequiredException ex) {
		return problem(HttpStatus.PRECONDITION_REQUIRED, "if-match-required", message("problem.if-match-required"));
	}

	@ExceptionHandler(BusinessRuleException.class)
	ProblemDetail businessRule(BusinessRuleException ex) {
		String detail = this.messages.getMessage(ex.messageKey(), ex.arguments(), LocaleContextHolder.getLocale());
		ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "business-rule", detail);
		if (ex.field() != null) {
			problem.setProperty("errors", List.of(fieldError(ex.field(), detail)));
		}
		return problem;
	}

	@ExceptionHandler(InvalidFieldsException.class)
	ProblemDetail invalidFields(InvalidFieldsException ex) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (BusinessRuleException problem : ex.problems()) {
			String detail = this.messages.getMessage(problem.messageKey(), problem.arguments(),
					LocaleContextHolder.getLocale());
			errors.add(fieldError((problem.field() != null) ? problem.field() : "", detail));
		}
		ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "business-rule",
				(errors.size() == 1) ? errors.get(0).get("message") : message("problem.validation"));
		problem.setProperty("errors", errors);
		return problem;
	}

	@ExceptionHandler(RequestTooLargeException.class)
	ProblemDetail tooLarge(RequestTooLargeException ex) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", message("problem.too-large", ex.limit()));
	}

	@ExceptionHandler(AccessDeniedProblem.class)
	ProblemDetail forbidden(AccessDeniedProblem ex) {
		return problem(HttpStatus.FORBIDDEN, "forbidden", message(ex.messageKey()));
	}

	@ExceptionHandler(AccessDeniedException.class)
	ProblemDetail denied(AccessDeniedException ex) {
		return problem(HttpStatus.FORBIDDEN, "forbidden", message("problem.forbidden.scope"));
	}

	/**
	 * A parameter out of its bounds on a controller validated by method (for example
	 * {@code limit=0}): 400 naming the parameter, like a field of a body.
	 */
	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> constraintViolated(ConstraintViolationException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", message("problem.validation"));
		List<Map<String, String>> errors = new ArrayList<>();
		for (ConstraintViolation<?> violation : ex.getConstraintViolations()) {
			String field = null;
			for (jakarta.validation.Path.Node node : violation.getPropertyPath()) {
				field = node.getName();
			}
			errors.add(fieldError((field != null) ? field : "", violation.getMessage()));
		}
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		log.error("Unexpected error in an API request", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", message("problem.internal"));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", message("problem.validation"));
		List<Map<String, String>> errors = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.add(fieldError(error.getField(), this.messages.getMessage(error, LocaleContextHolder.getLocale())));
		}
		for (ObjectError error : ex.getBindingResult().getGlobalErrors()) {
			errors.add(fieldError(error.getObjectName(),
					this.messages.getMessage(error, LocaleContextHolder.getLocale())));
		}
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().headers(headers).body(problem);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", message("problem.validation"));
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getParameterValidationResults()
			.forEach((result) -> result.getResolvableErrors()
				.forEach((error) -> errors.add(fieldError(result.getMethodParameter().getParameterName(),
						this.messages.getMessage(error, LocaleContextHolder.getLocale())))));
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().headers(headers).body(problem);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed-body", message("problem.malformed-body"));
		for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
			if (cause instanceof RequestTooLargeException tooLarge) {
				return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge));
			}
		}
		return ResponseEntity.badRequest().headers(headers).body(problem);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem && problem.getType() == null) {
			problem.setType(URI.create("about:blank"));
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private ProblemDetail problem(HttpStatus status, String type, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("https://rapport.dev/problems/" + type));
		problem.setTitle(message("problem.title." + type));
		return problem;
	}

	private static Map<String, String> fieldError(String field, String message) {
		Map<String, String> error = new LinkedHashMap<>();
		error.put("field", field);
		error.put("message", message);
		return error;
	}

	private String message(String key, Object... args) {
		return this.messages.getMessage(key, args, LocaleContextHolder.getLocale());
	}

}
