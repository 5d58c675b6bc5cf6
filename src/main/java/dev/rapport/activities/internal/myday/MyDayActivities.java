package dev.rapport.activities.internal.myday;

import static dev.rapport.activities.internal.db.Tables.ACTIVITY;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.activities.internal.ActivityService;
import dev.rapport.activities.internal.db.tables.records.ActivityRecord;
import dev.rapport.identity.Access;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.identity.OwnedRecords;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.StaleVersionException;

/**
 * The activities of one assignee that belong on "my day" — overdue tasks, calls to return
 * or make today, today's meetings — read as ranges of (workspace, assignee, status,
 * starts_at), and the one-click move of a task or call to tomorrow.
 */
@Component
public class MyDayActivities {

	static final String KIND = "activity";

	static final OwnedRecords ACTIVITIES = new OwnedRecords(ACTIVITY.WORKSPACE_ID, ACTIVITY.ASSIGNEE_ID,
			ACTIVITY.TEAM_ID);

	private final DSLContext dsl;

	private final AccessPolicy accessPolicy;

	private final ActivityService activities;

	MyDayActivities(DSLContext dsl, AccessPolicy accessPolicy, ActivityService activities) {
		this.activities = activities;
		this.dsl = dsl;
		this.accessPolicy = accessPolicy;
	}

	/** An activity as "my day" shows it. */
	public record Row(UUID id, String kind, String title, OffsetDateTime startsAt, @Nullable OffsetDateTime endsAt,
			boolean allDay, @Nullable UUID personId, @Nullable UUID dealId, int version,
			@Nullable OffsetDateTime doneAt, @Nullable String outcome) {
	}

	/** Activities found and their total, counted up to the cap. */
	public record Found(List<Row> items, int total) {
	}

	/**
	 * Open tasks past due: a timed task once its time passed, a task for a whole day once
	 * that date is before the user's today (in their zone). The oldest first.
	 */
	@Transactional(readOnly = true)
	public Found overdueTasks(UUID assigneeId, Instant now, LocalDate today, ZoneId zone, int limit) {
		// A task due on a date is kept as midnight UTC of that date: it is overdue once
		// that
		// date is before the user's today, whatever their zone.
		OffsetDateTime due = today.atStartOfDay().atOffset(ZoneOffset.UTC);
		OffsetDateTime timed = utc(now);
		Condition where = open(assigneeId).and(ACTIVITY.KIND.eq("task"))
			.and(ACTIVITY.STARTS_AT.lt(timed.isAfter(due) ? timed : due))
			.and(ACTIVITY.ALL_DAY.isFalse()
				.and(ACTIVITY.STARTS_AT.lt(timed))
				.or(ACTIVITY.ALL_DAY.isTrue().and(ACTIVITY.STARTS_AT.lt(due))));
		return find(where, limit);
	}

	/** Open calls whose time has passed, and those planned for the rest of today. */
	@Transactional(readOnly = true)
	public Found calls(UUID assigneeId, LocalDate today, ZoneId zone, int limit) {
		Condition where = open(assigneeId).and(ACTIVITY.KIND.eq("call"))
			.and(ACTIVITY.STARTS_AT.lt(startOf(today.plusDays(1), zone)));
		return find(where, limit);
	}

	/** Open meetings starting today, in the user's zone. */
	@Transactional(readOnly = true)
	public Found meetings(UUID assigneeId, LocalDate today, ZoneId zone, int limit) {
		Condition where = open(assigneeId).and(ACTIVITY.KIND.eq("meeting"))
			.and(ACTIVITY.STARTS_AT.ge(startOf(today, zone)))
			.and(ACTIVITY.STARTS_AT.lt(startOf(today.plusDays(1), zone)));
		return find(where, limit);
	}

