package dev.rapport.activities.internal.calendar;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A call, meeting or task with a time, as it appears in a calendar.
 *
 * @param id the activity
 * @param kind task, call or meeting
 * @param title what it is about
 * @param status open, done or canceled
 * @param startsAt a task's due time or a call's or meeting's start
 * @param endsAt when a call or meeting ends, if known
 * @param allDay whether it is a due date without a time
 * @param place where it happens
 * @param link a link given with it (a video call)
 * @param notes its notes
 * @param assigneeId who owns it
 * @param updatedAt when it was last changed
 * @param version its version
 */
public record CalendarItem(UUID id, String kind, String title, String status, OffsetDateTime startsAt,
		@Nullable OffsetDateTime endsAt, boolean allDay, @Nullable String place, @Nullable String link,
		@Nullable String notes, UUID assigneeId, OffsetDateTime updatedAt, int version) {

	/** How long a task with a due time lasts in a calendar: a short slot. */
	public static final Duration TASK_LENGTH = Duration.ofMinutes(15);

	/** How long a call or meeting without an end lasts in a calendar. */
	public static final Duration DEFAULT_LENGTH = Duration.ofMinutes(30);

	public boolean done() {
		return "done".equals(this.status);
	}

	public boolean canceled() {
		return "canceled".equals(this.status);
	}

	/**
	 * When it ends in a calendar: its end when it has one after its start, otherwise a
	 * short slot after it starts.
	 */
	public OffsetDateTime effectiveEnd() {
		if (this.endsAt != null && this.endsAt.isAfter(this.startsAt)) {
			return this.endsAt;
		}
		return this.startsAt.plus("task".equals(this.kind) ? TASK_LENGTH : DEFAULT_LENGTH);
	}

	/**
	 * The day of an all-day item. A due date is kept as the start of that day: midnight
	 * UTC, or midnight in the user's zone; both give back the same date here.
	 */
	public LocalDate allDayDate(ZoneId zone) {
		OffsetDateTime utc = this.startsAt.withOffsetSameInstant(ZoneOffset.UTC);
		if (utc.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
			return utc.toLocalDate();
		}
		return this.startsAt.atZoneSameInstant(zone).toLocalDate();
	}

	/** The first day it is shown on, in this zone. */
	public LocalDate firstDay(ZoneId zone) {
		return this.allDay ? allDayDate(zone) : this.startsAt.atZoneSameInstant(zone).toLocalDate();
	}

}
