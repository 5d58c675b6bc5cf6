package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.COMPANY;
import static dev.rapport.customers.internal.db.Tables.PERSON;
import static dev.rapport.customers.internal.db.Tables.PERSON_EMAIL;
import static dev.rapport.customers.internal.db.Tables.PERSON_PHONE;
import static dev.rapport.customers.internal.db.Tables.POSTAL_ADDRESS;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.ContactLabel;
import dev.rapport.customers.CustomerKind;
import dev.rapport.customers.MatchData;
import dev.rapport.customers.PersonView;
import dev.rapport.platform.WorkspaceScope;

/**
 * Reads what duplicate detection compares, for many records at once: one query per table
 * whatever the number of records. An erased person is left out, as if gone for good: the
 * anonymous shell is nobody's duplicate, and its keys and pairs (whose reasons name it)
 * go.
 */
@Component
class MatchDataQuery {

	private static final int CHUNK = 1000;

	private static final dev.rapport.customers.internal.db.tables.Company EMPLOYER = COMPANY.as("employer");

	private final DSLContext dsl;

	MatchDataQuery(DSLContext dsl) {
		this.dsl = dsl;
	}

	@Transactional(readOnly = true)
	List<MatchData> byIds(CustomerKind kind, Collection<UUID> ids) {
		List<UUID> all = new ArrayList<>(new java.util.LinkedHashSet<>(ids));
		List<MatchData> result = new ArrayList<>(all.size());
		for (int from = 0; from < all.size(); from += CHUNK) {
			List<UUID> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
			result.addAll((kind == CustomerKind.PERSON)
					? people(PERSON.ID.in(chunk).and(PERSON.ERASED_AT.isNull()), chunk.size())
					: companies(COMPANY.ID.in(chunk), chunk.size()));
		}
		return result;
	}

	@Transactional(readOnly = true)
	List<MatchData> after(CustomerKind kind, @Nullable UUID after, int limit) {
		if (kind == CustomerKind.PERSON) {
			Condition condition = PERSON.DELETED_AT.isNull().and(PERSON.ERASED_AT.isNull());
			return people((after != null) ? condition.and(PERSON.ID.gt(after)) : condition, limit);
		}
		Condition condition = COMPANY.DELETED_AT.isNull();
		return companies((after != null) ? condition.and(COMPANY.ID.gt(after)) : condition, limit);
	}

	@Transactional(readOnly = true)
	List<UUID> idsAfter(CustomerKind kind, @Nullable UUID after, int limit) {
		if (kind == CustomerKind.PERSON) {
			Condition condition = PERSON.DELETED_AT.isNull().and(PERSON.ERASED_AT.isNull());
			return this.dsl.select(PERSON.ID)
				.from(PERSON)
				.where(WorkspaceScope.of(PERSON.WORKSPACE_ID))
				.and((after != null) ? condition.and(PERSON.ID.gt(after)) : condition)
				.orderBy(PERSON.ID)
				.limit(limit)
				.fetch(PERSON.ID);
		}
		Condition condition = COMPANY.DELETED_AT.isNull();
		return this.dsl.select(COMPANY.ID)
			.from(COMPANY)
			.where(WorkspaceScope.of(COMPANY.WORKSPACE_ID))
			.and((after != null) ? condition.and(COMPANY.ID.gt(after)) : condition)
			.orderBy(COMPANY.ID)
			.limit(limit)
			.fetch(COMPANY.ID);
	}

