package dev.rapport.sales;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Deals moving through a pipeline towards won or lost, for other modules (the board,
 * activities, my day). Every method applies the access policy unless it says otherwise.
 */
public interface Deals {

	/**
	 * A deal the current user may read; absent when it does not exist, is deleted or out
	 * of reach.
	 */
	Optional<DealView> find(UUID id);

	/**
	 * Moves a deal the current user may change to another stage of a pipeline, recording
	 * the change in its stage history and on the timeline of its company and people;
	 * winning it may move its people to the lifecycle stage active (a workspace setting).
	 * Throws {@link dev.rapport.platform.StaleVersionException} when the version differs,
	 * {@link dev.rapport.platform.InvalidFieldsException} naming {@code stageId} for a
	 * stage that does not exist or is archived and {@code lostReason} when a lost stage
	 * is entered without a reason; 404 when the deal is out of reach.
	 */
	DealView moveToStage(UUID dealId, UUID stageId, int expectedVersion, @Nullable String lostReason);

	/**
	 * Notes that someone worked on a deal at a time (an activity about it): its
	 * {@code lastActivityAt} becomes the later of the two. Only checks the workspace, and
	 * does not change the deal's version.
	 */
	void recordActivity(UUID dealId, OffsetDateTime at);

	/**
	 * Creates a deal, owned by the current user unless the input names an owner, in the
	 * given stage or the first open stage of the pipeline (the workspace's first pipeline
	 * when none is named). Rejects invalid fields, naming each.
	 */
	DealView create(DealInput input);

	/**
	 * Moves a deal the current user may delete to the trash and takes it off the
	 * timeline. Rejects a stale version; 404 out of reach, 403 without the right.
	 */
	void delete(UUID id, int version);

}
