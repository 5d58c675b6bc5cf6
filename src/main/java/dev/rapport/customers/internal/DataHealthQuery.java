package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.COMPANY;
import static dev.rapport.customers.internal.db.Tables.CUSTOM_VALUE;
import static dev.rapport.customers.internal.db.Tables.PERSON;
import static dev.rapport.customers.internal.db.Tables.PERSON_EMAIL;
import static dev.rapport.customers.internal.db.Tables.PERSON_PHONE;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.DataHealth;
import dev.rapport.customization.CustomFields;
import dev.rapport.customization.FieldDefinition;
import dev.rapport.identity.Access;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.identity.Teams;
import dev.rapport.identity.UserView;
import dev.rapport.identity.Users;
import dev.rapport.platform.WorkspaceScope;

/**
 * The figures of the data health page: each a grouped count over the people or companies
 * the user may read, one pass per table (grouped by owner and team together, then added
 * up per owner and per team here), so the page costs a handful of scans whatever the
 * number of owners.
 */
@Component
class DataHealthQuery {

	/**
	 * An e-mail address that does not look like one: no "@" between text, no dot after
	 * it, or a space. The write paths refuse these; imported or older data may hold them.
	 */
	static final Condition INVALID_EMAIL = PERSON_EMAIL.ADDRESS.notLike("%_@_%._%")
		.or(PERSON_EMAIL.ADDRESS.like("% %"));

	/** The first invalid e-mail address of a person, for the people list's filter. */
	static final Field<String> FIRST_INVALID_EMAIL = DSL.field(DSL.select(DSL.min(PERSON_EMAIL.ADDRESS))
		.from(PERSON_EMAIL)
		.where(PERSON_EMAIL.WORKSPACE_ID.eq(PERSON.WORKSPACE_ID))
		.and(PERSON_EMAIL.PERSON_ID.eq(PERSON.ID))
		.and(INVALID_EMAIL));

	/** The first phone number of a person kept without E.164, for the list's filter. */
	static final Field<String> FIRST_PHONE_NOT_E164 = DSL.field(DSL.select(DSL.min(PERSON_PHONE.TYPED))
		.from(PERSON_PHONE)
		.where(PERSON_PHONE.WORKSPACE_ID.eq(PERSON.WORKSPACE_ID))
		.and(PERSON_PHONE.PERSON_ID.eq(PERSON.ID))
		.and(PERSON_PHONE.E164.isNull()));

	private final DSLContext dsl;

	private final AccessPolicy policy;

	private final Users users;

	private final Teams teams;

	private final CustomFields customFields;

	private final Clock clock;

	DataHealthQuery(DSLContext dsl, AccessPolicy policy, Users users, Teams teams, CustomFields customFields,
			Clock clock) {
		this.dsl = dsl;
		this.policy = policy;
		this.users = users;
		this.teams = teams;
		this.customFields = customFields;
		this.clock = clock;
	}

	/** The counts of one owner and team pair. */
	private static final class Counts {

		long people;

		long noEmail;

		long noPhone;

		long noTeam;

		long noCompany;

		long stale;

		long never;

		long invalidEmail;

		long phoneNotE164;

		long companies;

		long companiesNoDomain;

		void add(Counts other) {
			this.people += other.people;
			this.noEmail += other.noEmail;
			this.noPhone += other.noPhone;
			this.noTeam += other.noTeam;
			this.noCompany += other.noCompany;
			this.stale += other.stale;
			this.never += other.never;
			this.invalidEmail += other.invalidEmail;
			this.phoneNotE164 += other.phoneNotE164;
			this.companies += other.companies;
			this.companiesNoDomain += other.companiesNoDomain;
		}

		DataHealth.Figures figures(@Nullable UUID id, String name) {
			return new DataHealth.Figures(id, name, this.people, this.noEmail, this.noPhone, this.noTeam,
					this.noCompany, this.stale, this.never, this.invalidEmail, this.phoneNotE164, this.companies,
					this.companiesNoDomain);
		}

	}

