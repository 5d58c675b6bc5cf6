package dev.rapport.sales.internal;

import static dev.rapport.sales.internal.db.Tables.CUSTOMER_TRANSACTION;
import static dev.rapport.sales.internal.db.Tables.DEAL;
import static dev.rapport.sales.internal.db.Tables.DEAL_PERSON;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

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

	private static final int CHUNK = 1000;

	private SalesMergeParticipants() {
	}

	/** The deals of a company and the people of deals. */
	@Component
	static class Deals implements MergeParticipant {

		private final DSLContext dsl;

		private final DealService deals;

		Deals(DSLContext dsl, DealService deals) {
			this.dsl = dsl;
			this.deals = deals;
		}

		@Override
		public String name() {
			return "sales.deals";
		}

		@Override
		public List<UUID> move(CustomerKind kind, UUID from, UUID into) {
			UUID workspaceId = Actors.workspaceId();
			if (kind == CustomerKind.COMPANY) {
				List<UUID> ids = this.dsl.select(DEAL.ID)
					.from(DEAL)
					.where(DEAL.WORKSPACE_ID.eq(workspaceId))
					.and(DEAL.COMPANY_ID.eq(from))
					.fetch(DEAL.ID);
				set(this.dsl, DEAL, DEAL.WORKSPACE_ID, DEAL.ID, DEAL.COMPANY_ID, into, null, ids);
				return ids;
			}
			var survivor = DEAL_PERSON.as("survivor");
			List<UUID> deals = this.dsl.select(DEAL_PERSON.DEAL_ID)
				.from(DEAL_PERSON)
				.where(DEAL_PERSON.WORKSPACE_ID.eq(workspaceId))
				.and(DEAL_PERSON.PERSON_ID.eq(from))
				.andNotExists(DSL.selectOne()
					.from(survivor)
					.where(survivor.WORKSPACE_ID.eq(workspaceId))
					.and(survivor.DEAL_ID.eq(DEAL_PERSON.DEAL_ID))
					.and(survivor.PERSON_ID.eq(into)))
				.fetch(DEAL_PERSON.DEAL_ID);
			set(this.dsl, DEAL_PERSON, DEAL_PERSON.WORKSPACE_ID, DEAL_PERSON.DEAL_ID, DEAL_PERSON.PERSON_ID, into, from,
					deals);
			this.deals.retimeline(deals, from);
			return deals;
		}

		@Override
		public void moveBack(CustomerKind kind, UUID from, UUID into, List<UUID> ids) {
			if (kind == CustomerKind.COMPANY) {
				set(this.dsl, DEAL, DEAL.WORKSPACE_ID, DEAL.ID, DEAL.COMPANY_ID, from, into, ids);
			}
			else {
				set(this.dsl, DEAL_PERSON, DEAL_PERSON.WORKSPACE_ID, DEAL_PERSON.DEAL_ID, DEAL_PERSON.PERSON_ID, from,
						into, ids);
				this.deals.retimeline(ids, into);
			}
		}

	}

	/** Purchases, payments and refunds of a person or a company. */
	@Component
	static class Transactions implements MergeParticipant {

		private final DSLContext dsl;

		Transactions(DSLContext dsl) {
			this.dsl = dsl;
		}

		@Override
		public String name() {
			return "sales.transactions";
		}

		@Override
		public List<UUID> move(CustomerKind kind, UUID from, UUID into) {
			Field<UUID> column = column(kind);
			List<UUID> ids = this.dsl.select(CUSTOMER_TRANSACTION.ID)
				.from(CUSTOMER_TRANSACTION)
				.where(CUSTOMER_TRANSACTION.WORKSPACE_ID.eq(Actors.workspaceId()))
				.and(column.eq(from))
				.fetch(CUSTOMER_TRANSACTION.ID);
			set(this.dsl, CUSTOMER_TRANSACTION, CUSTOMER_TRANSACTION.WORKSPACE_ID, CUSTOMER_TRANSACTION.ID, column,
					into, null, ids);
			return ids;
		}

		@Override
		public void moveBack(CustomerKind kind, UUID from, UUID into, List<UUID> ids) {
			set(this.dsl, CUSTOMER_TRANSACTION, CUSTOMER_TRANSACTION.WORKSPACE_ID, CUSTOMER_TRANSACTION.ID,
					column(kind), from, into, ids);
		}

		private static Field<UUID> column(CustomerKind kind) {
			return (kind == CustomerKind.PERSON) ? CUSTOMER_TRANSACTION.PERSON_ID : CUSTOMER_TRANSACTION.COMPANY_ID;
		}

	}

	/**
	 * Sets a column to a value on the rows with these ids (and, when given, where it
	 * still names {@code onlyWhere}), a thousand at a time.
	 */
	static void set(DSLContext dsl, org.jooq.Table<?> table, Field<UUID> workspaceId, Field<UUID> id,
			Field<UUID> column, UUID value, @Nullable UUID onlyWhere, List<UUID> ids) {
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
