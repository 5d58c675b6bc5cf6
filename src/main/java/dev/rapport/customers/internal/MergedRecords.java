package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.COMPANY;
import static dev.rapport.customers.internal.db.Tables.PERSON;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.CustomerKind;
import dev.rapport.identity.Access;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.platform.Actors;
import dev.rapport.platform.ChangeLog;
import dev.rapport.platform.NotFoundException;

/**
 * People and companies merged into another: deleted and naming the record they went into,
 * so that their page leads there and the trash does not offer them; undoing the merge
 * brings them back.
 */
@Service
public class MergedRecords {

	private final DSLContext dsl;

	private final AccessPolicy accessPolicy;

	private final ChangeLog changeLog;

	private final Clock clock;

	MergedRecords(DSLContext dsl, AccessPolicy accessPolicy, ChangeLog changeLog, Clock clock) {
		this.dsl = dsl;
		this.accessPolicy = accessPolicy;
		this.changeLog = changeLog;
		this.clock = clock;
	}

	/** A record merged into another, as its old page tells. */
	public record Merged(UUID id, String name, UUID survivorId) {
	}

	/**
	 * Deletes a record that the current user may change, naming the record it was merged
	 * into; 404 when it is out of reach or already deleted.
	 */
	@Transactional
	public void markMerged(CustomerKind kind, UUID id, UUID survivorId) {
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		UUID by = Actors.require().userId();
		int changed = (kind == CustomerKind.PERSON)
				? this.dsl.update(PERSON)
					.set(PERSON.DELETED_AT, now)
					.set(PERSON.DELETED_BY, by)
					.set(PERSON.MERGED_INTO_ID, survivorId)
					.set(PERSON.VERSION, PERSON.VERSION.plus(1))
					.set(PERSON.UPDATED_AT, now)
					.set(PERSON.UPDATED_BY, by)
					.where(this.accessPolicy.condition(PersonService.PEOPLE, Access.UPDATE))
					.and(PERSON.ID.eq(id))
					.and(PERSON.DELETED_AT.isNull())
					.execute()
				: this.dsl.update(COMPANY)
					.set(COMPANY.DELETED_AT, now)
					.set(COMPANY.DELETED_BY, by)
					.set(COMPANY.MERGED_INTO_ID, survivorId)
					.set(COMPANY.VERSION, COMPANY.VERSION.plus(1))
					.set(COMPANY.UPDATED_AT, now)
					.set(COMPANY.UPDATED_BY, by)
					.where(this.accessPolicy.condition(CompanyService.COMPANIES, Access.UPDATE))
					.and(COMPANY.ID.eq(id))
					.and(COMPANY.DELETED_AT.isNull())
					.execute();
		if (changed == 0) {
			throw new NotFoundException(kindName(kind), id);
		}
		this.changeLog.record(kindName(kind), id,
				List.of(new ChangeLog.FieldChange("mergedInto", null, survivorId.toString())));
	}

	/**
	 * Brings back a record merged into another (the merge is undone); 404 when it is no
	 * longer there (removed for good with the trash) or out of reach.
	 */
	@Transactional
	public void unmarkMerged(CustomerKind kind, UUID id) {
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		UUID by = Actors.require().userId();
		int changed = (kind == CustomerKind.PERSON)
				? this.dsl.update(PERSON)
					.set(PERSON.DELETED_AT, (OffsetDateTime) null)
					.set(PERSON.DELETED_BY, (UUID) null)
					.set(PERSON.MERGED_INTO_ID, (UUID) null)
					.set(PERSON.VERSION, PERSON.VERSION.plus(1))
					.set(PERSON.UPDATED_AT, now)
					.set(PERSON.UPDATED_BY, by)
					.where(this.accessPolicy.condition(PersonService.PEOPLE, Access.UPDATE))
					.and(PERSON.ID.eq(id))
					.and(PERSON.MERGED_INTO_ID.isNotNull())
					.execute()
				: this.dsl.update(COMPANY)
					.set(COMPANY.DELETED_AT, (OffsetDateTime) null)
					.set(COMPANY.DELETED_BY, (UUID) null)
					.set(COMPANY.MERGED_INTO_ID, (UUID) null)
					.set(COMPANY.VERSION, COMPANY.VERSION.plus(1))
					.set(COMPANY.UPDATED_AT, now)
					.set(COMPANY.UPDATED_BY, by)
					.where(this.accessPolicy.condition(CompanyService.COMPANIES, Access.UPDATE))
					.and(COMPANY.ID.eq(id))
					.and(COMPANY.MERGED_INTO_ID.isNotNull())
					.execute();
		if (changed == 0) {
			throw new NotFoundException(kindName(kind), id);
		}
		this.changeLog.record(kindName(kind), id, List.of(new ChangeLog.FieldChange("mergedInto", "yes", null)));
	}

	/**
	 * The record a person or company the current user may read was merged into, if it
	 * was.
	 */
	@Transactional(readOnly = true)
	public Optional<Merged> of(CustomerKind kind, UUID id) {
		if (kind == CustomerKind.PERSON) {
			return this.dsl.select(PERSON.ID, PERSON.DISPLAY_NAME, PERSON.MERGED_INTO_ID)
				.from(PERSON)
				.where(this.accessPolicy.condition(PersonService.PEOPLE, Access.READ))
				.and(PERSON.ID.eq(id))
				.and(PERSON.MERGED_INTO_ID.isNotNull())
				.fetchOptional((r) -> new Merged(r.value1(), r.value2(), r.value3()));
		}
		return this.dsl.select(COMPANY.ID, COMPANY.NAME, COMPANY.MERGED_INTO_ID)
			.from(COMPANY)
			.where(this.accessPolicy.condition(CompanyService.COMPANIES, Access.READ))
			.and(COMPANY.ID.eq(id))
			.and(COMPANY.MERGED_INTO_ID.isNotNull())
			.fetchOptional((r) -> new Merged(r.value1(), r.value2(), r.value3()));
	}

	static String kindName(CustomerKind kind) {
		return (kind == CustomerKind.PERSON) ? PersonService.KIND : CompanyService.KIND;
	}

}