	private List<MatchData> people(Condition condition, int limit) {
		List<Record> rows = this.dsl
			.select(PERSON.ID, PERSON.GIVEN_NAME, PERSON.FAMILY_NAME, PERSON.DISPLAY_NAME, PERSON.OWNER_ID,
					PERSON.TEAM_ID, PERSON.UPDATED_AT, PERSON.DELETED_AT, EMPLOYER.NAME, PERSON.STATUS,
					PERSON.ARCHIVED_AT)
			.from(PERSON)
			.leftJoin(EMPLOYER)
			.on(EMPLOYER.WORKSPACE_ID.eq(PERSON.WORKSPACE_ID))
			.and(EMPLOYER.ID.eq(PERSON.COMPANY_ID))
			.where(WorkspaceScope.of(PERSON.WORKSPACE_ID))
			.and(condition)
			.orderBy(PERSON.ID)
			.limit(limit)
			.fetch()
			.stream()
			.map((r) -> (Record) r)
			.toList();
		if (rows.isEmpty()) {
			return List.of();
		}
		List<UUID> ids = rows.stream().map((r) -> r.get(PERSON.ID)).toList();
		Map<UUID, List<String>> emails = new HashMap<>();
		this.dsl.select(PERSON_EMAIL.PERSON_ID, PERSON_EMAIL.ADDRESS)
			.from(PERSON_EMAIL)
			.where(WorkspaceScope.of(PERSON_EMAIL.WORKSPACE_ID))
			.and(PERSON_EMAIL.PERSON_ID.in(ids))
			.orderBy(PERSON_EMAIL.PERSON_ID, PERSON_EMAIL.POSITION)
			.forEach((r) -> emails.computeIfAbsent(r.value1(), (k) -> new ArrayList<>()).add(r.value2()));
		Map<UUID, List<String>> phones = new HashMap<>();
		this.dsl.select(PERSON_PHONE.PERSON_ID, PERSON_PHONE.E164)
			.from(PERSON_PHONE)
			.where(WorkspaceScope.of(PERSON_PHONE.WORKSPACE_ID))
			.and(PERSON_PHONE.PERSON_ID.in(ids))
			.and(PERSON_PHONE.E164.isNotNull())
			.orderBy(PERSON_PHONE.PERSON_ID, PERSON_PHONE.POSITION)
			.forEach((r) -> phones.computeIfAbsent(r.value1(), (k) -> new ArrayList<>()).add(r.value2()));
		Map<UUID, List<PersonView.Address>> addresses = addresses(POSTAL_ADDRESS.PERSON_ID, ids);
		List<MatchData> result = new ArrayList<>(rows.size());
		for (Record r : rows) {
			UUID id = r.get(PERSON.ID);
			result.add(new MatchData(id, CustomerKind.PERSON, r.get(PERSON.GIVEN_NAME), r.get(PERSON.FAMILY_NAME),
					r.get(PERSON.DISPLAY_NAME), emails.getOrDefault(id, List.of()), phones.getOrDefault(id, List.of()),
					r.get(EMPLOYER.NAME), null, addresses.getOrDefault(id, List.of()), r.get(PERSON.OWNER_ID),
					r.get(PERSON.TEAM_ID), r.get(PERSON.UPDATED_AT), r.get(PERSON.DELETED_AT), r.get(PERSON.STATUS),
					r.get(PERSON.ARCHIVED_AT)));
		}
		return result;
	}

	private List<MatchData> companies(Condition condition, int limit) {
		var rows = this.dsl
			.select(COMPANY.ID, COMPANY.NAME, COMPANY.DOMAIN, COMPANY.OWNER_ID, COMPANY.TEAM_ID, COMPANY.UPDATED_AT,
					COMPANY.DELETED_AT, COMPANY.STATUS, COMPANY.ARCHIVED_AT)
			.from(COMPANY)
			.where(WorkspaceScope.of(COMPANY.WORKSPACE_ID))
			.and(condition)
			.orderBy(COMPANY.ID)
			.limit(limit)
			.fetch();
		if (rows.isEmpty()) {
			return List.of();
		}
		List<UUID> ids = rows.map((r) -> r.value1());
		Map<UUID, List<PersonView.Address>> addresses = addresses(POSTAL_ADDRESS.COMPANY_ID, ids);
		List<MatchData> result = new ArrayList<>(rows.size());
		rows.forEach((r) -> result.add(new MatchData(r.value1(), CustomerKind.COMPANY, null, null, r.value2(),
				List.of(), List.of(), r.value2(), r.value3(), addresses.getOrDefault(r.value1(), List.of()), r.value4(),
				r.value5(), r.value6(), r.value7(), r.value8(), r.value9())));
		return result;
	}

	private Map<UUID, List<PersonView.Address>> addresses(org.jooq.TableField<?, UUID> owner, List<UUID> ids) {
		Map<UUID, List<PersonView.Address>> addresses = new HashMap<>();
		this.dsl
			.select(owner, POSTAL_ADDRESS.LABEL, POSTAL_ADDRESS.STREET, POSTAL_ADDRESS.POSTAL_CODE, POSTAL_ADDRESS.CITY,
					POSTAL_ADDRESS.REGION, POSTAL_ADDRESS.COUNTRY_CODE)
			.from(POSTAL_ADDRESS)
			.where(WorkspaceScope.of(POSTAL_ADDRESS.WORKSPACE_ID))
			.and(owner.in(ids))
			.orderBy(owner, POSTAL_ADDRESS.POSITION)
			.forEach((r) -> addresses.computeIfAbsent(r.value1(), (k) -> new ArrayList<>())
				.add(new PersonView.Address(ContactLabel.fromCode(r.value2()).orElse(ContactLabel.OTHER), r.value3(),
						r.value4(), r.value5(), r.value6(), r.value7())));
		return addresses;
	}

}
