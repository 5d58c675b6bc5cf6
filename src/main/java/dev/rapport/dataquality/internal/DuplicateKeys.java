package dev.rapport.dataquality.internal;

import static dev.rapport.dataquality.internal.db.Tables.DUPLICATE_KEY;
import static dev.rapport.dataquality.internal.db.Tables.DUPLICATE_KEY_BUILD;
import static dev.rapport.dataquality.internal.db.Tables.DUPLICATE_PAIR;
import static dev.rapport.dataquality.internal.db.Tables.DUPLICATE_RECHECK;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.customers.CustomerKind;
import dev.rapport.customers.Customers;
import dev.rapport.customers.CustomersChanged;
import dev.rapport.customers.MatchData;
import dev.rapport.dataquality.internal.db.tables.records.DuplicateKeyBuildRecord;
import dev.rapport.dataquality.internal.matching.Matcher;
import dev.rapport.dataquality.internal.matching.Profile;
import dev.rapport.platform.Actors;
import dev.rapport.platform.WorkspaceScope;

/**
 * The blocking keys of every person and company, rewritten in the transaction that
 * changes them, and the lookup of the records sharing keys with a profile.
 */
@Component
class DuplicateKeys {

	/** Keys whose records are taken even beyond the block cap: e-mail and phone. */
	private static final Set<Character> STRONG = Set.of('e', 't', 'd');

	/** The most candidates one lookup hands on to scoring. */
	static final int MAX_CANDIDATES = 200;

	private static final Logger log = LoggerFactory.getLogger(DuplicateKeys.class);

	private static final int BATCH = 1000;

	/** Records per page of a key build. */
	static final int PAGE = 5_000;

	/** From how many records keys are computed on all cores. */
	private static final int PARALLEL_FROM = 500;

	/** Up to how many keys a lookup reads each key on its own. */
	private static final int UNION_KEYS = 40;

	private static final int RECHECK_BATCH = 100;

	private static final int RECHECK_BATCH_POSTGRES = 1000;

	private final DSLContext dsl;

	private final Customers customers;

	private final Clock clock;

	private final TransactionTemplate transactions;

	DuplicateKeys(DSLContext dsl, Customers customers, Clock clock, PlatformTransactionManager transactionManager) {
		this.dsl = dsl;
		this.customers = customers;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

	/**
	 * Keeps the keys of changed records in step, and queues them for the recheck of their
	 * pairs; records gone for good lose their pairs too. In the writer's transaction, or
	 * in one of its own when the event comes without one (the keys, pairs and recheck
	 * queue change together).
	 */
	@EventListener
	@Transactional
	void on(CustomersChanged event) {
		refresh(event.kind(), event.ids());
	}

	@Transactional
	void refresh(CustomerKind kind, Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return;
		}
		String code = DuplicateRules.code(kind);
		List<MatchData> found = this.customers.matchData(kind, ids);
		this.dsl.deleteFrom(DUPLICATE_KEY)
			.where(DUPLICATE_KEY.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(DUPLICATE_KEY.RECORD_ID.in(ids))
			.execute();
		Set<UUID> present = new HashSet<>();
		found.forEach((data) -> present.add(data.id()));
		Map<UUID, Set<String>> keys = keysOf(found);
		insert(code, keys);
		List<UUID> gone = ids.stream().filter((id) -> !present.contains(id)).distinct().toList();
		if (!gone.isEmpty()) {
			this.dsl.deleteFrom(DUPLICATE_PAIR)
				.where(DUPLICATE_PAIR.WORKSPACE_ID.eq(Actors.workspaceId()))
				.and(DUPLICATE_PAIR.RECORD_A.in(gone).or(DUPLICATE_PAIR.RECORD_B.in(gone)))
				.execute();
		}
		queueRecheck(code, keys.keySet());
	}

	/** Queues records for the job that rechecks their pairs. */
	void queueRecheck(String code, Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return;
		}
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		UUID workspaceId = Actors.workspaceId();
		List<UUID> all = new ArrayList<>(new LinkedHashSet<>(ids));
		// Small batches on H2: jOOQ writes "on conflict do nothing" as a merge of a union
		// of rows, which H2 parses recursively.
		int batch = (this.dsl.dialect().family() == SQLDialect.POSTGRES) ? RECHECK_BATCH_POSTGRES : RECHECK_BATCH;
		for (int from = 0; from < all.size(); from += batch) {
			var insert = this.dsl.insertInto(DUPLICATE_RECHECK, DUPLICATE_RECHECK.WORKSPACE_ID, DUPLICATE_RECHECK.KIND,
					DUPLICATE_RECHECK.RECORD_ID, DUPLICATE_RECHECK.QUEUED_AT);
			for (UUID id : all.subList(from, Math.min(all.size(), from + batch))) {
				insert = insert.values(workspaceId, code, id, now);
			}
			insert.onConflictDoNothing().execute();
		}
	}

