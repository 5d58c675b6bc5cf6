package dev.rapport.identity;

/** What a user wants to do with a record. */
public enum Access {

	/** See it in lists, searches, reports, exports and on its own page. */
	READ,

	/** Change it. */
	UPDATE,

	/** Delete it. */
	DELETE

}
