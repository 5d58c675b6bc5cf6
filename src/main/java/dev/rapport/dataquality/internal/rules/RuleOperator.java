package dev.rapport.dataquality.internal.rules;

import java.util.Locale;
import java.util.Optional;

/**
 * How a rule compares a field with a value, both in its "when" conditions and in its
 * "then" requirement. The code is the name in the API ({@code not_empty}).
 */
public enum RuleOperator {

	IS_EMPTY, NOT_EMPTY, EQUALS, NOT_EQUALS, CONTAINS, GREATER_THAN, LESS_THAN, MATCHES, IN_LIST;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Whether the operator compares with a value (all but empty and not empty). */
	public boolean needsValue() {
		return this != IS_EMPTY && this != NOT_EMPTY;
	}

	public static Optional<RuleOperator> fromCode(@org.jspecify.annotations.Nullable String code) {
		if (code == null) {
			return Optional.empty();
		}
		for (RuleOperator op : values()) {
			if (op.code().equalsIgnoreCase(code.strip())) {
				return Optional.of(op);
			}
		}
		return Optional.empty();
	}

}
