package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.COMPANY;
import static dev.rapport.customers.internal.db.Tables.COMPANY_TAG;
import static dev.rapport.customers.internal.db.Tables.PERSON;
import static dev.rapport.customers.internal.db.Tables.POSTAL_ADDRESS;

import java.net.IDN;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.CompanyChange;
import dev.rapport.customers.CompanySummary;
import dev.rapport.customers.CompanyView;
import dev.rapport.customers.ContactInput.AddressInput;
import dev.rapport.customers.PersonView;
import dev.rapport.customers.internal.db.tables.Company;
import dev.rapport.customers.internal.db.tables.records.CompanyRecord;
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

/** Creating, changing, finding and deleting the companies of the current workspace. */
@Service
public class CompanyService {

	static final String KIND = "company";

	static final OwnedRecords COMPANIES = new OwnedRecords(COMPANY.WORKSPACE_ID, COMPANY.OWNER_ID, COMPANY.TEAM_ID);

	/** The size bands a company can be in, by number of employees. */
	public static final List<String> SIZE_BANDS = List.of("1-10", "11-50", "51-200", "201-1000", "1001-5000", "5001+");

	private static final Company PARENT = COMPANY.as("parent");

	private static final Pattern DOMAIN = Pattern
		.compile("^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$");

	private final DSLContext dsl;

	private final AccessPolicy accessPolicy;

	private final Users users;

	private final Teams teams;

	private final Tags tags;

	private final SearchIndex searchIndex;

	private final CustomValues customValues;

	private final dev.rapport.platform.ChangeLog changeLog;

	private final Clock clock;

	private final dev.rapport.customization.CustomFields customFields;

	private final int countLimit;

	private final RecordRules rules;

	private final org.springframework.context.ApplicationEventPublisher events;

	CompanyService(DSLContext dsl, AccessPolicy accessPolicy, Users users, Teams teams, Tags tags,
			SearchIndex searchIndex, CustomValues customValues, dev.rapport.platform.ChangeLog changeLog, Clock clock,
			dev.rapport.customization.CustomFields customFields, CustomersProperties properties,
			ObjectProvider<RecordRules> rules, org.springframework.context.ApplicationEventPublisher events) {
		this.rules = RecordRules.of(rules);
		this.events = events;
		this.customFields = customFields;
		this.countLimit = properties.countExactLimit();
		this.changeLog = changeLog;
		this.customValues = customValues;
		this.dsl = dsl;
		this.accessPolicy = accessPolicy;
		this.users = users;
		this.teams = teams;
		this.tags = tags;
		this.searchIndex = searchIndex;
		this.clock = clock;
	}

	/** One page of companies and the cursor of the next page, if there is one. */
	public record Page(List<CompanySummary> items, @Nullable String next) {
	}

	/** The standard fields the companies list filters on, by the name used in filters. */
	static final Map<String, org.jooq.Field<?>> FILTERABLE = Map.ofEntries(Map.entry("name", COMPANY.NAME),
			Map.entry("domain", COMPANY.DOMAIN), Map.entry("industry", COMPANY.INDUSTRY),
			Map.entry("size", COMPANY.SIZE_BAND), Map.entry("ownerId", COMPANY.OWNER_ID),
			Map.entry("parentId", COMPANY.PARENT_ID), Map.entry("createdAt", COMPANY.CREATED_AT),
			Map.entry("updatedAt", COMPANY.UPDATED_AT), Map.entry("status", COMPANY.STATUS),
			Map.entry("archived", COMPANY.ARCHIVED_AT), Map.entry("teamId", COMPANY.TEAM_ID));

	/** The orders the companies list can be shown in, as named in the sort parameter. */
	public static final String SORTS = "name, -updatedAt, custom.<key>, -custom.<key>";

