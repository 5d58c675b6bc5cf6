package dev.rapport.dataquality.internal.retention;

import static dev.rapport.dataquality.internal.db.Tables.RETENTION_POLICY;
import static dev.rapport.dataquality.internal.db.Tables.RETENTION_RUN;
import static dev.rapport.dataquality.internal.db.Tables.RETENTION_RUN_ITEM;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.customers.CustomerKind;
import dev.rapport.customers.CustomerRetention;
import dev.rapport.customers.EndOfLifeState;
import dev.rapport.dataquality.PersonErasure;
import dev.rapport.dataquality.internal.db.tables.records.RetentionPolicyRecord;
import dev.rapport.dataquality.internal.db.tables.records.RetentionRunItemRecord;
import dev.rapport.dataquality.internal.db.tables.records.RetentionRunRecord;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.WorkspaceScope;

/**
 * Retention of people and companies in an end-of-life state: per workspace and state, a
 * policy (keep, archive, or anonymise after N months), runs that apply the policies with
 * a report of what they did, and a preview of what a policy would do now.
 */
@Service
public class RetentionService {

	private static final Logger log = LoggerFactory.getLogger(RetentionService.class);

	/** What a policy does to a record once its state is old enough. */
	public enum Action {

		KEEP, ARCHIVE, ANONYMISE;

		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Optional<Action> fromCode(@Nullable String code) {
			for (Action action : values()) {
				if (code != null && action.code().equals(code.strip().toLowerCase(Locale.ROOT))) {
					return Optional.of(action);
				}
			}
			return Optional.empty();
		}

	}

	/** The policy of one state; {@code version} is 0 for a state never configured. */
	public record Policy(EndOfLifeState state, Action action, int afterMonths, int version) {

		/** The actions this state can take: companies cannot be anonymised. */
		public List<Action> actions() {
			return (this.state.kind() == CustomerKind.PERSON) ? List.of(Action.values())
					: List.of(Action.KEEP, Action.ARCHIVE);
		}

	}

	/** One record a run (or a preview) touches, and the rule that applied. */
	public record Item(CustomerKind kind, UUID recordId, @Nullable String displayName, EndOfLifeState state,
			Action action, int afterMonths, String outcome, @Nullable String message) {
	}

	/** What one state's policy did in a run. */
	public record StateReport(EndOfLifeState state, Action action, int afterMonths, int done, int skipped) {
	}

	/**
	 * A run: when, how it was started, its counts; with its items for the report page.
	 */
	public record Run(UUID id, String kind, OffsetDateTime asOf, OffsetDateTime startedAt,
			@Nullable OffsetDateTime finishedAt, int archived, int anonymised, int skipped, List<StateReport> states,
			List<Item> items) {
	}

	/** What a policy would do now: how many records, and the first of them. */
	public record Preview(Policy policy, int count, boolean more, List<Item> first) {
	}

	static final String DONE = "done";

	static final String SKIPPED = "skipped";

	/** The message of records a run could not anonymise because erasure is missing. */
	static final String ERASURE_UNAVAILABLE = "erasure-unavailable";

	private static final int PAGE = 200;

	private final DSLContext dsl;

	private final CustomerRetention customers;

	private final ObjectProvider<PersonErasure> erasure;

	private final TransactionTemplate transactions;

	private final TransactionTemplate savepoints;

	private final RetentionProperties properties;

	private final Clock clock;

	RetentionService(DSLContext dsl, CustomerRetention customers, ObjectProvider<PersonErasure> erasure,
			PlatformTransactionManager transactionManager, RetentionProperties properties, Clock clock) {
		this.dsl = dsl;
		this.customers = customers;
		this.erasure = erasure;
		this.transactions = new TransactionTemplate(transactionManager);
		this.savepoints = new TransactionTemplate(transactionManager);
		this.savepoints.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.properties = properties;
		this.clock = clock;
	}

	/** The policies of the current workspace, one per state (keep when never set). */
	@Transactional(readOnly = true)
	public List<Policy> policies() {
		Map<String, RetentionPolicyRecord> stored = new LinkedHashMap<>();
		this.dsl.selectFrom(RETENTION_POLICY)
			.where(WorkspaceScope.of(RETENTION_POLICY.WORKSPACE_ID))
			.forEach((r) -> stored.put(r.getState(), r));
		List<Policy> policies = new ArrayList<>();
		for (EndOfLifeState state : EndOfLifeState.values()) {
			RetentionPolicyRecord r = stored.get(state.code());
			policies.add((r != null) ? new Policy(state, Action.fromCode(r.getAction()).orElse(Action.KEEP),
					r.getAfterMonths(), r.getVersion()) : new Policy(state, Action.KEEP, 0, 0));
		}
		return policies;
	}