	/** Writes keys of records whose old keys are gone. */
	void insert(String code, Map<UUID, Set<String>> keys) {
		UUID workspaceId = Actors.workspaceId();
		List<Object[]> rows = new ArrayList<>();
		keys.forEach((id, set) -> set.forEach((key) -> rows.add(new Object[] { key, id })));
		for (int from = 0; from < rows.size(); from += BATCH) {
			var insert = this.dsl.insertInto(DUPLICATE_KEY, DUPLICATE_KEY.WORKSPACE_ID, DUPLICATE_KEY.KIND,
					DUPLICATE_KEY.BLOCK_KEY, DUPLICATE_KEY.RECORD_ID);
			for (Object[] row : rows.subList(from, Math.min(rows.size(), from + BATCH))) {
				insert = insert.values(workspaceId, code, (String) row[0], (UUID) row[1]);
			}
			if (this.dsl.dialect().family() == SQLDialect.POSTGRES) {
				// A writer may have written the same record's keys meanwhile (a build).
				insert.onConflictDoNothing().execute();
			}
			else {
				insert.execute();
			}
		}
	}

	/**
	 * Writes the keys of the records of a kind that have none (written before duplicate
	 * detection existed, or by a writer that left them out), page by page in id order,
	 * each page of {@value #PAGE} records in its own transaction: the keys are visible to
	 * the check as they are built, and a stopped build resumes after the last page done.
	 * Records whose keys are kept in step are not computed again. Once a build has gone
	 * through every record of the workspace, it does nothing more: the writers keep the
	 * keys in step from then on.
	 * @return how many records got keys
	 */
	long buildMissing(CustomerKind kind) {
		String code = DuplicateRules.code(kind);
		UUID workspaceId = Actors.workspaceId();
		DuplicateKeyBuildRecord state = this.transactions.execute((status) -> {
			DuplicateKeyBuildRecord found = this.dsl.selectFrom(DUPLICATE_KEY_BUILD)
				.where(DUPLICATE_KEY_BUILD.WORKSPACE_ID.eq(workspaceId))
				.and(DUPLICATE_KEY_BUILD.KIND.eq(code))
				.fetchOne();
			if (found == null) {
				this.dsl.insertInto(DUPLICATE_KEY_BUILD)
					.set(DUPLICATE_KEY_BUILD.WORKSPACE_ID, workspaceId)
					.set(DUPLICATE_KEY_BUILD.KIND, code)
					.set(DUPLICATE_KEY_BUILD.RECORDS_CHECKED, 0L)
					.set(DUPLICATE_KEY_BUILD.RECORDS_BUILT, 0L)
					.set(DUPLICATE_KEY_BUILD.UPDATED_AT, now())
					.execute();
				found = this.dsl.selectFrom(DUPLICATE_KEY_BUILD)
					.where(DUPLICATE_KEY_BUILD.WORKSPACE_ID.eq(workspaceId))
					.and(DUPLICATE_KEY_BUILD.KIND.eq(code))
					.fetchOne();
			}
			return found;
		});
		if (state == null || state.getFinishedAt() != null) {
			return 0;
		}
		long started = System.nanoTime();
		UUID after = state.getAfterId();
		long checked = 0;
		long built = 0;
		while (true) {
			UUID from = after;
			long[] page = this.transactions.execute((status) -> buildPage(kind, code, workspaceId, from));
			if (page == null || page[0] == 0) {
				break;
			}
			checked += page[0];
			built += page[1];
			after = new UUID(page[2], page[3]);
		}
		log.info("Duplicate keys of {} records built, {} records checked, in {} ms", built, checked,
				(System.nanoTime() - started) / 1_000_000);
		return built;
	}

