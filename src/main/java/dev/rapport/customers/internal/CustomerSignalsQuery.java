package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.CUSTOM_VALUE;
import static dev.rapport.customers.internal.db.Tables.PERSON;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.CustomerSignals;
import dev.rapport.customers.LifecycleStage;
import dev.rapport.identity.Access;
import dev.rapport.identity.AccessPolicy;

/**
 * The people of some owners that need attention today, each kind read as one index range
 * per owner set: birthdays by (workspace, month-day, owner), silence and untouched leads
 * by (workspace, owner, stage, last contact, stage entered), renewals by the custom
 * field's date index.
 */
@Component
class CustomerSignalsQuery implements CustomerSignals {

	/** How far back a lead still counts as new. */
	static final Duration NEW_LEAD_WINDOW = Duration.ofDays(30);

	private static final List<LifecycleStage> CUSTOMERS = List.of(LifecycleStage.ACTIVE, LifecycleStage.LOYAL);

	private final DSLContext dsl;

	private final AccessPolicy accessPolicy;

	CustomerSignalsQuery(DSLContext dsl, AccessPolicy accessPolicy) {
		this.dsl = dsl;
		this.accessPolicy = accessPolicy;
	}

	/** The month and day of a date as month * 100 + day, or null. */
	static @Nullable Short monthDay(@Nullable LocalDate date) {
		return (date != null) ? (short) (date.getMonthValue() * 100 + date.getDayOfMonth()) : null;
	}

	@Override
	@Transactional(readOnly = true)
	public Found birthdays(Set<UUID> ownerIds, LocalDate today, int limit) {
		if (ownerIds.isEmpty()) {
			return new Found(List.of(), 0);
		}
		List<Short> days = new ArrayList<>(List.of(monthDay(today)));
		if (today.getMonthValue() == 2 && today.getDayOfMonth() == 28 && !today.isLeapYear()) {
			days.add((short) 229);
		}
		Condition where = owned(ownerIds).and(PERSON.BIRTHDAY_MD.in(days));
		List<Signal> items = this.dsl.select(PERSON.ID, PERSON.DISPLAY_NAME, PERSON.PRIMARY_PHONE, PERSON.BIRTHDAY)
			.from(PERSON)
			.where(where)
			.orderBy(PERSON.NAME_KEY, PERSON.ID)
			.limit(limit)
			.fetch((r) -> signal(r, "signals.customers.birthday",
					List.of(today.getYear() - r.get(PERSON.BIRTHDAY).getYear())));
		return new Found(items, count(where));
	}

	@Override
	@Transactional(readOnly = true)
	public Found atRisk(Set<UUID> ownerIds, Instant now, int days, int limit) {
		if (ownerIds.isEmpty()) {
			return new Found(List.of(), 0);
		}
		OffsetDateTime cutoff = utc(now).minusDays(days);
		// One ordered range per stage and branch (contacted long ago / never contacted),
		// so every read stops after a page.
		record Silent(Signal signal, OffsetDateTime since) {
		}
		List<Silent> found = new ArrayList<>();
		int total = 0;
		for (LifecycleStage stage : CUSTOMERS) {
			Condition base = owned(ownerIds).and(PERSON.LIFECYCLE_STAGE.eq(stage.code()));
			Condition contacted = base.and(PERSON.LAST_CONTACT_AT.lt(cutoff));
			Condition never = base.and(PERSON.LAST_CONTACT_AT.isNull()).and(PERSON.LIFECYCLE_ENTERED_AT.lt(cutoff));
			found.addAll(this.dsl.select(PERSON.ID, PERSON.DISPLAY_NAME, PERSON.PRIMARY_PHONE, PERSON.LAST_CONTACT_AT)
				.from(PERSON)
				.where(contacted)
				.orderBy(PERSON.LAST_CONTACT_AT, PERSON.ID)
				.limit(limit)
				.fetch((r) -> new Silent(
						signal(r, "signals.customers.at-risk",
								List.of(daysBetween(r.get(PERSON.LAST_CONTACT_AT), now))),
						r.get(PERSON.LAST_CONTACT_AT))));
			found.addAll(
					this.dsl.select(PERSON.ID, PERSON.DISPLAY_NAME, PERSON.PRIMARY_PHONE, PERSON.LIFECYCLE_ENTERED_AT)
						.from(PERSON)
						.where(never)
						.orderBy(PERSON.LIFECYCLE_ENTERED_AT, PERSON.ID)
						.limit(limit)
						.fetch((r) -> new Silent(
								signal(r, "signals.customers.at-risk.never",
										List.of(daysBetween(r.get(PERSON.LIFECYCLE_ENTERED_AT), now))),
								r.get(PERSON.LIFECYCLE_ENTERED_AT))));
			total += count(contacted) + count(never);
		}
		List<Signal> items = found.stream()
			.sorted(Comparator.comparing(Silent::since))
			.limit(limit)
			.map(Silent::signal)
			.toList();
		return new Found(items, Math.min(total, COUNT_CAP));
	}

