package dev.rapport.activities.internal.calendar;

import static dev.rapport.activities.internal.db.Tables.ACTIVITY;
import static dev.rapport.activities.internal.db.Tables.ACTIVITY_ATTENDEE;

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

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.identity.Access;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.identity.AccessScope;
import dev.rapport.identity.OwnedRecords;
import dev.rapport.identity.UserView;
import dev.rapport.identity.Users;
import dev.rapport.platform.Actors;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.WorkspaceScope;

/**
 * Reads a user's calendar: the calls, meetings and dated tasks assigned to them or that
 * they attend, and decides whose calendar the current user may open.
 */
@Service
public class CalendarService {

	/** The most items one calendar read returns. */
	public static final int MAX_ITEMS = 5000;

	static final OwnedRecords ACTIVITIES = new OwnedRecords(ACTIVITY.WORKSPACE_ID, ACTIVITY.ASSIGNEE_ID,
			ACTIVITY.TEAM_ID);

	private static final List<String> CALENDAR_KINDS = List.of("task", "call", "meeting");

	private final DSLContext dsl;

	private final AccessPolicy policy;

	private final Users users;

	CalendarService(DSLContext dsl, AccessPolicy policy, Users users) {
		this.dsl = dsl;
		this.policy = policy;
		this.users = users;
	}

	/**
	 * The user whose calendar is asked for: the current user when none is named,
	 * otherwise someone within the current user's reach (one of their reports, or anyone
	 * for an administrator); anyone else answers {@link NotFoundException}.
	 */
	@Transactional(readOnly = true)
	public UserView owner(@Nullable UUID userId) {
		UUID me = Actors.require().userId();
		if (me == null) {
			throw new IllegalStateException("A calendar needs a signed-in user");
		}
		UUID wanted = (userId != null) ? userId : me;
		if (!wanted.equals(me)) {
			AccessScope scope = this.policy.currentScope();
			if (!scope.administrator() && !scope.reports().contains(wanted)) {
				throw new NotFoundException("user", wanted);
			}
		}
		return this.users.find(wanted).orElseThrow(() -> new NotFoundException("user", wanted));
	}

	/** The users whose calendars the current user may open, themselves first. */
	@Transactional(readOnly = true)
	public List<UserView> reachable() {
		AccessScope scope = this.policy.currentScope();
		if (!scope.administrator() && scope.reports().isEmpty()) {
			return this.users.find(scope.userId()).stream().toList();
		}
		return this.users.active()
			.stream()
			.filter((u) -> u.id().equals(scope.userId()) || scope.administrator() || scope.reports().contains(u.id()))
			.sorted(java.util.Comparator.comparing((UserView u) -> !u.id().equals(scope.userId())))
			.toList();
	}

	/**
	 * A user's items that overlap {@code [from, to)}, in time order, canceled ones only
	 * when asked; at most {@link #MAX_ITEMS}. When the user is not the current one, only
	 * items the current user may read are included.
	 */
	@Transactional(readOnly = true)
	public List<CalendarItem> items(UUID userId, Instant from, Instant to, boolean withCanceled) {
		Condition mine = ACTIVITY.ASSIGNEE_ID.eq(userId)
			.or(DSL.exists(DSL.selectOne()
				.from(ACTIVITY_ATTENDEE)
				.where(ACTIVITY_ATTENDEE.WORKSPACE_ID.eq(ACTIVITY.WORKSPACE_ID))
				.and(ACTIVITY_ATTENDEE.ACTIVITY_ID.eq(ACTIVITY.ID))
				.and(ACTIVITY_ATTENDEE.USER_ID.eq(userId))));
		UUID me = Actors.require().userId();
		Condition reach = userId.equals(me) ? WorkspaceScope.of(ACTIVITY.WORKSPACE_ID)
				: this.policy.condition(ACTIVITIES, Access.READ);
		// An all-day item starts at midnight in some zone: read a day more on each side
		// and keep what truly overlaps below.
		OffsetDateTime lower = OffsetDateTime.ofInstant(from.minus(Duration.ofDays(2)), ZoneOffset.UTC);
		OffsetDateTime upper = OffsetDateTime.ofInstant(to.plus(Duration.ofDays(1)), ZoneOffset.UTC);
		Condition status = withCanceled ? DSL.noCondition() : ACTIVITY.STATUS.ne("canceled");
		return this.dsl
			.select(ACTIVITY.ID, ACTIVITY.KIND, ACTIVITY.TITLE, ACTIVITY.STATUS, ACTIVITY.STARTS_AT, ACTIVITY.ENDS_AT,
					ACTIVITY.ALL_DAY, ACTIVITY.PLACE, ACTIVITY.LINK, ACTIVITY.NOTES, ACTIVITY.ASSIGNEE_ID,
					ACTIVITY.UPDATED_AT, ACTIVITY.VERSION)
			.from(ACTIVITY)
			.where(reach)
			.and(mine)
			.and(ACTIVITY.KIND.in(CALENDAR_KINDS))
			.and(ACTIVITY.DELETED_AT.isNull())
			.and(ACTIVITY.STARTS_AT.isNotNull())
			.and(ACTIVITY.STARTS_AT.lt(upper))
			.and(DSL.coalesce(ACTIVITY.ENDS_AT, ACTIVITY.STARTS_AT).ge(lower))
			.and(status)
			.orderBy(ACTIVITY.STARTS_AT, ACTIVITY.ID)
			.limit(MAX_ITEMS)
			.fetch((r) -> new CalendarItem(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
					r.value7(), r.value8(), r.value9(), r.value10(), r.value11(), r.value12(), r.value13()))
			.stream()
			.filter((item) -> overlaps(item, from, to))
			.toList();
	}

	/** A user's items on the days from {@code first} to {@code last}, in a zone. */
	@Transactional(readOnly = true)
	public List<CalendarItem> items(UUID userId, LocalDate first, LocalDate last, ZoneId zone, boolean withCanceled) {
		Instant from = first.atStartOfDay(zone).toInstant();
		Instant to = last.plusDays(1).atStartOfDay(zone).toInstant();
		return items(userId, from, to, withCanceled).stream()
			.filter((item) -> !item.allDay()
					|| (!item.allDayDate(zone).isBefore(first) && !item.allDayDate(zone).isAfter(last)))
			.toList();
	}

	private static boolean overlaps(CalendarItem item, Instant from, Instant to) {
		if (item.allDay()) {
			Instant day = item.startsAt().toInstant();
			return day.isBefore(to.plus(Duration.ofDays(1))) && day.plus(Duration.ofDays(1)).isAfter(from);
		}
		Instant start = item.startsAt().toInstant();
		Instant end = (item.endsAt() != null && item.endsAt().isAfter(item.startsAt())) ? item.endsAt().toInstant()
				: start;
		return start.isBefore(to) && !end.isBefore(from);
	}

}
