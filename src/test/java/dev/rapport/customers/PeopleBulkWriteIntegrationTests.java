package dev.rapport.customers;

import static dev.rapport.customers.internal.db.Tables.CUSTOM_VALUE;
import static dev.rapport.customers.internal.db.Tables.LIFECYCLE_CHANGE;
import static dev.rapport.customers.internal.db.Tables.PERSON;
import static dev.rapport.customers.internal.db.Tables.PERSON_EMAIL;
import static dev.rapport.customers.internal.db.Tables.PERSON_PHONE;
import static dev.rapport.customers.internal.db.Tables.PERSON_TAG;
import static dev.rapport.customers.internal.db.Tables.POSTAL_ADDRESS;
import static dev.rapport.customers.internal.db.Tables.SEARCH_TERM;
import static dev.rapport.customers.internal.db.Tables.TIMELINE_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.customers.ContactInput.AddressInput;
import dev.rapport.customers.ContactInput.EmailInput;
import dev.rapport.customers.ContactInput.PhoneInput;
import dev.rapport.customization.Templates;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Creating people many at a time (COPY on PostgreSQL, multi-row inserts on H2) stores
 * exactly the rows that creating them one at a time stores: the person, e-mails, phones,
 * addresses, tags, search terms (their company's included), custom values, the lifecycle
 * change and the timeline entry.
 */
@IntegrationTest
class PeopleBulkWriteIntegrationTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Customers customers;

	@Autowired
	Templates templates;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	DSLContext dsl;

	@Test
	void createPeopleStoresTheSameRowsAsCreatePerson() {
		Fixtures.Workspace workspace = this.fixtures.workspace("Copy");
		Actor admin = new Actor(workspace.id(), workspace.adminId());
		Actors.runAs(admin, () -> this.transaction
			.executeWithoutResult((status) -> this.templates.apply("fitness-club", Locale.ENGLISH)));
		UUID acme = Actors.callAs(admin,
				() -> this.customers
					.createCompany(new CompanyChange("Acme Fitness", "acme.example", null, null, null, null, null,
							List.of(), List.of(), null, null))
					.id());
		PersonChange change = rich(acme);
		UUID single = Actors.callAs(admin, () -> this.customers.createPerson(change, LifecycleStage.POTENTIAL).id());
		List<UUID> bulk = Actors.callAs(admin, () -> this.transaction.execute((status) -> this.customers
			.createPeople(List.of(plain("Ana", "Ruiz"), change, plain("Ω", "Σ")), LifecycleStage.POTENTIAL)));

		assertThat(bulk).hasSize(3).doesNotContain(single);
		Map<String, List<Map<String, Object>>> expected = rowsOf(workspace.id(), single);
		Map<String, List<Map<String, Object>>> actual = rowsOf(workspace.id(), bulk.get(1));
		assertThat(expected.get("person_email")).hasSize(2);
		assertThat(expected.get("person_phone")).hasSize(2);
		assertThat(expected.get("postal_address")).hasSize(2);
		assertThat(expected.get("person_tag")).hasSize(2);
		assertThat(expected.get("custom_value")).hasSize(6);
		assertThat(expected.get("search_term")).extracting((r) -> r.get("term"))
			.contains("acme.example", "کریمیپور", "fitness");
		assertThat(expected.get("search_term").stream().filter((r) -> "acme".equals(r.get("term")))).singleElement()
			.satisfies((r) -> assertThat(r.get("source_id")).isNull());
		assertThat(expected.get("timeline_entry")).singleElement()
			.satisfies((r) -> assertThat(r.get("source_id")).isEqualTo("lifecycle change"));
		actual.forEach((table, rows) -> assertThat(rows).as(table).isEqualTo(expected.get(table)));
		assertThat(actual.keySet()).isEqualTo(expected.keySet());
		assertThat(rowsOf(workspace.id(), bulk.get(2)).get("person")).singleElement()
			.satisfies((r) -> assertThat(r.get("display_name")).isEqualTo("Ω Σ"));
	}

	@Test
	void aBatchRolledBackLeavesNoRowBehind() {
		Fixtures.Workspace workspace = this.fixtures.workspace("Rollback");
		Actor admin = new Actor(workspace.id(), workspace.adminId());
		Actors.runAs(admin, () -> this.transaction
			.executeWithoutResult((status) -> this.templates.apply("fitness-club", Locale.ENGLISH)));
		List<UUID> ids = Actors.callAs(admin, () -> this.transaction.execute((status) -> {
			List<UUID> created = this.customers
				.createPeople(List.of(plain("Ana", "Ruiz"), plain("Bo", "Li"), rich(null)), LifecycleStage.LEAD);
			assertThat(this.dsl.fetchCount(PERSON, PERSON.WORKSPACE_ID.eq(workspace.id()))).isEqualTo(3);
			status.setRollbackOnly();
			return created;
		}));

		assertThat(ids).hasSize(3);
		assertThat(this.dsl.fetchCount(PERSON, PERSON.WORKSPACE_ID.eq(workspace.id()))).isZero();
		assertThat(this.dsl.fetchCount(PERSON_EMAIL, PERSON_EMAIL.WORKSPACE_ID.eq(workspace.id()))).isZero();
		assertThat(this.dsl.fetchCount(SEARCH_TERM, SEARCH_TERM.WORKSPACE_ID.eq(workspace.id()))).isZero();
		assertThat(this.dsl.fetchCount(TIMELINE_ENTRY, TIMELINE_ENTRY.WORKSPACE_ID.eq(workspace.id()))).isZero();
	}

	/**
	 * Every field filled, with text that COPY must escape and words in several scripts.
	 */
	private static PersonChange rich(@Nullable UUID companyId) {
		Map<String, Object> custom = new LinkedHashMap<>();
		custom.put("membership_type", "yearly");
		custom.put("membership_end", "2027-03-31");
		custom.put("visits_per_month", 12);
		custom.put("home_club", "Zuid\tNoord \\ Oost");
		custom.put("goals", List.of("strength", "endurance"));
		return new PersonChange("Zoë  Núñez", "کریمی‌پور Acme", null,
				List.of(new EmailInput("Zoe.Nunez@Example.org", "work", false),
						new EmailInput("zoe@acme.example", "home", true)),
				List.of(new PhoneInput("+31 6 12345678", "mobile", false),
						new PhoneInput("+98 (912) 555-1234", "work", false)),
				List.of(new AddressInput("home", "Keizersgracht 1\nachterhuis", "1015 CJ", "Amsterdam", null, "nl"),
						new AddressInput("work", "خیابان ولیعصر ۱۲", null, "تهران", "Tehran", "IR")),
				LocalDate.of(1984, 2, 29), "Coach \"senior\"", companyId, "Import\\CSV", null, null,
				List.of("VIP", "Personal training"), "sms", "Line one\r\nline\ttwo\\three", custom);
	}

	private static PersonChange plain(String given, String family) {
		return new PersonChange(given, family, null, List.of(), List.of(), List.of(), null, null, null, null, null,
				null, List.of(), null, null, Map.of());
	}

	/**
	 * The rows each table holds for a person, with their generated ids and times replaced
	 * by placeholders, in a stable order.
	 */
	private Map<String, List<Map<String, Object>>> rowsOf(UUID workspaceId, UUID personId) {
		Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
		tables.put("person", rows(PERSON, PERSON.WORKSPACE_ID.eq(workspaceId).and(PERSON.ID.eq(personId))));
		tables.put("person_email",
				rows(PERSON_EMAIL, PERSON_EMAIL.WORKSPACE_ID.eq(workspaceId).and(PERSON_EMAIL.PERSON_ID.eq(personId))));
		tables.put("person_phone",
				rows(PERSON_PHONE, PERSON_PHONE.WORKSPACE_ID.eq(workspaceId).and(PERSON_PHONE.PERSON_ID.eq(personId))));
		tables.put("postal_address", rows(POSTAL_ADDRESS,
				POSTAL_ADDRESS.WORKSPACE_ID.eq(workspaceId).and(POSTAL_ADDRESS.PERSON_ID.eq(personId))));
		tables.put("person_tag",
				rows(PERSON_TAG, PERSON_TAG.WORKSPACE_ID.eq(workspaceId).and(PERSON_TAG.PERSON_ID.eq(personId))));
		tables.put("search_term",
				rows(SEARCH_TERM, SEARCH_TERM.WORKSPACE_ID.eq(workspaceId).and(SEARCH_TERM.RECORD_ID.eq(personId))));
		tables.put("custom_value",
				rows(CUSTOM_VALUE, CUSTOM_VALUE.WORKSPACE_ID.eq(workspaceId).and(CUSTOM_VALUE.RECORD_ID.eq(personId))));
		tables.put("lifecycle_change", rows(LIFECYCLE_CHANGE,
				LIFECYCLE_CHANGE.WORKSPACE_ID.eq(workspaceId).and(LIFECYCLE_CHANGE.PERSON_ID.eq(personId))));
		tables.put("timeline_entry", rows(TIMELINE_ENTRY,
				TIMELINE_ENTRY.WORKSPACE_ID.eq(workspaceId).and(TIMELINE_ENTRY.PERSON_ID.eq(personId))));
		UUID moveId = this.dsl.select(LIFECYCLE_CHANGE.ID)
			.from(LIFECYCLE_CHANGE)
			.where(LIFECYCLE_CHANGE.WORKSPACE_ID.eq(workspaceId))
			.and(LIFECYCLE_CHANGE.PERSON_ID.eq(personId))
			.fetchSingle(LIFECYCLE_CHANGE.ID);
		for (Map<String, Object> entry : tables.get("timeline_entry")) {
			if (moveId.toString().equals(entry.get("source_id"))) {
				entry.put("source_id", "lifecycle change");
			}
		}
		return tables;
	}

	private static final Set<String> GENERATED = Set.of("id", "person_id", "record_id", "created_at", "updated_at",
			"lifecycle_entered_at", "changed_at", "occurred_at");

	private List<Map<String, Object>> rows(Table<?> table, org.jooq.Condition condition) {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (Record record : this.dsl.selectFrom(table).where(condition).fetch()) {
			Map<String, Object> row = new LinkedHashMap<>();
			for (Field<?> field : record.fields()) {
				Object value = record.get(field);
				if (GENERATED.contains(field.getName())) {
					row.put(field.getName(), (value != null) ? "generated" : null);
				}
				else {
					row.put(field.getName(),
							(value instanceof UUID || value instanceof org.jooq.JSON || value instanceof org.jooq.JSONB)
									? value.toString() : value);
				}
			}
			rows.add(row);
		}
		rows.sort(Comparator.comparing(Object::toString));
		return rows;
	}

}
