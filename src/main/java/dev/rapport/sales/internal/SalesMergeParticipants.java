package dev.rapport.sales.internal;

import static dev.rapport.sales.internal.db.Tables.CUSTOMER_TRANSACTION;
import static dev.rapport.sales.internal.db.Tables.DEAL;
import static dev.rapport.sales.internal.db.Tables.DEAL_PERSON;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import org.springframework.stereotype.Component;

import dev.rapport.customers.ColumnMergeParticipant;
import dev.rapport.customers.CustomerKind;
import dev.rapport.customers.MergeParticipant;
import dev.rapport.platform.Actors;

/**
 * What sales moves when two customers are merged: the deals of a company, a person's
 * places on deals (not where the survivor is on the deal already), and the transactions
 * of either. Line items and stage history stay with their deal; the deals' entries on the
 * people's timelines are written again for their people as they are after the move.
 */
final class SalesMergeParticipants {

	private SalesMergeParticipants() {
	}

	/**
	 * The deals of a company and the people of deals, under one name: a company's deals
	 * by their company column, a person's places on deals by deal id.
	 */
	@Component
	static class Deals implements MergeParticipant {

		private final MergeParticipant companyDeals;

		private final MergeParticipant peopleOnDeals;

		Deals(DSLContext dsl, DealService deals) {
			this.companyDeals = new ColumnMergeParticipant(dsl, name(), DEAL, DEAL.WORKSPACE_ID, DEAL.ID,
					Map.of(CustomerKind.COMPANY, DEAL.COMPANY_ID));
			this.peopleOnDeals = new ColumnMergeParticipant(dsl, name(), DEAL_PERSON, DEAL_PERSON.WORKSPACE_ID,
					DEAL_PERSON.DEAL_ID, Map.of(CustomerKind.PERSON, DEAL_PERSON.PERSON_ID)) {

				@Override
				protected Condition keep(CustomerKind kind, UUID from, UUID into) {
					var survivor = DEAL_PERSON.as("survivor");
					return DSL.exists(DSL.selectOne()
						.from(survivor)
						.where(survivor.WORKSPACE_ID.eq(Actors.workspaceId()))
						.and(survivor.DEAL_ID.eq(DEAL_PERSON.DEAL_ID))
						.and(survivor.PERSON_ID.eq(into)));
				}

				@Override
				public List<UUID> move(CustomerKind kind, UUID from, UUID into) {
					List<UUID> moved = super.move(kind, from, into);
					deals.retimeline(moved, from);
					return moved;
				}

				@Override
				public void moveBack(CustomerKind kind, UUID from, UUID into, List<UUID> ids) {
					super.moveBack(kind, from, into, ids);
					deals.retimeline(ids, into);
				}

			};
		}

		@Override
		public String name() {
			return "sales.deals";
		}

		@Override
		public List<UUID> move(CustomerKind kind, UUID from, UUID into) {
			return of(kind).move(kind, from, into);
		}

		@Override
		public void moveBack(CustomerKind kind, UUID from, UUID into, List<UUID> ids) {
			of(kind).moveBack(kind, from, into, ids);
		}

		private MergeParticipant of(CustomerKind kind) {
			return (kind == CustomerKind.COMPANY) ? this.companyDeals : this.peopleOnDeals;
		}

	}

	/** Purchases, payments and refunds of a person or a company. */
	@Component
	static class Transactions extends ColumnMergeParticipant {

		Transactions(DSLContext dsl) {
			super(dsl, "sales.transactions", CUSTOMER_TRANSACTION, CUSTOMER_TRANSACTION.WORKSPACE_ID,
					CUSTOMER_TRANSACTION.ID, Map.of(CustomerKind.PERSON, CUSTOMER_TRANSACTION.PERSON_ID,
							CustomerKind.COMPANY, CUSTOMER_TRANSACTION.COMPANY_ID));
		}

	}

}
