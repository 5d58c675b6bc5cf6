package dev.rapport.activities;

import static dev.rapport.activities.internal.db.Tables.ACTIVITY;
import static dev.rapport.activities.internal.db.Tables.ACTIVITY_ATTENDEE;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.test.context.TestComponent;

import dev.rapport.identity.internal.UserService;
import dev.rapport.identity.internal.UserService.UserChange;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Ids;
import dev.rapport.support.Fixtures;

/**
 * Users in a time zone and language of their choice, and activities written straight into
 * the activities tables, for the calendar tests.
 */
@TestComponent
class CalendarTestData {

	private final DSLContext dsl;

	private final UserService users;

	private final Fixtures fixtures;

	CalendarTestData(DSLContext dsl, UserService users, Fixtures fixtures) {
		this.dsl = dsl;
		this.users = users;
		this.fixtures = fixtures;
	}

	UUID user(UUID workspaceId, String name, String role, @Nullable UUID managerId, String locale, String zone) {
		String email = name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "."
				+ UUID.randomUUID().toString().substring(0, 8) + "@calendar.test";
		UserChange change = new UserChange(email, name, this.fixtures.role(workspaceId, role), managerId, locale, zone,
				List.of());
		return Actors.callAs(Actor.system(workspaceId), () -> this.users.create(change, Fixtures.PASSWORD, false).id());
	}

	UUID activity(UUID workspaceId, UUID assigneeId, String kind, String title, OffsetDateTime startsAt,
			@Nullable OffsetDateTime endsAt, boolean allDay, String status) {
		return activity(workspaceId, assigneeId, kind, title, startsAt, endsAt, allDay, status, null, null);
	}

	UUID activity(UUID workspaceId, UUID assigneeId, String kind, String title, @Nullable OffsetDateTime startsAt,
			@Nullable OffsetDateTime endsAt, boolean allDay, String status, @Nullable String place,
			@Nullable String notes) {
		UUID id = Ids.newId();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		this.dsl.insertInto(ACTIVITY)
			.set(ACTIVITY.WORKSPACE_ID, workspaceId)
			.set(ACTIVITY.ID, id)
			.set(ACTIVITY.KIND, kind)
			.set(ACTIVITY.TITLE, title)
			.set(ACTIVITY.NOTES, notes)
			.set(ACTIVITY.STATUS, status)
			.set(ACTIVITY.PRIORITY, "normal")
			.set(ACTIVITY.STARTS_AT, startsAt)
			.set(ACTIVITY.ENDS_AT, endsAt)
			.set(ACTIVITY.ALL_DAY, allDay)
			.set(ACTIVITY.ASSIGNEE_ID, assigneeId)
			.set(ACTIVITY.PLACE, place)
			.set(ACTIVITY.DONE_AT, "done".equals(status) ? now : null)
			.set(ACTIVITY.CREATED_AT, now)
			.set(ACTIVITY.UPDATED_AT, now)
			.set(ACTIVITY.VERSION, 1)
			.execute();
		return id;
	}

	void attendee(UUID workspaceId, UUID activityId, UUID userId) {
		this.dsl.insertInto(ACTIVITY_ATTENDEE)
			.set(ACTIVITY_ATTENDEE.WORKSPACE_ID, workspaceId)
			.set(ACTIVITY_ATTENDEE.ID, Ids.newId())
			.set(ACTIVITY_ATTENDEE.ACTIVITY_ID, activityId)
			.set(ACTIVITY_ATTENDEE.USER_ID, userId)
			.execute();
	}

	void delete(UUID workspaceId, UUID activityId) {
		this.dsl.update(ACTIVITY)
			.set(ACTIVITY.DELETED_AT, OffsetDateTime.now(ZoneOffset.UTC))
			.where(ACTIVITY.WORKSPACE_ID.eq(workspaceId))
			.and(ACTIVITY.ID.eq(activityId))
			.execute();
	}

}
