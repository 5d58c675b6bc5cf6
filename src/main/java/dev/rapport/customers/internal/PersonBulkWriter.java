package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.CUSTOM_VALUE;
import static dev.rapport.customers.internal.db.Tables.LIFECYCLE_CHANGE;
import static dev.rapport.customers.internal.db.Tables.PERSON;
import static dev.rapport.customers.internal.db.Tables.PERSON_EMAIL;
import static dev.rapport.customers.internal.db.Tables.PERSON_PHONE;
import static dev.rapport.customers.internal.db.Tables.PERSON_TAG;
import static dev.rapport.customers.internal.db.Tables.POSTAL_ADDRESS;
import static dev.rapport.customers.internal.db.Tables.SEARCH_TERM;
import static dev.rapport.customers.internal.db.Tables.TIMELINE_ENTRY;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.rapport.customers.LifecycleStage;
import dev.rapport.customers.PersonChange;
import dev.rapport.customers.PersonView;
import dev.rapport.customers.internal.db.tables.records.PersonRecord;
import dev.rapport.customization.FieldDefinition;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Ids;

/**
 * Writes many validated people at once: every table in one go (PostgreSQL's COPY, or
 * multi-row inserts on H2, see {@link TableRows}) instead of a statement per row, with
 * the same columns, search terms, custom value rows, lifecycle history and timeline entry
 * as a single create.
 */
@Component
class PersonBulkWriter {

	private final DSLContext dsl;

	private final SearchIndex searchIndex;

	private final Tags tags;

	private final JsonMapper json;

	private final Clock clock;

	PersonBulkWriter(DSLContext dsl, Tags tags, SearchIndex searchIndex, JsonMapper json, Clock clock) {
		this.searchIndex = searchIndex;
		this.dsl = dsl;
		this.tags = tags;
		this.json = json;
		this.clock = clock;
	}

