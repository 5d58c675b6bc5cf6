package dev.rapport.activities.internal;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The deals activities are about, as activities need them: the name to show and a way to
 * tell the deal that someone worked on it, backed by the sales module's {@code Deals}
 * facade.
 */
public interface RelatedDeals {

	/** The name of a deal the current user may read; empty otherwise. */
	Optional<String> nameOf(UUID dealId);

	/** Whether the current user may relate an activity to this deal. */
	boolean exists(UUID dealId);

	/** An activity about the deal was created or completed at that time. */
	void touched(UUID dealId, OffsetDateTime at);

}