	/** An owner and a team (null: none). */
	private record Group(UUID ownerId, @Nullable UUID teamId) {
	}

	@Transactional(readOnly = true)
	DataHealth of(int staleMonths) {
		// From the start of a day, so the people list's date filter finds the same
		// people.
		OffsetDateTime cutoff = java.time.LocalDate.now(this.clock.withZone(ZoneOffset.UTC))
			.minusMonths(Math.max(1, staleMonths))
			.atStartOfDay()
			.atOffset(ZoneOffset.UTC);
		Map<Group, Counts> groups = new HashMap<>();
		// What the people list shows without filters, so that each number links to
		// exactly its records: no archived, deceased or disqualified people; and no
		// erased people, whose anonymous shells have nothing left to fix (the links
		// filter them out too).
		Condition people = this.policy.condition(PersonService.PEOPLE, Access.READ)
			.and(PERSON.DELETED_AT.isNull())
			.and(PERSON.ERASED_AT.isNull())
			.and(EndOfLifeService.personListDefault(List.of()));
		for (Record r : this.dsl
			.select(PERSON.OWNER_ID, PERSON.TEAM_ID, DSL.count(),
					DSL.count().filterWhere(PERSON.PRIMARY_EMAIL.isNull()),
					DSL.count().filterWhere(PERSON.PRIMARY_PHONE.isNull()),
					DSL.count().filterWhere(PERSON.COMPANY_ID.isNull()),
					DSL.count().filterWhere(PERSON.LAST_CONTACT_AT.lt(cutoff)),
					DSL.count().filterWhere(PERSON.LAST_CONTACT_AT.isNull().and(PERSON.CREATED_AT.lt(cutoff))))
			.from(PERSON)
			.where(people)
			.groupBy(PERSON.OWNER_ID, PERSON.TEAM_ID)
			.fetch()) {
			Group group = new Group(r.get(PERSON.OWNER_ID), r.get(PERSON.TEAM_ID));
			Counts c = groups.computeIfAbsent(group, (g) -> new Counts());
			c.people = r.get(2, Long.class);
			c.noEmail = r.get(3, Long.class);
			c.noPhone = r.get(4, Long.class);
			c.noTeam = (group.teamId() == null) ? c.people : 0;
			c.noCompany = r.get(5, Long.class);
			c.stale = r.get(6, Long.class);
			c.never = r.get(7, Long.class);
		}
		for (Record r : this.dsl.select(PERSON.OWNER_ID, PERSON.TEAM_ID, DSL.countDistinct(PERSON.ID))
			.from(PERSON)
			.join(PERSON_EMAIL)
			.on(PERSON_EMAIL.WORKSPACE_ID.eq(PERSON.WORKSPACE_ID).and(PERSON_EMAIL.PERSON_ID.eq(PERSON.ID)))
			.where(people)
			.and(INVALID_EMAIL)
			.groupBy(PERSON.OWNER_ID, PERSON.TEAM_ID)
			.fetch()) {
			groups.computeIfAbsent(new Group(r.get(PERSON.OWNER_ID), r.get(PERSON.TEAM_ID)),
					(g) -> new Counts()).invalidEmail = r.get(2, Long.class);
		}
		for (Record r : this.dsl.select(PERSON.OWNER_ID, PERSON.TEAM_ID, DSL.countDistinct(PERSON.ID))
			.from(PERSON)
			.join(PERSON_PHONE)
			.on(PERSON_PHONE.WORKSPACE_ID.eq(PERSON.WORKSPACE_ID).and(PERSON_PHONE.PERSON_ID.eq(PERSON.ID)))
			.where(people)
			.and(PERSON_PHONE.E164.isNull())
			.groupBy(PERSON.OWNER_ID, PERSON.TEAM_ID)
			.fetch()) {
			groups.computeIfAbsent(new Group(r.get(PERSON.OWNER_ID), r.get(PERSON.TEAM_ID)),
					(g) -> new Counts()).phoneNotE164 = r.get(2, Long.class);
		}
		Condition companies = this.policy.condition(CompanyService.COMPANIES, Access.READ)
			.and(COMPANY.DELETED_AT.isNull())
			.and(EndOfLifeService.companyListDefault(List.of()));
		for (Record r : this.dsl
			.select(COMPANY.OWNER_ID, COMPANY.TEAM_ID, DSL.count(), DSL.count().filterWhere(COMPANY.DOMAIN.isNull()))
			.from(COMPANY)
			.where(companies)
			.groupBy(COMPANY.OWNER_ID, COMPANY.TEAM_ID)
			.fetch()) {
			Counts c = groups.computeIfAbsent(new Group(r.get(COMPANY.OWNER_ID), r.get(COMPANY.TEAM_ID)),
					(g) -> new Counts());
			c.companies = r.get(2, Long.class);
			c.companiesNoDomain = r.get(3, Long.class);
		}
		Counts total = new Counts();
		Map<UUID, Counts> byOwner = new HashMap<>();
		Map<@Nullable UUID, Counts> byTeam = new HashMap<>();
		groups.forEach((group, counts) -> {
			total.add(counts);
			byOwner.computeIfAbsent(group.ownerId(), (o) -> new Counts()).add(counts);
			byTeam.computeIfAbsent(group.teamId(), (t) -> new Counts()).add(counts);
		});
		Map<UUID, String> teamNames = new HashMap<>();
		this.teams.list().forEach((t) -> teamNames.put(t.id(), t.name()));
		List<DataHealth.Figures> owners = new ArrayList<>();
		byOwner.forEach((id, counts) -> owners
			.add(counts.figures(id, this.users.find(id).map(UserView::displayName).orElse(id.toString()))));
		owners.sort(Comparator.comparing(DataHealth.Figures::name, String.CASE_INSENSITIVE_ORDER));
		List<DataHealth.Figures> teams = new ArrayList<>();
		byTeam.forEach((id, counts) -> {
			if (id != null) {
				teams.add(counts.figures(id, teamNames.getOrDefault(id, id.toString())));
			}
		});
		teams.sort(Comparator.comparing(DataHealth.Figures::name, String.CASE_INSENSITIVE_ORDER));
		Counts noTeam = byTeam.get(null);
		if (noTeam != null) {
			teams.add(noTeam.figures(null, ""));
		}
		return new DataHealth(cutoff, total.figures(null, ""), owners, teams, emptyRequiredFields(people, companies));
	}

