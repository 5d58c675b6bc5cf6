package dev.rapport.customers;

import java.util.List;
import java.util.UUID;

/**
 * A module's records that belong to a person or a company (interactions, deals, tasks,
 * transactions, cases, campaign members, consent…), moved to the survivor when two
 * customers are merged and moved back when the merge is undone. Each module implements it
 * for its own tables; implementations are beans, found at start-up, so a new module joins
 * merges without anyone editing a central list.
 */
public interface MergeParticipant {

	/**
	 * A stable name for what it moves, such as {@code sales.deals}: stored with the merge
	 * to undo it, and the message key ({@code merge.moved.<name>}) of its label.
	 */
	String name();

	/**
	 * Moves every record of {@code from} to {@code into}, in the caller's transaction.
	 * Records that cannot move because the survivor already has the same one (a tag, an
	 * e-mail address) are left with {@code from}.
	 * @return the ids of the records moved, so that an undo moves back exactly these
	 */
	List<UUID> move(CustomerKind kind, UUID from, UUID into);

	/**
	 * Moves the given records, moved by {@link #move}, back from {@code into} to
	 * {@code from}.
	 */
	void moveBack(CustomerKind kind, UUID from, UUID into, List<UUID> ids);

}
