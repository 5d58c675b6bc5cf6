package dev.rapport.sales;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Purchases, payments and refunds, for other modules (import, demo data). */
public interface Transactions {

	/**
	 * Records a purchase or a payment for a customer the current user may change, or a
	 * refund of a purchase of such a customer, onto the customer's timeline; with an
	 * external reference seen before, returns that one. Rejects invalid fields, naming
	 * each, and a refund of more than is left of its purchase.
	 */
	Transaction record(TransactionInput input);

	/**
	 * Voids a transaction of a customer the current user may change: kept, marked voided
	 * with the reason, out of the figures. Rejects a stale version, a missing reason, one
	 * already voided and a purchase with refunds.
	 */
	Transaction voidTransaction(UUID id, int version, @Nullable String reason);

}