	/**
	 * What the user completed today (in their zone): tasks, calls and meetings done, the
	 * latest first, so that they and their manager see the day's work.
	 */
	@Transactional(readOnly = true)
	public Found doneToday(UUID assigneeId, LocalDate today, ZoneId zone, int limit) {
		Condition where = this.accessPolicy.condition(ACTIVITIES, Access.READ)
			.and(ACTIVITY.ASSIGNEE_ID.eq(assigneeId))
			.and(ACTIVITY.STATUS.eq("done"))
			.and(ACTIVITY.DONE_AT.ge(startOf(today, zone)))
			.and(ACTIVITY.DONE_AT.lt(startOf(today.plusDays(1), zone)))
			.and(ACTIVITY.KIND.ne("note"))
			.and(ACTIVITY.DELETED_AT.isNull());
		List<Row> items = this.dsl.selectFrom(ACTIVITY)
			.where(where)
			.orderBy(ACTIVITY.DONE_AT.desc(), ACTIVITY.ID.desc())
			.limit(limit)
			.fetch(MyDayActivities::row);
		int total = this.dsl.fetchCount(DSL.selectOne().from(ACTIVITY).where(where).limit(MyDay.COUNT_CAP));
		return new Found(items, total);
	}

	/**
	 * Moves an open task or call to tomorrow (in the user's zone) at the same time of
	 * day, its end with it. Rejects a stale version, an activity out of reach (404) or
	 * only readable (403), and one that is done, canceled or not a task or call.
	 * @return the activity as moved
	 */
	@Transactional
	public Row rescheduleToTomorrow(UUID id, int version, LocalDate today, ZoneId zone) {
		ActivityRecord activity = this.dsl.selectFrom(ACTIVITY)
			.where(this.accessPolicy.condition(ACTIVITIES, Access.READ))
			.and(ACTIVITY.ID.eq(id))
			.and(ACTIVITY.DELETED_AT.isNull())
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(KIND, id));
		this.accessPolicy.check(Access.UPDATE, KIND, id, activity.getAssigneeId(), activity.getTeamId());
		StaleVersionException.check(KIND, version, activity.getVersion());
		if (!"open".equals(activity.getStatus()) || activity.getStartsAt() == null
				|| !List.of("task", "call").contains(activity.getKind())) {
			throw new BusinessRuleException(null, "myday.reschedule.not-open");
		}
		OffsetDateTime start = activity.getStartsAt();
		// A task due on a date is kept as midnight UTC of that date.
		OffsetDateTime moved = Boolean.TRUE.equals(activity.getAllDay())
				? today.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC)
				: today.plusDays(1)
					.atTime(start.atZoneSameInstant(zone).toLocalTime())
					.atZone(zone)
					.toOffsetDateTime()
					.withOffsetSameInstant(ZoneOffset.UTC);
		// Through the activities service, so that reminders and the timeline move too.
		this.activities.reschedule(id, version, moved);
		activity.refresh();
		return row(activity);
	}

	private Found find(Condition where, int limit) {
		List<Row> items = this.dsl.selectFrom(ACTIVITY)
			.where(where)
			.orderBy(ACTIVITY.STARTS_AT, ACTIVITY.ID)
			.limit(limit)
			.fetch(MyDayActivities::row);
		int total = this.dsl.fetchCount(DSL.selectOne().from(ACTIVITY).where(where).limit(MyDay.COUNT_CAP));
		return new Found(items, total);
	}

	private Condition open(UUID assigneeId) {
		return this.accessPolicy.condition(ACTIVITIES, Access.READ)
			.and(ACTIVITY.ASSIGNEE_ID.eq(assigneeId))
			.and(ACTIVITY.STATUS.eq("open"))
			.and(ACTIVITY.DELETED_AT.isNull());
	}

	private static Row row(ActivityRecord r) {
		return new Row(r.getId(), r.getKind(), r.getTitle(), r.getStartsAt(), r.getEndsAt(),
				Boolean.TRUE.equals(r.getAllDay()), r.getPersonId(), r.getDealId(), r.getVersion(), r.getDoneAt(),
				r.getOutcome());
	}

	static OffsetDateTime startOf(LocalDate day, ZoneId zone) {
		return day.atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
	}

	private static OffsetDateTime utc(Instant now) {
		return now.atOffset(ZoneOffset.UTC);
	}

}
