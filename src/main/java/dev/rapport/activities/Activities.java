package dev.rapport.activities;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Tasks, calls, meetings and notes for other modules ("my day", the calendar, imports).
 * Every method applies the access policy: the assignee's reach, the team the activity is
 * shared with, and the users attending a call or meeting (who may read it).
 */
public interface Activities {

	/** An activity the current user may read, not deleted. */
	Optional<ActivityView> find(UUID id);

	/**
	 * Creates an activity, puts it on the related person's or company's timeline, writes
	 * its reminders and tells the related deal. Rejects invalid fields naming each
	 * ({@link dev.rapport.platform.InvalidFieldsException}), such as a missing title, an
	 * end before the start, or a person the user may not read.
	 */
	ActivityView create(ActivityInput input);

	/**
	 * Completes an open activity. For a call or meeting with a related person,
	 * {@code logInteraction} logs the outcome as an interaction on the person's timeline.
	 * For a recurring task, creates the next occurrence. Rejects a stale version
	 * ({@link dev.rapport.platform.StaleVersionException}) and an activity that is not
	 * open.
	 */
	ActivityView complete(UUID id, int expectedVersion, @Nullable String outcome, boolean logInteraction);

	/** A user's open activities, soonest due first (those without a date last). */
	List<ActivityView> openOf(UUID assigneeId, int limit);

	/** One page of the activities the current user may read that match the query. */
	ActivityPage list(ActivityQuery query, @Nullable String cursor, int limit);

	/**
	 * Deletes an activity softly (off lists and timelines, reminders canceled). Rejects a
	 * stale version; needs the right to delete the assignee's records.
	 */
	void delete(UUID id, int expectedVersion);

}
