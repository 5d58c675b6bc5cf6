package dev.rapport.sales;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * The corrected values of a transaction: the fields that can be corrected, all of them.
 * The kind, the currency and the customer cannot be corrected; void the transaction and
 * record it again instead.
 */
public record TransactionCorrection(@Nullable BigDecimal amount, @Nullable LocalDate occurredOn,
		@Nullable String description, @Nullable String channel) {
}