	/**
	 * One page of the build: the ids after {@code after}, those without keys read in one
	 * go, their keys computed on all cores and written in one batch.
	 * @return ids checked, records built, the last id (two longs)
	 */
	private long[] buildPage(CustomerKind kind, String code, UUID workspaceId, @Nullable UUID after) {
		List<UUID> ids = this.customers.idsAfter(kind, after, PAGE);
		if (ids.isEmpty()) {
			this.dsl.update(DUPLICATE_KEY_BUILD)
				.set(DUPLICATE_KEY_BUILD.FINISHED_AT, now())
				.set(DUPLICATE_KEY_BUILD.UPDATED_AT, now())
				.where(DUPLICATE_KEY_BUILD.WORKSPACE_ID.eq(workspaceId))
				.and(DUPLICATE_KEY_BUILD.KIND.eq(code))
				.execute();
			return new long[4];
		}
		Set<UUID> keyed = new HashSet<>(this.dsl.selectDistinct(DUPLICATE_KEY.RECORD_ID)
			.from(DUPLICATE_KEY)
			.where(DUPLICATE_KEY.WORKSPACE_ID.eq(workspaceId))
			.and(DUPLICATE_KEY.RECORD_ID.in(ids))
			.fetch(DUPLICATE_KEY.RECORD_ID));
		List<UUID> missing = ids.stream().filter((id) -> !keyed.contains(id)).toList();
		Map<UUID, Set<String>> keys = keysOf(this.customers.matchData(kind, missing));
		insert(code, keys);
		UUID last = ids.get(ids.size() - 1);
		this.dsl.update(DUPLICATE_KEY_BUILD)
			.set(DUPLICATE_KEY_BUILD.AFTER_ID, last)
			.set(DUPLICATE_KEY_BUILD.RECORDS_CHECKED, DUPLICATE_KEY_BUILD.RECORDS_CHECKED.plus((long) ids.size()))
			.set(DUPLICATE_KEY_BUILD.RECORDS_BUILT, DUPLICATE_KEY_BUILD.RECORDS_BUILT.plus((long) keys.size()))
			.set(DUPLICATE_KEY_BUILD.UPDATED_AT, now())
			.where(DUPLICATE_KEY_BUILD.WORKSPACE_ID.eq(workspaceId))
			.and(DUPLICATE_KEY_BUILD.KIND.eq(code))
			.execute();
		return new long[] { ids.size(), keys.size(), last.getMostSignificantBits(), last.getLeastSignificantBits() };
	}

	/**
	 * The keys of records not in the trash, computed on all cores when there are many
	 * (the computing is pure Java), in the order given.
	 */
	static Map<UUID, Set<String>> keysOf(List<MatchData> data) {
		List<MatchData> live = data.stream().filter((d) -> d.deletedAt() == null).toList();
		var stream = (live.size() >= PARALLEL_FROM) ? live.parallelStream() : live.stream();
		List<Set<String>> computed = stream.map((d) -> Matcher.blockingKeys(Profiles.of(d))).toList();
		Map<UUID, Set<String>> keys = new LinkedHashMap<>();
		for (int i = 0; i < live.size(); i++) {
			keys.put(live.get(i).id(), computed.get(i));
		}
		return keys;
	}

