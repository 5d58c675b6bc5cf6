package dev.rapport.activities.internal;

import static dev.rapport.activities.internal.db.Tables.ACTIVITY;
import static dev.rapport.activities.internal.db.Tables.ACTIVITY_ATTENDEE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import dev.rapport.customers.PersonalData;
import dev.rapport.platform.ChangeLog;
import dev.rapport.platform.WorkspaceScope;

/**
 * What activities hold about a person: the tasks, calls, meetings and notes about them or
 * that they attend. Erasure keeps each activity's kind, times, status and assignee (the
 * work done still counts) and replaces its subject with a placeholder, removing notes,
 * place, link and outcome, and their history.
 */
@Component
class ActivitiesPersonalData implements PersonalData {

	private final DSLContext dsl;

	private final ChangeLog changes;

	private final MessageSource messages;

	ActivitiesPersonalData(DSLContext dsl, ChangeLog changes, MessageSource messages) {
		this.dsl = dsl;
		this.changes = changes;
		this.messages = messages;
	}

	@Override
	public String name() {
		return "activities.activities";
	}

	@Override
	public List<Map<String, Object>> export(UUID personId) {
		return this.dsl.selectFrom(ACTIVITY)
			.where(WorkspaceScope.of(ACTIVITY.WORKSPACE_ID))
			.and(about(personId))
			.and(ACTIVITY.DELETED_AT.isNull())
			.orderBy(ACTIVITY.CREATED_AT, ACTIVITY.ID)
			.fetch((r) -> {
				Map<String, Object> m = new LinkedHashMap<>();
				m.put("kind", r.getKind());
				m.put("title", r.getTitle());
				if (r.getNotes() != null) {
					m.put("notes", r.getNotes());
				}
				m.put("status", r.getStatus());
				if (r.getStartsAt() != null) {
					m.put("startsAt", r.getStartsAt().toString());
				}
				if (r.getPlace() != null) {
					m.put("place", r.getPlace());
				}
				if (r.getOutcome() != null) {
					m.put("outcome", r.getOutcome());
				}
				m.put("role", personId.equals(r.getPersonId()) ? "about" : "attendee");
				return m;
			});
	}

	@Override
	public int erase(UUID personId) {
		List<UUID> ids = this.dsl.select(ACTIVITY.ID)
			.from(ACTIVITY)
			.where(WorkspaceScope.of(ACTIVITY.WORKSPACE_ID))
			.and(about(personId))
			.fetch(ACTIVITY.ID);
		if (ids.isEmpty()) {
			return 0;
		}
		String placeholder = this.messages.getMessage("activities.erased.title", null, "—",
				LocaleContextHolder.getLocale());
		int changed = this.dsl.update(ACTIVITY)
			.set(ACTIVITY.TITLE, placeholder)
			.setNull(ACTIVITY.NOTES)
			.setNull(ACTIVITY.PLACE)
			.setNull(ACTIVITY.LINK)
			.setNull(ACTIVITY.OUTCOME)
			.set(ACTIVITY.VERSION, ACTIVITY.VERSION.plus(1))
			.where(WorkspaceScope.of(ACTIVITY.WORKSPACE_ID))
			.and(ACTIVITY.ID.in(ids))
			.execute();
		return changed + this.changes.blank(ids);
	}

	private static Condition about(UUID personId) {
		return ACTIVITY.PERSON_ID.eq(personId)
			.or(DSL.exists(DSL.selectOne()
				.from(ACTIVITY_ATTENDEE)
				.where(ACTIVITY_ATTENDEE.WORKSPACE_ID.eq(ACTIVITY.WORKSPACE_ID))
				.and(ACTIVITY_ATTENDEE.ACTIVITY_ID.eq(ACTIVITY.ID))
				.and(ACTIVITY_ATTENDEE.PERSON_ID.eq(personId))));
	}

}
