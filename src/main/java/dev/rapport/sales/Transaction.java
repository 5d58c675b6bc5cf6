package dev.rapport.sales;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A purchase or a payment of a person or a company. */
public record Transaction(UUID id, @Nullable UUID personId, @Nullable UUID companyId, String kind, LocalDate occurredOn,
		BigDecimal amount, String currency, @Nullable String description, @Nullable String externalRef,
		@Nullable String channel, int version) {

	/** The kinds of transactions. */
	public static final java.util.List<String> KINDS = java.util.List.of("purchase", "payment");

}
