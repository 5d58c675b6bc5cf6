package dev.rapport.dataquality.internal;

import static dev.rapport.dataquality.internal.db.Tables.DUPLICATE_PAIR;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.CustomerKind;
import dev.rapport.customers.Customers;
import dev.rapport.customers.MatchData;
import dev.rapport.dataquality.CustomersMerged;
import dev.rapport.dataquality.Duplicates.Level;
import dev.rapport.dataquality.Duplicates.Match;
import dev.rapport.dataquality.Duplicates.Reason;
import dev.rapport.dataquality.MergeUndone;
import dev.rapport.dataquality.internal.db.tables.records.DuplicatePairRecord;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Cursor;
import dev.rapport.platform.Ids;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.WorkspaceScope;

/**
 * The pairs of records that may be one customer: written by the scan and the recheck,
 * listed in the duplicates queue for those who may read both records, dismissed as "not a
 * duplicate" for good, marked merged when merged.
 */
@Service
public class DuplicatePairs {

	static final String OPEN = "open";

	static final String DISMISSED = "dismissed";

	static final String MERGED = "merged";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int CHUNK = 1_000;

	private final DSLContext dsl;

	private final Customers customers;

	private final Clock clock;

	DuplicatePairs(DSLContext dsl, Customers customers, Clock clock) {
		this.dsl = dsl;
		this.customers = customers;
		this.clock = clock;
	}

	/** A pair in the queue: both records side by side, how sure and why. */
	public record Pair(UUID id, CustomerKind kind, MatchData a, MatchData b, double score, Level level,
			List<Reason> reasons, String status, OffsetDateTime foundAt, int version) {
	}

	/** One page of the queue and the cursor of the next. */
	public record Page(List<Pair> items, @Nullable String next) {
	}

	/** What the queue shows: all open pairs, or of one level, kind or owner. */
	public record Filter(@Nullable Level level, @Nullable CustomerKind kind, @Nullable UUID ownerId) {
	}

	/**
	 * Open pairs, most likely first, where the current user may read both records (not in
	 * the trash); with an owner, pairs where either record is that owner's.
	 */
	@Transactional(readOnly = true)
	public Page queue(Filter filter, @Nullable String cursor, int limit) {
		Condition condition = WorkspaceScope.of(DUPLICATE_PAIR.WORKSPACE_ID).and(DUPLICATE_PAIR.STATUS.eq(OPEN));
		if (filter.level() != null) {
			condition = condition.and(DUPLICATE_PAIR.LEVEL.eq(filter.level().name().toLowerCase(Locale.ROOT)));
		}
		if (filter.kind() != null) {
			condition = condition.and(DUPLICATE_PAIR.KIND.eq(DuplicateRules.code(filter.kind())));
		}
		BigDecimal afterScore = null;
		UUID afterId = null;
		if (cursor != null && !cursor.isBlank()) {
			List<String> values = Cursor.decode(cursor, 2);
			try {
				afterScore = new BigDecimal(values.get(0));
				afterId = UUID.fromString(values.get(1));
			}
			catch (IllegalArgumentException ex) {
				throw new BusinessRuleException("cursor", "problem.cursor.invalid");
			}
		}
		List<Pair> items = new ArrayList<>();
		// Pairs the user may not read are left out after reading, so read on until the
		// page is full, a bounded number of times.
		for (int round = 0; round < 20 && items.size() <= limit; round++) {
			Condition page = condition;
			if (afterScore != null) {
				page = page.and(DUPLICATE_PAIR.SCORE.lt(afterScore)
					.or(DUPLICATE_PAIR.SCORE.eq(afterScore).and(DUPLICATE_PAIR.ID.gt(afterId))));
			}
			List<DuplicatePairRecord> rows = this.dsl.selectFrom(DUPLICATE_PAIR)
				.where(page)
				.orderBy(DUPLICATE_PAIR.SCORE.desc(), DUPLICATE_PAIR.ID)
				.limit(Math.max(50, limit * 2))
				.fetch();
			if (rows.isEmpty()) {
				break;
			}
			for (Pair pair : visible(rows)) {
				if (!pair.a().duplicateCandidate() || !pair.b().duplicateCandidate()) {
					continue;
				}
				if (filter.ownerId() == null || filter.ownerId().equals(pair.a().ownerId())
						|| filter.ownerId().equals(pair.b().ownerId())) {
					items.add(pair);
				}
			}
			DuplicatePairRecord last = rows.get(rows.size() - 1);
			afterScore = last.getScore();
			afterId = last.getId();
			if (rows.size() < Math.max(50, limit * 2)) {
				afterScore = null;
				break;
			}
		}
		if (items.size() > limit) {
			Pair last = items.get(limit - 1);
			return new Page(List.copyOf(items.subList(0, limit)),
					Cursor.encode(BigDecimal.valueOf(last.score()).setScale(3, RoundingMode.HALF_UP).toPlainString(),
							last.id().toString()));
		}
		return new Page(items,
				(afterScore != null) ? Cursor.encode(afterScore.toPlainString(), String.valueOf(afterId)) : null);
	}

