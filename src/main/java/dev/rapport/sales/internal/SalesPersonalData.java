package dev.rapport.sales.internal;

import static dev.rapport.sales.internal.db.Tables.CUSTOMER_TRANSACTION;
import static dev.rapport.sales.internal.db.Tables.DEAL;
import static dev.rapport.sales.internal.db.Tables.DEAL_PERSON;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.rapport.customers.PersonalData;
import dev.rapport.platform.ChangeLog;
import dev.rapport.platform.WorkspaceScope;

/**
 * What sales holds about a person: their purchases, payments and refunds, and the deals
 * they take part in. Erasure keeps every amount, date, kind and deal (the figures add up
 * as before) and blanks the free texts: descriptions, void reasons, their corrections in
 * the history, and the person's role on deals.
 */
final class SalesPersonalData {

	private SalesPersonalData() {
	}

	/** The transactions of a person. */
	@Component
	static class Transactions implements PersonalData {

		private final DSLContext dsl;

		private final ChangeLog changes;

		Transactions(DSLContext dsl, ChangeLog changes) {
			this.dsl = dsl;
			this.changes = changes;
		}

		@Override
		public String name() {
			return "sales.transactions";
		}

		@Override
		public List<Map<String, Object>> export(UUID personId) {
			return this.dsl.selectFrom(CUSTOMER_TRANSACTION)
				.where(WorkspaceScope.of(CUSTOMER_TRANSACTION.WORKSPACE_ID))
				.and(CUSTOMER_TRANSACTION.PERSON_ID.eq(personId))
				.orderBy(CUSTOMER_TRANSACTION.OCCURRED_ON, CUSTOMER_TRANSACTION.ID)
				.fetch((r) -> {
					Map<String, Object> m = new LinkedHashMap<>();
					m.put("kind", r.getKind());
					m.put("occurredOn", r.getOccurredOn().toString());
					m.put("amount", r.getAmount().toPlainString());
					m.put("currency", r.getCurrency());
					put(m, "description", r.getDescription());
					put(m, "channel", r.getChannel());
					put(m, "externalRef", r.getExternalRef());
					put(m, "voidedAt", (r.getVoidedAt() != null) ? r.getVoidedAt().toString() : null);
					put(m, "voidReason", r.getVoidReason());
					return m;
				});
		}

		@Override
		public int erase(UUID personId) {
			List<UUID> ids = this.dsl.select(CUSTOMER_TRANSACTION.ID)
				.from(CUSTOMER_TRANSACTION)
				.where(WorkspaceScope.of(CUSTOMER_TRANSACTION.WORKSPACE_ID))
				.and(CUSTOMER_TRANSACTION.PERSON_ID.eq(personId))
				.fetch(CUSTOMER_TRANSACTION.ID);
			int changed = this.dsl.update(CUSTOMER_TRANSACTION)
				.setNull(CUSTOMER_TRANSACTION.DESCRIPTION)
				.setNull(CUSTOMER_TRANSACTION.VOID_REASON)
				.where(WorkspaceScope.of(CUSTOMER_TRANSACTION.WORKSPACE_ID))
				.and(CUSTOMER_TRANSACTION.PERSON_ID.eq(personId))
				.and(CUSTOMER_TRANSACTION.DESCRIPTION.isNotNull().or(CUSTOMER_TRANSACTION.VOID_REASON.isNotNull()))
				.execute();
			return changed + this.changes.blank(ids);
		}

	}

	/** The deals a person takes part in. */
	@Component
	static class Deals implements PersonalData {

		private final DSLContext dsl;

		Deals(DSLContext dsl) {
			this.dsl = dsl;
		}

		@Override
		public String name() {
			return "sales.deals";
		}

		@Override
		public List<Map<String, Object>> export(UUID personId) {
			return this.dsl.select(DEAL.NAME, DEAL.AMOUNT, DEAL.CURRENCY, DEAL.STATUS, DEAL_PERSON.ROLE)
				.from(DEAL_PERSON)
				.join(DEAL)
				.on(DEAL.WORKSPACE_ID.eq(DEAL_PERSON.WORKSPACE_ID).and(DEAL.ID.eq(DEAL_PERSON.DEAL_ID)))
				.where(WorkspaceScope.of(DEAL_PERSON.WORKSPACE_ID))
				.and(DEAL_PERSON.PERSON_ID.eq(personId))
				.orderBy(DEAL.NAME)
				.fetch((r) -> {
					Map<String, Object> m = new LinkedHashMap<>();
					m.put("deal", r.value1());
					put(m, "amount", (r.value2() != null) ? r.value2().toPlainString() : null);
					m.put("currency", r.value3());
					m.put("status", r.value4());
					put(m, "role", r.value5());
					return m;
				});
		}

		@Override
		public int erase(UUID personId) {
			return this.dsl.update(DEAL_PERSON)
				.setNull(DEAL_PERSON.ROLE)
				.where(WorkspaceScope.of(DEAL_PERSON.WORKSPACE_ID))
				.and(DEAL_PERSON.PERSON_ID.eq(personId))
				.and(DEAL_PERSON.ROLE.isNotNull())
				.execute();
		}

	}

	static void put(Map<String, Object> map, String key, @Nullable Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

}
