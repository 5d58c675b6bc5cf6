package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.COMPANY;
import static dev.rapport.customers.internal.db.Tables.PERSON;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.CompanyView;
import dev.rapport.customers.CustomerKind;
import dev.rapport.customers.CustomerRetention;
import dev.rapport.customers.CustomersChanged;
import dev.rapport.customers.EndOfLifeChange;
import dev.rapport.customers.EndOfLifeState;
import dev.rapport.customers.EndOfLifeView;
import dev.rapport.customers.PersonDeceased;
import dev.rapport.customers.PersonView;
import dev.rapport.customers.internal.db.tables.records.CompanyRecord;
import dev.rapport.customers.internal.db.tables.records.PersonRecord;
import dev.rapport.identity.Access;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.identity.UserView;
import dev.rapport.identity.Users;
import dev.rapport.platform.Actors;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.ChangeLog;
import dev.rapport.platform.ChangeLog.FieldChange;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.WorkspaceScope;

/**
 * The end-of-life states of people (left the company, deceased, disqualified) and
 * companies (closed): setting and clearing them within the access policy, with their
 * history, and the archive retention policies move records to.
 */
@Service
public class EndOfLifeService implements CustomerRetention {

	/** The status of a person or company in no end-of-life state. */
	public static final String ACTIVE = "active";

	/**
	 * The states the lists hide unless a filter names the status: nobody should work on
	 * the deceased or disqualified by accident.
	 */
	static final List<String> HIDDEN_BY_DEFAULT = List.of(EndOfLifeState.DECEASED.code(),
			EndOfLifeState.DISQUALIFIED.code());

	private final DSLContext dsl;

	private final AccessPolicy accessPolicy;

	private final PersonService people;

	private final CompanyService companies;

	private final SearchIndex searchIndex;

	private final ChangeLog changeLog;