	/** A pair the current user may read both records of. */
	@Transactional(readOnly = true)
	public Pair get(UUID id) {
		DuplicatePairRecord row = this.dsl.selectFrom(DUPLICATE_PAIR)
			.where(WorkspaceScope.of(DUPLICATE_PAIR.WORKSPACE_ID))
			.and(DUPLICATE_PAIR.ID.eq(id))
			.fetchOne();
		List<Pair> visible = (row != null) ? visible(List.of(row)) : List.of();
		if (visible.isEmpty()) {
			throw new NotFoundException("duplicate", id);
		}
		return visible.get(0);
	}

	/**
	 * Marks a pair "not a duplicate": it leaves the queue and no scan raises it again.
	 * 404 when the user may not read both records.
	 */
	@Transactional
	public Pair dismiss(UUID id) {
		Pair pair = get(id);
		this.dsl.update(DUPLICATE_PAIR)
			.set(DUPLICATE_PAIR.STATUS, DISMISSED)
			.set(DUPLICATE_PAIR.VERSION, DUPLICATE_PAIR.VERSION.plus(1))
			.set(DUPLICATE_PAIR.UPDATED_AT, now())
			.set(DUPLICATE_PAIR.UPDATED_BY, dev.rapport.platform.Actors.require().userId())
			.where(WorkspaceScope.of(DUPLICATE_PAIR.WORKSPACE_ID))
			.and(DUPLICATE_PAIR.ID.eq(pair.id()))
			.execute();
		return get(id);
	}

	/**
	 * How many open pairs there are, by level, in the workspace (for the admin page):
	 * pairs with a record that is no longer anyone's candidate (a person who died or was
	 * disqualified, an archived record) are not counted.
	 */
	@Transactional(readOnly = true)
	public Map<String, Integer> openCounts() {
		Map<String, Integer> counts = new HashMap<>();
		for (CustomerKind kind : CustomerKind.values()) {
			List<Record3<String, UUID, UUID>> pairs = new ArrayList<>();
			try (var cursor = this.dsl.select(DUPLICATE_PAIR.LEVEL, DUPLICATE_PAIR.RECORD_A, DUPLICATE_PAIR.RECORD_B)
				.from(DUPLICATE_PAIR)
				.where(WorkspaceScope.of(DUPLICATE_PAIR.WORKSPACE_ID))
				.and(DUPLICATE_PAIR.KIND.eq(DuplicateRules.code(kind)))
				.and(DUPLICATE_PAIR.STATUS.eq(OPEN))
				.fetchSize(CHUNK)
				.fetchLazy()) {
				for (var pair : cursor) {
					pairs.add(pair);
					if (pairs.size() == CHUNK) {
						countCandidates(kind, pairs, counts);
						pairs.clear();
					}
				}
			}
			countCandidates(kind, pairs, counts);
		}
		return counts;
	}

