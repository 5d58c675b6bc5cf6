package dev.rapport.activities;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A task, call, meeting or note as people see it: what it is about, when it is due or
 * starts, who does it and takes part, and how it ended.
 *
 * @param dueOn for a task due on a date without a time (allDay), that date
 * @param recurrence the rule of a recurring task ({@code weekly:2}); completing it makes
 * the next occurrence in the same series
 * @param reminders minutes before the start at which the assignee (and the attending
 * users) are reminded
 * @param interactionId the interaction logged on the person's timeline when completed
 */
public record ActivityView(UUID id, String kind, String title, @Nullable String notes, String status, String priority,
		@Nullable OffsetDateTime startsAt, @Nullable OffsetDateTime endsAt, boolean allDay, @Nullable LocalDate dueOn,
		UUID assigneeId, @Nullable UUID teamId, @Nullable UUID personId, @Nullable UUID companyId,
		@Nullable UUID dealId, @Nullable String place, @Nullable String link, @Nullable String recurrence,
		@Nullable UUID seriesId, @Nullable OffsetDateTime doneAt, @Nullable UUID doneBy, @Nullable String outcome,
		@Nullable UUID interactionId, List<UUID> attendeeUserIds, List<UUID> attendeePersonIds, List<Integer> reminders,
		OffsetDateTime createdAt, int version) {

	public static final String TASK = "task";

	public static final String CALL = "call";

	public static final String MEETING = "meeting";

	public static final String NOTE = "note";

	/** The kinds of activities. */
	public static final List<String> KINDS = List.of(TASK, CALL, MEETING, NOTE);

	public static final String OPEN = "open";

	public static final String DONE = "done";

	public static final String CANCELED = "canceled";

	/** The states of an activity. */
	public static final List<String> STATUSES = List.of(OPEN, DONE, CANCELED);

	/** The priorities of a task. */
	public static final List<String> PRIORITIES = List.of("low", "normal", "high");

	public boolean open() {
		return OPEN.equals(this.status);
	}

	/**
	 * Whether it is a call or a meeting, whose outcome can be logged as an interaction.
	 */
	public boolean scheduled() {
		return CALL.equals(this.kind) || MEETING.equals(this.kind);
	}

}