	/**
	 * Saves the policy of a state. Rejects an unknown state or action, anonymising
	 * companies, months outside 0 to 1,200, and a stale version (someone else saved
	 * first; 0 for a state never saved).
	 */
	@Transactional
	public Policy save(@Nullable String stateCode, @Nullable String actionCode, @Nullable Integer months, int version) {
		Policy policy = validate(stateCode, actionCode, months);
		RetentionPolicyRecord record = this.dsl.selectFrom(RETENTION_POLICY)
			.where(WorkspaceScope.of(RETENTION_POLICY.WORKSPACE_ID))
			.and(RETENTION_POLICY.STATE.eq(policy.state().code()))
			.forUpdate()
			.fetchOne();
		if (record == null) {
			StaleVersionException.check("retention-policy", version, 0);
			record = this.dsl.newRecord(RETENTION_POLICY);
			record.setId(Ids.newId());
			record.setState(policy.state().code());
		}
		else {
			StaleVersionException.check("retention-policy", version, record.getVersion());
		}
		record.setAction(policy.action().code());
		record.setAfterMonths(policy.afterMonths());
		record.store();
		return new Policy(policy.state(), policy.action(), policy.afterMonths(), record.getVersion());
	}

	/**
	 * What a policy would do now in the current workspace, before it is saved: how many
	 * records (counted up to the run's limit) and the first 20. Rejects what
	 * {@link #save} rejects.
	 */
	@Transactional(readOnly = true)
	public Preview preview(@Nullable String stateCode, @Nullable String actionCode, @Nullable Integer months) {
		Policy policy = validate(stateCode, actionCode, months);
		if (policy.action() == Action.KEEP) {
			return new Preview(policy, 0, false, List.of());
		}
		List<CustomerRetention.Due> due = due(policy, now(), this.properties.limit() + 1);
		List<Item> first = due.stream()
			.limit(20)
			.map((d) -> new Item(d.kind(), d.id(), d.displayName(), d.state(), policy.action(), policy.afterMonths(),
					"", null))
			.toList();
		return new Preview(policy, Math.min(due.size(), this.properties.limit()), due.size() > this.properties.limit(),
				first);
	}

	/**
	 * Runs every workspace's policies as of {@code now}, each workspace as the system:
	 * for the daily job. A workspace that fails is logged and left for the next run.
	 */
	public int runAll(Instant now) {
		List<UUID> workspaces = this.dsl.selectDistinct(RETENTION_POLICY.WORKSPACE_ID)
			.from(RETENTION_POLICY)
			.where(RETENTION_POLICY.ACTION.ne(Action.KEEP.code()))
			.fetch(RETENTION_POLICY.WORKSPACE_ID);
		int runs = 0;
		for (UUID workspaceId : workspaces) {
			try {
				Actors.callAs(Actor.system(workspaceId), () -> run(now, "scheduled"));
				runs++;
			}
			catch (RuntimeException ex) {
				log.warn("Retention run of workspace {} failed; the next run tries again", workspaceId, ex);
			}
		}
		return runs;
	}

	/**
	 * Runs the current workspace's policies as of {@code now} and writes the report. Runs
	 * of one workspace take turns (the first locks the policies); a record already
	 * archived or anonymised is left alone, so a second run does nothing more.
	 * @param kind {@code scheduled} or {@code manual}
	 */
	public Run run(Instant now, String kind) {
		UUID runId = this.transactions.execute((status) -> runInTransaction(now, kind));
		return find(runId).orElseThrow();
	}

