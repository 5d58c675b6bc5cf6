package dev.rapport.customers;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a customer's life with the business ended: a person left their company, died, or
 * was disqualified as a lead; a company closed. Each is reversible except erasure.
 */
public enum EndOfLifeState {

	LEFT(CustomerKind.PERSON), DECEASED(CustomerKind.PERSON), DISQUALIFIED(CustomerKind.PERSON),
	CLOSED(CustomerKind.COMPANY);

	/** The reasons a lead can be disqualified for, besides a free text. */
	public static final List<String> DISQUALIFY_REASONS = List.of("no_budget", "no_need", "no_authority", "bad_timing",
			"competitor", "unreachable", "spam", "other");

	private final CustomerKind kind;

	EndOfLifeState(CustomerKind kind) {
		this.kind = kind;
	}

	/** Whether the state is one of people or of companies. */
	public CustomerKind kind() {
		return this.kind;
	}

	/** The code used in the database, the API and message keys. */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<EndOfLifeState> fromCode(@org.jspecify.annotations.Nullable String code) {
		for (EndOfLifeState state : values()) {
			if (code != null && state.code().equalsIgnoreCase(code.strip())) {
				return Optional.of(state);
			}
		}
		return Optional.empty();
	}

	/** The states of one kind of customer. */
	public static List<EndOfLifeState> of(CustomerKind kind) {
		return java.util.Arrays.stream(values()).filter((s) -> s.kind == kind).toList();
	}

}