	private void countCandidates(CustomerKind kind, List<Record3<String, UUID, UUID>> pairs,
			Map<String, Integer> counts) {
		if (pairs.isEmpty()) {
			return;
		}
		Set<UUID> ids = new HashSet<>();
		pairs.forEach((p) -> {
			ids.add(p.value2());
			ids.add(p.value3());
		});
		Set<UUID> candidates = candidates(kind, ids);
		pairs.stream()
			.filter((p) -> candidates.contains(p.value2()) && candidates.contains(p.value3()))
			.forEach((p) -> counts.merge(p.value1(), 1, Integer::sum));
	}

	/**
	 * Which of these records can still be someone's duplicate (existing, not in the trash
	 * or archived, not a person who died or was disqualified), whoever may read them.
	 */
	Set<UUID> candidates(CustomerKind kind, Collection<UUID> ids) {
		Set<UUID> candidates = new HashSet<>();
		List<UUID> all = new ArrayList<>(ids);
		for (int from = 0; from < all.size(); from += CHUNK) {
			this.customers.matchData(kind, all.subList(from, Math.min(all.size(), from + CHUNK)))
				.stream()
				.filter(MatchData::duplicateCandidate)
				.forEach((d) -> candidates.add(d.id()));
		}
		return candidates;
	}

	@EventListener
	void on(CustomersMerged event) {
		UUID[] ids = ordered(event.survivorId(), event.mergedId());
		int marked = this.dsl.update(DUPLICATE_PAIR)
			.set(DUPLICATE_PAIR.STATUS, MERGED)
			.set(DUPLICATE_PAIR.MERGE_ID, event.mergeId())
			.set(DUPLICATE_PAIR.VERSION, DUPLICATE_PAIR.VERSION.plus(1))
			.set(DUPLICATE_PAIR.UPDATED_AT, now())
			.where(WorkspaceScope.of(DUPLICATE_PAIR.WORKSPACE_ID))
			.and(DUPLICATE_PAIR.KIND.eq(DuplicateRules.code(event.kind())))
			.and(DUPLICATE_PAIR.RECORD_A.eq(ids[0]))
			.and(DUPLICATE_PAIR.RECORD_B.eq(ids[1]))
			.execute();
		if (marked == 0) {
			// Merged without being in the queue: remembered, so that an undo reopens it.
			DuplicatePairRecord row = newPair(event.kind(), ids, new Match(1, Level.LIKELY, List.of()));
			row.setStatus(MERGED);
			row.setMergeId(event.mergeId());
			row.store();
		}
	}

	@EventListener
	void on(MergeUndone event) {
		this.dsl.update(DUPLICATE_PAIR)
			.set(DUPLICATE_PAIR.STATUS, OPEN)
			.set(DUPLICATE_PAIR.VERSION, DUPLICATE_PAIR.VERSION.plus(1))
			.set(DUPLICATE_PAIR.UPDATED_AT, now())
			.where(WorkspaceScope.of(DUPLICATE_PAIR.WORKSPACE_ID))
			.and(DUPLICATE_PAIR.MERGE_ID.eq(event.mergeId()))
			.and(DUPLICATE_PAIR.STATUS.eq(MERGED))
			.execute();
	}

	/**
	 * Writes what a comparison found: a new open pair, or the new score of an open one;
	 * an open pair no longer at least "possible" is removed. Dismissed and merged pairs
	 * are left as they are.
	 */
	void record(CustomerKind kind, UUID x, UUID y, Match match) {
		UUID[] ids = ordered(x, y);
		DuplicatePairRecord row = this.dsl.selectFrom(DUPLICATE_PAIR)
			.where(WorkspaceScope.of(DUPLICATE_PAIR.WORKSPACE_ID))
			.and(DUPLICATE_PAIR.KIND.eq(DuplicateRules.code(kind)))
			.and(DUPLICATE_PAIR.RECORD_A.eq(ids[0]))
			.and(DUPLICATE_PAIR.RECORD_B.eq(ids[1]))
			.fetchOne();
		if (row == null) {
			if (match.level() != null) {
				newPair(kind, ids, match).store();
			}
			return;
		}
		if (!OPEN.equals(row.getStatus())) {
			return;
		}
		if (match.level() == null) {
			row.delete();
			return;
		}
		apply(row, match);
		row.store();
	}

