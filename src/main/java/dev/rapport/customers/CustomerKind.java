package dev.rapport.customers;

/** The two kinds of customer record: a person or a company. */
public enum CustomerKind {

	PERSON, COMPANY

}
