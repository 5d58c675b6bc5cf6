package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.COMPANY;
import static dev.rapport.customers.internal.db.Tables.CUSTOM_VALUE;
import static dev.rapport.customers.internal.db.Tables.PERSON;
import static dev.rapport.customers.internal.db.Tables.SEARCH_TERM;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.identity.Access;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.platform.ChangeLog;
import dev.rapport.platform.NotFoundException;

/**
 * Deleted people and companies: listed for those who may delete them, restorable for a
 * number of days, then removed for good by a daily job. Records merged into another are
 * not offered (undoing the merge brings them back) but are removed with the rest. The job
 * deletes only rows past the limit, so it does no harm when several nodes run it.
 */
@Service
public class Trash {

	private static final Logger log = LoggerFactory.getLogger(Trash.class);

	private final DSLContext dsl;

	private final AccessPolicy accessPolicy;

	private final ChangeLog changeLog;

	private final CustomersProperties properties;

	private final Clock clock;

	private final org.springframework.context.ApplicationEventPublisher events;

	Trash(DSLContext dsl, AccessPolicy accessPolicy, ChangeLog changeLog, CustomersProperties properties, Clock clock,
			org.springframework.context.ApplicationEventPublisher events) {
		this.events = events;
		this.dsl = dsl;
		this.accessPolicy = accessPolicy;
		this.changeLog = changeLog;
		this.properties = properties;
		this.clock = clock;
	}

	/** Something in the trash, and until when it can be restored. */
	public record Item(String kind, UUID id, String name, OffsetDateTime deletedAt, OffsetDateTime restorableUntil) {
	}

	/** What the current user may restore, most recently deleted first. */
	@Transactional(readOnly = true)
	public List<Item> list() {
		List<Item> items = new ArrayList<>();
		this.dsl.select(PERSON.ID, PERSON.DISPLAY_NAME, PERSON.DELETED_AT)
			.from(PERSON)
			.where(this.accessPolicy.condition(PersonService.PEOPLE, Access.DELETE))
			.and(PERSON.DELETED_AT.isNotNull())
			.and(PERSON.MERGED_INTO_ID.isNull())
			.orderBy(PERSON.DELETED_AT.desc())
			.limit(500)
			.forEach((r) -> items.add(item(PersonService.KIND, r.value1(), r.value2(), r.value3())));
		this.dsl.select(COMPANY.ID, COMPANY.NAME, COMPANY.DELETED_AT)
			.from(COMPANY)
			.where(this.accessPolicy.condition(CompanyService.COMPANIES, Access.DELETE))
			.and(COMPANY.DELETED_AT.isNotNull())
			.and(COMPANY.MERGED_INTO_ID.isNull())
			.orderBy(COMPANY.DELETED_AT.desc())
			.limit(500)
			.forEach((r) -> items.add(item(CompanyService.KIND, r.value1(), r.value2(), r.value3())));
		items.sort(Comparator.comparing(Item::deletedAt).reversed());
		return items;
	}

	/** Brings a person back into the lists; 404 when not in the trash or out of reach. */
	@Transactional
	public void restorePerson(UUID id) {
		int restored = this.dsl.update(PERSON)
			.set(PERSON.DELETED_AT, (OffsetDateTime) null)
			.set(PERSON.DELETED_BY, (UUID) null)
			.set(PERSON.VERSION, PERSON.VERSION.plus(1))
			.where(this.accessPolicy.condition(PersonService.PEOPLE, Access.DELETE))
			.and(PERSON.ID.eq(id))
			.and(PERSON.DELETED_AT.isNotNull())
			.and(PERSON.MERGED_INTO_ID.isNull())
			.execute();
		if (restored == 0) {
			throw new NotFoundException(PersonService.KIND, id);
		}
		this.changeLog.record(PersonService.KIND, id, List.of(new ChangeLog.FieldChange("deleted", "yes", null)));
		this.events.publishEvent(
				new dev.rapport.customers.CustomersChanged(dev.rapport.customers.CustomerKind.PERSON, List.of(id)));
	}