	private UUID runInTransaction(Instant now, String kind) {
		List<RetentionPolicyRecord> locked = this.dsl.selectFrom(RETENTION_POLICY)
			.where(WorkspaceScope.of(RETENTION_POLICY.WORKSPACE_ID))
			.orderBy(RETENTION_POLICY.ID)
			.forUpdate()
			.fetch();
		OffsetDateTime asOf = now.atOffset(ZoneOffset.UTC);
		RetentionRunRecord run = this.dsl.newRecord(RETENTION_RUN);
		run.setId(Ids.newId());
		run.setKind(kind);
		run.setAsOf(asOf);
		run.setStartedAt(now());
		run.setArchived(0);
		run.setAnonymised(0);
		run.setSkipped(0);
		run.store();
		int[] counts = new int[3];
		for (RetentionPolicyRecord r : locked) {
			EndOfLifeState state = EndOfLifeState.fromCode(r.getState()).orElse(null);
			Action action = Action.fromCode(r.getAction()).orElse(Action.KEEP);
			if (state == null || action == Action.KEEP) {
				continue;
			}
			Policy policy = new Policy(state, action, r.getAfterMonths(), r.getVersion());
			for (CustomerRetention.Due due : due(policy, asOf, this.properties.limit())) {
				Item item = apply(policy, due);
				write(run.getId(), item);
				if (item.outcome().equals(SKIPPED)) {
					counts[2]++;
				}
				else {
					counts[(action == Action.ARCHIVE) ? 0 : 1]++;
				}
			}
		}
		run.setArchived(counts[0]);
		run.setAnonymised(counts[1]);
		run.setSkipped(counts[2]);
		run.setFinishedAt(now());
		run.store();
		return run.getId();
	}

	/** The records a policy applies to as of a time, leaving out those anonymised. */
	private List<CustomerRetention.Due> due(Policy policy, OffsetDateTime asOf, int limit) {
		OffsetDateTime setBefore = asOf.minusMonths(policy.afterMonths());
		boolean anonymise = policy.action() == Action.ANONYMISE;
		List<CustomerRetention.Due> due = new ArrayList<>();
		UUID after = null;
		while (due.size() < limit) {
			List<CustomerRetention.Due> page = this.customers.due(policy.state(), setBefore, anonymise, after, PAGE);
			if (page.isEmpty()) {
				break;
			}
			Set<UUID> anonymised = anonymise ? anonymised(page.stream().map(CustomerRetention.Due::id).toList())
					: Set.of();
			page.stream().filter((d) -> !anonymised.contains(d.id())).limit(limit - due.size()).forEach(due::add);
			after = page.get(page.size() - 1).id();
			if (page.size() < PAGE) {
				break;
			}
		}
		return due;
	}

	private Set<UUID> anonymised(List<UUID> ids) {
		return new HashSet<>(this.dsl.select(RETENTION_RUN_ITEM.RECORD_ID)
			.from(RETENTION_RUN_ITEM)
			.where(WorkspaceScope.of(RETENTION_RUN_ITEM.WORKSPACE_ID))
			.and(RETENTION_RUN_ITEM.RECORD_ID.in(ids))
			.and(RETENTION_RUN_ITEM.ACTION.eq(Action.ANONYMISE.code()))
			.and(RETENTION_RUN_ITEM.OUTCOME.eq(DONE))
			.fetch(RETENTION_RUN_ITEM.RECORD_ID));
	}

	/**
	 * Applies a policy to one record, in a savepoint so one failure spoils nothing else.
	 */
	private Item apply(Policy policy, CustomerRetention.Due due) {
		String rule = "retention: " + policy.state().code() + " after " + policy.afterMonths() + " months";
		try {
			if (policy.action() == Action.ARCHIVE) {
				Boolean archived = this.savepoints
					.execute((status) -> this.customers.archive(due.kind(), due.id(), rule));
				return item(policy, due, Boolean.TRUE.equals(archived) ? DONE : SKIPPED,
						Boolean.TRUE.equals(archived) ? null : "already-archived");
			}
			PersonErasure erasure = this.erasure.getIfAvailable();
			if (erasure == null) {
				return item(policy, due, SKIPPED, ERASURE_UNAVAILABLE);
			}
			this.savepoints.executeWithoutResult((status) -> erasure.erase(due.id(), rule));
			return item(policy, due, DONE, null);
		}
		catch (RuntimeException ex) {
			log.warn("Retention could not {} {} {}", policy.action().code(), due.kind(), due.id(), ex);
			return item(policy, due, SKIPPED, "failed");
		}
	}

	private static Item item(Policy policy, CustomerRetention.Due due, String outcome, @Nullable String message) {
		// Anonymised people are reported by id only: the report must not keep what the
		// erasure removed.
		String name = (policy.action() == Action.ANONYMISE) ? null : due.displayName();
		return new Item(due.kind(), due.id(), name, due.state(), policy.action(), policy.afterMonths(), outcome,
				message);
	}

