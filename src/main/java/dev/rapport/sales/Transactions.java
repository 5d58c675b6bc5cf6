package dev.rapport.sales;

/** Purchases and payments, for other modules (import, demo data). */
public interface Transactions {

	/**
	 * Records a purchase or a payment for a customer the current user may change, onto
	 * the customer's timeline; with an external reference seen before, returns that one.
	 */
	Transaction record(TransactionInput input);

}
