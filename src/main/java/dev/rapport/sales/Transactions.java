package dev.rapport.sales;

/** Purchases, payments and refunds, for other modules (import, demo data). */
public interface Transactions {

	/**
	 * Records a purchase or a payment for a customer the current user may change, or a
	 * refund of a purchase of such a customer, onto the customer's timeline; with an
	 * external reference seen before, returns that one. Rejects invalid fields, naming
	 * each, and a refund of more than is left of its purchase.
	 */
	Transaction record(TransactionInput input);

}
