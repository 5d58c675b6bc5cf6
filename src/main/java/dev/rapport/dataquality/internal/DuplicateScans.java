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
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

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

	/** About how many pairs are compared in a round before its matches are written. */
	private static final int ROUND = 50_000;

	private static final int WRITE_BATCH = 1_000;

	/** How long a scan may run before it is taken for one whose node stopped. */
	private static final java.time.Duration STALE = java.time.Duration.ofHours(2);

	/** The threads that compare: one per core (the comparing is pure Java). */
	private final ForkJoinPool workers = new ForkJoinPool(Runtime.getRuntime().availableProcessors());

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
		// A scan left running by a node that stopped (a restart) is queued again: its key
		// build resumes where it stopped, its comparing starts over.
		this.transactions.executeWithoutResult((status) -> this.dsl.update(DUPLICATE_SCAN)
			.set(DUPLICATE_SCAN.STATUS, "queued")
			.where(DUPLICATE_SCAN.STATUS.eq("running"))
			.and(DUPLICATE_SCAN.STARTED_AT.lt(now().minus(STALE)))
			.execute());
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
			long[] totals = new long[3];
			for (CustomerKind kind : CustomerKind.values()) {
				// Records written before duplicate detection existed have no keys: built
				// page by page, each page committed, once per workspace.
				this.keys.buildMissing(kind);
				long[] counts = retryOnLockConflict(() -> scan(kind));
				for (int i = 0; i < 3; i++) {
					totals[i] += counts[i];
				}
			}
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
	 * Compares every two records of a kind sharing a key (blocks over the cap skipped),
	 * and writes what it finds; open pairs not found again are removed. Each record's
	 * comparable form is read once, in id order; the keys are read once, in key order; a
	 * pair sharing several keys is compared once, in the first block both are in. The
	 * blocks are compared in rounds on all cores, and each round's pairs are written in
	 * their own transaction.
	 * @return records scanned, pairs compared, open pairs
	 */
	private long[] scan(CustomerKind kind) {
		String code = DuplicateRules.code(kind);
		OffsetDateTime scanStart = now();
		Rules rule = this.rules.current(kind);
		long t0 = System.nanoTime();
		ScanProfiles profiles = ScanProfiles.ids(this.customers, kind);
		ScanBlocks blocks = ScanBlocks.read(this.dsl, this.transactions, code, profiles);
		long t1 = System.nanoTime();
		BitSet inBlocks = blocks.inBlocks();
		long fit = profilesThatFit();
		// Every record's comparable form at once when they fit the heap; otherwise the
		// blocks in segments, each segment's records read by id (some more than once).
		boolean segmented = inBlocks.cardinality() > fit;
		if (!segmented) {
			profiles.load(this.customers, kind, inBlocks, this.workers);
		}
		long t2 = System.nanoTime();
		log.info(
				"Duplicate scan of {} {}: ids and keys read in {} ms ({} blocks), {} profiles in {} ms ({} MB heap used)",
				profiles.size(), code, (t1 - t0) / 1_000_000, blocks.count(), profiles.loaded(), (t2 - t1) / 1_000_000,
				profiles.heapMb());
		ScanPairs known = ScanPairs.read(this.dsl, this.transactions, code, profiles);
		long t3 = System.nanoTime();
		long[] counts = new long[3];
		counts[0] = profiles.size();
		LongAdder compared = new LongAdder();
		int from = 0;
		int segmentEnd = 0;
		while (from < blocks.count()) {
			if (segmented && from >= segmentEnd) {
				segmentEnd = blocks.segmentEnd(from, fit);
				profiles.loadOnly(this.customers, kind, blocks.members(from, segmentEnd), this.workers);
			}
			int to = segmented ? Math.min(blocks.roundEnd(from, ROUND), segmentEnd) : blocks.roundEnd(from, ROUND);
			int first = from;
			List<Found> found = this.workers.invoke(ForkJoinTask.adapt(() -> IntStream.range(first, to)
				.parallel()
				.mapToObj((b) -> compareBlock(b, blocks, profiles, rule, compared))
				.flatMap(List::stream)
				.toList()));
			counts[2] += write(kind, code, found, profiles, known, scanStart);
			from = to;
		}
		counts[1] = compared.sum();
		long t4 = System.nanoTime();
		int removed = removeUnconfirmed(code, known, scanStart);
		log.info(
				"Duplicate scan of {} {}: ids and keys {} ms ({} blocks), {} profiles {} ms ({} MB heap used), "
						+ "known pairs {} ms, compared {} pairs in {} ms, {} open pairs, {} gone",
				profiles.size(), code, (t1 - t0) / 1_000_000, blocks.count(), profiles.loaded(), (t2 - t1) / 1_000_000,
				profiles.heapMb(), (t3 - t2) / 1_000_000, counts[1], (t4 - t3) / 1_000_000, counts[2], removed);
		return counts;
	}

	/**
	 * How many comparable forms a scan holds at once: about 700 bytes each, in at most a
	 * third of the heap (the server runs in 512 MB); the system property
	 * {@code rapport.dataquality.scan-profiles} sets it.
	 */
	static long profilesThatFit() {
		Long chosen = Long.getLong("rapport.dataquality.scan-profiles");
		return (chosen != null) ? chosen : Math.max(10_000, Runtime.getRuntime().maxMemory() / 3 / 700);
	}

	/** A pair of records that matched: their indexes in the scan's profiles. */
	record Found(int a, int b, Match match) {
	}

	/** The pairs of one block whose first shared block it is, compared. */
	private static List<Found> compareBlock(int block, ScanBlocks blocks, ScanProfiles profiles, Rules rule,
			LongAdder compared) {
		int start = blocks.start(block);
		int end = blocks.end(block);
		List<Found> found = null;
		int count = 0;
		for (int i = start; i < end; i++) {
			int x = blocks.member(i);
			for (int j = i + 1; j < end; j++) {
				int y = blocks.member(j);
				if (blocks.firstShared(x, y) != block) {
					continue;
				}
				Profile a = profiles.get(x);
				Profile b = profiles.get(y);
				if (a == null || b == null) {
					continue;
				}
				count++;
				Match match = Matcher.compare(a, b, rule);
				if (match.level() != null) {
					if (found == null) {
						found = new ArrayList<>();
					}
					found.add(new Found(Math.min(x, y), Math.max(x, y), match));
				}
			}
		}
		compared.add(count);
		return (found != null) ? found : List.of();
	}

	/**
	 * Writes a round's matches in one transaction: new pairs inserted, open ones updated
	 * when their score or level changed (and confirmed either way); dismissed and merged
	 * pairs are left as they are.
	 * @return open pairs among them
	 */
	private int write(CustomerKind kind, String code, List<Found> found, ScanProfiles profiles, ScanPairs known,
			OffsetDateTime scanStart) {
		if (found.isEmpty()) {
			return 0;
		}
		UUID workspaceId = Actors.workspaceId();
		List<DuplicatePairRecord> inserts = new ArrayList<>();
		List<org.jooq.Query> updates = new ArrayList<>();
		int open = 0;
		for (Found f : found) {
			int at = known.find(f.a(), f.b());
			UUID[] ids = DuplicatePairs.ordered(profiles.id(f.a()), profiles.id(f.b()));
			if (at < 0) {
				inserts.add(this.pairs.newPair(kind, ids, f.match()));
				open++;
				continue;
			}
			if (!known.open(at)) {
				continue;
			}
			open++;
			known.confirm(at);
			String level = f.match().level().name().toLowerCase(Locale.ROOT);
			int score = (int) Math.round(f.match().score() * 1000);
			if (known.score(at) != score || !known.level(at).equals(level)) {
				updates.add(this.dsl.update(DUPLICATE_PAIR)
					.set(DUPLICATE_PAIR.SCORE, BigDecimal.valueOf(f.match().score()).setScale(3, RoundingMode.HALF_UP))
					.set(DUPLICATE_PAIR.LEVEL, level)
					.set(DUPLICATE_PAIR.REASONS, DuplicatePairs.reasonsJson(f.match().reasons()))
					.set(DUPLICATE_PAIR.CHECKED_AT, now())
					.set(DUPLICATE_PAIR.UPDATED_AT, now())
					.set(DUPLICATE_PAIR.VERSION, DUPLICATE_PAIR.VERSION.plus(1))
					.where(DUPLICATE_PAIR.WORKSPACE_ID.eq(workspaceId))
					.and(DUPLICATE_PAIR.KIND.eq(code))
					.and(DUPLICATE_PAIR.RECORD_A.eq(ids[0]))
					.and(DUPLICATE_PAIR.RECORD_B.eq(ids[1]))
					.and(DUPLICATE_PAIR.STATUS.eq(DuplicatePairs.OPEN)));
			}
		}
		this.transactions.executeWithoutResult((status) -> {
			for (int i = 0; i < inserts.size(); i += WRITE_BATCH) {
				this.dsl.batchInsert(inserts.subList(i, Math.min(inserts.size(), i + WRITE_BATCH))).execute();
			}
			for (int i = 0; i < updates.size(); i += WRITE_BATCH) {
				this.dsl.batch(updates.subList(i, Math.min(updates.size(), i + WRITE_BATCH))).execute();
			}
		});
		return open;
	}

	/**
	 * Removes the open pairs this scan did not find again (they no longer match, lost
	 * their key, or a record went to the trash), unless rechecked since the scan began.
	 * @return how many
	 */
	private int removeUnconfirmed(String code, ScanPairs known, OffsetDateTime scanStart) {
		List<UUID[]> gone = known.unconfirmed();
		UUID workspaceId = Actors.workspaceId();
		for (int i = 0; i < gone.size(); i += WRITE_BATCH) {
			List<UUID[]> chunk = gone.subList(i, Math.min(gone.size(), i + WRITE_BATCH));
			this.transactions.executeWithoutResult(
					(status) -> this.dsl
						.batch(chunk.stream()
							.map((ids) -> this.dsl.deleteFrom(DUPLICATE_PAIR)
								.where(DUPLICATE_PAIR.WORKSPACE_ID.eq(workspaceId))
								.and(DUPLICATE_PAIR.KIND.eq(code))
								.and(DUPLICATE_PAIR.RECORD_A.eq(ids[0]))
								.and(DUPLICATE_PAIR.RECORD_B.eq(ids[1]))
								.and(DUPLICATE_PAIR.STATUS.eq(DuplicatePairs.OPEN))
								.and(DUPLICATE_PAIR.CHECKED_AT.lt(scanStart)))
							.toList())
						.execute());
		}
		return gone.size();
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