	/** Brings a company back into the lists. */
	@Transactional
	public void restoreCompany(UUID id) {
		int restored = this.dsl.update(COMPANY)
			.set(COMPANY.DELETED_AT, (OffsetDateTime) null)
			.set(COMPANY.DELETED_BY, (UUID) null)
			.set(COMPANY.VERSION, COMPANY.VERSION.plus(1))
			.where(this.accessPolicy.condition(CompanyService.COMPANIES, Access.DELETE))
			.and(COMPANY.ID.eq(id))
			.and(COMPANY.DELETED_AT.isNotNull())
			.and(COMPANY.MERGED_INTO_ID.isNull())
			.execute();
		if (restored == 0) {
			throw new NotFoundException(CompanyService.KIND, id);
		}
		this.changeLog.record(CompanyService.KIND, id, List.of(new ChangeLog.FieldChange("deleted", "yes", null)));
		this.events.publishEvent(
				new dev.rapport.customers.CustomersChanged(dev.rapport.customers.CustomerKind.COMPANY, List.of(id)));
	}

	/**
	 * Removes for good, in every workspace, what has been in the trash longer than
	 * allowed, with everything the customer tables hold about it.
	 * @return how many records were removed
	 */
	@Scheduled(cron = "${rapport.customers.trash-cron:0 17 3 * * *}")
	@Transactional
	public int emptyExpired() {
		OffsetDateTime limit = OffsetDateTime.now(this.clock)
			.withOffsetSameInstant(ZoneOffset.UTC)
			.minusDays(this.properties.trashDays());
		var peopleRows = this.dsl.select(PERSON.WORKSPACE_ID, PERSON.ID)
			.from(PERSON)
			.where(PERSON.DELETED_AT.lt(limit))
			.limit(10_000)
			.fetch();
		var companyRows = this.dsl.select(COMPANY.WORKSPACE_ID, COMPANY.ID)
			.from(COMPANY)
			.where(COMPANY.DELETED_AT.lt(limit))
			.limit(10_000)
			.fetch();
		List<UUID> people = peopleRows.map((r) -> r.value2());
		List<UUID> companies = companyRows.map((r) -> r.value2());
		List<UUID> all = new ArrayList<>(people);
		all.addAll(companies);
		if (all.isEmpty()) {
			return 0;
		}
		this.dsl.deleteFrom(SEARCH_TERM).where(SEARCH_TERM.RECORD_ID.in(all)).execute();
		this.dsl.deleteFrom(CUSTOM_VALUE).where(CUSTOM_VALUE.RECORD_ID.in(all)).execute();
		if (!companies.isEmpty()) {
			// The copies of the companies' terms their people held.
			this.dsl.deleteFrom(SEARCH_TERM)
				.where(SEARCH_TERM.RECORD_ID
					.in(DSL.select(PERSON.ID).from(PERSON).where(PERSON.COMPANY_ID.in(companies))))
				.and(SEARCH_TERM.SOURCE_ID.in(companies))
				.execute();
			this.dsl.update(PERSON)
				.set(PERSON.COMPANY_ID, (UUID) null)
				.where(PERSON.COMPANY_ID.in(companies))
				.execute();
			this.dsl.update(COMPANY)
				.set(COMPANY.PARENT_ID, (UUID) null)
				.where(COMPANY.PARENT_ID.in(companies))
				.execute();
		}
		this.dsl.deleteFrom(PERSON).where(PERSON.ID.in(people)).execute();
		this.dsl.deleteFrom(COMPANY).where(COMPANY.ID.in(companies)).execute();
		this.changeLog.forget(all);
		removed(dev.rapport.customers.CustomerKind.PERSON, peopleRows);
		removed(dev.rapport.customers.CustomerKind.COMPANY, companyRows);
		log.info("Emptied the trash: {} people and {} companies deleted more than {} days ago were removed",
				people.size(), companies.size(), this.properties.trashDays());
		return all.size();
	}

	/** Tells listeners, workspace by workspace, which records are gone. */
	private void removed(dev.rapport.customers.CustomerKind kind, org.jooq.Result<org.jooq.Record2<UUID, UUID>> rows) {
		java.util.Map<UUID, List<UUID>> byWorkspace = new java.util.HashMap<>();
		rows.forEach((r) -> byWorkspace.computeIfAbsent(r.value1(), (k) -> new ArrayList<>()).add(r.value2()));
		byWorkspace.forEach(
				(workspaceId, ids) -> dev.rapport.platform.Actors.runAs(dev.rapport.platform.Actor.system(workspaceId),
						() -> this.events.publishEvent(new dev.rapport.customers.CustomersChanged(kind, ids))));
	}

	private Item item(String kind, UUID id, String name, OffsetDateTime deletedAt) {
		return new Item(kind, id, name, deletedAt, deletedAt.plusDays(this.properties.trashDays()));
	}

}
