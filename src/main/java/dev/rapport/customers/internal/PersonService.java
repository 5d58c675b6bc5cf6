package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.COMPANY;
import static dev.rapport.customers.internal.db.Tables.LIFECYCLE_CHANGE;
import static dev.rapport.customers.internal.db.Tables.PERSON;
import static dev.rapport.customers.internal.db.Tables.PERSON_EMAIL;
import static dev.rapport.customers.internal.db.Tables.PERSON_PHONE;
import static dev.rapport.customers.internal.db.Tables.PERSON_TAG;
import static dev.rapport.customers.internal.db.Tables.POSTAL_ADDRESS;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.ContactInput.AddressInput;
import dev.rapport.customers.ContactInput.EmailInput;
import dev.rapport.customers.ContactInput.PhoneInput;
import dev.rapport.customers.ContactLabel;
import dev.rapport.customers.LifecycleStage;
import dev.rapport.customers.PersonChange;
import dev.rapport.customers.PersonSummary;
import dev.rapport.customers.PersonView;
import dev.rapport.customers.internal.db.tables.records.LifecycleChangeRecord;
import dev.rapport.customers.internal.db.tables.records.PersonRecord;
import dev.rapport.identity.Access;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.identity.OwnedRecords;
import dev.rapport.identity.Teams;
import dev.rapport.identity.UserView;
import dev.rapport.identity.Users;
import dev.rapport.platform.Actors;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.RecordRules;
import dev.rapport.platform.StaleVersionException;

/**
 * Creating, changing, finding and deleting the people of the current workspace, within
 * the access policy. Every write path (forms, API, later import) goes through here, so
 * the same validation applies everywhere.
 */
@Service
public class PersonService {

	static final String KIND = "person";

	static final OwnedRecords PEOPLE = new OwnedRecords(PERSON.WORKSPACE_ID, PERSON.OWNER_ID, PERSON.TEAM_ID);

	static final int MAX_CONTACTS = 20;

	static final int MAX_TAGS = 50;

	/** The channels a person can prefer to be contacted on. */
	public static final List<String> CHANNELS = List.of("email", "sms", "phone", "chat", "post");

	private static final Pattern EMAIL = Pattern.compile("^[^\\s@]{1,64}@[^\\s@]+\\.[^\\s@.]{2,}$");

	private static final Pattern COUNTRY = Pattern.compile("^[A-Za-z]{2}$");

	private final DSLContext dsl;

	private final AccessPolicy accessPolicy;

	private final Users users;

	private final Teams teams;

	private final Tags tags;

	private final SearchIndex searchIndex;

	private final CustomerSettings settings;

	private final TimelineWriter timeline;

	private final CustomValues customValues;

	private final dev.rapport.customization.CustomFields customFields;

	private final dev.rapport.platform.ChangeLog changeLog;

	private final PersonBulkWriter bulkWriter;

	private final Clock clock;

	private final int countLimit;

	private final RecordRules rules;

	private final org.springframework.context.ApplicationEventPublisher events;

	PersonService(DSLContext dsl, AccessPolicy accessPolicy, Users users, Teams teams, Tags tags,
			SearchIndex searchIndex, CustomerSettings settings, TimelineWriter timeline, CustomValues customValues,
			dev.rapport.customization.CustomFields customFields, dev.rapport.platform.ChangeLog changeLog,
			PersonBulkWriter bulkWriter, CustomersProperties properties, Clock clock, ObjectProvider<RecordRules> rules,
			org.springframework.context.ApplicationEventPublisher events) {
		this.rules = RecordRules.of(rules);
		this.events = events;
		this.bulkWriter = bulkWriter;
		this.countLimit = properties.countExactLimit();
		this.changeLog = changeLog;
		this.customFields = customFields;
		this.customValues = customValues;
		this.timeline = timeline;
		this.dsl = dsl;
		this.accessPolicy = accessPolicy;
		this.users = users;
		this.teams = teams;
		this.tags = tags;
		this.searchIndex = searchIndex;
		this.settings = settings;
		this.clock = clock;
	}

	/** What the people list shows: a text query and filters, all optional. */
	public record PersonQuery(@Nullable String q, @Nullable LifecycleStage stage, @Nullable UUID ownerId,
			@Nullable UUID companyId, @Nullable String tag, Sort sort, List<Filters.Filter> filters, boolean any,
			@Nullable String sortField) {

		public PersonQuery(@Nullable String q, @Nullable LifecycleStage stage, @Nullable UUID ownerId,
				@Nullable UUID companyId, @Nullable String tag, Sort sort, List<Filters.Filter> filters, boolean any) {
			this(q, stage, ownerId, companyId, tag, sort, filters, any, null);
		}

		public PersonQuery(@Nullable String q, @Nullable LifecycleStage stage, @Nullable UUID ownerId,
				@Nullable UUID companyId, @Nullable String tag, Sort sort) {
			this(q, stage, ownerId, companyId, tag, sort, List.of(), false);
		}

		public static PersonQuery all() {
			return new PersonQuery(null, null, null, null, null, Sort.NAME);
		}

	}

	/** The standard fields the people list filters on, by the name used in filters. */
	static final Map<String, org.jooq.Field<?>> FILTERABLE = Map.ofEntries(Map.entry("source", PERSON.SOURCE),
			Map.entry("jobTitle", PERSON.JOB_TITLE), Map.entry("displayName", PERSON.DISPLAY_NAME),
			Map.entry("birthday", PERSON.BIRTHDAY), Map.entry("createdAt", PERSON.CREATED_AT),
			Map.entry("updatedAt", PERSON.UPDATED_AT), Map.entry("lifecycleEnteredAt", PERSON.LIFECYCLE_ENTERED_AT),
			Map.entry("preferredChannel", PERSON.PREFERRED_CHANNEL), Map.entry("ownerId", PERSON.OWNER_ID),
			Map.entry("companyId", PERSON.COMPANY_ID), Map.entry("status", PERSON.STATUS),
			Map.entry("archived", PERSON.ARCHIVED_AT), Map.entry("erased", PERSON.ERASED_AT),
			// The data health page links to these: what is missing, stale or invalid.
			Map.entry("teamId", PERSON.TEAM_ID), Map.entry("primaryEmail", PERSON.PRIMARY_EMAIL),
			Map.entry("primaryPhone", PERSON.PRIMARY_PHONE), Map.entry("lastContactAt", PERSON.LAST_CONTACT_AT),
			Map.entry("invalidEmail", DataHealthQuery.FIRST_INVALID_EMAIL),
			Map.entry("phoneNotE164", DataHealthQuery.FIRST_PHONE_NOT_E164));

	/** The orders the people list can be shown in. */
	public enum Sort {

		NAME, RECENTLY_UPDATED,

		/** By a custom field, named by the query's sortField ({@code custom.<key>}). */
		CUSTOM,

		/** Best matches of the search first (by the matched term, then by name). */
		RELEVANCE

	}

	/** One page of people and the cursor of the next page, if there is one. */
	public record Page(List<PersonSummary> items, @Nullable String next, List<String> similar) {

		public Page(List<PersonSummary> items, @Nullable String next) {
			this(items, next, List.of());
		}

