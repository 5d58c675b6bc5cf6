package dev.rapport.platform;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A request that is well-formed but breaks a business rule (a weak password, an e-mail
 * already taken). It names the offending field and carries a message key, so forms and
 * the API can tell the user exactly what to fix.
 */
public class BusinessRuleException extends RuntimeException {

	private final @Nullable String field;

	private final String messageKey;

	private final List<Object> arguments;

	public BusinessRuleException(@Nullable String field, String messageKey, Object... arguments) {
		super(messageKey);
		this.field = field;
		this.messageKey = messageKey;
		this.arguments = List.of(arguments);
	}

	public @Nullable String field() {
		return this.field;
	}

	public String messageKey() {
		return this.messageKey;
	}

	public Object[] arguments() {
		return this.arguments.toArray();
	}

}
