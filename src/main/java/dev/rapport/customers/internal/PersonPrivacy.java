package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.COMPANY_TAG;
import static dev.rapport.customers.internal.db.Tables.CONSENT_EVENT;
import static dev.rapport.customers.internal.db.Tables.CUSTOM_VALUE;
import static dev.rapport.customers.internal.db.Tables.INTERACTION;
import static dev.rapport.customers.internal.db.Tables.LIFECYCLE_CHANGE;
import static dev.rapport.customers.internal.db.Tables.PERSON;
import static dev.rapport.customers.internal.db.Tables.PERSON_EMAIL;
import static dev.rapport.customers.internal.db.Tables.PERSON_PHONE;
import static dev.rapport.customers.internal.db.Tables.PERSON_TAG;
import static dev.rapport.customers.internal.db.Tables.POSTAL_ADDRESS;
import static dev.rapport.customers.internal.db.Tables.SEARCH_TERM;
import static dev.rapport.customers.internal.db.Tables.TAG;
import static dev.rapport.customers.internal.db.Tables.TIMELINE_ENTRY;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;

import dev.rapport.customers.PersonView;
import dev.rapport.customers.PersonalData;
import dev.rapport.platform.Actors;
import dev.rapport.platform.ChangeLog;
import dev.rapport.platform.WorkspaceScope;

/**
 * What the customer database holds about a person, for their data export and for erasure:
 * the person (fields, custom fields, e-mails, phones, addresses, tags), the consent
 * ledger, the lifecycle history, the timeline, interactions and the field history. On
 * erasure the person row stays as an anonymous shell named by the placeholder
 * {@code privacy.erased.name}; the consent ledger is removed (the erasure record keeps
 * how many entries it had); lifecycle moves keep their stages and times, not their
 * reasons.
 */
@Configuration(proxyBeanMethods = false)
class PersonPrivacy {

	/** A part of the data, made of two functions. */
	record Part(String name, Function<UUID, List<Map<String, Object>>> exporter,
			ToIntFunction<UUID> eraser) implements PersonalData {

		@Override
		public List<Map<String, Object>> export(UUID personId) {
			return this.exporter.apply(personId);
		}

		@Override
		public int erase(UUID personId) {
			return this.eraser.applyAsInt(personId);
		}

	}

	@Bean
	PersonalData customersPerson(PersonService people, DSLContext dsl, MessageSource messages, Clock clock,
			ChangeLog changes) {
		return new Part("customers.person", (id) -> people.find(id).map((p) -> List.of(person(p))).orElse(List.of()),
				(id) -> {
					String placeholder = messages.getMessage("privacy.erased.name", null, "Erased person",
							LocaleContextHolder.getLocale());
					int changed = dsl.update(PERSON)
						.setNull(PERSON.GIVEN_NAME)
						.setNull(PERSON.FAMILY_NAME)
						.set(PERSON.DISPLAY_NAME, placeholder)
						.set(PERSON.NAME_KEY, TextKeys.fold(placeholder))
						.setNull(PERSON.BIRTHDAY)
						.setNull(PERSON.BIRTHDAY_MD)
						.setNull(PERSON.JOB_TITLE)
						.setNull(PERSON.SOURCE)
						.setNull(PERSON.PREFERRED_CHANNEL)
						.setNull(PERSON.PRIMARY_EMAIL)
						.setNull(PERSON.PRIMARY_PHONE)
						.setNull(PERSON.NOTES)
						.setNull(PERSON.CUSTOM)
						.set(PERSON.ERASED_AT, OffsetDateTime.now(clock))
						.set(PERSON.UPDATED_AT, OffsetDateTime.now(clock))
						.set(PERSON.UPDATED_BY, Actors.require().userId())
						.set(PERSON.VERSION, PERSON.VERSION.plus(1))
						.where(WorkspaceScope.of(PERSON.WORKSPACE_ID))
						.and(PERSON.ID.eq(id))
						.execute();
					changed += dsl.deleteFrom(PERSON_EMAIL)
						.where(WorkspaceScope.of(PERSON_EMAIL.WORKSPACE_ID))
						.and(PERSON_EMAIL.PERSON_ID.eq(id))
						.execute();
					changed += dsl.deleteFrom(PERSON_PHONE)
						.where(WorkspaceScope.of(PERSON_PHONE.WORKSPACE_ID))
						.and(PERSON_PHONE.PERSON_ID.eq(id))
						.execute();
					changed += dsl.deleteFrom(POSTAL_ADDRESS)
						.where(WorkspaceScope.of(POSTAL_ADDRESS.WORKSPACE_ID))
						.and(POSTAL_ADDRESS.PERSON_ID.eq(id))
						.execute();
					List<UUID> tags = dsl.select(PERSON_TAG.TAG_ID)
						.from(PERSON_TAG)
						.where(WorkspaceScope.of(PERSON_TAG.WORKSPACE_ID))
						.and(PERSON_TAG.PERSON_ID.eq(id))
						.fetch(PERSON_TAG.TAG_ID);
					changed += dsl.deleteFrom(PERSON_TAG)
						.where(WorkspaceScope.of(PERSON_TAG.WORKSPACE_ID))
						.and(PERSON_TAG.PERSON_ID.eq(id))
						.execute();
					// A tag only this person carried may name them: it goes too.
					List<UUID> orphans = dsl.select(TAG.ID)
						.from(TAG)
						.where(WorkspaceScope.of(TAG.WORKSPACE_ID))
						.and(TAG.ID.in(tags))
						.andNotExists(DSL.selectOne()
							.from(PERSON_TAG)
							.where(PERSON_TAG.WORKSPACE_ID.eq(TAG.WORKSPACE_ID))
							.and(PERSON_TAG.TAG_ID.eq(TAG.ID)))
						.andNotExists(DSL.selectOne()
							.from(COMPANY_TAG)
							.where(COMPANY_TAG.WORKSPACE_ID.eq(TAG.WORKSPACE_ID))
							.and(COMPANY_TAG.TAG_ID.eq(TAG.ID)))
						.fetch(TAG.ID);
					if (!orphans.isEmpty()) {
						changed += dsl.deleteFrom(TAG)
							.where(WorkspaceScope.of(TAG.WORKSPACE_ID))
							.and(TAG.ID.in(orphans))
							.execute();
						changes.forget(orphans);
					}
					changed += dsl.deleteFrom(CUSTOM_VALUE)
						.where(WorkspaceScope.of(CUSTOM_VALUE.WORKSPACE_ID))
						.and(CUSTOM_VALUE.RECORD_KIND.eq(SearchIndex.PERSON))
						.and(CUSTOM_VALUE.RECORD_ID.eq(id))
						.execute();
					// The search index: the person's own terms and the copies of the
					// company's.
					changed += dsl.deleteFrom(SEARCH_TERM)
						.where(WorkspaceScope.of(SEARCH_TERM.WORKSPACE_ID))
						.and(SEARCH_TERM.RECORD_KIND.eq(SearchIndex.PERSON))
						.and(SEARCH_TERM.RECORD_ID.eq(id))
						.execute();
					return changed;
				});
	}

