package dev.rapport.activities;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A task, call, meeting or note to create or to change into. A task is due on a date
 * ({@code dueOn}, all day) or at a time ({@code startsAt}); a call or meeting starts at
 * {@code startsAt} and may end at {@code endsAt}. The assignee defaults to the current
 * user. Reminders are minutes before the start, for timed tasks, calls and meetings.
 *
 * @param kind task, call, meeting or note
 * @param recurrence for a task, {@code <daily|weekly|monthly|yearly>:<interval>}, such as
 * {@code weekly:2}
 */
public record ActivityInput(@Nullable String kind, @Nullable String title, @Nullable String notes,
		@Nullable String priority, @Nullable OffsetDateTime startsAt, @Nullable OffsetDateTime endsAt,
		@Nullable LocalDate dueOn, @Nullable UUID assigneeId, @Nullable UUID teamId, @Nullable UUID personId,
		@Nullable UUID companyId, @Nullable UUID dealId, @Nullable String place, @Nullable String link,
		@Nullable String recurrence, @Nullable List<UUID> attendeeUserIds, @Nullable List<UUID> attendeePersonIds,
		@Nullable List<Integer> reminders) {

	/** A task due on a date, for the current user. */
	public static ActivityInput task(String title, LocalDate dueOn) {
		return new ActivityInput(ActivityView.TASK, title, null, null, null, null, dueOn, null, null, null, null, null,
				null, null, null, null, null, null);
	}

}
