package dev.rapport.dataquality.internal;

import static dev.rapport.dataquality.internal.db.Tables.DUPLICATE_KEY;
import static dev.rapport.dataquality.internal.db.Tables.DUPLICATE_PAIR;
import static dev.rapport.dataquality.internal.db.Tables.DUPLICATE_RECHECK;
import static dev.rapport.dataquality.internal.db.Tables.DUPLICATE_SCAN;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Record4;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.customers.CustomerKind;
import dev.rapport.customers.Customers;
import dev.rapport.customers.MatchData;
import dev.rapport.dataquality.Duplicates.Match;
import dev.rapport.dataquality.internal.db.tables.records.DuplicatePairRecord;
import dev.rapport.dataquality.internal.db.tables.records.DuplicateScanRecord;
import dev.rapport.dataquality.internal.matching.Matcher;
import dev.rapport.dataquality.internal.matching.Profile;
import dev.rapport.dataquality.internal.matching.Rules;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Ids;
import dev.rapport.platform.WorkspaceScope;

/**
 * Scans of the whole database for duplicates, and the recheck of records changed since:
 * both run by background jobs on one node at a time, and compare only records sharing a
 * blocking key, never all pairs.
 */
@Service
public class DuplicateScans {

	private static final Logger log = LoggerFactory.getLogger(DuplicateScans.class);

	private static final int KEY_PAGE = 20_000;

	private static final int PAIR_CHUNK = 5_000;

	private static final int RECHECK_BATCH = 500;

	private final DSLContext dsl;

	private final Customers customers;

	private final DuplicateKeys keys;

	private final DuplicatePairs pairs;

	private final DuplicateRules rules;

	private final TransactionTemplate transactions;

	private final Clock clock;

