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
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.customers.CustomerKind;
import dev.rapport.customers.CustomersChanged;
import dev.rapport.identity.Access;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
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

	/** How many records of one kind and workspace a purge removes in one transaction. */
	static final int PURGE_BATCH = 1000;

	private final DSLContext dsl;

	private final AccessPolicy accessPolicy;

	private final ChangeLog changeLog;

	private final CustomersProperties properties;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	Trash(DSLContext dsl, AccessPolicy accessPolicy, ChangeLog changeLog, CustomersProperties properties, Clock clock,
			ApplicationEventPublisher events, PlatformTransactionManager transactionManager) {
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
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
		this.events.publishEvent(new CustomersChanged(CustomerKind.PERSON, List.of(id)));
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
		this.events.publishEvent(new CustomersChanged(CustomerKind.COMPANY, List.of(id)));
	}

	/**
	 * Removes for good, in every workspace, what has been in the trash longer than
	 * allowed, with everything the customer tables hold about it. Works in batches of one
	 * workspace and one kind: each batch and its {@link CustomersChanged} event
	 * (published as the workspace's system actor, so that listeners forget what they
	 * derived from the records) commit together, and a run goes on until nothing expired
	 * is left.
	 * @return how many records were removed
	 */
	@Scheduled(cron = "${rapport.customers.trash-cron:0 17 3 * * *}")
	public int emptyExpired() {
		OffsetDateTime limit = OffsetDateTime.now(this.clock)
			.withOffsetSameInstant(ZoneOffset.UTC)
			.minusDays(this.properties.trashDays());
		int people = 0;
		int companies = 0;
		for (int removed; (removed = purgeBatch(CustomerKind.PERSON, limit)) > 0;) {
			people += removed;
		}
		for (int removed; (removed = purgeBatch(CustomerKind.COMPANY, limit)) > 0;) {
			companies += removed;
		}
		if (people + companies > 0) {
			log.info("Emptied the trash: {} people and {} companies deleted more than {} days ago were removed", people,
					companies, this.properties.trashDays());
		}
		return people + companies;
	}

	/** Removes up to a batch of expired records of one kind in one workspace. */
	private int purgeBatch(CustomerKind kind, OffsetDateTime limit) {
		Integer removed = this.transactions.execute((status) -> {
			boolean person = kind == CustomerKind.PERSON;
			Table<?> table = person ? PERSON : COMPANY;
			Field<UUID> workspaceColumn = person ? PERSON.WORKSPACE_ID : COMPANY.WORKSPACE_ID;
			Field<UUID> idColumn = person ? PERSON.ID : COMPANY.ID;
			Field<OffsetDateTime> deletedAt = person ? PERSON.DELETED_AT : COMPANY.DELETED_AT;
			UUID workspaceId = this.dsl.select(workspaceColumn)
				.from(table)
				.where(deletedAt.lt(limit))
				.limit(1)
				.fetchOne(workspaceColumn);
			if (workspaceId == null) {
				return 0;
			}
			List<UUID> ids = this.dsl.select(idColumn)
				.from(table)
				.where(workspaceColumn.eq(workspaceId))
				.and(deletedAt.lt(limit))
				.orderBy(idColumn)
				.limit(PURGE_BATCH)
				.fetch(idColumn);
			this.dsl.deleteFrom(SEARCH_TERM)
				.where(SEARCH_TERM.WORKSPACE_ID.eq(workspaceId))
				.and(SEARCH_TERM.RECORD_ID.in(ids))
				.execute();
			this.dsl.deleteFrom(CUSTOM_VALUE)
				.where(CUSTOM_VALUE.WORKSPACE_ID.eq(workspaceId))
				.and(CUSTOM_VALUE.RECORD_ID.in(ids))
				.execute();
			if (person) {
				this.dsl.deleteFrom(PERSON).where(PERSON.WORKSPACE_ID.eq(workspaceId)).and(PERSON.ID.in(ids)).execute();
			}
			else {
				// The copies of the companies' terms their people held.
				this.dsl.deleteFrom(SEARCH_TERM)
					.where(SEARCH_TERM.WORKSPACE_ID.eq(workspaceId))
					.and(SEARCH_TERM.RECORD_ID.in(DSL.select(PERSON.ID)
						.from(PERSON)
						.where(PERSON.WORKSPACE_ID.eq(workspaceId))
						.and(PERSON.COMPANY_ID.in(ids))))
					.and(SEARCH_TERM.SOURCE_ID.in(ids))
					.execute();
				this.dsl.update(PERSON)
					.set(PERSON.COMPANY_ID, (UUID) null)
					.where(PERSON.WORKSPACE_ID.eq(workspaceId))
					.and(PERSON.COMPANY_ID.in(ids))
					.execute();
				this.dsl.update(COMPANY)
					.set(COMPANY.PARENT_ID, (UUID) null)
					.where(COMPANY.WORKSPACE_ID.eq(workspaceId))
					.and(COMPANY.PARENT_ID.in(ids))
					.execute();
				this.dsl.deleteFrom(COMPANY)
					.where(COMPANY.WORKSPACE_ID.eq(workspaceId))
					.and(COMPANY.ID.in(ids))
					.execute();
			}
			this.changeLog.forget(ids);
			Actors.runAs(Actor.system(workspaceId), () -> this.events.publishEvent(new CustomersChanged(kind, ids)));
			return ids.size();
		});
		return (removed != null) ? removed : 0;
	}

	private Item item(String kind, UUID id, String name, OffsetDateTime deletedAt) {
		return new Item(kind, id, name, deletedAt, deletedAt.plusDays(this.properties.trashDays()));
	}

}
