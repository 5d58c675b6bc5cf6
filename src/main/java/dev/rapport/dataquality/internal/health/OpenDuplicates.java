package dev.rapport.dataquality.internal.health;

import dev.rapport.customers.CustomerKind;

/**
 * The open pairs of the duplicates queue, for the data health page; implemented by the
 * duplicates part of this module. Without an implementation the page shows none.
 */
public interface OpenDuplicates {

	/** How many pairs of this kind are open, both of whose records the user may read. */
	long openPairs(CustomerKind kind);

	/** Where the queue is, to link to it. */
	String queuePath();

}