		/**
		 * Whether a word of the search matched nothing and similar words were searched.
		 */
		public boolean corrected() {
			return !this.similar.isEmpty();
		}

	}

	/**
	 * Creates a person in the given lifecycle stage (lead when none is given). Rejects
	 * invalid names, e-mails, phones and references, naming each field.
	 */
	@Transactional
	public PersonView create(PersonChange change, @Nullable LifecycleStage stage) {
		Validated valid = validate(change, null, null, List.of());
		LifecycleStage initial = (stage != null) ? stage : LifecycleStage.LEAD;
		this.rules.check(RecordRules.PERSON, RuleValues.person(valid, change, initial));
		PersonRecord person = this.dsl.newRecord(PERSON);
		person.setId(Ids.newId());
		person.setLifecycleStage(initial.code());
		person.setLifecycleEnteredAt(now());
		person.setStatus("active");
		apply(person, change, valid);
		person.setCustom(this.customValues.json(valid.custom()));
		person.store();
		this.customValues.replace(SearchIndex.PERSON, person.getId(), valid.custom(), valid.fields());
		writeContacts(person.getId(), valid);
		this.tags.replacePersonTags(person.getId(), valid.tags());
		recordStageChange(person.getId(), null, initial, null);
		index(person.getId(), change, valid);
		changed(List.of(person.getId()));
		return get(person.getId());
	}

	/** How many people one call of {@link #createAll} takes at most. */
	public static final int MAX_CREATE_ALL = 1000;

	/**
	 * Creates many people in one transaction with the same rules as {@link #create},
	 * reading what validation needs once and writing each table in batches: for imports
	 * and generated data. Rejects the whole batch when any person is invalid, naming
	 * {@code people[i].<field>}.
	 * @return the ids, in the order of the changes
	 */
	@Transactional
	public List<UUID> createAll(List<PersonChange> changes, @Nullable LifecycleStage stage) {
		Lookups lookups = lookupsFor(changes);
		LifecycleStage initial = (stage != null) ? stage : LifecycleStage.LEAD;
		List<Validated> valid = validateAll(changes, lookups, initial);
		List<UUID> ids = this.bulkWriter.write(changes, valid, initial, lookups.fields());
		changed(ids);
		return ids;
	}

	/**
	 * Checks many people as {@link #createAll} does, writing nothing: for the dry run of
	 * an import. Rejects them naming {@code people[i].<field>}.
	 */
	@Transactional(readOnly = true)
	public void checkAll(List<PersonChange> changes) {
		validateAll(changes, lookupsFor(changes), LifecycleStage.LEAD);
	}

	private List<Validated> validateAll(List<PersonChange> changes, Lookups lookups, LifecycleStage initial) {
		List<Validated> valid = new ArrayList<>(changes.size());
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		RecordRules.Checker rules = this.rules.checker(RecordRules.PERSON);
		for (int i = 0; i < changes.size(); i++) {
			try {
				Validated one = validate(changes.get(i), null, null, List.of(), lookups);
				rules.check(RuleValues.person(one, changes.get(i), initial));
				valid.add(one);
			}
			catch (InvalidFieldsException ex) {
				for (BusinessRuleException problem : ex.problems()) {
					problems.reject("people[" + i + "]." + problem.field(), problem.messageKey(), problem.arguments());
				}
			}
		}
		problems.throwIfAny();
		return valid;
	}

	private Lookups lookupsFor(List<PersonChange> changes) {
		if (changes.size() > MAX_CREATE_ALL) {
			throw new BusinessRuleException("people", "customers.bulk.too-many", MAX_CREATE_ALL);
		}
		java.util.Set<UUID> activeUsers = new java.util.HashSet<>();
		this.users.active().forEach((u) -> activeUsers.add(u.id()));
		java.util.Set<UUID> teamIds = new java.util.HashSet<>();
		this.teams.list().forEach((t) -> teamIds.add(t.id()));
		java.util.Set<UUID> referenced = new java.util.HashSet<>();
		changes.stream().map(PersonChange::companyId).filter(java.util.Objects::nonNull).forEach(referenced::add);
		java.util.Set<UUID> companies = new java.util.HashSet<>(referenced.isEmpty() ? List.of()
				: this.dsl.select(COMPANY.ID)
					.from(COMPANY)
					.where(this.accessPolicy.condition(CompanyService.COMPANIES, Access.READ))
					.and(COMPANY.ID.in(referenced))
					.and(COMPANY.DELETED_AT.isNull())
					.fetch(COMPANY.ID));
		return new Lookups(activeUsers::contains, teamIds::contains, companies::contains,
				this.settings.current().phoneRegion(),
				this.customFields.fieldsOf(dev.rapport.customization.CustomFields.PERSON, true));
	}