	private final Users users;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	EndOfLifeService(DSLContext dsl, AccessPolicy accessPolicy, PersonService people, CompanyService companies,
			SearchIndex searchIndex, ChangeLog changeLog, Users users, ApplicationEventPublisher events, Clock clock) {
		this.dsl = dsl;
		this.accessPolicy = accessPolicy;
		this.people = people;
		this.companies = companies;
		this.searchIndex = searchIndex;
		this.changeLog = changeLog;
		this.users = users;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The condition that keeps what a list shows when its filters say nothing about the
	 * status or the archive: no archived records, and no deceased or disqualified people.
	 * A filter on the status shows any state (still without the archive); a filter on the
	 * archive shows archived records of any state.
	 */
	static Condition personListDefault(List<Filters.Filter> filters) {
		// A filter on the archive shows the archive whatever the states in it.
		if (names(filters, "archived")) {
			return DSL.noCondition();
		}
		Condition condition = PERSON.ARCHIVED_AT.isNull();
		if (!names(filters, "status")) {
			condition = condition.and(PERSON.STATUS.notIn(HIDDEN_BY_DEFAULT));
		}
		return condition;
	}

	/** The same for companies: archived ones are hidden, closed ones are shown. */
	static Condition companyListDefault(List<Filters.Filter> filters) {
		return names(filters, "archived") ? DSL.noCondition() : COMPANY.ARCHIVED_AT.isNull();
	}

	private static boolean names(List<Filters.Filter> filters, String field) {
		return filters.stream().anyMatch((f) -> f.field().equals(field));
	}

	/**
	 * Sets a person the user may change to an end-of-life state. Rejects a stale version,
	 * an unknown state, a disqualification without a reason from the list, a day in the
	 * future, a new company the user cannot see, and a person erased for good. A person
	 * who left moves to the new company (or to none) and keeps the company they left as
	 * "formerly at". Publishes {@link CustomersChanged} and, for a death,
	 * {@link PersonDeceased}.
	 */
	@Transactional
	public PersonView setPersonState(UUID id, int version, EndOfLifeChange change) {
		PersonRecord person = lockPerson(id);
		StaleVersionException.check(PersonService.KIND, version, person.getVersion());
		applyPersonState(person, change);
		return this.people.get(id);
	}

	private void applyPersonState(PersonRecord person, EndOfLifeChange change) {
		UUID id = person.getId();
		requireNotFinal(person.getStatus(), PersonService.KIND, id);
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		EndOfLifeState state = state(problems, change.state(), CustomerKind.PERSON);
		String reasonCode = null;
		if (state == EndOfLifeState.DISQUALIFIED) {
			reasonCode = Text.trimToNull(change.reasonCode());
			if (reasonCode == null || !EndOfLifeState.DISQUALIFY_REASONS.contains(reasonCode)) {
				problems.reject("reasonCode", "customers.end-of-life.reason-code",
						String.join(", ", EndOfLifeState.DISQUALIFY_REASONS));
			}
		}
		String reason = PersonService.length(problems, "reason", change.reason(), 1000);
		LocalDate on = day(problems, change.on());
		UUID newCompanyId = null;
		if (state == EndOfLifeState.LEFT && change.newCompanyId() != null) {
			newCompanyId = change.newCompanyId();
			if (newCompanyId.equals(person.getCompanyId()) || !companyReadable(newCompanyId)) {
				problems.reject("newCompanyId", "customers.end-of-life.new-company");
			}
		}
		else if (change.newCompanyId() != null && state != null) {
			problems.reject("newCompanyId", "customers.end-of-life.new-company.only-left");
		}
		problems.throwIfAny();
		List<FieldChange> changes = new ArrayList<>();
		changes.add(new FieldChange("status", person.getStatus(), state.code()));
		changes.add(new FieldChange("statusReason", reasonText(person.getStatusReasonCode(), person.getStatusReason()),
				reasonText(reasonCode, reason)));
		changes.add(new FieldChange("statusOn", text(person.getStatusOn()), text(on)));
		if (state == EndOfLifeState.LEFT && person.getCompanyId() != null) {
			changes.add(new FieldChange("company", companyName(person.getCompanyId()),
					(newCompanyId != null) ? companyName(newCompanyId) : null));
			person.setFormerCompanyId(person.getCompanyId());
			person.setCompanyId(newCompanyId);
		}
		else if (state == EndOfLifeState.LEFT && newCompanyId != null) {
			changes.add(new FieldChange("company", null, companyName(newCompanyId)));
			person.setCompanyId(newCompanyId);
		}
		boolean wasDeceased = EndOfLifeState.DECEASED.code().equals(person.getStatus());
		person.setStatus(state.code());
		person.setStatusChangedAt(now());
		person.setStatusChangedBy(Actors.require().userId());
		person.setStatusReasonCode(reasonCode);
		person.setStatusReason(reason);
		person.setStatusOn(on);
		boolean companyChanged = person.changed(PERSON.COMPANY_ID);
		person.store();
		if (companyChanged) {
			this.searchIndex.recopyCompanyTerms(id);
		}
		this.changeLog.record(PersonService.KIND, id, changes);
		this.events.publishEvent(new CustomersChanged(CustomerKind.PERSON, List.of(id)));
		if (state == EndOfLifeState.DECEASED && !wasDeceased) {
			this.events.publishEvent(new PersonDeceased(Actors.workspaceId(), id));
		}
	}

	/**
	 * Makes a person active again, for a user who may change them. Undoes a departure:
	 * the person goes back to the company they left (when it still exists) and the
	 * "formerly at" line goes. Rejects a stale version and an erased person; does nothing
	 * to an active one. Publishes {@link CustomersChanged}.
	 */
	@Transactional
	public PersonView reactivatePerson(UUID id, int version) {
		PersonRecord person = lockPerson(id);
		StaleVersionException.check(PersonService.KIND, version, person.getVersion());
		requireNotFinal(person.getStatus(), PersonService.KIND, id);
		if (ACTIVE.equals(person.getStatus())) {
			return this.people.get(id);
		}
		List<FieldChange> changes = new ArrayList<>();
		changes.add(new FieldChange("status", person.getStatus(), ACTIVE));
		changes.add(new FieldChange("statusReason", reasonText(person.getStatusReasonCode(), person.getStatusReason()),
				null));
		changes.add(new FieldChange("statusOn", text(person.getStatusOn()), null));
		if (EndOfLifeState.LEFT.code().equals(person.getStatus()) && person.getFormerCompanyId() != null
				&& companyExists(person.getFormerCompanyId())) {
			changes.add(new FieldChange("company",
					(person.getCompanyId() != null) ? companyName(person.getCompanyId()) : null,
					companyName(person.getFormerCompanyId())));
			person.setCompanyId(person.getFormerCompanyId());
			person.setFormerCompanyId(null);
		}
		person.setStatus(ACTIVE);
		person.setStatusChangedAt(now());
		person.setStatusChangedBy(Actors.require().userId());
		person.setStatusReasonCode(null);
		person.setStatusReason(null);
		person.setStatusOn(null);
		boolean companyChanged = person.changed(PERSON.COMPANY_ID);
		person.store();
		if (companyChanged) {
			this.searchIndex.recopyCompanyTerms(id);
		}
		this.changeLog.record(PersonService.KIND, id, changes);
		this.events.publishEvent(new CustomersChanged(CustomerKind.PERSON, List.of(id)));
		return this.people.get(id);
	}

	/**
	 * Closes a company the user may change. Rejects a stale version, a state other than
	 * {@code closed}, a reason too long and a day in the future. Its people stay linked
	 * (they may have left before; each can be marked as left). Publishes
	 * {@link CustomersChanged}.
	 */
	@Transactional
	public CompanyView closeCompany(UUID id, int version, EndOfLifeChange change) {
		CompanyRecord company = lockCompany(id);
		StaleVersionException.check(CompanyService.KIND, version, company.getVersion());
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		EndOfLifeState state = state(problems, change.state(), CustomerKind.COMPANY);
		String reason = PersonService.length(problems, "reason", change.reason(), 1000);
		LocalDate on = day(problems, change.on());
		if (change.newCompanyId() != null) {
			problems.reject("newCompanyId", "customers.end-of-life.new-company.only-left");
		}
		problems.throwIfAny();
		this.changeLog.record(CompanyService.KIND, id,
				List.of(new FieldChange("status", company.getStatus(), state.code()),
						new FieldChange("statusReason", company.getStatusReason(), reason),
						new FieldChange("statusOn", text(company.getClosedOn()), text(on))));
		company.setStatus(state.code());
		company.setStatusChangedAt(now());
		company.setStatusChangedBy(Actors.require().userId());
		company.setStatusReason(reason);
		company.setClosedOn(on);
		company.store();
		this.events.publishEvent(new CustomersChanged(CustomerKind.COMPANY, List.of(id)));
		return this.companies.get(id);
	}

	/**
	 * Opens a closed company again, for a user who may change it. Rejects a stale
	 * version. Publishes {@link CustomersChanged}.
	 */
	@Transactional
	public CompanyView reopenCompany(UUID id, int version) {
		CompanyRecord company = lockCompany(id);
		StaleVersionException.check(CompanyService.KIND, version, company.getVersion());
		if (ACTIVE.equals(company.getStatus())) {
			return this.companies.get(id);
		}
		this.changeLog.record(CompanyService.KIND, id,
				List.of(new FieldChange("status", company.getStatus(), ACTIVE),
						new FieldChange("statusReason", company.getStatusReason(), null),
						new FieldChange("statusOn", text(company.getClosedOn()), null)));
		company.setStatus(ACTIVE);
		company.setStatusChangedAt(now());
		company.setStatusChangedBy(Actors.require().userId());
		company.setStatusReason(null);
		company.setClosedOn(null);
		company.store();
		this.events.publishEvent(new CustomersChanged(CustomerKind.COMPANY, List.of(id)));
		return this.companies.get(id);
	}

	/**
	 * Brings an archived person back into the lists, for a user who may change them; the
	 * end-of-life state stays. Rejects a stale version.
	 */
	@Transactional
	public PersonView restorePerson(UUID id, int version) {
		PersonRecord person = lockPerson(id);
		StaleVersionException.check(PersonService.KIND, version, person.getVersion());
		if (person.getArchivedAt() != null) {
			this.changeLog.record(PersonService.KIND, id,
					List.of(new FieldChange("archived", person.getArchivedAt().toString(), null)));
			person.setArchivedAt(null);
			person.setArchivedBy(null);
			person.store();
			this.events.publishEvent(new CustomersChanged(CustomerKind.PERSON, List.of(id)));
		}
		return this.people.get(id);
	}

	/** Brings an archived company back into the lists; the same rules as for people. */
	@Transactional
	public CompanyView restoreCompany(UUID id, int version) {
		CompanyRecord company = lockCompany(id);
		StaleVersionException.check(CompanyService.KIND, version, company.getVersion());
		if (company.getArchivedAt() != null) {
			this.changeLog.record(CompanyService.KIND, id,
					List.of(new FieldChange("archived", company.getArchivedAt().toString(), null)));
			company.setArchivedAt(null);
			company.setArchivedBy(null);
			company.store();
			this.events.publishEvent(new CustomersChanged(CustomerKind.COMPANY, List.of(id)));
		}
		return this.companies.get(id);
	}

	/**
	 * Sets many people to one state, each within the access policy: those out of reach or
	 * that may only be read are skipped with a reason, as are those the state cannot
	 * apply to. Rejects an unknown state, a disqualification without a reason from the
	 * list, and more than 500 people, before changing anything.
	 */
	@Transactional
	public Bulk.Result bulkPeople(List<UUID> ids, EndOfLifeChange change) {
		if (ids.size() > Bulk.MAX) {
			throw new BusinessRuleException("ids", "customers.bulk.too-many", Bulk.MAX);
		}
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		EndOfLifeState state = state(problems, change.state(), CustomerKind.PERSON);
		if (state == EndOfLifeState.DISQUALIFIED && (change.reasonCode() == null
				|| !EndOfLifeState.DISQUALIFY_REASONS.contains(change.reasonCode().strip()))) {
			problems.reject("reasonCode", "customers.end-of-life.reason-code",
					String.join(", ", EndOfLifeState.DISQUALIFY_REASONS));
		}
		problems.throwIfAny();
		EndOfLifeChange each = new EndOfLifeChange(state.code(), change.reasonCode(), change.reason(), null,
				change.on());
		int changed = 0;
		List<Bulk.Result.Skipped> skipped = new ArrayList<>();
		for (UUID id : new java.util.LinkedHashSet<>(ids)) {
			PersonRecord person = this.dsl.selectFrom(PERSON)
				.where(this.accessPolicy.condition(PersonService.PEOPLE, Access.READ))
				.and(PERSON.ID.eq(id))
				.and(PERSON.DELETED_AT.isNull())
				.forUpdate()
				.fetchOne();
			if (person == null) {
				skipped.add(new Bulk.Result.Skipped(id, "customers.bulk.skipped.not-found"));
				continue;
			}
			if (!this.accessPolicy.currentScope().allows(Access.UPDATE, person.getOwnerId(), person.getTeamId())) {
				skipped.add(new Bulk.Result.Skipped(id, "customers.bulk.skipped.read-only"));
				continue;
			}
			if (state.code().equals(person.getStatus())) {
				continue;
			}
			try {
				applyPersonState(person, each);
				changed++;
			}
			catch (BusinessRuleException | InvalidFieldsException ex) {
				skipped.add(new Bulk.Result.Skipped(id, "customers.end-of-life.bulk.skipped"));
			}
		}
		return new Bulk.Result(changed, skipped);
	}

	/**
	 * Closes many companies, each within the access policy, as {@link #bulkPeople} does
	 * for people. Rejects more than 500 companies and a reason too long.
	 */
	@Transactional
	public Bulk.Result bulkCompanies(List<UUID> ids, EndOfLifeChange change) {
		if (ids.size() > Bulk.MAX) {
			throw new BusinessRuleException("ids", "customers.bulk.too-many", Bulk.MAX);
		}
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		PersonService.length(problems, "reason", change.reason(), 1000);
		problems.throwIfAny();
		EndOfLifeChange each = new EndOfLifeChange(EndOfLifeState.CLOSED.code(), null, change.reason(), null,
				change.on());
		int changed = 0;
		List<Bulk.Result.Skipped> skipped = new ArrayList<>();
		for (UUID id : new java.util.LinkedHashSet<>(ids)) {
			CompanyRecord company = this.dsl.selectFrom(COMPANY)
				.where(this.accessPolicy.condition(CompanyService.COMPANIES, Access.READ))
				.and(COMPANY.ID.eq(id))
				.and(COMPANY.DELETED_AT.isNull())
				.fetchOne();
			if (company == null) {
				skipped.add(new Bulk.Result.Skipped(id, "customers.bulk.skipped.not-found"));
				continue;
			}
			if (!this.accessPolicy.currentScope().allows(Access.UPDATE, company.getOwnerId(), company.getTeamId())) {
				skipped.add(new Bulk.Result.Skipped(id, "customers.bulk.skipped.read-only"));
				continue;
			}
			if (EndOfLifeState.CLOSED.code().equals(company.getStatus())) {
				continue;
			}
			closeCompany(id, company.getVersion(), each);
			changed++;
		}
		return new Bulk.Result(changed, skipped);
	}

	/** The end-of-life state of a person the user may read. */
	@Transactional(readOnly = true)
	public EndOfLifeView ofPerson(UUID id) {
		PersonRecord p = this.dsl.selectFrom(PERSON)
			.where(this.accessPolicy.condition(PersonService.PEOPLE, Access.READ))
			.and(PERSON.ID.eq(id))
			.and(PERSON.DELETED_AT.isNull())
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(PersonService.KIND, id));
		String formerName = null;
		UUID formerId = null;
		if (p.getFormerCompanyId() != null) {
			formerName = this.dsl.select(COMPANY.NAME)
				.from(COMPANY)
				.where(this.accessPolicy.condition(CompanyService.COMPANIES, Access.READ))
				.and(COMPANY.ID.eq(p.getFormerCompanyId()))
				.and(COMPANY.DELETED_AT.isNull())
				.fetchOne(COMPANY.NAME);
			formerId = (formerName != null) ? p.getFormerCompanyId() : null;
		}
		return new EndOfLifeView(EndOfLifeState.fromCode(p.getStatus()).orElse(null), p.getStatusChangedAt(),
				name(p.getStatusChangedBy()), p.getStatusReasonCode(), p.getStatusReason(), p.getStatusOn(), formerId,
				formerName, p.getArchivedAt(), List.of());
	}

