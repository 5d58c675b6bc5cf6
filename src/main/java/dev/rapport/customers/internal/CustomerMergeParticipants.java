package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.COMPANY;
import static dev.rapport.customers.internal.db.Tables.CONSENT_EVENT;
import static dev.rapport.customers.internal.db.Tables.INTERACTION;
import static dev.rapport.customers.internal.db.Tables.LIFECYCLE_CHANGE;
import static dev.rapport.customers.internal.db.Tables.PERSON;
import static dev.rapport.customers.internal.db.Tables.SEARCH_TERM;
import static dev.rapport.customers.internal.db.Tables.TIMELINE_ENTRY;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.rapport.customers.ColumnMergeParticipant;
import dev.rapport.customers.CustomerKind;
import dev.rapport.customers.MergeParticipant;
import dev.rapport.platform.Actors;

/**
 * What the customer database moves when two customers are merged: timeline entries,
 * interactions, the consent ledger and the lifecycle history of a person; the people,
 * subsidiaries, interactions and timeline entries of a company. Names, contact points,
 * tags and custom values are not moved: the merge chooses them field by field and the
 * merged record keeps its own, so undoing it loses nothing.
 */
@Configuration(proxyBeanMethods = false)
class CustomerMergeParticipants {

	@Bean
	MergeParticipant timelineMerge(DSLContext dsl) {
		return new ColumnMergeParticipant(dsl, "customers.timeline", TIMELINE_ENTRY, TIMELINE_ENTRY.WORKSPACE_ID,
				TIMELINE_ENTRY.ID,
				Map.of(CustomerKind.PERSON, TIMELINE_ENTRY.PERSON_ID, CustomerKind.COMPANY, TIMELINE_ENTRY.COMPANY_ID));
	}

	@Bean
	MergeParticipant interactionsMerge(DSLContext dsl) {
		return new ColumnMergeParticipant(dsl, "customers.interactions", INTERACTION, INTERACTION.WORKSPACE_ID,
				INTERACTION.ID,
				Map.of(CustomerKind.PERSON, INTERACTION.PERSON_ID, CustomerKind.COMPANY, INTERACTION.COMPANY_ID));
	}

	@Bean
	MergeParticipant consentMerge(DSLContext dsl) {
		return new ColumnMergeParticipant(dsl, "customers.consent", CONSENT_EVENT, CONSENT_EVENT.WORKSPACE_ID,
				CONSENT_EVENT.ID, Map.of(CustomerKind.PERSON, CONSENT_EVENT.PERSON_ID));
	}

	@Bean
	MergeParticipant lifecycleMerge(DSLContext dsl) {
		return new ColumnMergeParticipant(dsl, "customers.lifecycle", LIFECYCLE_CHANGE, LIFECYCLE_CHANGE.WORKSPACE_ID,
				LIFECYCLE_CHANGE.ID, Map.of(CustomerKind.PERSON, LIFECYCLE_CHANGE.PERSON_ID));
	}

	@Bean
	MergeParticipant subsidiariesMerge(DSLContext dsl) {
		return new ColumnMergeParticipant(dsl, "customers.subsidiaries", COMPANY, COMPANY.WORKSPACE_ID, COMPANY.ID,
				Map.of(CustomerKind.COMPANY, COMPANY.PARENT_ID)) {

			@Override
			protected Condition keep(CustomerKind kind, UUID from, UUID into) {
				// The survivor never becomes its own parent.
				return COMPANY.ID.eq(into);
			}

		};
	}

	/**
	 * The people of a company, with the copies of its name and domain their search terms
	 * hold.
	 */
	@Bean
	MergeParticipant companyPeopleMerge(DSLContext dsl, SearchIndex searchIndex) {
		return new ColumnMergeParticipant(dsl, "customers.people", PERSON, PERSON.WORKSPACE_ID, PERSON.ID,
				Map.of(CustomerKind.COMPANY, PERSON.COMPANY_ID)) {

			@Override
			public List<UUID> move(CustomerKind kind, UUID from, UUID into) {
				List<UUID> ids = super.move(kind, from, into);
				reindex(dsl, searchIndex, ids, from);
				return ids;
			}

			@Override
			public void moveBack(CustomerKind kind, UUID from, UUID into, List<UUID> ids) {
				super.moveBack(kind, from, into, ids);
				reindex(dsl, searchIndex, ids, into);
			}

		};
	}

	private static void reindex(DSLContext dsl, SearchIndex searchIndex, List<UUID> people, UUID oldCompany) {
		for (int start = 0; start < people.size(); start += 1000) {
			List<UUID> chunk = new ArrayList<>(people.subList(start, Math.min(people.size(), start + 1000)));
			dsl.deleteFrom(SEARCH_TERM)
				.where(SEARCH_TERM.WORKSPACE_ID.eq(Actors.workspaceId()))
				.and(SEARCH_TERM.RECORD_KIND.eq(SearchIndex.PERSON))
				.and(SEARCH_TERM.SOURCE_ID.eq(oldCompany))
				.and(SEARCH_TERM.RECORD_ID.in(chunk))
				.execute();
			searchIndex.copyCompanyTerms(PERSON.ID.in(chunk));
		}
	}

}
