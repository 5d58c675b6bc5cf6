package dev.rapport.dataquality.internal.privacy;

import static dev.rapport.dataquality.internal.db.Tables.ERASURE_RECORD;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.CustomerKind;
import dev.rapport.customers.Customers;
import dev.rapport.customers.CustomersChanged;
import dev.rapport.customers.PersonView;
import dev.rapport.customers.PersonalData;
import dev.rapport.dataquality.PersonErasure;
import dev.rapport.dataquality.internal.db.tables.records.ErasureRecordRecord;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.identity.AccessScope;
import dev.rapport.identity.Users;
import dev.rapport.platform.Actors;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.web.AccessDeniedProblem;

/**
 * A person's data across every module ({@link PersonalData} parts, found at start-up):
 * exported for them, or erased on request. Both are for administrators and the person's
 * owner. An erasure runs every part in one transaction, writes the audit record (who,
 * when, why, how many records each part changed — no personal data) and publishes
 * {@link CustomersChanged} so derived copies drop the data.
 */
@Service
public class Privacy implements PersonErasure {

	/** The longest reason kept. */
	static final int MAX_REASON = 1000;

	private final DSLContext dsl;

	private final List<PersonalData> parts;

	private final Customers customers;

	private final AccessPolicy accessPolicy;

	private final Users users;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Privacy(DSLContext dsl, List<PersonalData> parts, Customers customers, AccessPolicy accessPolicy, Users users,
			ApplicationEventPublisher events, Clock clock) {
		this.dsl = dsl;
		this.parts = parts.stream().sorted(Comparator.comparing(PersonalData::name)).toList();
		this.customers = customers;
		this.accessPolicy = accessPolicy;
		this.users = users;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Everything held about a person, one key per part.
	 *
	 * @param erasedAt when the person was erased, if they were
	 */
	public record PersonalExport(UUID personId, String displayName, OffsetDateTime exportedAt,
			@Nullable OffsetDateTime erasedAt, Map<String, List<Map<String, Object>>> parts) {
	}

	/** An erasure as the audit shows it. */
	public record Erasure(UUID id, UUID personId, String reason, Map<String, Integer> changed, OffsetDateTime erasedAt,
			@Nullable UUID erasedBy, @Nullable String erasedByName) {
	}

	/** The names of the parts, in the order they are shown. */
	public List<String> partNames() {
		return this.parts.stream().map(PersonalData::name).toList();
	}

	/**
	 * Everything held about a person, for an administrator or the person's owner; 404 for
	 * a person the user may not read, 403 for one they may read but not own.
	 */
	@Transactional(readOnly = true)
	public PersonalExport export(UUID personId) {
		PersonView person = this.customers.findPerson(personId)
			.orElseThrow(() -> new NotFoundException("person", personId));
		requireAdministratorOrOwner(person);
		Map<String, List<Map<String, Object>>> data = new LinkedHashMap<>();
		for (PersonalData part : this.parts) {
			data.put(part.name(), part.export(personId));
		}
		return new PersonalExport(personId, person.displayName(), OffsetDateTime.now(this.clock),
				erasure(personId).map(Erasure::erasedAt).orElse(null), data);
	}

	/** Whether the current user may erase this person (and read their data). */
	public boolean mayErase(PersonView person) {
		AccessScope scope = this.accessPolicy.currentScope();
		return scope.administrator() || person.ownerId().equals(scope.userId());
	}

	@Override
	@Transactional
	public Result erase(UUID personId, String reason) {
		String why = (reason != null) ? reason.strip() : "";
		if (why.isEmpty()) {
			throw new BusinessRuleException("reason", "privacy.erase.reason.required");
		}
		if (Actors.require().userId() != null) {
			PersonView person = this.customers.personForChange(personId);
			requireAdministratorOrOwner(person);
		}
		if (erasure(personId).isPresent()) {
			throw new BusinessRuleException(null, "privacy.erase.already");
		}
		Map<String, Integer> changed = new LinkedHashMap<>();
		for (PersonalData part : this.parts) {
			changed.put(part.name(), part.erase(personId));
		}
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		ErasureRecordRecord record = this.dsl.newRecord(ERASURE_RECORD);
		record.setId(Ids.newId());
		record.setPersonId(personId);
		record.setReason(why.length() > MAX_REASON ? why.substring(0, MAX_REASON) : why);
		record.setChanged(changed.entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + e.getValue())
			.collect(Collectors.joining(";")));
		record.setErasedAt(now);
		record.setErasedBy(Actors.require().userId());
		record.store();
		this.events.publishEvent(new CustomersChanged(CustomerKind.PERSON, List.of(personId)));
		return new Result(record.getId(), changed);
	}

	/** The erasure of a person, if they were erased. */
	@Transactional(readOnly = true)
	public Optional<Erasure> erasure(UUID personId) {
		return this.dsl.selectFrom(ERASURE_RECORD)
			.where(ERASURE_RECORD.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(ERASURE_RECORD.PERSON_ID.eq(personId))
			.fetchOptional(this::view);
	}

	/** The erasures of the workspace, newest first; for administrators. */
	@Transactional(readOnly = true)
	public List<Erasure> erasures(int limit) {
		if (!this.accessPolicy.currentScope().administrator()) {
			throw new AccessDeniedProblem("privacy.forbidden");
		}
		return this.dsl.selectFrom(ERASURE_RECORD)
			.where(ERASURE_RECORD.WORKSPACE_ID.eq(Actors.workspaceId()))
			.orderBy(ERASURE_RECORD.ERASED_AT.desc(), ERASURE_RECORD.ID.desc())
			.limit(limit)
			.fetch(this::view);
	}

	private void requireAdministratorOrOwner(PersonView person) {
		if (!mayErase(person)) {
			throw new AccessDeniedProblem("privacy.forbidden");
		}
	}

	private Erasure view(ErasureRecordRecord r) {
		Map<String, Integer> changed = new LinkedHashMap<>();
		for (String pair : r.getChanged().split(";")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				changed.put(pair.substring(0, eq), Integer.valueOf(pair.substring(eq + 1)));
			}
		}
		String by = (r.getErasedBy() != null)
				? this.users.find(r.getErasedBy()).map((u) -> u.displayName()).orElse(null) : null;
		return new Erasure(r.getId(), r.getPersonId(), r.getReason(), changed, r.getErasedAt(), r.getErasedBy(), by);
	}

}
