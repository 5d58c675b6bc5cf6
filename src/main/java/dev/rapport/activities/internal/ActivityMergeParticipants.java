package dev.rapport.activities.internal;

import static dev.rapport.activities.internal.db.Tables.ACTIVITY;
import static dev.rapport.activities.internal.db.Tables.ACTIVITY_ATTENDEE;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.rapport.customers.CustomerKind;
import dev.rapport.customers.MergeParticipant;
import dev.rapport.platform.Actors;

/**
 * What activities moves when two customers are merged: the tasks, calls, meetings and
 * notes about the person or company, and a person's places among attendees (not where the
 * survivor attends already). Activities about a deal follow the deal.
 */
final class ActivityMergeParticipants {

	private static final int CHUNK = 1000;

	private ActivityMergeParticipants() {
	}

	/** Activities about the customer. */
	@Component
	static class Activities implements MergeParticipant {

		private final DSLContext dsl;

		Activities(DSLContext dsl) {
			this.dsl = dsl;
		}

		@Override
		public String name() {
			return "activities.activities";
		}

		@Override
		public List<UUID> move(CustomerKind kind, UUID from, UUID into) {
			Field<UUID> column = column(kind);
			List<UUID> ids = this.dsl.select(ACTIVITY.ID)
				.from(ACTIVITY)
				.where(ACTIVITY.WORKSPACE_ID.eq(Actors.workspaceId()))
				.and(column.eq(from))
				.fetch(ACTIVITY.ID);
			set(this.dsl, ACTIVITY, ACTIVITY.WORKSPACE_ID, ACTIVITY.ID, column, into, null, ids);
			return ids;
		}

		@Override
		public void moveBack(CustomerKind kind, UUID from, UUID into, List<UUID> ids) {
			set(this.dsl, ACTIVITY, ACTIVITY.WORKSPACE_ID, ACTIVITY.ID, column(kind), from, into, ids);
		}

		private static Field<UUID> column(CustomerKind kind) {
			return (kind == CustomerKind.PERSON) ? ACTIVITY.PERSON_ID : ACTIVITY.COMPANY_ID;
		}

	}

	/** A person among the attendees of calls and meetings. */
	@Component
	static class Attendees implements MergeParticipant {

		private final DSLContext dsl;

		Attendees(DSLContext dsl) {
			this.dsl = dsl;
		}

		@Override
		public String name() {
			return "activities.attendees";
		}

		@Override
		public List<UUID> move(CustomerKind kind, UUID from, UUID into) {
			if (kind != CustomerKind.PERSON) {
				return List.of();
			}
			UUID workspaceId = Actors.workspaceId();
			var survivor = ACTIVITY_ATTENDEE.as("survivor");
			List<UUID> ids = this.dsl.select(ACTIVITY_ATTENDEE.ID)
				.from(ACTIVITY_ATTENDEE)
				.where(ACTIVITY_ATTENDEE.WORKSPACE_ID.eq(workspaceId))
				.and(ACTIVITY_ATTENDEE.PERSON_ID.eq(from))
				.andNotExists(DSL.selectOne()
					.from(survivor)
					.where(survivor.WORKSPACE_ID.eq(workspaceId))
					.and(survivor.ACTIVITY_ID.eq(ACTIVITY_ATTENDEE.ACTIVITY_ID))
					.and(survivor.PERSON_ID.eq(into)))
				.fetch(ACTIVITY_ATTENDEE.ID);
			set(this.dsl, ACTIVITY_ATTENDEE, ACTIVITY_ATTENDEE.WORKSPACE_ID, ACTIVITY_ATTENDEE.ID,
					ACTIVITY_ATTENDEE.PERSON_ID, into, null, ids);
			return ids;
		}

		@Override
		public void moveBack(CustomerKind kind, UUID from, UUID into, List<UUID> ids) {
			if (kind == CustomerKind.PERSON) {
				set(this.dsl, ACTIVITY_ATTENDEE, ACTIVITY_ATTENDEE.WORKSPACE_ID, ACTIVITY_ATTENDEE.ID,
						ACTIVITY_ATTENDEE.PERSON_ID, from, into, ids);
			}
		}

	}

	private static void set(DSLContext dsl, Table<?> table, Field<UUID> workspaceId, Field<UUID> id, Field<UUID> column,
			UUID value, @Nullable UUID onlyWhere, List<UUID> ids) {
		for (int start = 0; start < ids.size(); start += CHUNK) {
			List<UUID> chunk = new ArrayList<>(ids.subList(start, Math.min(ids.size(), start + CHUNK)));
			dsl.update(table)
				.set(column, value)
				.where(workspaceId.eq(Actors.workspaceId()))
				.and(id.in(chunk))
				.and((onlyWhere != null) ? column.eq(onlyWhere) : DSL.noCondition())
				.execute();
		}
	}

}
