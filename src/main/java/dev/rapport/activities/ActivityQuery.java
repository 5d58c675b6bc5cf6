package dev.rapport.activities;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What to list: every filter is optional and they combine. The view is counted in the
 * current user's time zone: {@code open} (not done), {@code overdue} (open and due before
 * now, or before today for tasks due on a date), {@code today} and {@code week} (open and
 * due today or this week, overdue ones left out).
 */
public record ActivityQuery(@Nullable UUID assigneeId, @Nullable String kind, @Nullable String status,
		@Nullable OffsetDateTime from, @Nullable OffsetDateTime to, @Nullable UUID personId, @Nullable UUID companyId,
		@Nullable UUID dealId, @Nullable String view) {

	public static final java.util.List<String> VIEWS = java.util.List.of("open", "overdue", "today", "week");

	public static ActivityQuery view(@Nullable UUID assigneeId, String view) {
		return new ActivityQuery(assigneeId, null, null, null, null, null, null, null, view);
	}

}