	private void write(UUID runId, Item item) {
		RetentionRunItemRecord r = this.dsl.newRecord(RETENTION_RUN_ITEM);
		r.setWorkspaceId(Actors.workspaceId());
		r.setId(Ids.newId());
		r.setRunId(runId);
		r.setRecordKind(item.kind().name().toLowerCase(Locale.ROOT));
		r.setRecordId(item.recordId());
		r.setDisplayName(cut(item.displayName()));
		r.setState(item.state().code());
		r.setAction(item.action().code());
		r.setAfterMonths(item.afterMonths());
		r.setOutcome(item.outcome());
		r.setMessage(item.message());
		r.insert();
	}

	/** The latest runs of the current workspace, newest first, without their items. */
	@Transactional(readOnly = true)
	public List<Run> runs(int limit) {
		return this.dsl.selectFrom(RETENTION_RUN)
			.where(WorkspaceScope.of(RETENTION_RUN.WORKSPACE_ID))
			.orderBy(RETENTION_RUN.STARTED_AT.desc(), RETENTION_RUN.ID.desc())
			.limit(limit)
			.fetch((r) -> view(r, List.of(), List.of()));
	}

	/** A run of the current workspace with its report. */
	@Transactional(readOnly = true)
	public Optional<Run> find(UUID runId) {
		RetentionRunRecord run = this.dsl.selectFrom(RETENTION_RUN)
			.where(WorkspaceScope.of(RETENTION_RUN.WORKSPACE_ID))
			.and(RETENTION_RUN.ID.eq(runId))
			.fetchOne();
		if (run == null) {
			return Optional.empty();
		}
		List<Item> items = this.dsl.selectFrom(RETENTION_RUN_ITEM)
			.where(WorkspaceScope.of(RETENTION_RUN_ITEM.WORKSPACE_ID))
			.and(RETENTION_RUN_ITEM.RUN_ID.eq(runId))
			.orderBy(RETENTION_RUN_ITEM.STATE, RETENTION_RUN_ITEM.OUTCOME, RETENTION_RUN_ITEM.DISPLAY_NAME,
					RETENTION_RUN_ITEM.RECORD_ID)
			.fetch((r) -> new Item(CustomerKind.valueOf(r.getRecordKind().toUpperCase(Locale.ROOT)), r.getRecordId(),
					r.getDisplayName(), EndOfLifeState.fromCode(r.getState()).orElseThrow(),
					Action.fromCode(r.getAction()).orElse(Action.KEEP), r.getAfterMonths(), r.getOutcome(),
					r.getMessage()));
		Map<EndOfLifeState, int[]> byState = new LinkedHashMap<>();
		Map<EndOfLifeState, Item> rule = new LinkedHashMap<>();
		for (Item item : items) {
			int[] c = byState.computeIfAbsent(item.state(), (s) -> new int[2]);
			c[item.outcome().equals(DONE) ? 0 : 1]++;
			rule.putIfAbsent(item.state(), item);
		}
		List<StateReport> states = new ArrayList<>();
		byState.forEach((state, c) -> states
			.add(new StateReport(state, rule.get(state).action(), rule.get(state).afterMonths(), c[0], c[1])));
		return Optional.of(view(run, states, items));
	}

	/** A run of the current workspace with its report; 404 when there is none. */
	public Run get(UUID runId) {
		return find(runId).orElseThrow(() -> new NotFoundException("retention-run", runId));
	}

	private static Run view(RetentionRunRecord r, List<StateReport> states, List<Item> items) {
		return new Run(r.getId(), r.getKind(), r.getAsOf(), r.getStartedAt(), r.getFinishedAt(), r.getArchived(),
				r.getAnonymised(), r.getSkipped(), states, items);
	}

	private static Policy validate(@Nullable String stateCode, @Nullable String actionCode, @Nullable Integer months) {
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		EndOfLifeState state = EndOfLifeState.fromCode(stateCode).orElse(null);
		if (state == null) {
			problems.reject("state", "retention.state.unknown");
		}
		Action action = Action.fromCode(actionCode).orElse(null);
		if (action == null) {
			problems.reject("action", "retention.action.unknown");
		}
		else if (action == Action.ANONYMISE && state != null && state.kind() == CustomerKind.COMPANY) {
			problems.reject("action", "retention.action.company");
		}
		if (months == null || months < 0 || months > 1200) {
			problems.reject("afterMonths", "retention.months.range");
		}
		problems.throwIfAny();
		return new Policy(state, action, months, 0);
	}

	private static @Nullable String cut(@Nullable String text) {
		return (text != null && text.length() > 300) ? text.substring(0, 300) : text;
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