	/**
	 * The end-of-life state of a company the user may read, with the people the user may
	 * read who left it.
	 */
	@Transactional(readOnly = true)
	public EndOfLifeView ofCompany(UUID id) {
		CompanyRecord c = this.dsl.selectFrom(COMPANY)
			.where(this.accessPolicy.condition(CompanyService.COMPANIES, Access.READ))
			.and(COMPANY.ID.eq(id))
			.and(COMPANY.DELETED_AT.isNull())
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(CompanyService.KIND, id));
		List<EndOfLifeView.FormerPerson> former = this.dsl.select(PERSON.ID, PERSON.DISPLAY_NAME, PERSON.STATUS_ON)
			.from(PERSON)
			.where(this.accessPolicy.condition(PersonService.PEOPLE, Access.READ))
			.and(PERSON.FORMER_COMPANY_ID.eq(id))
			.and(PERSON.DELETED_AT.isNull())
			.orderBy(PERSON.NAME_KEY, PERSON.ID)
			.limit(100)
			.fetch((r) -> new EndOfLifeView.FormerPerson(r.get(PERSON.ID), r.get(PERSON.DISPLAY_NAME),
					r.get(PERSON.STATUS_ON)));
		return new EndOfLifeView(EndOfLifeState.fromCode(c.getStatus()).orElse(null), c.getStatusChangedAt(),
				name(c.getStatusChangedBy()), null, c.getStatusReason(), c.getClosedOn(), null, null, c.getArchivedAt(),
				former);
	}

	@Override
	@Transactional(readOnly = true)
	public List<Due> due(EndOfLifeState state, OffsetDateTime setBefore, boolean includeArchived, @Nullable UUID after,
			int limit) {
		if (state.kind() == CustomerKind.PERSON) {
			return this.dsl.select(PERSON.ID, PERSON.DISPLAY_NAME, PERSON.STATUS_CHANGED_AT)
				.from(PERSON)
				.where(WorkspaceScope.of(PERSON.WORKSPACE_ID))
				.and(PERSON.STATUS.eq(state.code()))
				.and(PERSON.STATUS_CHANGED_AT.lt(setBefore))
				.and(PERSON.DELETED_AT.isNull())
				.and(includeArchived ? DSL.noCondition() : PERSON.ARCHIVED_AT.isNull())
				.and((after != null) ? PERSON.ID.gt(after) : DSL.noCondition())
				.orderBy(PERSON.ID)
				.limit(limit)
				.fetch((r) -> new Due(CustomerKind.PERSON, r.value1(), r.value2(), state, r.value3()));
		}
		return this.dsl.select(COMPANY.ID, COMPANY.NAME, COMPANY.STATUS_CHANGED_AT)
			.from(COMPANY)
			.where(WorkspaceScope.of(COMPANY.WORKSPACE_ID))
			.and(COMPANY.STATUS.eq(state.code()))
			.and(COMPANY.STATUS_CHANGED_AT.lt(setBefore))
			.and(COMPANY.DELETED_AT.isNull())
			.and(includeArchived ? DSL.noCondition() : COMPANY.ARCHIVED_AT.isNull())
			.and((after != null) ? COMPANY.ID.gt(after) : DSL.noCondition())
			.orderBy(COMPANY.ID)
			.limit(limit)
			.fetch((r) -> new Due(CustomerKind.COMPANY, r.value1(), r.value2(), state, r.value3()));
	}

	@Override
	@Transactional
	public boolean archive(CustomerKind kind, UUID id, String reason) {
		OffsetDateTime now = now();
		UUID by = Actors.current().map(dev.rapport.platform.Actor::userId).orElse(null);
		int archived;
		if (kind == CustomerKind.PERSON) {
			archived = this.dsl.update(PERSON)
				.set(PERSON.ARCHIVED_AT, now)
				.set(PERSON.ARCHIVED_BY, by)
				.set(PERSON.VERSION, PERSON.VERSION.plus(1))
				.set(PERSON.UPDATED_AT, now)
				.set(PERSON.UPDATED_BY, by)
				.where(WorkspaceScope.of(PERSON.WORKSPACE_ID))
				.and(PERSON.ID.eq(id))
				.and(PERSON.ARCHIVED_AT.isNull())
				.and(PERSON.DELETED_AT.isNull())
				.execute();
		}
		else {
			archived = this.dsl.update(COMPANY)
				.set(COMPANY.ARCHIVED_AT, now)
				.set(COMPANY.ARCHIVED_BY, by)
				.set(COMPANY.VERSION, COMPANY.VERSION.plus(1))
				.set(COMPANY.UPDATED_AT, now)
				.set(COMPANY.UPDATED_BY, by)
				.where(WorkspaceScope.of(COMPANY.WORKSPACE_ID))
				.and(COMPANY.ID.eq(id))
				.and(COMPANY.ARCHIVED_AT.isNull())
				.and(COMPANY.DELETED_AT.isNull())
				.execute();
		}
		if (archived == 0) {
			return false;
		}
		this.changeLog.record((kind == CustomerKind.PERSON) ? PersonService.KIND : CompanyService.KIND, id,
				List.of(new FieldChange("archived", null, reason)));
		this.events.publishEvent(new CustomersChanged(kind, List.of(id)));
		return true;
	}

	private PersonRecord lockPerson(UUID id) {
		var select = this.dsl.selectFrom(PERSON)
			.where(this.accessPolicy.condition(PersonService.PEOPLE, Access.READ))
			.and(PERSON.ID.eq(id))
			.and(PERSON.DELETED_AT.isNull());
		PersonRecord person = ((this.dsl.dialect().family() == SQLDialect.POSTGRES) ? select.forNoKeyUpdate()
				: select.forUpdate())
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(PersonService.KIND, id));
		this.accessPolicy.check(Access.UPDATE, PersonService.KIND, id, person.getOwnerId(), person.getTeamId());
		return person;
	}

	private CompanyRecord lockCompany(UUID id) {
		var select = this.dsl.selectFrom(COMPANY)
			.where(this.accessPolicy.condition(CompanyService.COMPANIES, Access.READ))
			.and(COMPANY.ID.eq(id))
			.and(COMPANY.DELETED_AT.isNull());
		CompanyRecord company = ((this.dsl.dialect().family() == SQLDialect.POSTGRES) ? select.forNoKeyUpdate()
				: select.forUpdate())
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(CompanyService.KIND, id));
		this.accessPolicy.check(Access.UPDATE, CompanyService.KIND, id, company.getOwnerId(), company.getTeamId());
		return company;
	}

	/**
	 * A status outside the known states (an erased person) is final: nothing brings it
	 * back.
	 */
	private static void requireNotFinal(String status, String kind, UUID id) {
		if (!ACTIVE.equals(status) && EndOfLifeState.fromCode(status).isEmpty()) {
			throw new BusinessRuleException("state", "customers.end-of-life.final", status);
		}
	}

	private static @Nullable EndOfLifeState state(InvalidFieldsException.Collector problems, @Nullable String code,
			CustomerKind kind) {
		EndOfLifeState state = EndOfLifeState.fromCode(code).filter((s) -> s.kind() == kind).orElse(null);
		if (state == null) {
			problems.reject("state", "customers.end-of-life.state.unknown",
					String.join(", ", EndOfLifeState.of(kind).stream().map(EndOfLifeState::code).toList()));
		}
		return state;
	}

	private @Nullable LocalDate day(InvalidFieldsException.Collector problems, @Nullable LocalDate on) {
		if (on != null && on.isAfter(LocalDate.now(this.clock).plusDays(1))) {
			problems.reject("on", "customers.end-of-life.on.future");
			return null;
		}
		return on;
	}

	private boolean companyReadable(UUID companyId) {
		return this.dsl.fetchExists(COMPANY,
				this.accessPolicy.condition(CompanyService.COMPANIES, Access.READ)
					.and(COMPANY.ID.eq(companyId))
					.and(COMPANY.DELETED_AT.isNull()));
	}

	private boolean companyExists(UUID companyId) {
		return this.dsl.fetchExists(COMPANY,
				WorkspaceScope.of(COMPANY.WORKSPACE_ID).and(COMPANY.ID.eq(companyId)).and(COMPANY.DELETED_AT.isNull()));
	}

	private @Nullable String companyName(UUID companyId) {
		return this.dsl.select(COMPANY.NAME)
			.from(COMPANY)
			.where(WorkspaceScope.of(COMPANY.WORKSPACE_ID))
			.and(COMPANY.ID.eq(companyId))
			.fetchOne(COMPANY.NAME);
	}

	private @Nullable String name(@Nullable UUID userId) {
		return (userId != null) ? this.users.find(userId).map(UserView::displayName).orElse(null) : null;
	}

	private static @Nullable String reasonText(@Nullable String code, @Nullable String reason) {
		if (code == null) {
			return reason;
		}
		return (reason != null) ? code + ": " + reason : code;
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value != null) ? Objects.toString(value) : null;
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