	@Override
	@Transactional(readOnly = true)
	public Found untouchedLeads(Set<UUID> ownerIds, Instant now, int hours, int limit) {
		if (ownerIds.isEmpty()) {
			return new Found(List.of(), 0);
		}
		OffsetDateTime windowStart = utc(now).minus(NEW_LEAD_WINDOW);
		// A person enters a stage no earlier than they are created, so the range on
		// lifecycle_entered_at (in the index) narrows before created_at is checked.
		Condition where = owned(ownerIds).and(PERSON.LIFECYCLE_STAGE.eq(LifecycleStage.LEAD.code()))
			.and(PERSON.LAST_CONTACT_AT.isNull())
			.and(PERSON.LIFECYCLE_ENTERED_AT.ge(windowStart))
			.and(PERSON.CREATED_AT.ge(windowStart))
			.and(PERSON.CREATED_AT.le(utc(now).minusHours(hours)));
		List<Signal> items = this.dsl.select(PERSON.ID, PERSON.DISPLAY_NAME, PERSON.PRIMARY_PHONE, PERSON.CREATED_AT)
			.from(PERSON)
			.where(where)
			.orderBy(PERSON.LIFECYCLE_ENTERED_AT, PERSON.ID)
			.limit(limit)
			.fetch((r) -> signal(r, "signals.customers.lead-untouched",
					List.of(Duration.between(r.get(PERSON.CREATED_AT).toInstant(), now).toHours())));
		return new Found(items, count(where));
	}

	@Override
	@Transactional(readOnly = true)
	public Found renewals(Set<UUID> ownerIds, String fieldKey, LocalDate today, int days, int limit) {
		if (ownerIds.isEmpty()) {
			return new Found(List.of(), 0);
		}
		// Walks the field's dates from today on and keeps the owners' people: stops after
		// a page even when the owners have few of the workspace's people.
		Condition where = owned(ownerIds).and(CUSTOM_VALUE.WORKSPACE_ID.eq(PERSON.WORKSPACE_ID))
			.and(CUSTOM_VALUE.RECORD_KIND.eq(SearchIndex.PERSON))
			.and(CUSTOM_VALUE.FIELD_KEY.eq(fieldKey))
			.and(CUSTOM_VALUE.DATE_VALUE.between(today, today.plusDays(days)))
			.and(CUSTOM_VALUE.RECORD_ID.eq(PERSON.ID));
		List<Signal> items = this.dsl
			.select(PERSON.ID, PERSON.DISPLAY_NAME, PERSON.PRIMARY_PHONE, CUSTOM_VALUE.DATE_VALUE)
			.from(CUSTOM_VALUE)
			.join(PERSON)
			.on(where)
			.orderBy(CUSTOM_VALUE.DATE_VALUE, PERSON.ID)
			.limit(limit)
			.fetch((r) -> {
				LocalDate ends = r.get(CUSTOM_VALUE.DATE_VALUE);
				return signal(r, "signals.customers.renewal",
						List.of(java.time.temporal.ChronoUnit.DAYS.between(today, ends), ends.toString()));
			});
		int total = this.dsl.fetchCount(DSL.selectOne().from(CUSTOM_VALUE).join(PERSON).on(where).limit(COUNT_CAP));
		return new Found(items, total);
	}

	@Override
	@Transactional(readOnly = true)
	public Map<UUID, Contact> contacts(Collection<UUID> personIds) {
		if (personIds.isEmpty()) {
			return Map.of();
		}
		Map<UUID, Contact> contacts = new HashMap<>();
		this.dsl.select(PERSON.ID, PERSON.DISPLAY_NAME, PERSON.PRIMARY_PHONE)
			.from(PERSON)
			.where(this.accessPolicy.condition(PersonService.PEOPLE, Access.READ))
			.and(PERSON.ID.in(personIds))
			.and(PERSON.DELETED_AT.isNull())
			.forEach((r) -> contacts.put(r.get(PERSON.ID),
					new Contact(r.get(PERSON.ID), r.get(PERSON.DISPLAY_NAME), r.get(PERSON.PRIMARY_PHONE))));
		return contacts;
	}

	private Condition owned(Set<UUID> ownerIds) {
		// The deceased get no greetings and no follow-ups, nor do disqualified leads and
		// archived people.
		return this.accessPolicy.condition(PersonService.PEOPLE, Access.READ)
			.and(PERSON.OWNER_ID.in(ownerIds))
			.and(PERSON.DELETED_AT.isNull())
			.and(PERSON.STATUS.notIn(EndOfLifeService.HIDDEN_BY_DEFAULT))
			.and(PERSON.ARCHIVED_AT.isNull());
	}

	private int count(Condition where) {
		Select<?> capped = DSL.selectOne().from(PERSON).where(where).limit(COUNT_CAP);
		return this.dsl.fetchCount(capped);
	}

	private static Signal signal(Record r, String reason, List<Object> arguments) {
		return new Signal(r.get(PERSON.ID), r.get(PERSON.DISPLAY_NAME), r.get(PERSON.PRIMARY_PHONE), reason, arguments);
	}

	private static long daysBetween(OffsetDateTime since, Instant now) {
		return Duration.between(since.toInstant(), now).toDays();
	}

	private static OffsetDateTime utc(Instant now) {
		return now.atOffset(ZoneOffset.UTC);
	}

}