	List<UUID> write(List<PersonChange> changes, List<PersonService.Validated> valid, LifecycleStage stage,
			List<FieldDefinition> fields) {
		UUID workspaceId = Actors.workspaceId();
		UUID userId = Actors.require().userId();
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		Map<String, FieldDefinition> definitions = CustomValues.byKey(fields);
		List<UUID> ids = new ArrayList<>(changes.size());
		int size = changes.size();
		TableRows people = new TableRows(PERSON, PERSON.fields());
		TableRows emails = new TableRows(PERSON_EMAIL, PERSON_EMAIL.WORKSPACE_ID, PERSON_EMAIL.ID,
				PERSON_EMAIL.PERSON_ID, PERSON_EMAIL.ADDRESS, PERSON_EMAIL.ADDRESS_KEY, PERSON_EMAIL.LABEL,
				PERSON_EMAIL.IS_PRIMARY, PERSON_EMAIL.POSITION);
		TableRows phones = new TableRows(PERSON_PHONE, PERSON_PHONE.WORKSPACE_ID, PERSON_PHONE.ID,
				PERSON_PHONE.PERSON_ID, PERSON_PHONE.TYPED, PERSON_PHONE.E164, PERSON_PHONE.LABEL,
				PERSON_PHONE.IS_PRIMARY, PERSON_PHONE.POSITION);
		TableRows addresses = new TableRows(POSTAL_ADDRESS, POSTAL_ADDRESS.WORKSPACE_ID, POSTAL_ADDRESS.ID,
				POSTAL_ADDRESS.PERSON_ID, POSTAL_ADDRESS.LABEL, POSTAL_ADDRESS.STREET, POSTAL_ADDRESS.POSTAL_CODE,
				POSTAL_ADDRESS.CITY, POSTAL_ADDRESS.REGION, POSTAL_ADDRESS.COUNTRY_CODE, POSTAL_ADDRESS.POSITION);
		TableRows moves = new TableRows(LIFECYCLE_CHANGE, LIFECYCLE_CHANGE.WORKSPACE_ID, LIFECYCLE_CHANGE.ID,
				LIFECYCLE_CHANGE.PERSON_ID, LIFECYCLE_CHANGE.TO_STAGE, LIFECYCLE_CHANGE.CHANGED_AT,
				LIFECYCLE_CHANGE.CHANGED_BY);
		TableRows entries = new TableRows(TIMELINE_ENTRY, TIMELINE_ENTRY.WORKSPACE_ID, TIMELINE_ENTRY.ID,
				TIMELINE_ENTRY.PERSON_ID, TIMELINE_ENTRY.KIND, TIMELINE_ENTRY.OCCURRED_AT, TIMELINE_ENTRY.ACTOR_ID,
				TIMELINE_ENTRY.DATA, TIMELINE_ENTRY.SOURCE_MODULE, TIMELINE_ENTRY.SOURCE_ID);
		TableRows terms = new TableRows(SEARCH_TERM, SEARCH_TERM.WORKSPACE_ID, SEARCH_TERM.RECORD_ID,
				SEARCH_TERM.RECORD_KIND, SEARCH_TERM.TERM, SEARCH_TERM.SORT_KEY, SEARCH_TERM.SOURCE_ID);
		TableRows customValues = new TableRows(CUSTOM_VALUE, CUSTOM_VALUE.WORKSPACE_ID, CUSTOM_VALUE.RECORD_KIND,
				CUSTOM_VALUE.RECORD_ID, CUSTOM_VALUE.FIELD_KEY, CUSTOM_VALUE.POSITION, CUSTOM_VALUE.TEXT_VALUE,
				CUSTOM_VALUE.NUMBER_VALUE, CUSTOM_VALUE.DATE_VALUE);
		TableRows personTags = new TableRows(PERSON_TAG, PERSON_TAG.WORKSPACE_ID, PERSON_TAG.PERSON_ID,
				PERSON_TAG.TAG_ID);
		Map<String, UUID> tagIds = new LinkedHashMap<>();
		Set<String> allTags = new LinkedHashSet<>();
		valid.forEach((v) -> allTags.addAll(v.tags()));
		List<String> tagList = new ArrayList<>(allTags);
		List<UUID> resolved = this.tags.idsOf(tagList);
		for (int i = 0; i < tagList.size(); i++) {
			tagIds.put(TextKeys.fold(tagList.get(i)), resolved.get(i));
		}
		String timelineData = "{\"to\":\"" + stage.code() + "\"}";
		List<Object[]> withCompany = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			PersonChange change = changes.get(i);
			PersonService.Validated v = valid.get(i);
			UUID id = Ids.newId();
			ids.add(id);
			PersonRecord person = this.dsl.newRecord(PERSON);
			person.setWorkspaceId(workspaceId);
			person.setId(id);
			person.setLifecycleStage(stage.code());
			person.setLifecycleEnteredAt(now);
			person.setStatus("active");
			PersonService.apply(person, change, v);
			person.setCustom(
					v.custom().isEmpty() ? null : org.jooq.JSON.valueOf(this.json.writeValueAsString(v.custom())));
			audit(person, now, userId);
			people.add(person.intoArray());
			int position = 0;
			for (PersonView.Email e : v.emails()) {
				emails.add(workspaceId, Ids.newId(), id, e.address(), e.address().toLowerCase(Locale.ROOT),
						e.label().code(), e.primary(), position++);
			}
			position = 0;
			for (PersonView.Phone p : v.phones()) {
				phones.add(workspaceId, Ids.newId(), id, p.typed(), p.e164(), p.label().code(), p.primary(),
						position++);
			}
			position = 0;
			for (PersonView.Address a : v.addresses()) {
				addresses.add(workspaceId, Ids.newId(), id, a.label().code(), a.street(), a.postalCode(), a.city(),
						a.region(), a.countryCode(), position++);
			}
			for (String tag : new LinkedHashSet<>(v.tags().stream().map(TextKeys::fold).toList())) {
				personTags.add(workspaceId, id, tagIds.get(tag));
			}
			String sortKey = SearchIndex.sortKey(person.getNameKey());
			Set<String> own = SearchIndex.unique(PersonService.terms(v));
			for (String term : own) {
				terms.add(workspaceId, id, SearchIndex.PERSON, term, sortKey, null);
			}
			if (change.companyId() != null) {
				withCompany.add(new Object[] { id, change.companyId(), own, sortKey });
			}
			for (Object[] row : CustomValues.values(workspaceId, SearchIndex.PERSON, id, v.custom(), definitions)) {
				customValues.add(row);
			}
			UUID moveId = Ids.newId();
			moves.add(workspaceId, moveId, id, stage.code(), now, userId);
			entries.add(workspaceId, Ids.newId(), id, "created", now, userId, timelineData, TimelineWriter.MODULE,
					moveId);
		}
		// Copies of their companies' terms, those they do not hold themselves.
		Map<UUID, List<String>> companyTerms = this.searchIndex
			.companyTerms(withCompany.stream().map((w) -> (UUID) w[1]).distinct().toList());
		for (Object[] w : withCompany) {
			@SuppressWarnings("unchecked")
			Set<String> own = (Set<String>) w[2];
			for (String term : companyTerms.getOrDefault((UUID) w[1], List.of())) {
				if (!own.contains(term)) {
					terms.add(workspaceId, w[0], SearchIndex.PERSON, term, w[3], w[1]);
				}
			}
		}
		// In the order of the term indexes: each index page is visited once per batch
		// rather than once per term, which counts once the index outgrows memory.
		terms.rows()
			.sort(Comparator.comparing((Object[] row) -> (String) row[3]).thenComparing((row) -> (UUID) row[1]));
		// People first: the other rows refer to them.
		people.write(this.dsl);
		emails.write(this.dsl);
		phones.write(this.dsl);
		addresses.write(this.dsl);
		moves.write(this.dsl);
		entries.write(this.dsl);
		terms.write(this.dsl);
		customValues.write(this.dsl);
		personTags.write(this.dsl);
		return ids;
	}

	private static void audit(PersonRecord person, OffsetDateTime now, UUID userId) {
		person.setCreatedAt(now);
		person.setCreatedBy(userId);
		person.setUpdatedAt(now);
		person.setUpdatedBy(userId);
		person.setVersion(1);
	}

}
