package dev.rapport.sales;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A purchase, a payment or a refund of a person or a company.
 *
 * @param originalId for a refund, the purchase it gives money back for
 * @param refundedAmount for a purchase, what its refunds that are not voided add up to
 * @param voided who voided it, when and why; null while it counts
 */
public record Transaction(UUID id, @Nullable UUID personId, @Nullable UUID companyId, String kind, LocalDate occurredOn,
		BigDecimal amount, String currency, @Nullable String description, @Nullable String externalRef,
		@Nullable String channel, @Nullable UUID originalId, @Nullable BigDecimal refundedAmount,
		@Nullable Voided voided, int version) {

	/** The kinds of transactions. */
	public static final List<String> KINDS = List.of("purchase", "payment", "refund");

	/** The kind of a purchase, which refunds give money back for. */
	public static final String PURCHASE = "purchase";

	/** The kind of a refund. */
	public static final String REFUND = "refund";

	/**
	 * A transaction that was voided: kept, but counted in no figure.
	 *
	 * @param by the user who voided it
	 */
	public record Voided(OffsetDateTime at, @Nullable UUID by, String reason) {
	}

	/**
	 * For a purchase that counts, what may still be refunded: its amount less its
	 * refunds; zero otherwise.
	 */
	public BigDecimal refundable() {
		if (!PURCHASE.equals(this.kind) || this.voided != null) {
			return BigDecimal.ZERO;
		}
		BigDecimal refunded = (this.refundedAmount != null) ? this.refundedAmount : BigDecimal.ZERO;
		return this.amount.subtract(refunded).max(BigDecimal.ZERO);
	}

}