	/**
	 * The records sharing a key with these profiles, per profile, without the profile's
	 * own record: keys shared by more than {@link Matcher#MAX_BLOCK} records are too
	 * common to tell anything and are skipped, except e-mail, phone and domain keys,
	 * whose first records are taken. At most {@link #MAX_CANDIDATES} each.
	 */
	@Transactional(readOnly = true)
	List<Set<UUID>> candidates(CustomerKind kind, List<Profile> profiles) {
		Map<String, List<UUID>> byKey = lookup(kind,
				profiles.stream()
					.flatMap((p) -> Matcher.blockingKeys(p).stream())
					.collect(java.util.stream.Collectors.toSet()));
		List<Set<UUID>> result = new ArrayList<>(profiles.size());
		for (Profile profile : profiles) {
			Set<UUID> candidates = new LinkedHashSet<>();
			for (String key : strongFirst(Matcher.blockingKeys(profile))) {
				List<UUID> ids = byKey.getOrDefault(key, List.of());
				if (ids.size() > Matcher.blockCap(key) && !STRONG.contains(key.charAt(0))) {
					continue;
				}
				for (UUID id : ids) {
					if (candidates.size() >= MAX_CANDIDATES) {
						break;
					}
					if (!id.equals(profile.id())) {
						candidates.add(id);
					}
				}
			}
			result.add(candidates);
		}
		return result;
	}

	private static List<String> strongFirst(Set<String> keys) {
		List<String> ordered = new ArrayList<>();
		keys.stream().filter((k) -> STRONG.contains(k.charAt(0))).forEach(ordered::add);
		keys.stream().filter((k) -> !STRONG.contains(k.charAt(0))).forEach(ordered::add);
		return ordered;
	}

	/**
	 * Up to one more than the block cap of records per key, in one query: for a few keys
	 * (a check) each key's first records through the key index, which stops at the cap
	 * however common the key; for many keys (a batch of probes) ranked in one pass.
	 */
	private Map<String, List<UUID>> lookup(CustomerKind kind, Set<String> keys) {
		Map<String, List<UUID>> byKey = new LinkedHashMap<>();
		if (keys.isEmpty()) {
			return byKey;
		}
		if (keys.size() <= UNION_KEYS) {
			org.jooq.Select<org.jooq.Record2<String, UUID>> union = null;
			for (String key : keys) {
				var one = this.dsl.select(DUPLICATE_KEY.BLOCK_KEY, DUPLICATE_KEY.RECORD_ID)
					.from(DUPLICATE_KEY)
					.where(WorkspaceScope.of(DUPLICATE_KEY.WORKSPACE_ID))
					.and(DUPLICATE_KEY.KIND.eq(DuplicateRules.code(kind)))
					.and(DUPLICATE_KEY.BLOCK_KEY.eq(key))
					.orderBy(DUPLICATE_KEY.RECORD_ID)
					.limit(Matcher.MAX_BLOCK + 1);
				union = (union == null) ? one : union.unionAll(one);
			}
			this.dsl.fetch(union)
				.forEach((r) -> byKey.computeIfAbsent(r.value1(), (k) -> new ArrayList<>()).add(r.value2()));
			return byKey;
		}
		Field<Integer> rank = DSL.rowNumber()
			.over(DSL.partitionBy(DUPLICATE_KEY.BLOCK_KEY).orderBy(DUPLICATE_KEY.RECORD_ID))
			.as("rank");
		var ranked = this.dsl.select(DUPLICATE_KEY.BLOCK_KEY, DUPLICATE_KEY.RECORD_ID, rank)
			.from(DUPLICATE_KEY)
			.where(WorkspaceScope.of(DUPLICATE_KEY.WORKSPACE_ID))
			.and(DUPLICATE_KEY.KIND.eq(DuplicateRules.code(kind)))
			.and(DUPLICATE_KEY.BLOCK_KEY.in(keys))
			.asTable("ranked");
		this.dsl.select(ranked.field(DUPLICATE_KEY.BLOCK_KEY), ranked.field(DUPLICATE_KEY.RECORD_ID))
			.from(ranked)
			.where(ranked.field(rank).le(Matcher.MAX_BLOCK + 1))
			.forEach((r) -> byKey.computeIfAbsent(r.value1(), (k) -> new ArrayList<>()).add(r.value2()));
		return byKey;
	}

}