	@Bean
	PersonalData customersConsent(ConsentService consents, DSLContext dsl) {
		return new Part("customers.consent", (id) -> consents.ledger(id).stream().map((c) -> {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("channel", c.channel());
			m.put("status", c.status().code());
			m.put("source", c.source());
			put(m, "wording", c.wording());
			m.put("recordedAt", c.recordedAt().toString());
			put(m, "recordedBy", c.recordedByName());
			return m;
		}).toList(),
				(id) -> dsl.deleteFrom(CONSENT_EVENT)
					.where(WorkspaceScope.of(CONSENT_EVENT.WORKSPACE_ID))
					.and(CONSENT_EVENT.PERSON_ID.eq(id))
					.execute());
	}

	@Bean
	PersonalData customersLifecycle(DSLContext dsl) {
		return new Part("customers.lifecycle",
				(id) -> dsl.selectFrom(LIFECYCLE_CHANGE)
					.where(WorkspaceScope.of(LIFECYCLE_CHANGE.WORKSPACE_ID))
					.and(LIFECYCLE_CHANGE.PERSON_ID.eq(id))
					.orderBy(LIFECYCLE_CHANGE.CHANGED_AT)
					.fetch((r) -> {
						Map<String, Object> m = new LinkedHashMap<>();
						put(m, "from", r.getFromStage());
						m.put("to", r.getToStage());
						m.put("changedAt", r.getChangedAt().toString());
						put(m, "reason", r.getReason());
						return m;
					}),
				(id) -> dsl.update(LIFECYCLE_CHANGE)
					.setNull(LIFECYCLE_CHANGE.REASON)
					.where(WorkspaceScope.of(LIFECYCLE_CHANGE.WORKSPACE_ID))
					.and(LIFECYCLE_CHANGE.PERSON_ID.eq(id))
					.and(LIFECYCLE_CHANGE.REASON.isNotNull())
					.execute());
	}