	/** For each required custom field, the records without a value in it. */
	private List<DataHealth.EmptyField> emptyRequiredFields(Condition people, Condition companies) {
		List<DataHealth.EmptyField> empty = new ArrayList<>();
		Map<String, Condition> objects = new LinkedHashMap<>();
		objects.put(CustomFields.PERSON, people);
		objects.put(CustomFields.COMPANY, companies);
		for (Map.Entry<String, Condition> object : objects.entrySet()) {
			boolean person = object.getKey().equals(CustomFields.PERSON);
			Field<UUID> id = person ? PERSON.ID : COMPANY.ID;
			for (FieldDefinition field : this.customFields.fieldsOf(object.getKey(), false)) {
				if (!field.required()) {
					continue;
				}
				long count = this.dsl.selectCount()
					.from(person ? PERSON : COMPANY)
					.where(object.getValue())
					.andNotExists(DSL.selectOne()
						.from(CUSTOM_VALUE)
						.where(WorkspaceScope.of(CUSTOM_VALUE.WORKSPACE_ID))
						.and(CUSTOM_VALUE.RECORD_KIND.eq(person ? SearchIndex.PERSON : SearchIndex.COMPANY))
						.and(CUSTOM_VALUE.FIELD_KEY.eq(field.key()))
						.and(CUSTOM_VALUE.RECORD_ID.eq(id)))
					.fetchOne(0, Long.class);
				empty.add(new DataHealth.EmptyField(object.getKey(), field.key(), field.label(),
						Objects.requireNonNullElse(count, 0L)));
			}
		}
		return empty;
	}

}
