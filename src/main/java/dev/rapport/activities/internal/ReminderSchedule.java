package dev.rapport.activities.internal;

import static dev.rapport.activities.internal.db.Tables.REMINDER;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

import java.util.UUID;

import org.jooq.DSLContext;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.activities.internal.db.tables.records.ReminderRecord;
import dev.rapport.platform.Ids;

/**
 * The reminder rows of activities, which the delivery job reads: one row per user to
 * remind and offset, due at the activity's start less the offset, {@code pending} until
 * delivered. Rewriting keeps what was delivered; pending rows of an activity that is
 * done, canceled or deleted become {@code canceled}.
 */
@Service
public class ReminderSchedule {

	/** The offsets the forms offer, in minutes before the start. */
	public static final List<Integer> OFFERED = List.of(15, 60, 1440);

	/** The largest offset the API accepts: four weeks. */
	static final int MAX_MINUTES = 40_320;

	private final DSLContext dsl;

	private final Clock clock;

	ReminderSchedule(DSLContext dsl, Clock clock) {
		this.dsl = dsl;
		this.clock = clock;
	}

	/**
	 * Replaces the pending reminders of an activity: one per user and offset before
	 * {@code startsAt}. A reminder already delivered for the same user, offset and time
	 * is not written again; with no start, no users or no offsets, none is pending.
	 */
	@Transactional
	public void replace(UUID workspaceId, UUID activityId, @org.jspecify.annotations.Nullable OffsetDateTime startsAt,
			Collection<UUID> users, Collection<Integer> minutesBefore) {
		this.dsl.deleteFrom(REMINDER)
			.where(REMINDER.WORKSPACE_ID.eq(workspaceId))
			.and(REMINDER.ACTIVITY_ID.eq(activityId))
			.and(REMINDER.STATUS.eq("pending"))
			.execute();
		if (startsAt == null) {
			return;
		}
		List<ReminderRecord> delivered = this.dsl.selectFrom(REMINDER)
			.where(REMINDER.WORKSPACE_ID.eq(workspaceId))
			.and(REMINDER.ACTIVITY_ID.eq(activityId))
			.and(REMINDER.STATUS.eq("delivered"))
			.fetch();
		for (UUID user : new LinkedHashSet<>(users)) {
			for (Integer minutes : new LinkedHashSet<>(minutesBefore)) {
				OffsetDateTime at = startsAt.minusMinutes(minutes).withOffsetSameInstant(ZoneOffset.UTC);
				boolean done = delivered.stream()
					.anyMatch((r) -> r.getUserId().equals(user) && r.getMinutesBefore().equals(minutes)
							&& r.getRemindAt().toInstant().equals(at.toInstant()));
				if (done) {
					continue;
				}
				ReminderRecord record = this.dsl.newRecord(REMINDER);
				record.setWorkspaceId(workspaceId);
				record.setId(Ids.newId());
				record.setActivityId(activityId);
				record.setUserId(user);
				record.setMinutesBefore(minutes);
				record.setRemindAt(at);
				record.setStatus("pending");
				record.store();
			}
		}
	}

	/** Cancels the pending reminders of an activity; delivered ones stay as they are. */
	@Transactional
	public void cancel(UUID workspaceId, UUID activityId) {
		this.dsl.update(REMINDER)
			.set(REMINDER.STATUS, "canceled")
			.set(REMINDER.UPDATED_AT, OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC))
			.set(REMINDER.VERSION, REMINDER.VERSION.plus(1))
			.where(REMINDER.WORKSPACE_ID.eq(workspaceId))
			.and(REMINDER.ACTIVITY_ID.eq(activityId))
			.and(REMINDER.STATUS.eq("pending"))
			.execute();
	}

	/**
	 * The offsets an activity is reminded at (pending or delivered), smallest first.
	 */
	@Transactional(readOnly = true)
	public List<Integer> offsetsOf(UUID workspaceId, UUID activityId) {
		return this.dsl.selectDistinct(REMINDER.MINUTES_BEFORE)
			.from(REMINDER)
			.where(REMINDER.WORKSPACE_ID.eq(workspaceId))
			.and(REMINDER.ACTIVITY_ID.eq(activityId))
			.and(REMINDER.STATUS.ne("canceled"))
			.orderBy(REMINDER.MINUTES_BEFORE)
			.fetch(REMINDER.MINUTES_BEFORE);
	}

	/** The reminders of an activity, as rows: for tests and the activity page. */
	@Transactional(readOnly = true)
	public List<Row> rowsOf(UUID workspaceId, UUID activityId) {
		return this.dsl.selectFrom(REMINDER)
			.where(REMINDER.WORKSPACE_ID.eq(workspaceId))
			.and(REMINDER.ACTIVITY_ID.eq(activityId))
			.orderBy(REMINDER.REMIND_AT, REMINDER.USER_ID)
			.fetch((r) -> new Row(r.getUserId(), r.getMinutesBefore(), r.getRemindAt(), r.getStatus()));
	}

	/** One reminder of one user. */
	public record Row(UUID userId, int minutesBefore, OffsetDateTime remindAt, String status) {
	}

}
