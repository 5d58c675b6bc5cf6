package dev.rapport.customers;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The people and companies in an end-of-life state, for retention policies run by the
 * system in the current workspace (no user's access applies): which are due, and
 * archiving them.
 */
public interface CustomerRetention {

	/** A record whose state was set long enough ago. */
	record Due(CustomerKind kind, UUID id, String displayName, EndOfLifeState state, OffsetDateTime since) {
	}

	/**
	 * The records of the current workspace in a state set before {@code setBefore}, not
	 * in the trash, in id order after {@code after}; archived ones only when asked.
	 */
	List<Due> due(EndOfLifeState state, OffsetDateTime setBefore, boolean includeArchived, @Nullable UUID after,
			int limit);

	/**
	 * Archives a record: it leaves the lists and stays restorable from its page. Records
	 * the change in its history. Does nothing to a record already archived.
	 * @return whether the record was archived now
	 */
	boolean archive(CustomerKind kind, UUID id, String reason);

}
