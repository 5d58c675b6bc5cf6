package dev.rapport.sales;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A purchase, payment or refund to record. A purchase or payment names a person or a
 * company (or both); a refund names the purchase it refunds (originalId) and goes to that
 * purchase's customer. A point-of-sale system sends its own reference (externalRef) to
 * retry safely.
 */
public record TransactionInput(@Nullable UUID personId, @Nullable UUID companyId, @Nullable String kind,
		@Nullable LocalDate occurredOn, @Nullable BigDecimal amount, @Nullable String currency,
		@Nullable String description, @Nullable String externalRef, @Nullable String channel,
		@Nullable UUID originalId) {

	/** A purchase or a payment, which names no original. */
	public TransactionInput(@Nullable UUID personId, @Nullable UUID companyId, @Nullable String kind,
			@Nullable LocalDate occurredOn, @Nullable BigDecimal amount, @Nullable String currency,
			@Nullable String description, @Nullable String externalRef, @Nullable String channel) {
		this(personId, companyId, kind, occurredOn, amount, currency, description, externalRef, channel, null);
	}

}