	DuplicateScans(DSLContext dsl, Customers customers, DuplicateKeys keys, DuplicatePairs pairs, DuplicateRules rules,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.dsl = dsl;
		this.customers = customers;
		this.keys = keys;
		this.pairs = pairs;
		this.rules = rules;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/** A scan as the admin page shows it. */
	public record Scan(UUID id, String status, String origin, OffsetDateTime requestedAt,
			@Nullable OffsetDateTime startedAt, @Nullable OffsetDateTime finishedAt, int recordsScanned,
			long pairsCompared, int pairsFound, @Nullable String error) {
	}

	/**
	 * Queues a scan of the current workspace for the job (at once when the job runs
	 * immediately); a scan already queued or running is answered instead of a second.
	 */
	public Scan request(String origin) {
		return this.transactions.execute((status) -> {
			DuplicateScanRecord pending = this.dsl.selectFrom(DUPLICATE_SCAN)
				.where(WorkspaceScope.of(DUPLICATE_SCAN.WORKSPACE_ID))
				.and(DUPLICATE_SCAN.STATUS.in("queued", "running"))
				.fetchAny();
			if (pending != null) {
				return view(pending);
			}
			DuplicateScanRecord scan = this.dsl.newRecord(DUPLICATE_SCAN);
			scan.setId(Ids.newId());
			scan.setStatus("queued");
			scan.setOrigin(origin);
			scan.setRecordsScanned(0);
			scan.setPairsCompared(0L);
			scan.setPairsFound(0);
			scan.store();
			return view(scan);
		});
	}

	/** The latest scans of the current workspace, newest first. */
	public List<Scan> recent(int limit) {
		return this.dsl.selectFrom(DUPLICATE_SCAN)
			.where(WorkspaceScope.of(DUPLICATE_SCAN.WORKSPACE_ID))
			.orderBy(DUPLICATE_SCAN.CREATED_AT.desc())
			.limit(limit)
			.fetch()
			.map(DuplicateScans::view);
	}

	/** Queues the nightly scan of every workspace that has customers with keys. */
	public void requestNightly() {
		List<UUID> workspaces = this.dsl.selectDistinct(DUPLICATE_KEY.WORKSPACE_ID)
			.from(DUPLICATE_KEY)
			.fetch(DUPLICATE_KEY.WORKSPACE_ID);
		for (UUID workspaceId : workspaces) {
			Actors.runAs(Actor.system(workspaceId), () -> request("nightly"));
		}
	}

	/**
	 * Runs the queued scans, each claimed so that no other node runs it too.
	 * @return how many ran
	 */
	public int runQueued() {
		int ran = 0;
		while (true) {
			DuplicateScanRecord scan = this.transactions.execute((status) -> {
				DuplicateScanRecord next = this.dsl.selectFrom(DUPLICATE_SCAN)
					.where(DUPLICATE_SCAN.STATUS.eq("queued"))
					.orderBy(DUPLICATE_SCAN.CREATED_AT)
					.limit(1)
					.forUpdate()
					.skipLocked()
					.fetchOne();
				if (next == null) {
					return null;
				}
				this.dsl.update(DUPLICATE_SCAN)
					.set(DUPLICATE_SCAN.STATUS, "running")
					.set(DUPLICATE_SCAN.STARTED_AT, now())
					.where(DUPLICATE_SCAN.WORKSPACE_ID.eq(next.getWorkspaceId()))
					.and(DUPLICATE_SCAN.ID.eq(next.getId()))
					.execute();
				return next;
			});
			if (scan == null) {
				return ran;
			}
			ran++;
			Actors.runAs(Actor.system(scan.getWorkspaceId()), () -> run(scan.getId()));
		}
	}

	private void run(UUID scanId) {
		long started = System.nanoTime();
		try {
			long[] totals = retryOnLockConflict(() -> this.transactions.execute((status) -> {
				boolean first = !this.dsl.fetchExists(DUPLICATE_SCAN,
						WorkspaceScope.of(DUPLICATE_SCAN.WORKSPACE_ID).and(DUPLICATE_SCAN.STATUS.eq("done")));
				long[] sum = new long[3];
				for (CustomerKind kind : CustomerKind.values()) {
					if (first) {
						// Records written before duplicate detection existed have no
						// keys.
						this.keys.rebuild(kind);
					}
					long[] counts = scan(kind);
					for (int i = 0; i < 3; i++) {
						sum[i] += counts[i];
					}
				}
				return sum;
			}));
			this.transactions.executeWithoutResult((status) -> this.dsl.update(DUPLICATE_SCAN)
				.set(DUPLICATE_SCAN.STATUS, "done")
				.set(DUPLICATE_SCAN.FINISHED_AT, now())
				.set(DUPLICATE_SCAN.RECORDS_SCANNED, (int) totals[0])
				.set(DUPLICATE_SCAN.PAIRS_COMPARED, totals[1])
				.set(DUPLICATE_SCAN.PAIRS_FOUND, (int) totals[2])
				.where(WorkspaceScope.of(DUPLICATE_SCAN.WORKSPACE_ID))
				.and(DUPLICATE_SCAN.ID.eq(scanId))
				.execute());
			log.info("Duplicate scan {}: {} records, {} pairs compared, {} open pairs, in {} ms", scanId, totals[0],
					totals[1], totals[2], (System.nanoTime() - started) / 1_000_000);
		}
		catch (RuntimeException ex) {
			log.warn("Duplicate scan {} failed", scanId, ex);
			String error = String.valueOf(ex.getMessage());
			this.transactions.executeWithoutResult((status) -> this.dsl.update(DUPLICATE_SCAN)
				.set(DUPLICATE_SCAN.STATUS, "failed")
				.set(DUPLICATE_SCAN.FINISHED_AT, now())
				.set(DUPLICATE_SCAN.ERROR, (error.length() > 1000) ? error.substring(0, 1000) : error)
				.where(WorkspaceScope.of(DUPLICATE_SCAN.WORKSPACE_ID))
				.and(DUPLICATE_SCAN.ID.eq(scanId))
				.execute());
		}
	}

	/**
	 * Compares every two records of a kind sharing a key, block by block (blocks over the
	 * cap skipped), and writes what it finds; open pairs not found again are removed.
	 * @return records scanned, pairs compared, open pairs
	 */
	private long[] scan(CustomerKind kind) {
		String code = DuplicateRules.code(kind);
		OffsetDateTime scanStart = now();
		Set<UUID> records = new HashSet<>();
		Set<PairIds> candidates = new HashSet<>();
		String afterKey = null;
		UUID afterId = null;
		String blockKey = null;
		List<UUID> block = new ArrayList<>();
		while (true) {
			var query = this.dsl.select(DUPLICATE_KEY.BLOCK_KEY, DUPLICATE_KEY.RECORD_ID)
				.from(DUPLICATE_KEY)
				.where(WorkspaceScope.of(DUPLICATE_KEY.WORKSPACE_ID))
				.and(DUPLICATE_KEY.KIND.eq(code));
			var page = ((afterKey != null) ? query
				.and(org.jooq.impl.DSL.row(DUPLICATE_KEY.BLOCK_KEY, DUPLICATE_KEY.RECORD_ID).gt(afterKey, afterId))
					: query)
				.orderBy(DUPLICATE_KEY.BLOCK_KEY, DUPLICATE_KEY.RECORD_ID)
				.limit(KEY_PAGE)
				.fetch();
			for (var row : page) {
				if (!row.value1().equals(blockKey)) {
					addPairs(block, candidates);
					block.clear();
					blockKey = row.value1();
				}
				block.add(row.value2());
				records.add(row.value2());
			}
			if (page.size() < KEY_PAGE) {
				break;
			}
			afterKey = page.get(page.size() - 1).value1();
			afterId = page.get(page.size() - 1).value2();
		}
		addPairs(block, candidates);

		Map<String, DuplicatePairRecord> existing = new HashMap<>();
		this.dsl.selectFrom(DUPLICATE_PAIR)
			.where(WorkspaceScope.of(DUPLICATE_PAIR.WORKSPACE_ID))
			.and(DUPLICATE_PAIR.KIND.eq(code))
			.fetch()
			.forEach((r) -> existing.put(r.getRecordA() + "|" + r.getRecordB(), r));
		Rules rule = this.rules.current(kind);
		Map<UUID, Profile> profiles = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<UUID, Profile> eldest) {
				return size() > 200_000;
			}
		};
		List<PairIds> all = new ArrayList<>(candidates);
		all.sort(null);
		long open = 0;
		for (int from = 0; from < all.size(); from += PAIR_CHUNK) {
			List<PairIds> chunk = all.subList(from, Math.min(all.size(), from + PAIR_CHUNK));
			Set<UUID> missing = new HashSet<>();
			chunk.forEach((p) -> {
				if (!profiles.containsKey(p.a())) {
					missing.add(p.a());
				}
				if (!profiles.containsKey(p.b())) {
					missing.add(p.b());
				}
			});
			for (MatchData data : this.customers.matchData(kind, missing)) {
				if (data.deletedAt() == null) {
					profiles.put(data.id(), Profiles.of(data));
				}
			}
			List<DuplicatePairRecord> inserts = new ArrayList<>();
			List<DuplicatePairRecord> updates = new ArrayList<>();
			for (PairIds p : chunk) {
				Profile a = profiles.get(p.a());
				Profile b = profiles.get(p.b());
				if (a == null || b == null) {
					continue;
				}
				Match match = Matcher.compare(a, b, rule);
				DuplicatePairRecord row = existing.get(p.a() + "|" + p.b());
				if (row == null) {
					if (match.level() != null) {
						inserts.add(this.pairs.newPair(kind, new UUID[] { p.a(), p.b() }, match));
						open++;
					}
				}
				else if (DuplicatePairs.OPEN.equals(row.getStatus()) && match.level() != null) {
					row.setScore(BigDecimal.valueOf(match.score()).setScale(3, RoundingMode.HALF_UP));
					row.setLevel(match.level().name().toLowerCase(Locale.ROOT));
					row.setReasons(DuplicatePairs.reasonsJson(match.reasons()));
					row.setCheckedAt(now());
					updates.add(row);
					open++;
				}
			}
			this.dsl.batchInsert(inserts).execute();
			this.dsl.batchStore(updates).execute();
		}
		// Open pairs not confirmed by this scan no longer match (or lost their key).
		this.dsl.deleteFrom(DUPLICATE_PAIR)
			.where(WorkspaceScope.of(DUPLICATE_PAIR.WORKSPACE_ID))
			.and(DUPLICATE_PAIR.KIND.eq(code))
			.and(DUPLICATE_PAIR.STATUS.eq(DuplicatePairs.OPEN))
			.and(DUPLICATE_PAIR.CHECKED_AT.lt(scanStart))
			.execute();
		return new long[] { records.size(), candidates.size(), open };
	}

	private static void addPairs(List<UUID> block, Set<PairIds> candidates) {
		if (block.size() < 2 || block.size() > Matcher.MAX_BLOCK) {
			return;
		}
		for (int i = 0; i < block.size(); i++) {
			for (int j = i + 1; j < block.size(); j++) {
				UUID[] ids = DuplicatePairs.ordered(block.get(i), block.get(j));
				candidates.add(new PairIds(ids[0], ids[1]));
			}
		}
	}

	/** Two record ids in stored order. */
	record PairIds(UUID a, UUID b) implements Comparable<PairIds> {

		@Override
		public int compareTo(PairIds other) {
			int first = this.a.toString().compareTo(other.a.toString());
			return (first != 0) ? first : this.b.toString().compareTo(other.b.toString());
		}

	}

	/**
	 * Rechecks the pairs of records changed since they were last compared, a batch at a
	 * time, claimed so that no other node takes the same.
	 * @return how many records were rechecked
	 */
	public int recheckQueued() {
		int total = 0;
		while (true) {
			Integer done = retryOnLockConflict(() -> this.transactions.execute((status) -> {
				List<Record4<UUID, String, UUID, OffsetDateTime>> rows = this.dsl
					.select(DUPLICATE_RECHECK.WORKSPACE_ID, DUPLICATE_RECHECK.KIND, DUPLICATE_RECHECK.RECORD_ID,
							DUPLICATE_RECHECK.QUEUED_AT)
					.from(DUPLICATE_RECHECK)
					.orderBy(DUPLICATE_RECHECK.QUEUED_AT)
					.limit(RECHECK_BATCH)
					.forUpdate()
					.skipLocked()
					.fetch();
				Map<UUID, Map<String, List<UUID>>> grouped = new LinkedHashMap<>();
				rows.forEach((r) -> grouped.computeIfAbsent(r.value1(), (k) -> new LinkedHashMap<>())
					.computeIfAbsent(r.value2(), (k) -> new ArrayList<>())
					.add(r.value3()));
				grouped.forEach((workspaceId, byKind) -> Actors.runAs(Actor.system(workspaceId),
						() -> byKind.forEach((code, ids) -> recheck(DuplicateRules.kind(code), ids))));
				for (var r : rows) {
					this.dsl.deleteFrom(DUPLICATE_RECHECK)
						.where(DUPLICATE_RECHECK.WORKSPACE_ID.eq(r.value1()))
						.and(DUPLICATE_RECHECK.KIND.eq(r.value2()))
						.and(DUPLICATE_RECHECK.RECORD_ID.eq(r.value3()))
						.and(DUPLICATE_RECHECK.QUEUED_AT.eq(r.value4()))
						.execute();
				}
				return rows.size();
			}));
			total += (done != null) ? done : 0;
			if (done == null || done < RECHECK_BATCH) {
				return total;
			}
		}
	}

	/**
	 * Runs work again when the database chose it as the loser of a deadlock with a merge,
	 * an erasure or a recheck run by hand writing the same pairs: the work is idempotent.
	 */
	private static <T> T retryOnLockConflict(java.util.function.Supplier<T> work) {
		for (int attempt = 1;; attempt++) {
			try {
				return work.get();
			}
			catch (org.springframework.dao.PessimisticLockingFailureException ex) {
				if (attempt == 3) {
					throw ex;
				}
				log.info("Duplicate work met a lock conflict, trying again ({})",
						ex.getMostSpecificCause().getMessage());
			}
		}
	}

	/** Compares records with those sharing a key and writes their pairs anew. */
	void recheck(CustomerKind kind, List<UUID> ids) {
		Rules rule = this.rules.current(kind);
		List<Profile> profiles = new ArrayList<>();
		for (MatchData data : this.customers.matchData(kind, ids)) {
			if (data.deletedAt() == null) {
				profiles.add(Profiles.of(data));
			}
		}
		List<Set<UUID>> found = this.keys.candidates(kind, profiles);
		Set<UUID> all = new HashSet<>();
		found.forEach(all::addAll);
		Map<UUID, Profile> others = new HashMap<>();
		this.customers.matchData(kind, all)
			.stream()
			.filter((d) -> d.deletedAt() == null)
			.forEach((d) -> others.put(d.id(), Profiles.of(d)));
		for (int i = 0; i < profiles.size(); i++) {
			Profile profile = profiles.get(i);
			List<UUID> matched = new ArrayList<>();
			for (UUID id : found.get(i)) {
				Profile other = others.get(id);
				if (other == null) {
					continue;
				}
				Match match = Matcher.compare(profile, other, rule);
				this.pairs.record(kind, profile.id(), id, match);
				if (match.level() != null) {
					matched.add(id);
				}
			}
			this.pairs.forgetOthers(kind, profile.id(), matched);
		}
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

	private static Scan view(DuplicateScanRecord r) {
		return new Scan(r.getId(), r.getStatus(), r.getOrigin(), r.getCreatedAt(), r.getStartedAt(), r.getFinishedAt(),
				r.getRecordsScanned(), r.getPairsCompared(), r.getPairsFound(), r.getError());
	}

}
