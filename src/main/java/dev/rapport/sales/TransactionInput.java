package dev.rapport.sales;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A purchase or payment to record: a person or a company (or both) is required. A
 * point-of-sale system sends its own reference (externalRef) to retry safely.
 */
public record TransactionInput(@Nullable UUID personId, @Nullable UUID companyId, @Nullable String kind,
		@Nullable LocalDate occurredOn, @Nullable BigDecimal amount, @Nullable String currency,
		@Nullable String description, @Nullable String externalRef, @Nullable String channel) {
}
