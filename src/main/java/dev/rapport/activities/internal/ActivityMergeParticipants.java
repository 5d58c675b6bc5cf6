package dev.rapport.activities.internal;

import static dev.rapport.activities.internal.db.Tables.ACTIVITY;
import static dev.rapport.activities.internal.db.Tables.ACTIVITY_ATTENDEE;

import java.util.Map;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import org.springframework.stereotype.Component;

import dev.rapport.customers.ColumnMergeParticipant;
import dev.rapport.customers.CustomerKind;
import dev.rapport.platform.Actors;

/**
 * What activities moves when two customers are merged: the tasks, calls, meetings and
 * notes about the person or company, and a person's places among attendees (not where the
 * survivor attends already). Activities about a deal follow the deal.
 */
final class ActivityMergeParticipants {

	private ActivityMergeParticipants() {
	}

	/** Activities about the customer. */
	@Component
	static class Activities extends ColumnMergeParticipant {

		Activities(DSLContext dsl) {
			super(dsl, "activities.activities", ACTIVITY, ACTIVITY.WORKSPACE_ID, ACTIVITY.ID,
					Map.of(CustomerKind.PERSON, ACTIVITY.PERSON_ID, CustomerKind.COMPANY, ACTIVITY.COMPANY_ID));
		}

	}

	/** A person among the attendees of calls and meetings. */
	@Component
	static class Attendees extends ColumnMergeParticipant {

		Attendees(DSLContext dsl) {
			super(dsl, "activities.attendees", ACTIVITY_ATTENDEE, ACTIVITY_ATTENDEE.WORKSPACE_ID, ACTIVITY_ATTENDEE.ID,
					Map.of(CustomerKind.PERSON, ACTIVITY_ATTENDEE.PERSON_ID));
		}

		@Override
		protected Condition keep(CustomerKind kind, UUID from, UUID into) {
			var survivor = ACTIVITY_ATTENDEE.as("survivor");
			return DSL.exists(DSL.selectOne()
				.from(survivor)
				.where(survivor.WORKSPACE_ID.eq(Actors.workspaceId()))
				.and(survivor.ACTIVITY_ID.eq(ACTIVITY_ATTENDEE.ACTIVITY_ID))
				.and(survivor.PERSON_ID.eq(into)));
		}

	}

}
