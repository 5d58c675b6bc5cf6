package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.PERSON;
import static dev.rapport.customers.internal.db.Tables.TIMELINE_ENTRY;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.internal.db.tables.records.TimelineEntryRecord;
import dev.rapport.customers.timeline.Timeline;
import dev.rapport.customers.timeline.TimelineEntry;
import dev.rapport.customers.timeline.TimelineItem;
import dev.rapport.identity.UserView;
import dev.rapport.identity.Users;
import dev.rapport.platform.Actors;
import dev.rapport.identity.Access;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.identity.OwnedRecords;
import dev.rapport.platform.WorkspaceScope;

/**
 * The timeline read model: one indexed table, written by the module that owns each thing.
 */
@Service
class TimelineService implements Timeline {

	private static final TypeReference<Map<String, String>> DATA = new TypeReference<>() {
	};

	private final DSLContext dsl;

	private final PersonService people;

	private final CompanyService companies;

	private final Users users;

	private final JsonMapper json;

	private final TimelineWriter writer;

	private final AccessPolicy accessPolicy;

	/** Entries of records with their own owner, as the access policy finds them. */
	private static final OwnedRecords ENTRIES = new OwnedRecords(TIMELINE_ENTRY.WORKSPACE_ID, TIMELINE_ENTRY.OWNER_ID,
			TIMELINE_ENTRY.TEAM_ID);

	TimelineService(DSLContext dsl, PersonService people, CompanyService companies, Users users, JsonMapper json,
			TimelineWriter writer, AccessPolicy accessPolicy) {
		this.dsl = dsl;
		this.accessPolicy = accessPolicy;
		this.writer = writer;
		this.people = people;
		this.companies = companies;
		this.users = users;
		this.json = json;
	}

	@Override
	@Transactional
	public void record(TimelineEntry entry) {
		this.writer.record(entry);
	}

	@Override
	@Transactional
	public void remove(String sourceModule, UUID sourceId) {
		this.writer.remove(sourceModule, sourceId);
	}

	@Override
	@Transactional(readOnly = true)
	public List<TimelineItem> ofPerson(UUID personId, @Nullable Set<String> kinds, @Nullable UUID before, int limit) {
		this.people.requireReadable(personId);
		return select(TIMELINE_ENTRY.PERSON_ID.eq(personId), kinds, before, limit);
	}

	@Override
	@Transactional(readOnly = true)
	public List<TimelineItem> ofCompany(UUID companyId, @Nullable Set<String> kinds, @Nullable UUID before, int limit) {
		this.companies.requireReadable(companyId);
		// The company's own entries, and those of its people the user may see.
		Condition ofCompany = TIMELINE_ENTRY.COMPANY_ID.eq(companyId)
			.and(TIMELINE_ENTRY.PERSON_ID.isNull())
			.or(TIMELINE_ENTRY.PERSON_ID.in(DSL.select(PERSON.ID)
				.from(PERSON)
				.where(this.people.condition(PersonService.PersonQuery.all()))
				.and(PERSON.COMPANY_ID.eq(companyId))));
		return select(ofCompany, kinds, before, limit);
	}

	private List<TimelineItem> select(Condition owner, @Nullable Set<String> kinds, @Nullable UUID before, int limit) {
		Condition condition = WorkspaceScope.of(TIMELINE_ENTRY.WORKSPACE_ID)
			.and(owner)
			.and(TIMELINE_ENTRY.OWNER_ID.isNull().or(this.accessPolicy.condition(ENTRIES, Access.READ)));
		if (kinds != null && !kinds.isEmpty()) {
			condition = condition.and(TIMELINE_ENTRY.KIND.in(kinds));
		}
		if (before != null) {
			TimelineEntryRecord last = this.dsl.selectFrom(TIMELINE_ENTRY)
				.where(WorkspaceScope.of(TIMELINE_ENTRY.WORKSPACE_ID))
				.and(TIMELINE_ENTRY.ID.eq(before))
				.fetchOne();
			if (last != null) {
				condition = condition.and(DSL.row(TIMELINE_ENTRY.OCCURRED_AT, TIMELINE_ENTRY.ID)
					.lessThan(last.getOccurredAt(), last.getId()));
			}
		}
		Map<UUID, String> names = new HashMap<>();
		return this.dsl.selectFrom(TIMELINE_ENTRY)
			.where(condition)
			.orderBy(TIMELINE_ENTRY.OCCURRED_AT.desc(), TIMELINE_ENTRY.ID.desc())
			.limit(limit)
			.fetch((r) -> new TimelineItem(r.getId(), r.getPersonId(), r.getCompanyId(), r.getKind(), r.getOccurredAt(),
					r.getActorId(), (r.getActorId() != null) ? names.computeIfAbsent(r.getActorId(), this::name) : null,
					r.getTitle(), r.getSummary(), data(r.getData()), r.getSourceModule(), r.getSourceId(),
					r.getLink()));
	}

	private String name(UUID userId) {
		return this.users.find(userId).map(UserView::displayName).orElse("");
	}

	private Map<String, String> data(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return Map.of();
		}
		return new LinkedHashMap<>(this.json.readValue(text, DATA));
	}

}