	/**
	 * The people the current user may read (not in the trash) with any of these e-mail
	 * addresses, in one query, by address in lower case.
	 */
	@Transactional(readOnly = true)
	public Map<String, List<UUID>> byEmails(java.util.Collection<String> addresses) {
		Set<String> keys = new java.util.HashSet<>();
		addresses.forEach((a) -> keys.add(a.strip().toLowerCase(java.util.Locale.ROOT)));
		Map<String, List<UUID>> found = new HashMap<>();
		if (keys.isEmpty()) {
			return found;
		}
		this.dsl.selectDistinct(PERSON_EMAIL.ADDRESS_KEY, PERSON.ID)
			.from(PERSON_EMAIL)
			.join(PERSON)
			.on(PERSON.WORKSPACE_ID.eq(PERSON_EMAIL.WORKSPACE_ID).and(PERSON.ID.eq(PERSON_EMAIL.PERSON_ID)))
			.where(this.accessPolicy.condition(PEOPLE, Access.READ))
			.and(PERSON.DELETED_AT.isNull())
			.and(PERSON_EMAIL.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(PERSON_EMAIL.ADDRESS_KEY.in(keys))
			.orderBy(PERSON.ID)
			.forEach((r) -> found.computeIfAbsent(r.value1(), (k) -> new ArrayList<>()).add(r.value2()));
		return found;
	}

	/**
	 * The people the current user may read (not in the trash) with any of these phone
	 * numbers, in one query, by the number as given; numbers are compared in E.164 with
	 * the workspace's country.
	 */
	@Transactional(readOnly = true)
	public Map<String, List<UUID>> byPhones(java.util.Collection<String> numbers) {
		String region = this.settings.current().phoneRegion();
		Map<String, List<String>> typedByE164 = new HashMap<>();
		for (String typed : numbers) {
			PhoneNumbers.toE164(typed.strip(), region)
				.ifPresent((e164) -> typedByE164.computeIfAbsent(e164, (k) -> new ArrayList<>()).add(typed));
		}
		Map<String, List<UUID>> found = new HashMap<>();
		if (typedByE164.isEmpty()) {
			return found;
		}
		this.dsl.selectDistinct(PERSON_PHONE.E164, PERSON.ID)
			.from(PERSON_PHONE)
			.join(PERSON)
			.on(PERSON.WORKSPACE_ID.eq(PERSON_PHONE.WORKSPACE_ID).and(PERSON.ID.eq(PERSON_PHONE.PERSON_ID)))
			.where(this.accessPolicy.condition(PEOPLE, Access.READ))
			.and(PERSON.DELETED_AT.isNull())
			.and(PERSON_PHONE.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(PERSON_PHONE.E164.in(typedByE164.keySet()))
			.orderBy(PERSON.ID)
			.forEach((r) -> typedByE164.getOrDefault(r.value1(), List.of())
				.forEach((typed) -> found.computeIfAbsent(typed, (k) -> new ArrayList<>()).add(r.value2())));
		return found;
	}

	/** A phone number in E.164 with the workspace's country, if it is one. */
	public Optional<String> e164(String typed) {
		return PhoneNumbers.toE164(typed.strip(), this.settings.current().phoneRegion());
	}

	/**
	 * Replaces a person's details. Rejects a stale version (someone else saved first), a
	 * person outside the user's reach (404) or one they may only read (403), and invalid
	 * fields.
	 */
	@Transactional
	public PersonView update(UUID id, int version, PersonChange change) {
		PersonRecord person = loadForChange(id, Access.UPDATE);
		StaleVersionException.check(KIND, version, person.getVersion());
		PersonView before = get(id);
		// A replace without an owner keeps the owner, and a company the user cannot see
		// stays linked.
		UUID companyId = (change.companyId() == null && person.getCompanyId() != null
				&& !companyReadable(person.getCompanyId())) ? person.getCompanyId() : change.companyId();
		change = new PersonChange(change.givenName(), change.familyName(), change.displayName(), change.emails(),
				change.phones(), change.addresses(), change.birthday(), change.jobTitle(), companyId, change.source(),
				(change.ownerId() != null) ? change.ownerId() : person.getOwnerId(), change.teamId(), change.tags(),
				change.preferredChannel(), change.notes(), change.custom());
		Validated valid = validate(change, this.customValues.parse(person.getCustom()), person.getCompanyId(),
				before.phones());
		this.rules.check(RecordRules.PERSON, RuleValues.person(valid, change, before.lifecycleStage()));
		apply(person, change, valid);
		person.setCustom(this.customValues.json(valid.custom()));
		person.store();
		this.customValues.replace(SearchIndex.PERSON, id, valid.custom(), valid.fields());
		writeContacts(id, valid);
		this.tags.replacePersonTags(id, valid.tags());
		index(id, change, valid);
		changed(List.of(id));
		PersonView after = get(id);
		this.changeLog.record(KIND, id, History.diff(before, after));
		return after;
	}

	/**
	 * Moves a person to another lifecycle stage, recording when, who and why. Rejects a
	 * move the workspace forbids, naming the current stage.
	 */
	@Transactional
	public PersonView moveToStage(UUID id, int version, LifecycleStage stage, @Nullable String reason) {
		PersonRecord person = loadForChange(id, Access.UPDATE);
		StaleVersionException.check(KIND, version, person.getVersion());
		LifecycleStage current = LifecycleStage.fromCode(person.getLifecycleStage()).orElse(null);
		if (current == stage) {
			return get(id);
		}
		if (reason != null && reason.length() > 1000) {
			throw new BusinessRuleException("reason", "customers.text.too-long", 1000);
		}
		if (!CustomerSettings.allows(this.settings.current().lifecycleRule(), current, stage)) {
			throw new BusinessRuleException("lifecycleStage", "customers.lifecycle.forbidden",
					(current != null) ? current.code() : "", stage.code());
		}
		Map<String, @Nullable Object> values = RuleValues.person(get(id));
		values.put("lifecycleStage", stage.code());
		this.rules.check(RecordRules.PERSON, values);
		person.setLifecycleStage(stage.code());
		person.setLifecycleEnteredAt(now());
		person.store();
		this.changeLog.record(KIND, id, List.of(new dev.rapport.platform.ChangeLog.FieldChange("lifecycleStage",
				(current != null) ? current.code() : null, stage.code())));
		recordStageChange(id, current, stage, Text.trimToNull(reason));
		return get(id);
	}

	/**
	 * Sets the stage a merge chose for the surviving person, or that undoing it restores:
	 * a stage the person or their duplicate already had, so the workspace's lifecycle
	 * rule does not apply. Records the move with the reason; nothing when already there.
	 */
	@Transactional
	public PersonView setStageOfMerge(UUID id, LifecycleStage stage, String reason) {
		PersonRecord person = loadForChange(id, Access.UPDATE);
		LifecycleStage current = LifecycleStage.fromCode(person.getLifecycleStage()).orElse(null);
		if (current == stage) {
			return get(id);
		}
		person.setLifecycleStage(stage.code());
		person.setLifecycleEnteredAt(now());
		person.store();
		this.changeLog.record(KIND, id, List.of(new dev.rapport.platform.ChangeLog.FieldChange("lifecycleStage",
				(current != null) ? current.code() : null, stage.code())));
		recordStageChange(id, current, stage, reason);
		return get(id);
	}

	/**
	 * Moves a person forward to a stage for something that happened elsewhere (a deal
	 * won): only a person the user may change, only forward from lead or potential, and
	 * only where the workspace's lifecycle rule and validation rules allow it; otherwise
	 * nothing happens.
	 */
	@Transactional
	public boolean advanceLifecycle(UUID id, LifecycleStage stage, @Nullable String reason) {
		var select = this.dsl.selectFrom(PERSON)
			.where(this.accessPolicy.condition(PEOPLE, Access.UPDATE))
			.and(PERSON.ID.eq(id))
			.and(PERSON.DELETED_AT.isNull());
		PersonRecord person = ((this.dsl.dialect().family() == SQLDialect.POSTGRES) ? select.forNoKeyUpdate()
				: select.forUpdate())
			.fetchOne();
		if (person == null) {
			return false;
		}
		LifecycleStage current = LifecycleStage.fromCode(person.getLifecycleStage()).orElse(null);
		// Lost is the last stage but not ahead of the others: a lost customer who buys
		// again comes back.
		if (current == stage
				|| current != null && current != LifecycleStage.LOST && current.ordinal() > stage.ordinal()) {
			return false;
		}
		if (!CustomerSettings.allows(this.settings.current().lifecycleRule(), current, stage)) {
			return false;
		}
		Map<String, @Nullable Object> values = RuleValues.person(get(id));
		values.put("lifecycleStage", stage.code());
		if (!Bulk.passes(this.rules, RecordRules.PERSON, values)) {
			// A validation rule of the workspace refuses the person in that stage.
			return false;
		}
		String why = Text.trimToNull(reason);
		if (why != null && why.length() > 1000) {
			why = why.substring(0, 1000);
		}
		person.setLifecycleStage(stage.code());
		person.setLifecycleEnteredAt(now());
		person.store();
		this.changeLog.record(KIND, id, List.of(new dev.rapport.platform.ChangeLog.FieldChange("lifecycleStage",
				(current != null) ? current.code() : null, stage.code())));
		recordStageChange(id, current, stage, why);
		return true;
	}

	/** Moves a person to the trash; only those who may delete it can. */
	@Transactional
	public void delete(UUID id, int version) {
		PersonRecord person = loadForChange(id, Access.DELETE);
		StaleVersionException.check(KIND, version, person.getVersion());
		person.setDeletedAt(now());
		person.setDeletedBy(Actors.require().userId());
		person.store();
		this.changeLog.record(KIND, id, List
			.of(new dev.rapport.platform.ChangeLog.FieldChange("deleted", null, person.getDeletedAt().toString())));
		changed(List.of(id));
	}

	/** Tells listeners (duplicate keys) in this transaction that people changed. */
	private void changed(List<UUID> ids) {
		if (!ids.isEmpty()) {
			this.events.publishEvent(new dev.rapport.customers.CustomersChanged(
					dev.rapport.customers.CustomerKind.PERSON, List.copyOf(ids)));
		}
	}

	/** The ids of the most recently changed records the user may read, newest first. */
	@Transactional(readOnly = true)
	public List<UUID> recent(int limit) {
		return this.dsl.select(PERSON.ID)
			.from(PERSON)
			.where(this.accessPolicy.condition(PEOPLE, Access.READ))
			.and(PERSON.DELETED_AT.isNull())
			.orderBy(PERSON.WORKSPACE_ID, PERSON.UPDATED_AT.desc(), PERSON.ID.desc())
			.limit(limit)
			.fetch(PERSON.ID);
	}

	@Transactional(readOnly = true)
	public Optional<PersonView> find(UUID id) {
		// The company joins only when the user may read it and it is not in the trash.
		Record row = this.dsl.select(PERSON.asterisk(), COMPANY.NAME)
			.from(PERSON)
			.leftJoin(COMPANY)
			.on(COMPANY.WORKSPACE_ID.eq(PERSON.WORKSPACE_ID)
				.and(COMPANY.ID.eq(PERSON.COMPANY_ID))
				.and(COMPANY.DELETED_AT.isNull())
				.and(this.accessPolicy.condition(CompanyService.COMPANIES, Access.READ)))
			.where(this.accessPolicy.condition(PEOPLE, Access.READ))
			.and(PERSON.ID.eq(id))
			.and(PERSON.DELETED_AT.isNull())
			.fetchOne();
		if (row == null) {
			return Optional.empty();
		}
		PersonRecord p = row.into(PERSON);
		String companyName = row.get(COMPANY.NAME);
		return Optional.of(new PersonView(p.getId(), p.getGivenName(), p.getFamilyName(), p.getDisplayName(),
				emailsOf(id), phonesOf(id), addressesOf(id), p.getBirthday(), p.getJobTitle(),
				(companyName != null) ? p.getCompanyId() : null, companyName, p.getSource(), p.getOwnerId(),
				ownerName(p.getOwnerId()), p.getTeamId(), this.tags.ofPeople(List.of(id)).getOrDefault(id, List.of()),
				LifecycleStage.fromCode(p.getLifecycleStage()).orElse(LifecycleStage.LEAD), p.getLifecycleEnteredAt(),
				p.getStatus(), p.getPreferredChannel(), p.getNotes(), this.customValues.parse(p.getCustom()),
				p.getCreatedAt(), p.getUpdatedAt(), p.getVersion()));
	}

	public PersonView get(UUID id) {
		return find(id).orElseThrow(() -> new NotFoundException(KIND, id));
	}

	/**
	 * Checks with one query that the current user may read a person, for the things shown
	 * beside a person (timeline, consent, history) that need no more of the person: 404
	 * otherwise.
	 */
	@Transactional(readOnly = true)
	public void requireReadable(UUID id) {
		if (!readable(id)) {
			throw new NotFoundException(KIND, id);
		}
	}

	/** Whether the current user may read a person, with one query. */
	@Transactional(readOnly = true)
	public boolean readable(UUID id) {
		return this.dsl.fetchExists(PERSON,
				this.accessPolicy.condition(PEOPLE, Access.READ).and(PERSON.ID.eq(id)).and(PERSON.DELETED_AT.isNull()));
	}

	/**
	 * Which of these people the current user may read, with one query; people in the
	 * trash are left out, as everywhere.
	 */
	@Transactional(readOnly = true)
	public Set<UUID> readable(java.util.Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return Set.of();
		}
		return new java.util.HashSet<>(this.dsl.select(PERSON.ID)
			.from(PERSON)
			.where(this.accessPolicy.condition(PEOPLE, Access.READ))
			.and(PERSON.ID.in(ids))
			.and(PERSON.DELETED_AT.isNull())
			.fetch(PERSON.ID));
	}

	/**
	 * A person the current user may change (to log an interaction or record consent): 404
	 * when out of reach, 403 when they may only read.
	 */
	@Transactional(readOnly = true)
	public PersonView getForChange(UUID id) {
		PersonView person = get(id);
		this.accessPolicy.check(Access.UPDATE, KIND, id, person.ownerId(), person.teamId());
		return person;
	}

	/** One page of the people the current user may see, after the given cursor. */
	@Transactional(readOnly = true)
	public Page page(PersonQuery query, @Nullable String cursor, int limit) {
		Selection selection = select(query, query.sort() == Sort.RELEVANCE);
		Condition condition = selection.condition();
		SearchIndex.Walk walk = selection.walk();
		CustomSort custom = (query.sort() == Sort.CUSTOM) ? CustomSort.of(query.sortField(),
				this.customFields.fieldsOf(dev.rapport.customization.CustomFields.PERSON, false)) : null;
		Keyset keyset = (query.sort() == Sort.RECENTLY_UPDATED)
				? Keyset.newestFirst(PERSON.WORKSPACE_ID, PERSON.UPDATED_AT, PERSON.ID)
				: Keyset.byName(PERSON.WORKSPACE_ID, PERSON.NAME_KEY, PERSON.ID);
		List<SortField<?>> order;
		if (custom != null) {
			order = custom.order(PERSON.ID);
			if (cursor != null && !cursor.isBlank()) {
				condition = condition.and(custom.after(cursor, PERSON.ID));
			}
		}
		else if (walk != null) {
			order = walk.order();
			if (cursor != null && !cursor.isBlank()) {
				condition = condition.and(walk.after(cursor));
			}
		}
		else {
			order = keyset.order();
			if (cursor != null && !cursor.isBlank()) {
				condition = condition.and(keyset.after(cursor));
			}
		}
		List<Field<?>> columns = new ArrayList<>(
				List.of(PERSON.ID, PERSON.DISPLAY_NAME, PERSON.NAME_KEY, PERSON.UPDATED_AT, PERSON.PRIMARY_EMAIL,
						PERSON.PRIMARY_PHONE, PERSON.COMPANY_ID, COMPANY.NAME, PERSON.LIFECYCLE_STAGE, PERSON.OWNER_ID,
						PERSON.JOB_TITLE, PERSON.SOURCE, PERSON.CUSTOM, PERSON.VERSION));
		if (walk != null) {
			columns.add(walk.hit().TERM);
			columns.add(walk.hit().SORT_KEY);
			columns.add(walk.hit().RECORD_ID);
		}
		org.jooq.Table<?> from = from(walk);
		if (custom != null) {
			columns.add(custom.column());
			from = custom.join(from, PERSON.WORKSPACE_ID, PERSON.ID, SearchIndex.PERSON);
		}
		else if (walk == null && this.dsl.dialect().family() == SQLDialect.H2) {
			// H2 picks the index of a filter and sorts every match; reading the list's
			// order index and stopping after a page is what makes a first page fast.
			from = DSL.table("{0} use index ({1})", PERSON,
					DSL.name((query.sort() == Sort.RECENTLY_UPDATED) ? "person_updated_ix" : "person_name_ix"));
		}
		List<? extends Record> rows = this.dsl.select(columns)
			.from(from)
			.leftJoin(COMPANY)
			.on(COMPANY.WORKSPACE_ID.eq(PERSON.WORKSPACE_ID).and(COMPANY.ID.eq(PERSON.COMPANY_ID)))
			.where(condition)
			.orderBy(order)
			.limit(limit + 1)
			.fetch();
		Map<UUID, String> owners = new HashMap<>();
		List<PersonSummary> items = new ArrayList<>();
		for (Record r : rows.subList(0, Math.min(limit, rows.size()))) {
			UUID ownerId = r.get(PERSON.OWNER_ID);
			items.add(new PersonSummary(r.get(PERSON.ID), r.get(PERSON.DISPLAY_NAME), r.get(PERSON.PRIMARY_EMAIL),
					r.get(PERSON.PRIMARY_PHONE), r.get(PERSON.COMPANY_ID), r.get(COMPANY.NAME),
					LifecycleStage.fromCode(r.get(PERSON.LIFECYCLE_STAGE)).orElse(LifecycleStage.LEAD), ownerId,
					owners.computeIfAbsent(ownerId, this::ownerName), r.get(PERSON.JOB_TITLE), r.get(PERSON.SOURCE),
					r.get(PERSON.UPDATED_AT), this.customValues.parse(r.get(PERSON.CUSTOM)), r.get(PERSON.VERSION)));
		}
		String next = null;
		if (rows.size() > limit) {
			Record last = rows.get(limit - 1);
			if (custom != null) {
				next = custom.cursor(last, PERSON.ID);
			}
			else if (walk != null) {
				next = walk.cursor(last);
			}
			else {
				next = keyset.cursor(last);
			}
		}
		return new Page(items, next, selection.similar());
	}

	/**
	 * Applies one action to many people, each within the access policy: people out of
	 * reach or that may only be read are skipped with a reason, the others changed.
	 * Rejects an action without what it needs (an owner, a tag, a stage) and more than
	 * 500 people.
	 */
	@Transactional
	public Bulk.Result bulk(List<UUID> ids, Bulk.Action action, @Nullable String value) {
		LifecycleStage stage = (action != Bulk.Action.MOVE_STAGE) ? null : LifecycleStage
			.fromCode(String.valueOf(value))
			.orElseThrow(
					() -> new BusinessRuleException("value", "customers.lifecycle.unknown", String.valueOf(value)));
		return Bulk.run(this.accessPolicy, this.users, this.changeLog, KIND, ids, action, value,
				(id) -> find(id)
					.map((p) -> new Bulk.Target(p.id(), p.ownerId(), p.teamId(), p.ownerName(), p.tags(), p.version())),
				new Bulk.Edits((id) -> loadForChange(id, Access.UPDATE), PERSON.OWNER_ID, this.tags::replacePersonTags,
						(target) -> moveInBulk(target, stage), (target) -> delete(target.id(), target.version()),
						(id, changed) -> find(id).map((p) -> {
							Map<String, @Nullable Object> values = RuleValues.person(p);
							values.putAll(changed);
							return values;
						}).map((values) -> Bulk.passes(this.rules, RecordRules.PERSON, values)).orElse(true)));
	}

	/** Moves a person ticked in a list: the reason when the workspace forbids it. */
	private @Nullable String moveInBulk(Bulk.Target target, LifecycleStage stage) {
		try {
			moveToStage(target.id(), target.version(), stage, null);
			return null;
		}
		catch (BusinessRuleException ex) {
			return "customers.bulk.skipped.stage";
		}
		catch (InvalidFieldsException ex) {
			return "customers.bulk.skipped.rules";
		}
	}

	/**
	 * How many people match, counted exactly up to
	 * {@code rapport.customers.count-exact-limit}, then estimated (see
	 * {@link ListCount}).
	 */
	@Transactional(readOnly = true)
	public ListCount count(PersonQuery query) {
		return count(query, this.countLimit);
	}

	/** How many people match, counted exactly up to {@code limit}, then estimated. */
	@Transactional(readOnly = true)
	public ListCount count(PersonQuery query, int limit) {
		Selection selection = select(query, true);
		return ListCount.of(this.dsl,
				this.dsl.select(PERSON.ID).from(from(selection.walk())).where(selection.condition()), limit);
	}

	/** The stage changes of a person, newest first. */
	@Transactional(readOnly = true)
	public List<StageChange> stageHistory(UUID personId) {
		requireReadable(personId);
		return this.dsl.selectFrom(LIFECYCLE_CHANGE)
			.where(LIFECYCLE_CHANGE.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(LIFECYCLE_CHANGE.PERSON_ID.eq(personId))
			.orderBy(LIFECYCLE_CHANGE.CHANGED_AT.desc(), LIFECYCLE_CHANGE.ID.desc())
			.fetch((r) -> new StageChange(LifecycleStage.fromCode(String.valueOf(r.getFromStage())).orElse(null),
					LifecycleStage.fromCode(r.getToStage()).orElse(LifecycleStage.LEAD), r.getChangedAt(),
					r.getChangedBy(), (r.getChangedBy() != null) ? ownerName(r.getChangedBy()) : null, r.getReason()));
	}

	/** A change of a field as the history shows it, with the name of who made it. */
	public record Change(dev.rapport.platform.ChangeLog.Entry entry, @Nullable String byName) {
	}

	/** The field-by-field history of a person the user may read, newest first. */
	@Transactional(readOnly = true)
	public List<Change> history(UUID personId, int limit) {
		requireReadable(personId);
		return named(this.changeLog.of(personId, limit), this::ownerName);
	}

	/** History entries with the names of who made them, each user looked up once. */
	static List<Change> named(List<dev.rapport.platform.ChangeLog.Entry> entries,
			java.util.function.Function<UUID, String> nameOf) {
		Map<UUID, String> names = new HashMap<>();
		return entries.stream()
			.map((e) -> new Change(e, (e.changedBy() != null) ? names.computeIfAbsent(e.changedBy(), nameOf) : null))
			.toList();
	}

	/** One move between lifecycle stages. */
	public record StageChange(@Nullable LifecycleStage from, LifecycleStage to, OffsetDateTime at, @Nullable UUID byId,
			@Nullable String byName, @Nullable String reason) {
	}

	/**
	 * What a query selects: a condition on people and, for a search driven by the term
	 * index, the walk that joins them.
	 */
	record Selection(Condition condition, SearchIndex.@Nullable Walk walk, List<String> similar) {
	}

	/**
	 * The people a query selects. With {@code walk}, a search is driven by its narrowest
	 * term's index entries (in best-match order) and its other terms are checked per
	 * person; without, every term is a condition on the people.
	 */
	Selection select(PersonQuery query, boolean walk) {
		Condition condition = condition(query);
		SearchIndex.Walk driving = null;
		List<String> similar = new ArrayList<>();
		if (query.q() != null && !query.q().isBlank()) {
			List<String> terms = SearchIndex.queryTerms(query.q());
			if (!terms.isEmpty()) {
				List<SearchIndex.Planned> plan = this.searchIndex.plan(SearchIndex.PERSON, terms);
				plan.forEach((p) -> similar.addAll(p.similar()));
				int from = 0;
				if (walk) {
					driving = this.searchIndex.walk(SearchIndex.PERSON, plan.get(0));
					condition = condition.and(driving.condition());
					from = 1;
				}
				for (SearchIndex.Planned term : plan.subList(from, plan.size())) {
					condition = condition.and(this.searchIndex.personMatches(PERSON.ID, term));
				}
			}
		}
		return new Selection(condition, driving, similar);
	}

	private static org.jooq.Table<?> from(SearchIndex.@Nullable Walk walk) {
		return (walk != null)
				? walk.hit()
					.join(PERSON)
					.on(PERSON.WORKSPACE_ID.eq(walk.hit().WORKSPACE_ID).and(PERSON.ID.eq(walk.hit().RECORD_ID)))
				: PERSON;
	}

	/** The conditions of a query other than its search text. */
	Condition condition(PersonQuery query) {
		Condition condition = this.accessPolicy.condition(PEOPLE, Access.READ)
			.and(PERSON.DELETED_AT.isNull())
			.and(EndOfLifeService.personListDefault(query.filters()));
		if (query.stage() != null) {
			condition = condition.and(PERSON.LIFECYCLE_STAGE.eq(query.stage().code()));
		}
		if (!query.filters().isEmpty()) {
			condition = condition.and(Filters.condition(query.filters(), query.any(), SearchIndex.PERSON, PERSON.ID,
					FILTERABLE,
					Filters.byKey(this.customFields.fieldsOf(dev.rapport.customization.CustomFields.PERSON, false))));
		}
		if (query.ownerId() != null) {
			condition = condition.and(PERSON.OWNER_ID.eq(query.ownerId()));
		}
		if (query.companyId() != null) {
			condition = condition.and(PERSON.COMPANY_ID.eq(query.companyId()));
		}
		if (query.tag() != null && !query.tag().isBlank()) {
			List<UUID> tagIds = this.tags.find(List.of(query.tag()));
			condition = condition.and(tagIds.isEmpty() ? DSL.falseCondition()
					: PERSON.ID.in(DSL.select(PERSON_TAG.PERSON_ID)
						.from(PERSON_TAG)
						.where(PERSON_TAG.WORKSPACE_ID.eq(Actors.workspaceId()))
						.and(PERSON_TAG.TAG_ID.in(tagIds))));
		}
		return condition;
	}

	private PersonRecord loadForChange(UUID id, Access access) {
		var select = this.dsl.selectFrom(PERSON)
			.where(this.accessPolicy.condition(PEOPLE, Access.READ))
			.and(PERSON.ID.eq(id))
			.and(PERSON.DELETED_AT.isNull());
		// Not a key update on PostgreSQL: the links that name this row (tags, a tag merge
		// moving them) check it with a key share lock, which must not wait for this.
		PersonRecord person = ((this.dsl.dialect().family() == SQLDialect.POSTGRES) ? select.forNoKeyUpdate()
				: select.forUpdate())
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(KIND, id));
		this.accessPolicy.check(access, KIND, id, person.getOwnerId(), person.getTeamId());
		return person;
	}

	/** The change, checked and normalised. */
	record Validated(@Nullable String givenName, @Nullable String familyName, String displayName,
			List<PersonView.Email> emails, List<PersonView.Phone> phones, List<PersonView.Address> addresses,
			UUID ownerId, List<String> tags, Map<String, Object> custom,
			List<dev.rapport.customization.FieldDefinition> fields) {
	}

	private Validated validate(PersonChange change, @Nullable Map<String, Object> previousCustom,
			@Nullable UUID linkedCompanyId, List<PersonView.Phone> previousPhones) {
		return validate(change, previousCustom, linkedCompanyId, previousPhones, lookups());
	}

	/**
	 * What validation looks up besides the change itself: read per record for one write,
	 * read once for many.
	 */
	record Lookups(java.util.function.Predicate<UUID> activeUser, java.util.function.Predicate<UUID> team,
			java.util.function.Predicate<UUID> readableCompany, @Nullable String phoneRegion,
			List<dev.rapport.customization.FieldDefinition> fields) {
	}

	private Lookups lookups() {
		return new Lookups((id) -> this.users.find(id).map(UserView::active).orElse(false), this.teams::exists,
				this::companyReadable, this.settings.current().phoneRegion(),
				this.customFields.fieldsOf(dev.rapport.customization.CustomFields.PERSON, true));
	}

	private Validated validate(PersonChange change, @Nullable Map<String, Object> previousCustom,
			@Nullable UUID linkedCompanyId, List<PersonView.Phone> previousPhones, Lookups lookups) {
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		String given = length(problems, "givenName", change.givenName(), 200);
		String family = length(problems, "familyName", change.familyName(), 200);
		String display = length(problems, "displayName", change.displayName(), 300);
		if (display == null) {
			display = Names.display(given, family);
		}
		if (display == null && !problems.has("givenName") && !problems.has("familyName")
				&& !problems.has("displayName")) {
			problems.reject("displayName", "customers.person.name.required");
		}
		length(problems, "jobTitle", change.jobTitle(), 200);
		length(problems, "source", change.source(), 100);
		length(problems, "notes", change.notes(), 10000);
		List<PersonView.Email> emails = emails(problems, change.emails());
		List<PersonView.Phone> phones = phones(problems, change.phones(), previousPhones, lookups.phoneRegion());
		List<PersonView.Address> addresses = addresses(problems, change.addresses());
		if (change.birthday() != null && change.birthday().isAfter(LocalDate.now(this.clock).plusDays(1))) {
			problems.reject("birthday", "customers.person.birthday.future");
		}
		if (change.preferredChannel() != null && !change.preferredChannel().isBlank()
				&& !CHANNELS.contains(change.preferredChannel())) {
			problems.reject("preferredChannel", "customers.channel.unknown", String.join(", ", CHANNELS));
		}
		if (change.companyId() != null && !change.companyId().equals(linkedCompanyId)
				&& !lookups.readableCompany().test(change.companyId())) {
			problems.reject("companyId", "customers.company.unknown");
		}
		UUID ownerId = (change.ownerId() != null) ? change.ownerId() : Actors.require().userId();
		if (!lookups.activeUser().test(ownerId)) {
			problems.reject("ownerId", "customers.owner.unknown");
		}
		if (change.teamId() != null && !lookups.team().test(change.teamId())) {
			problems.reject("teamId", "customers.team.unknown");
		}
		List<String> tagNames = tags(problems, change.tags());
		Map<String, Object> custom = this.customValues.validate(problems, change.custom(), previousCustom,
				lookups.fields());
		problems.throwIfAny();
		return new Validated(given, family, display, emails, phones, addresses, ownerId, tagNames, custom,
				lookups.fields());
	}

	/** The display name made from the given and family names, as when none is typed. */
	public static @Nullable String derivedDisplayName(@Nullable String givenName, @Nullable String familyName) {
		return Names.display(Text.trimToNull(givenName), Text.trimToNull(familyName));
	}

	static @Nullable String length(InvalidFieldsException.Collector problems, String field, @Nullable String text,
			int max) {
		String value = Text.trimToNull(text);
		if (value != null && value.length() > max) {
			problems.reject(field, "customers.text.too-long", max);
			return null;
		}
		return value;
	}

	private List<PersonView.Email> emails(InvalidFieldsException.Collector problems, List<EmailInput> input) {
		List<PersonView.Email> emails = new ArrayList<>();
		Set<String> seen = new java.util.HashSet<>();
		boolean primaryTaken = false;
		for (int i = 0; i < input.size(); i++) {
			EmailInput e = input.get(i);
			if (e == null || Text.blank(e.address())) {
				continue;
			}
			String field = "emails[" + i + "].address";
			String address = e.address().strip();
			if (address.length() > 320 || !EMAIL.matcher(address).matches()) {
				problems.reject(field, "customers.email.invalid", abbreviate(address));
				continue;
			}
			if (!seen.add(address.toLowerCase(java.util.Locale.ROOT))) {
				problems.reject(field, "customers.email.duplicate", address);
				continue;
			}
			ContactLabel label = label(problems, "emails[" + i + "].label", e.label(), ContactLabel.WORK);
			boolean primary = e.primary() && !primaryTaken;
			primaryTaken |= primary;
			emails.add(new PersonView.Email(address, label, primary));
		}
		if (emails.size() > MAX_CONTACTS) {
			problems.reject("emails", "customers.contacts.too-many", MAX_CONTACTS);
		}
		if (!primaryTaken && !emails.isEmpty()) {
			PersonView.Email first = emails.get(0);
			emails.set(0, new PersonView.Email(first.address(), first.label(), true));
		}
		return emails;
	}

	private List<PersonView.Phone> phones(InvalidFieldsException.Collector problems, List<PhoneInput> input,
			List<PersonView.Phone> previous, @Nullable String region) {
		// A number kept as it was typed keeps its E.164 form, even if the workspace's
		// country changed since.
		Map<String, String> known = new HashMap<>();
		previous.stream().filter((p) -> p.e164() != null).forEach((p) -> known.put(p.typed(), p.e164()));
		List<PersonView.Phone> phones = new ArrayList<>();
		boolean primaryTaken = false;
		for (int i = 0; i < input.size(); i++) {
			PhoneInput p = input.get(i);
			if (p == null || Text.blank(p.number())) {
				continue;
			}
			String field = "phones[" + i + "].number";
			String typed = p.number().strip();
			if (typed.length() > 50) {
				problems.reject(field, "customers.text.too-long", 50);
				continue;
			}
			Optional<String> e164 = known.containsKey(typed) ? Optional.of(known.get(typed))
					: PhoneNumbers.toE164(typed, region);
			if (e164.isEmpty()) {
				problems.reject(field, (region == null && !typed.startsWith("+")) ? "customers.phone.needs-country"
						: "customers.phone.invalid", typed);
				continue;
			}
			ContactLabel label = label(problems, "phones[" + i + "].label", p.label(), ContactLabel.MOBILE);
			boolean primary = p.primary() && !primaryTaken;
			primaryTaken |= primary;
			phones.add(new PersonView.Phone(typed, e164.get(), label, primary));
		}
		if (phones.size() > MAX_CONTACTS) {
			problems.reject("phones", "customers.contacts.too-many", MAX_CONTACTS);
		}
		if (!primaryTaken && !phones.isEmpty()) {
			PersonView.Phone first = phones.get(0);
			phones.set(0, new PersonView.Phone(first.typed(), first.e164(), first.label(), true));
		}
		return phones;
	}

	static List<PersonView.Address> addresses(InvalidFieldsException.Collector problems, List<AddressInput> input) {
		List<PersonView.Address> addresses = new ArrayList<>();
		for (int i = 0; i < input.size(); i++) {
			AddressInput a = input.get(i);
			if (a == null || a.isBlank()) {
				continue;
			}
			String prefix = "addresses[" + i + "].";
			String country = Text.trimToNull(a.countryCode());
			if (country != null && !COUNTRY.matcher(country).matches()) {
				problems.reject(prefix + "countryCode", "customers.address.country.invalid");
				country = null;
			}
			addresses.add(new PersonView.Address(label(problems, prefix + "label", a.label(), ContactLabel.WORK),
					length(problems, prefix + "street", a.street(), 300),
					length(problems, prefix + "postalCode", a.postalCode(), 20),
					length(problems, prefix + "city", a.city(), 100),
					length(problems, prefix + "region", a.region(), 100),
					(country != null) ? country.toUpperCase(java.util.Locale.ROOT) : null));
		}
		if (addresses.size() > MAX_CONTACTS) {
			problems.reject("addresses", "customers.contacts.too-many", MAX_CONTACTS);
		}
		return addresses;
	}

	static List<String> tags(InvalidFieldsException.Collector problems, @Nullable List<String> input) {
		List<String> tags = new ArrayList<>();
		if (input == null) {
			return tags;
		}
		for (String tag : input) {
			if (tag == null || tag.isBlank()) {
				continue;
			}
			if (tag.strip().length() > Tags.MAX_LENGTH) {
				problems.reject("tags", "customers.tag.too-long", Tags.MAX_LENGTH);
				continue;
			}
			tags.add(tag.strip());
		}
		if (tags.size() > MAX_TAGS) {
			problems.reject("tags", "customers.tags.too-many", MAX_TAGS);
		}
		return tags;
	}

	static ContactLabel label(InvalidFieldsException.Collector problems, String field, @Nullable String code,
			ContactLabel fallback) {
		if (code == null || code.isBlank()) {
			return fallback;
		}
		Optional<ContactLabel> label = ContactLabel.fromCode(code);
		if (label.isEmpty()) {
			problems.reject(field, "customers.label.unknown", abbreviate(code));
			return fallback;
		}
		return label.get();
	}

	static String abbreviate(String text) {
		return (text.length() > 60) ? text.substring(0, 60) + "…" : text;
	}

	private boolean companyReadable(UUID companyId) {
		return this.dsl.fetchExists(COMPANY,
				this.accessPolicy.condition(CompanyService.COMPANIES, Access.READ)
					.and(COMPANY.ID.eq(companyId))
					.and(COMPANY.DELETED_AT.isNull()));
	}

	static void apply(PersonRecord person, PersonChange change, Validated valid) {
		person.setGivenName(valid.givenName());
		person.setFamilyName(valid.familyName());
		person.setDisplayName(valid.displayName());
		person.setNameKey(TextKeys.fold(valid.displayName()));
		person.setBirthday(change.birthday());
		person.setBirthdayMd(CustomerSignalsQuery.monthDay(change.birthday()));
		person.setJobTitle(Text.trimToNull(change.jobTitle()));
		person.setCompanyId(change.companyId());
		person.setSource(Text.trimToNull(change.source()));
		person.setOwnerId(valid.ownerId());
		person.setTeamId(change.teamId());
		person.setPreferredChannel(Text.trimToNull(change.preferredChannel()));
		person.setNotes(Text.trimToNull(change.notes()));
		person.setPrimaryEmail(valid.emails()
			.stream()
			.filter(PersonView.Email::primary)
			.map(PersonView.Email::address)
			.findFirst()
			.orElse(null));
		person.setPrimaryPhone(valid.phones()
			.stream()
			.filter(PersonView.Phone::primary)
			.map(PersonView.Phone::e164)
			.findFirst()
			.orElse(null));
	}

	private void writeContacts(UUID personId, Validated valid) {
		UUID workspaceId = Actors.workspaceId();
		this.dsl.deleteFrom(PERSON_EMAIL)
			.where(PERSON_EMAIL.WORKSPACE_ID.eq(workspaceId))
			.and(PERSON_EMAIL.PERSON_ID.eq(personId))
			.execute();
		this.dsl.deleteFrom(PERSON_PHONE)
			.where(PERSON_PHONE.WORKSPACE_ID.eq(workspaceId))
			.and(PERSON_PHONE.PERSON_ID.eq(personId))
			.execute();
		this.dsl.deleteFrom(POSTAL_ADDRESS)
			.where(POSTAL_ADDRESS.WORKSPACE_ID.eq(workspaceId))
			.and(POSTAL_ADDRESS.PERSON_ID.eq(personId))
			.execute();
		int position = 0;
		for (PersonView.Email e : valid.emails()) {
			this.dsl.insertInto(PERSON_EMAIL)
				.set(PERSON_EMAIL.WORKSPACE_ID, workspaceId)
				.set(PERSON_EMAIL.ID, Ids.newId())
				.set(PERSON_EMAIL.PERSON_ID, personId)
				.set(PERSON_EMAIL.ADDRESS, e.address())
				.set(PERSON_EMAIL.ADDRESS_KEY, e.address().toLowerCase(java.util.Locale.ROOT))
				.set(PERSON_EMAIL.LABEL, e.label().code())
				.set(PERSON_EMAIL.IS_PRIMARY, e.primary())
				.set(PERSON_EMAIL.POSITION, position++)
				.execute();
		}
		position = 0;
		for (PersonView.Phone p : valid.phones()) {
			this.dsl.insertInto(PERSON_PHONE)
				.set(PERSON_PHONE.WORKSPACE_ID, workspaceId)
				.set(PERSON_PHONE.ID, Ids.newId())
				.set(PERSON_PHONE.PERSON_ID, personId)
				.set(PERSON_PHONE.TYPED, p.typed())
				.set(PERSON_PHONE.E164, p.e164())
				.set(PERSON_PHONE.LABEL, p.label().code())
				.set(PERSON_PHONE.IS_PRIMARY, p.primary())
				.set(PERSON_PHONE.POSITION, position++)
				.execute();
		}
		writeAddresses(this.dsl, workspaceId, personId, null, valid.addresses());
	}

	static void writeAddresses(DSLContext dsl, UUID workspaceId, @Nullable UUID personId, @Nullable UUID companyId,
			List<PersonView.Address> addresses) {
		int position = 0;
		for (PersonView.Address a : addresses) {
			dsl.insertInto(POSTAL_ADDRESS)
				.set(POSTAL_ADDRESS.WORKSPACE_ID, workspaceId)
				.set(POSTAL_ADDRESS.ID, Ids.newId())
				.set(POSTAL_ADDRESS.PERSON_ID, personId)
				.set(POSTAL_ADDRESS.COMPANY_ID, companyId)
				.set(POSTAL_ADDRESS.LABEL, a.label().code())
				.set(POSTAL_ADDRESS.STREET, a.street())
				.set(POSTAL_ADDRESS.POSTAL_CODE, a.postalCode())
				.set(POSTAL_ADDRESS.CITY, a.city())
				.set(POSTAL_ADDRESS.REGION, a.region())
				.set(POSTAL_ADDRESS.COUNTRY_CODE, a.countryCode())
				.set(POSTAL_ADDRESS.POSITION, position++)
				.execute();
		}
	}

	private void index(UUID personId, PersonChange change, Validated valid) {
		this.searchIndex.replacePerson(personId, terms(valid), TextKeys.fold(valid.displayName()), change.companyId());
	}

	/**
	 * The search terms of a person: name words, e-mail addresses and domains, phone
	 * digits.
	 */
	static List<String> terms(Validated valid) {
		List<String> terms = new ArrayList<>(
				SearchIndex.nameTerms(valid.givenName(), valid.familyName(), valid.displayName()));
		valid.emails()
			.forEach((e) -> terms.addAll(SearchIndex.emailTerms(e.address().toLowerCase(java.util.Locale.ROOT))));
		valid.phones().forEach((p) -> terms.addAll(SearchIndex.phoneTerms(p.typed(), p.e164())));
		return terms;
	}

	private void recordStageChange(UUID personId, @Nullable LifecycleStage from, LifecycleStage to,
			@Nullable String reason) {
		LifecycleChangeRecord change = this.dsl.newRecord(LIFECYCLE_CHANGE);
		change.setWorkspaceId(Actors.workspaceId());
		change.setId(Ids.newId());
		change.setPersonId(personId);
		change.setFromStage((from != null) ? from.code() : null);
		change.setToStage(to.code());
		change.setChangedAt(now());
		change.setChangedBy(Actors.require().userId());
		change.setReason(reason);
		change.insert();
		java.util.Map<String, String> data = new java.util.LinkedHashMap<>();
		if (from != null) {
			data.put("from", from.code());
		}
		data.put("to", to.code());
		this.timeline.record(new dev.rapport.customers.timeline.TimelineEntry(personId, null,
				(from != null) ? "stage" : "created", change.getChangedAt(), change.getChangedBy(), null, reason, data,
				TimelineWriter.MODULE, change.getId(), null));
	}

	private List<PersonView.Email> emailsOf(UUID personId) {
		return this.dsl.selectFrom(PERSON_EMAIL)
			.where(PERSON_EMAIL.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(PERSON_EMAIL.PERSON_ID.eq(personId))
			.orderBy(PERSON_EMAIL.POSITION)
			.fetch((r) -> new PersonView.Email(r.getAddress(),
					ContactLabel.fromCode(r.getLabel()).orElse(ContactLabel.OTHER), r.getIsPrimary()));
	}

	private List<PersonView.Phone> phonesOf(UUID personId) {
		return this.dsl.selectFrom(PERSON_PHONE)
			.where(PERSON_PHONE.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(PERSON_PHONE.PERSON_ID.eq(personId))
			.orderBy(PERSON_PHONE.POSITION)
			.fetch((r) -> new PersonView.Phone(r.getTyped(), r.getE164(),
					ContactLabel.fromCode(r.getLabel()).orElse(ContactLabel.OTHER), r.getIsPrimary()));
	}

	private List<PersonView.Address> addressesOf(UUID personId) {
		return addresses(this.dsl, POSTAL_ADDRESS.PERSON_ID.eq(personId));
	}

	static List<PersonView.Address> addresses(DSLContext dsl, Condition owner) {
		return dsl.selectFrom(POSTAL_ADDRESS)
			.where(POSTAL_ADDRESS.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(owner)
			.orderBy(POSTAL_ADDRESS.POSITION)
			.fetch((r) -> new PersonView.Address(ContactLabel.fromCode(r.getLabel()).orElse(ContactLabel.OTHER),
					r.getStreet(), r.getPostalCode(), r.getCity(), r.getRegion(), r.getCountryCode()));
	}

	String ownerName(UUID ownerId) {
		return this.users.find(ownerId).map(UserView::displayName).orElse("");
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
