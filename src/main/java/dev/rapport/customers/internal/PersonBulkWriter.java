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

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Row8;
import org.jooq.TableRecord;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.rapport.customers.LifecycleStage;
import dev.rapport.customers.PersonChange;
import dev.rapport.customers.PersonView;
import dev.rapport.customers.internal.db.tables.records.LifecycleChangeRecord;
import dev.rapport.customers.internal.db.tables.records.PersonEmailRecord;
import dev.rapport.customers.internal.db.tables.records.PersonPhoneRecord;
import dev.rapport.customers.internal.db.tables.records.PersonRecord;
import dev.rapport.customers.internal.db.tables.records.PostalAddressRecord;
import dev.rapport.customers.internal.db.tables.records.TimelineEntryRecord;
import dev.rapport.customization.FieldDefinition;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Ids;

/**
 * Writes many validated people at once: every table in one batch (a JDBC batch or a
 * multi-row insert) instead of a statement per row, with the same columns, search terms,
 * custom value rows, lifecycle history and timeline entry as a single create.
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
		List<UUID> ids = new ArrayList<>(changes.size());
		List<TableRecord<?>> people = new ArrayList<>();
		List<TableRecord<?>> details = new ArrayList<>();
		List<Row8<UUID, String, UUID, String, Integer, String, BigDecimal, LocalDate>> customRows = new ArrayList<>();
		List<UUID[]> personTags = new ArrayList<>();
		Map<String, UUID> tagIds = new LinkedHashMap<>();
		Set<String> allTags = new LinkedHashSet<>();
		valid.forEach((v) -> allTags.addAll(v.tags()));
		List<String> tagList = new ArrayList<>(allTags);
		List<UUID> resolved = this.tags.idsOf(tagList);
		for (int i = 0; i < tagList.size(); i++) {
			tagIds.put(TextKeys.fold(tagList.get(i)), resolved.get(i));
		}
		List<Object[]> terms = new ArrayList<>();
		List<Object[]> withCompany = new ArrayList<>();
		for (int i = 0; i < changes.size(); i++) {
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
			people.add(person);
			int position = 0;
			for (PersonView.Email e : v.emails()) {
				PersonEmailRecord email = this.dsl.newRecord(PERSON_EMAIL);
				email.setWorkspaceId(workspaceId);
				email.setId(Ids.newId());
				email.setPersonId(id);
				email.setAddress(e.address());
				email.setAddressKey(e.address().toLowerCase(Locale.ROOT));
				email.setLabel(e.label().code());
				email.setIsPrimary(e.primary());
				email.setPosition(position++);
				details.add(email);
			}
			position = 0;
			for (PersonView.Phone p : v.phones()) {
				PersonPhoneRecord phone = this.dsl.newRecord(PERSON_PHONE);
				phone.setWorkspaceId(workspaceId);
				phone.setId(Ids.newId());
				phone.setPersonId(id);
				phone.setTyped(p.typed());
				phone.setE164(p.e164());
				phone.setLabel(p.label().code());
				phone.setIsPrimary(p.primary());
				phone.setPosition(position++);
				details.add(phone);
			}
			position = 0;
			for (PersonView.Address a : v.addresses()) {
				PostalAddressRecord address = this.dsl.newRecord(POSTAL_ADDRESS);
				address.setWorkspaceId(workspaceId);
				address.setId(Ids.newId());
				address.setPersonId(id);
				address.setLabel(a.label().code());
				address.setStreet(a.street());
				address.setPostalCode(a.postalCode());
				address.setCity(a.city());
				address.setRegion(a.region());
				address.setCountryCode(a.countryCode());
				address.setPosition(position++);
				details.add(address);
			}
			for (String tag : new LinkedHashSet<>(v.tags().stream().map(TextKeys::fold).toList())) {
				personTags.add(new UUID[] { id, tagIds.get(tag) });
			}
			String sortKey = SearchIndex.sortKey(person.getNameKey());
			Set<String> own = SearchIndex.unique(PersonService.terms(v));
			for (String term : own) {
				terms.add(new Object[] { id, term, sortKey, null });
			}
			if (change.companyId() != null) {
				withCompany.add(new Object[] { id, change.companyId(), own, sortKey });
			}
			customRows.addAll(CustomValues.rows(workspaceId, SearchIndex.PERSON, id, v.custom(), fields));
			LifecycleChangeRecord move = this.dsl.newRecord(LIFECYCLE_CHANGE);
			move.setWorkspaceId(workspaceId);
			move.setId(Ids.newId());
			move.setPersonId(id);
			move.setToStage(stage.code());
			move.setChangedAt(now);
			move.setChangedBy(userId);
			details.add(move);
			TimelineEntryRecord entry = this.dsl.newRecord(TIMELINE_ENTRY);
			entry.setWorkspaceId(workspaceId);
			entry.setId(Ids.newId());
			entry.setPersonId(id);
			entry.setKind("created");
			entry.setOccurredAt(now);
			entry.setActorId(userId);
			entry.setData("{\"to\":\"" + stage.code() + "\"}");
			entry.setSourceModule(TimelineWriter.MODULE);
			entry.setSourceId(move.getId());
			details.add(entry);
		}
		this.dsl.batchInsert(people).execute();
		this.dsl.batchInsert(details).execute();
		// Copies of their companies' terms, those they do not hold themselves.
		Map<UUID, List<String>> companyTerms = this.searchIndex
			.companyTerms(withCompany.stream().map((w) -> (UUID) w[1]).distinct().toList());
		for (Object[] w : withCompany) {
			@SuppressWarnings("unchecked")
			Set<String> own = (Set<String>) w[2];
			for (String term : companyTerms.getOrDefault((UUID) w[1], List.of())) {
				if (!own.contains(term)) {
					terms.add(new Object[] { w[0], term, w[3], w[1] });
				}
			}
		}
		if (!terms.isEmpty()) {
			var insert = this.dsl.insertInto(SEARCH_TERM, SEARCH_TERM.WORKSPACE_ID, SEARCH_TERM.RECORD_ID,
					SEARCH_TERM.RECORD_KIND, SEARCH_TERM.TERM, SEARCH_TERM.SORT_KEY, SEARCH_TERM.SOURCE_ID);
			for (Object[] term : terms) {
				insert = insert.values(workspaceId, (UUID) term[0], SearchIndex.PERSON, (String) term[1],
						(String) term[2], (UUID) term[3]);
			}
			insert.execute();
		}
		if (!customRows.isEmpty()) {
			this.dsl
				.insertInto(CUSTOM_VALUE, CUSTOM_VALUE.WORKSPACE_ID, CUSTOM_VALUE.RECORD_KIND, CUSTOM_VALUE.RECORD_ID,
						CUSTOM_VALUE.FIELD_KEY, CUSTOM_VALUE.POSITION, CUSTOM_VALUE.TEXT_VALUE,
						CUSTOM_VALUE.NUMBER_VALUE, CUSTOM_VALUE.DATE_VALUE)
				.valuesOfRows(customRows)
				.execute();
		}
		if (!personTags.isEmpty()) {
			var insert = this.dsl.insertInto(PERSON_TAG, PERSON_TAG.WORKSPACE_ID, PERSON_TAG.PERSON_ID,
					PERSON_TAG.TAG_ID);
			for (UUID[] link : personTags) {
				insert = insert.values(workspaceId, link[0], link[1]);
			}
			insert.execute();
		}
		return ids;
	}

	private static void audit(PersonRecord person, OffsetDateTime now, UUID userId) {
		person.setCreatedAt(now);
		person.setCreatedBy(userId);
		person.setUpdatedAt(now);
		person.setUpdatedBy(userId);
		// The version is left to jOOQ's optimistic locking, which starts it at 1 on
		// insert.
	}

}