	/**
	 * What the companies list shows: a text query, a tag, filters ({@link Filters},
	 * combined with "any" or all), and the order: {@code name} (the default),
	 * {@code -updatedAt}, or a custom field ({@code custom.<key>},
	 * {@code -custom.<key>}).
	 */
	public record CompanyQuery(@Nullable String q, @Nullable String tag, List<Filters.Filter> filters, boolean any,
			@Nullable String sort) {

		/**
		 * The query as the API names it: filters as {@code field:op:value} texts, match
		 * all or any; rejects a filter or match that cannot be read, naming it.
		 */
		public static CompanyQuery of(@Nullable String q, @Nullable String tag, @Nullable List<String> filter,
				String match, @Nullable String sort) {
			return new CompanyQuery(q, tag, Filters.parseAll(filter), Filters.any(match), sort);
		}

		/** The companies whose name or domain starts with the words of q, by name. */
		public static CompanyQuery search(@Nullable String q) {
			return new CompanyQuery(q, null, List.of(), false, null);
		}

	}

	@Transactional
	public CompanyView create(CompanyChange change) {
		Validated valid = validate(null, change, null);
		this.rules.check(RecordRules.COMPANY, RuleValues.company(valid, change));
		CompanyRecord company = this.dsl.newRecord(COMPANY);
		company.setId(Ids.newId());
		apply(company, change, valid);
		company.setCustom(this.customValues.json(valid.custom()));
		company.store();
		this.customValues.replace(SearchIndex.COMPANY, company.getId(), valid.custom(), valid.fields());
		afterWrite(company.getId(), valid);
		changed(company.getId());
		return get(company.getId());
	}

	@Transactional
	public CompanyView update(UUID id, int version, CompanyChange change) {
		CompanyRecord company = loadForChange(id, Access.UPDATE);
		StaleVersionException.check(KIND, version, company.getVersion());
		CompanyView before = get(id);
		Validated valid = validate(id, change, this.customValues.parse(company.getCustom()));
		this.rules.check(RecordRules.COMPANY, RuleValues.company(valid, change));
		apply(company, change, valid);
		company.setCustom(this.customValues.json(valid.custom()));
		company.store();
		this.customValues.replace(SearchIndex.COMPANY, id, valid.custom(), valid.fields());
		afterWrite(id, valid);
		changed(id);
		CompanyView after = get(id);
		this.changeLog.record(KIND, id, History.diff(before, after));
		return after;
	}