	/** Removes open pairs of a record with records not in {@code keep}. */
	void forgetOthers(CustomerKind kind, UUID id, Collection<UUID> keep) {
		Condition mine = DUPLICATE_PAIR.RECORD_A.eq(id).or(DUPLICATE_PAIR.RECORD_B.eq(id));
		Condition kept = keep.isEmpty() ? org.jooq.impl.DSL.trueCondition()
				: DUPLICATE_PAIR.RECORD_A.notIn(keep).and(DUPLICATE_PAIR.RECORD_B.notIn(keep));
		this.dsl.deleteFrom(DUPLICATE_PAIR)
			.where(WorkspaceScope.of(DUPLICATE_PAIR.WORKSPACE_ID))
			.and(DUPLICATE_PAIR.KIND.eq(DuplicateRules.code(kind)))
			.and(DUPLICATE_PAIR.STATUS.eq(OPEN))
			.and(mine)
			.and(kept)
			.execute();
	}

	DuplicatePairRecord newPair(CustomerKind kind, UUID[] ids, Match match) {
		DuplicatePairRecord row = this.dsl.newRecord(DUPLICATE_PAIR);
		row.setId(Ids.newId());
		row.setKind(DuplicateRules.code(kind));
		row.setRecordA(ids[0]);
		row.setRecordB(ids[1]);
		row.setStatus(OPEN);
		row.setFoundAt(now());
		apply(row, match);
		return row;
	}

	private void apply(DuplicatePairRecord row, Match match) {
		row.setScore(BigDecimal.valueOf(match.score()).setScale(3, RoundingMode.HALF_UP));
		row.setLevel((match.level() != null) ? match.level().name().toLowerCase(Locale.ROOT) : "possible");
		row.setReasons(reasonsJson(match.reasons()));
		row.setCheckedAt(now());
	}

	static String reasonsJson(List<Reason> reasons) {
		String json = JSON.writeValueAsString(reasons);
		// The column holds 4,000 characters: long details are cut, never the reasons.
		if (json.length() > 4000) {
			List<Reason> shorter = reasons.stream()
				.map((r) -> new Reason(r.code(), (r.detail().length() > 80) ? r.detail().substring(0, 80) : r.detail(),
						r.weight()))
				.toList();
			json = JSON.writeValueAsString(shorter);
		}
		return json;
	}

	static List<Reason> reasons(String json) {
		return JSON.readValue(json, new TypeReference<List<Reason>>() {
		});
	}

	/** The two ids of a pair in the order they are stored. */
	static UUID[] ordered(UUID x, UUID y) {
		return (x.toString().compareTo(y.toString()) <= 0) ? new UUID[] { x, y } : new UUID[] { y, x };
	}

	private List<Pair> visible(List<DuplicatePairRecord> rows) {
		Map<String, List<UUID>> idsByKind = new HashMap<>();
		rows.forEach((r) -> idsByKind.computeIfAbsent(r.getKind(), (k) -> new ArrayList<>())
			.addAll(List.of(r.getRecordA(), r.getRecordB())));
		Set<UUID> readable = new HashSet<>();
		Map<UUID, MatchData> data = new HashMap<>();
		idsByKind.forEach((code, ids) -> {
			CustomerKind kind = DuplicateRules.kind(code);
			Set<UUID> may = (kind == CustomerKind.PERSON) ? this.customers.readablePeople(ids)
					: this.customers.readableCompanies(ids);
			readable.addAll(may);
			this.customers.matchData(kind, may).forEach((d) -> data.put(d.id(), d));
		});
		List<Pair> pairs = new ArrayList<>();
		for (DuplicatePairRecord r : rows) {
			MatchData a = data.get(r.getRecordA());
			MatchData b = data.get(r.getRecordB());
			if (a != null && b != null && readable.contains(a.id()) && readable.contains(b.id())) {
				pairs.add(new Pair(r.getId(), DuplicateRules.kind(r.getKind()), a, b, r.getScore().doubleValue(),
						Level.valueOf(r.getLevel().toUpperCase(Locale.ROOT)), reasons(r.getReasons()), r.getStatus(),
						r.getFoundAt(), r.getVersion()));
			}
		}
		return pairs;
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