	@Bean
	PersonalData customersTimeline(DSLContext dsl) {
		return new Part("customers.timeline",
				(id) -> dsl.selectFrom(TIMELINE_ENTRY)
					.where(WorkspaceScope.of(TIMELINE_ENTRY.WORKSPACE_ID))
					.and(TIMELINE_ENTRY.PERSON_ID.eq(id))
					.orderBy(TIMELINE_ENTRY.OCCURRED_AT)
					.fetch((r) -> {
						Map<String, Object> m = new LinkedHashMap<>();
						m.put("kind", r.getKind());
						m.put("occurredAt", r.getOccurredAt().toString());
						put(m, "title", r.getTitle());
						put(m, "summary", r.getSummary());
						put(m, "data", r.getData());
						m.put("from", r.getSourceModule());
						return m;
					}),
				(id) -> dsl.update(TIMELINE_ENTRY)
					.setNull(TIMELINE_ENTRY.TITLE)
					.setNull(TIMELINE_ENTRY.SUMMARY)
					.setNull(TIMELINE_ENTRY.DATA)
					.where(WorkspaceScope.of(TIMELINE_ENTRY.WORKSPACE_ID))
					.and(TIMELINE_ENTRY.PERSON_ID.eq(id))
					.execute());
	}

	@Bean
	PersonalData customersInteractions(DSLContext dsl, Clock clock) {
		return new Part("customers.interactions",
				(id) -> dsl.selectFrom(INTERACTION)
					.where(WorkspaceScope.of(INTERACTION.WORKSPACE_ID))
					.and(INTERACTION.PERSON_ID.eq(id))
					.orderBy(INTERACTION.OCCURRED_AT)
					.fetch((r) -> {
						Map<String, Object> m = new LinkedHashMap<>();
						m.put("channel", r.getChannel());
						m.put("direction", r.getDirection());
						m.put("occurredAt", r.getOccurredAt().toString());
						put(m, "durationSeconds", r.getDurationSeconds());
						put(m, "outcome", r.getOutcome());
						put(m, "summary", r.getSummary());
						return m;
					}),
				(id) -> dsl.update(INTERACTION)
					.setNull(INTERACTION.OUTCOME)
					.setNull(INTERACTION.SUMMARY)
					.setNull(INTERACTION.EXTERNAL_REF)
					.set(INTERACTION.UPDATED_AT, OffsetDateTime.now(clock))
					.set(INTERACTION.VERSION, INTERACTION.VERSION.plus(1))
					.where(WorkspaceScope.of(INTERACTION.WORKSPACE_ID))
					.and(INTERACTION.PERSON_ID.eq(id))
					.execute());
	}

	@Bean
	PersonalData customersHistory(ChangeLog changes, DSLContext dsl) {
		return new Part("customers.history", (id) -> changes.of(id, 10_000).stream().map((c) -> {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("field", c.field());
			put(m, "old", c.oldValue());
			put(m, "new", c.newValue());
			m.put("changedAt", c.changedAt().toString());
			return m;
		}).toList(), (id) -> {
			List<UUID> records = new ArrayList<>();
			records.add(id);
			records.addAll(dsl.select(INTERACTION.ID)
				.from(INTERACTION)
				.where(WorkspaceScope.of(INTERACTION.WORKSPACE_ID))
				.and(INTERACTION.PERSON_ID.eq(id))
				.fetch(INTERACTION.ID));
			return changes.blank(records);
		});
	}

	private static Map<String, Object> person(PersonView p) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", p.id().toString());
		put(m, "givenName", p.givenName());
		put(m, "familyName", p.familyName());
		m.put("displayName", p.displayName());
		m.put("emails",
				p.emails()
					.stream()
					.map((e) -> Map.of("address", e.address(), "label", e.label().code(), "primary", e.primary()))
					.toList());
		m.put("phones", p.phones().stream().map((ph) -> {
			Map<String, Object> phone = new LinkedHashMap<>();
			phone.put("number", ph.typed());
			put(phone, "e164", ph.e164());
			phone.put("label", ph.label().code());
			phone.put("primary", ph.primary());
			return phone;
		}).toList());
		m.put("addresses", p.addresses().stream().map((a) -> {
			Map<String, Object> address = new LinkedHashMap<>();
			address.put("label", a.label().code());
			put(address, "street", a.street());
			put(address, "postalCode", a.postalCode());
			put(address, "city", a.city());
			put(address, "region", a.region());
			put(address, "countryCode", a.countryCode());
			return address;
		}).toList());
		put(m, "birthday", (p.birthday() != null) ? p.birthday().toString() : null);
		put(m, "jobTitle", p.jobTitle());
		put(m, "company", p.companyName());
		put(m, "source", p.source());
		m.put("owner", p.ownerName());
		m.put("tags", p.tags());
		m.put("lifecycleStage", p.lifecycleStage().code());
		put(m, "preferredChannel", p.preferredChannel());
		put(m, "notes", p.notes());
		m.put("custom", p.custom());
		m.put("createdAt", p.createdAt().toString());
		m.put("updatedAt", p.updatedAt().toString());
		return m;
	}

	private static void put(Map<String, Object> map, String key, @Nullable Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

}