	/**
	 * Moves a company to the trash. Its people keep the link while it is there (restoring
	 * it brings it back); their pages no longer show it.
	 */
	@Transactional
	public void delete(UUID id, int version) {
		CompanyRecord company = loadForChange(id, Access.DELETE);
		StaleVersionException.check(KIND, version, company.getVersion());
		company.setDeletedAt(OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC));
		company.setDeletedBy(Actors.require().userId());
		company.store();
		this.changeLog.record(KIND, id, List
			.of(new dev.rapport.platform.ChangeLog.FieldChange("deleted", null, company.getDeletedAt().toString())));
		changed(id);
	}

	/** Tells listeners (duplicate keys) in this transaction that a company changed. */
	private void changed(UUID id) {
		this.events.publishEvent(
				new dev.rapport.customers.CustomersChanged(dev.rapport.customers.CustomerKind.COMPANY, List.of(id)));
	}

	/**
	 * Which of these companies the current user may read, with one query; companies in
	 * the trash are left out.
	 */
	@Transactional(readOnly = true)
	public java.util.Set<UUID> readable(java.util.Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return java.util.Set.of();
		}
		return new java.util.HashSet<>(this.dsl.select(COMPANY.ID)
			.from(COMPANY)
			.where(this.accessPolicy.condition(COMPANIES, Access.READ))
			.and(COMPANY.ID.in(ids))
			.and(COMPANY.DELETED_AT.isNull())
			.fetch(COMPANY.ID));
	}

	/** The ids of the most recently changed records the user may read, newest first. */
	@Transactional(readOnly = true)
	public List<UUID> recent(int limit) {
		return this.dsl.select(COMPANY.ID)
			.from(COMPANY)
			.where(this.accessPolicy.condition(COMPANIES, Access.READ))
			.and(COMPANY.DELETED_AT.isNull())
			.orderBy(COMPANY.WORKSPACE_ID, COMPANY.UPDATED_AT.desc(), COMPANY.ID.desc())
			.limit(limit)
			.fetch(COMPANY.ID);
	}

	/**
	 * The companies the current user may read (not in the trash) with these names,
	 * compared regardless of case and accents, in one query: by the name as given.
	 */
	@Transactional(readOnly = true)
	public java.util.Map<String, UUID> byNames(java.util.Collection<String> names) {
		java.util.Map<String, List<String>> namesByKey = new java.util.HashMap<>();
		names.forEach((n) -> namesByKey.computeIfAbsent(TextKeys.fold(n), (k) -> new java.util.ArrayList<>()).add(n));
		namesByKey.remove("");
		java.util.Map<String, UUID> found = new java.util.HashMap<>();
		if (namesByKey.isEmpty()) {
			return found;
		}
		this.dsl.select(COMPANY.NAME_KEY, COMPANY.ID)
			.from(COMPANY)
			.where(this.accessPolicy.condition(COMPANIES, Access.READ))
			.and(COMPANY.DELETED_AT.isNull())
			.and(COMPANY.NAME_KEY.in(namesByKey.keySet()))
			.orderBy(COMPANY.CREATED_AT, COMPANY.ID)
			.forEach((r) -> namesByKey.getOrDefault(r.value1(), List.of())
				.forEach((n) -> found.putIfAbsent(n, r.value2())));
		return found;
	}

	@Transactional(readOnly = true)
	public Optional<CompanyView> find(UUID id) {
		Record row = this.dsl.select(COMPANY.asterisk(), PARENT.NAME)
			.from(COMPANY)
			.leftJoin(PARENT)
			.on(PARENT.WORKSPACE_ID.eq(COMPANY.WORKSPACE_ID).and(PARENT.ID.eq(COMPANY.PARENT_ID)))
			.where(this.accessPolicy.condition(COMPANIES, Access.READ))
			.and(COMPANY.ID.eq(id))
			.and(COMPANY.DELETED_AT.isNull())
			.fetchOne();
		if (row == null) {
			return Optional.empty();
		}
		CompanyRecord c = row.into(COMPANY);
		long people = this.dsl.fetchCount(PERSON,
				this.accessPolicy.condition(PersonService.PEOPLE, Access.READ)
					.and(PERSON.COMPANY_ID.eq(id))
					.and(PERSON.DELETED_AT.isNull()));
		return Optional.of(new CompanyView(c.getId(), c.getName(), c.getDomain(), c.getIndustry(), c.getSizeBand(),
				c.getParentId(), row.get(PARENT.NAME), c.getOwnerId(), ownerName(c.getOwnerId()), c.getTeamId(),
				this.tags.ofCompany(id), PersonService.addresses(this.dsl, POSTAL_ADDRESS.COMPANY_ID.eq(id)),
				c.getNotes(), this.customValues.parse(c.getCustom()), people, c.getCreatedAt(), c.getUpdatedAt(),
				c.getVersion()));
	}

	public CompanyView get(UUID id) {
		return find(id).orElseThrow(() -> new NotFoundException(KIND, id));
	}

	/** Checks with one query that the current user may read a company: 404 otherwise. */
	@Transactional(readOnly = true)
	public void requireReadable(UUID id) {
		if (!this.dsl.fetchExists(COMPANY,
				this.accessPolicy.condition(COMPANIES, Access.READ)
					.and(COMPANY.ID.eq(id))
					.and(COMPANY.DELETED_AT.isNull()))) {
			throw new NotFoundException(KIND, id);
		}
	}

	/** The field-by-field history of a company the user may read, newest first. */
	@Transactional(readOnly = true)
	public List<PersonService.Change> history(UUID companyId, int limit) {
		requireReadable(companyId);
		return PersonService.named(this.changeLog.of(companyId, limit), this::ownerName);
	}

	/**
	 * A company the current user may change: 404 when out of reach, 403 when read only.
	 */
	@Transactional(readOnly = true)
	public CompanyView getForChange(UUID id) {
		CompanyView company = get(id);
		this.accessPolicy.check(Access.UPDATE, KIND, id, company.ownerId(), company.teamId());
		return company;
	}

	/**
	 * One page of the companies the user may see, in the query's order, after the cursor.
	 */
	@Transactional(readOnly = true)
	public Page page(CompanyQuery query, @Nullable String cursor, int limit) {
		Condition condition = condition(query);
		CustomSort custom = CustomSort.of(query.sort(),
				this.customFields.fieldsOf(dev.rapport.customization.CustomFields.COMPANY, false));
		Keyset keyset = (custom != null) ? null : keyset(query.sort());
		if (cursor != null && !cursor.isBlank()) {
			condition = condition.and((keyset != null) ? keyset.after(cursor) : custom.after(cursor, COMPANY.ID));
		}
		List<org.jooq.Field<?>> columns = new ArrayList<>(
				List.of(COMPANY.ID, COMPANY.NAME, COMPANY.NAME_KEY, COMPANY.DOMAIN, COMPANY.INDUSTRY, COMPANY.SIZE_BAND,
						COMPANY.OWNER_ID, COMPANY.UPDATED_AT, COMPANY.CUSTOM, COMPANY.VERSION));
		org.jooq.Table<?> from = COMPANY;
		if (custom != null) {
			columns.add(custom.column());
			from = custom.join(COMPANY, COMPANY.WORKSPACE_ID, COMPANY.ID, SearchIndex.COMPANY);
		}
		List<? extends Record> rows = this.dsl.select(columns)
			.from(from)
			.where(condition)
			.orderBy((keyset != null) ? keyset.order() : custom.order(COMPANY.ID))
			.limit(limit + 1)
			.fetch();
		Map<UUID, String> owners = new HashMap<>();
		List<CompanySummary> items = new ArrayList<>();
		for (Record r : rows.subList(0, Math.min(limit, rows.size()))) {
			UUID ownerId = r.get(COMPANY.OWNER_ID);
			items.add(new CompanySummary(r.get(COMPANY.ID), r.get(COMPANY.NAME), r.get(COMPANY.DOMAIN),
					r.get(COMPANY.INDUSTRY), r.get(COMPANY.SIZE_BAND), ownerId,
					owners.computeIfAbsent(ownerId, this::ownerName), r.get(COMPANY.UPDATED_AT),
					this.customValues.parse(r.get(COMPANY.CUSTOM)), r.get(COMPANY.VERSION)));
		}
		String next = null;
		if (rows.size() > limit) {
			Record last = rows.get(limit - 1);
			next = (keyset != null) ? keyset.cursor(last) : custom.cursor(last, COMPANY.ID);
		}
		return new Page(items, next);
	}

	/**
	 * How many companies match, counted exactly up to
	 * {@code rapport.customers.count-exact-limit}, then estimated (see
	 * {@link ListCount}).
	 */
	@Transactional(readOnly = true)
	public ListCount count(CompanyQuery query) {
		return ListCount.of(this.dsl, this.dsl.select(COMPANY.ID).from(COMPANY).where(condition(query)),
				this.countLimit);
	}

	/**
	 * Applies one action to many companies, each within the access policy: companies out
	 * of reach or that may only be read are skipped with a reason, the others changed.
	 * Companies have no lifecycle stage, so {@code move_stage} is refused naming
	 * "action", as are an action without what it needs (an owner, a tag) and more than
	 * 500 companies.
	 */
	@Transactional
	public Bulk.Result bulk(List<UUID> ids, Bulk.Action action, @Nullable String value) {
		return Bulk.run(this.accessPolicy, this.users, this.changeLog, KIND, ids, action, value,
				(id) -> find(id)
					.map((c) -> new Bulk.Target(c.id(), c.ownerId(), c.teamId(), c.ownerName(), c.tags(), c.version())),
				new Bulk.Edits((id) -> loadForChange(id, Access.UPDATE), COMPANY.OWNER_ID,
						this.tags::replaceCompanyTags, null, (target) -> delete(target.id(), target.version()),
						(id, changed) -> find(id).map((c) -> {
							Map<String, @Nullable Object> values = RuleValues.company(c);
							values.putAll(changed);
							return values;
						}).map((values) -> Bulk.passes(this.rules, RecordRules.COMPANY, values)).orElse(true)));
	}

	private static Keyset keyset(@Nullable String sort) {
		String chosen = (sort != null) ? sort.strip() : "";
		return switch (chosen) {
			case "", "name" -> Keyset.byName(COMPANY.WORKSPACE_ID, COMPANY.NAME_KEY, COMPANY.ID);
			case "-updatedAt" -> Keyset.newestFirst(COMPANY.WORKSPACE_ID, COMPANY.UPDATED_AT, COMPANY.ID);
			default -> throw new BusinessRuleException("sort", "customers.sort.unknown", SORTS);
		};
	}

	private Condition condition(CompanyQuery query) {
		Condition condition = this.accessPolicy.condition(COMPANIES, Access.READ)
			.and(COMPANY.DELETED_AT.isNull())
			.and(EndOfLifeService.companyListDefault(query.filters()));
		if (query.q() != null && !query.q().isBlank()) {
			condition = condition
				.and(this.searchIndex.matches(SearchIndex.COMPANY, COMPANY.ID, SearchIndex.queryTerms(query.q())));
		}
		if (query.tag() != null && !query.tag().isBlank()) {
			List<UUID> tagIds = this.tags.find(List.of(query.tag()));
			condition = condition.and(tagIds.isEmpty() ? DSL.falseCondition()
					: COMPANY.ID.in(DSL.select(COMPANY_TAG.COMPANY_ID)
						.from(COMPANY_TAG)
						.where(COMPANY_TAG.WORKSPACE_ID.eq(Actors.workspaceId()))
						.and(COMPANY_TAG.TAG_ID.in(tagIds))));
		}
		if (!query.filters().isEmpty()) {
			condition = condition.and(Filters.condition(query.filters(), query.any(), SearchIndex.COMPANY, COMPANY.ID,
					FILTERABLE,
					Filters.byKey(this.customFields.fieldsOf(dev.rapport.customization.CustomFields.COMPANY, false))));
		}
		return condition;
	}

	private CompanyRecord loadForChange(UUID id, Access access) {
		var select = this.dsl.selectFrom(COMPANY)
			.where(this.accessPolicy.condition(COMPANIES, Access.READ))
			.and(COMPANY.ID.eq(id))
			.and(COMPANY.DELETED_AT.isNull());
		// Not a key update on PostgreSQL: the links that name this row (tags, a tag merge
		// moving them) check it with a key share lock, which must not wait for this.
		CompanyRecord company = ((this.dsl.dialect().family() == SQLDialect.POSTGRES) ? select.forNoKeyUpdate()
				: select.forUpdate())
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(KIND, id));
		this.accessPolicy.check(access, KIND, id, company.getOwnerId(), company.getTeamId());
		return company;
	}

	record Validated(String name, @Nullable String domain, UUID ownerId, List<String> tags,
			List<PersonView.Address> addresses, Map<String, Object> custom,
			List<dev.rapport.customization.FieldDefinition> fields) {
	}

	private Validated validate(@Nullable UUID id, CompanyChange change, @Nullable Map<String, Object> previousCustom) {
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		String name = PersonService.length(problems, "name", change.name(), 300);
		if (name == null && !problems.has("name")) {
			problems.reject("name", "customers.company.name.required");
		}
		String domain = domain(problems, change.domain());
		PersonService.length(problems, "industry", change.industry(), 100);
		PersonService.length(problems, "notes", change.notes(), 10000);
		if (change.sizeBand() != null && !change.sizeBand().isBlank() && !SIZE_BANDS.contains(change.sizeBand())) {
			problems.reject("sizeBand", "customers.company.size.unknown", String.join(", ", SIZE_BANDS));
		}
		if (change.parentId() != null) {
			checkParent(problems, id, change.parentId());
		}
		UUID ownerId = (change.ownerId() != null) ? change.ownerId() : Actors.require().userId();
		Optional<UserView> owner = this.users.find(ownerId);
		if (owner.isEmpty() || !owner.get().active()) {
			problems.reject("ownerId", "customers.owner.unknown");
		}
		if (change.teamId() != null && !this.teams.exists(change.teamId())) {
			problems.reject("teamId", "customers.team.unknown");
		}
		List<String> tagNames = PersonService.tags(problems, change.tags());
		List<PersonView.Address> addresses = PersonService.addresses(problems, change.addresses());
		List<dev.rapport.customization.FieldDefinition> fields = this.customValues
			.definitions(dev.rapport.customization.CustomFields.COMPANY);
		Map<String, Object> custom = this.customValues.validate(problems, change.custom(), previousCustom, fields);
		problems.throwIfAny();
		return new Validated(name, domain, ownerId, tagNames, addresses, custom, fields);
	}

	/**
	 * A web domain in lower case, from what was typed ("https://www.Example.com/about" ->
	 * example.com).
	 */
	static @Nullable String domain(InvalidFieldsException.Collector problems, @Nullable String typed) {
		String text = Text.trimToNull(typed);
		if (text == null) {
			return null;
		}
		String host = text.toLowerCase(Locale.ROOT).replaceFirst("^[a-z][a-z0-9+.-]*://", "");
		int end = host.length();
		for (char stop : new char[] { '/', '?', '#', ':' }) {
			int at = host.indexOf(stop);
			if (at >= 0) {
				end = Math.min(end, at);
			}
		}
		host = host.substring(0, end);
		if (host.startsWith("www.")) {
			host = host.substring(4);
		}
		try {
			String ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
			if (DOMAIN.matcher(ascii).matches()) {
				return host;
			}
		}
		catch (IllegalArgumentException ex) {
			// not a domain name: reported below
		}
		problems.reject("domain", "customers.company.domain.invalid", PersonService.abbreviate(text));
		return null;
	}

	/**
	 * The parent must be a company the user may read, and following parents up from it
	 * must never come back to this company. Walks the chain one row at a time instead of
	 * loading every company of the workspace.
	 */
	private void checkParent(InvalidFieldsException.Collector problems, @Nullable UUID id, UUID parentId) {
		if (!this.dsl.fetchExists(COMPANY,
				this.accessPolicy.condition(COMPANIES, Access.READ)
					.and(COMPANY.ID.eq(parentId))
					.and(COMPANY.DELETED_AT.isNull()))) {
			problems.reject("parentId", "customers.company.unknown");
			return;
		}
		Set<UUID> seen = new HashSet<>();
		for (UUID current = parentId; current != null; current = this.dsl.select(COMPANY.PARENT_ID)
			.from(COMPANY)
			.where(COMPANY.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(COMPANY.ID.eq(current))
			.fetchOne(COMPANY.PARENT_ID)) {
			if (current.equals(id) || !seen.add(current)) {
				problems.reject("parentId", "customers.company.parent.cycle");
				return;
			}
		}
	}

	private void apply(CompanyRecord company, CompanyChange change, Validated valid) {
		company.setName(valid.name());
		company.setNameKey(TextKeys.fold(valid.name()));
		company.setDomain(valid.domain());
		company.setIndustry(Text.trimToNull(change.industry()));
		company.setSizeBand(Text.trimToNull(change.sizeBand()));
		company.setParentId(change.parentId());
		company.setOwnerId(valid.ownerId());
		company.setTeamId(change.teamId());
		company.setNotes(Text.trimToNull(change.notes()));
	}

	private void afterWrite(UUID id, Validated valid) {
		UUID workspaceId = Actors.workspaceId();
		this.dsl.deleteFrom(POSTAL_ADDRESS)
			.where(POSTAL_ADDRESS.WORKSPACE_ID.eq(workspaceId))
			.and(POSTAL_ADDRESS.COMPANY_ID.eq(id))
			.execute();
		PersonService.writeAddresses(this.dsl, workspaceId, null, id, valid.addresses());
		this.tags.replaceCompanyTags(id, valid.tags());
		List<String> terms = new ArrayList<>(SearchIndex.nameTerms(valid.name()));
		if (valid.domain() != null) {
			terms.add(valid.domain());
		}
		this.searchIndex.replaceCompany(id, terms, TextKeys.fold(valid.name()));
	}

	private String ownerName(UUID ownerId) {
		return this.users.find(ownerId).map(UserView::displayName).orElse("");
	}

}
