package dev.rapport.dataquality.internal;

import static dev.rapport.dataquality.internal.db.Tables.DUPLICATE_KEY;
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
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.CustomerKind;
import dev.rapport.customers.Customers;
import dev.rapport.customers.CustomersChanged;
import dev.rapport.customers.MatchData;
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

	private static final int BATCH = 1000;

	private static final int RECHECK_BATCH = 100;

	private final DSLContext dsl;

	private final Customers customers;

	private final Clock clock;

	DuplicateKeys(DSLContext dsl, Customers customers, Clock clock) {
		this.dsl = dsl;
		this.customers = customers;
		this.clock = clock;
	}

	/**
	 * Keeps the keys of changed records in step, and queues them for the recheck of their
	 * pairs; records gone for good lose their pairs too.
	 */
	@EventListener
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
		Map<UUID, Set<String>> keys = new LinkedHashMap<>();
		Set<UUID> present = new HashSet<>();
		for (MatchData data : found) {
			present.add(data.id());
			if (data.deletedAt() == null) {
				keys.put(data.id(), Matcher.blockingKeys(Profiles.of(data)));
			}
		}
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
		// Small batches: on H2 jOOQ writes "on conflict do nothing" as a merge of a union
		// of
		// rows, which H2 parses recursively.
		for (int from = 0; from < all.size(); from += RECHECK_BATCH) {
			var insert = this.dsl.insertInto(DUPLICATE_RECHECK, DUPLICATE_RECHECK.WORKSPACE_ID, DUPLICATE_RECHECK.KIND,
					DUPLICATE_RECHECK.RECORD_ID, DUPLICATE_RECHECK.QUEUED_AT);
			for (UUID id : all.subList(from, Math.min(all.size(), from + RECHECK_BATCH))) {
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
			insert.execute();
		}
	}

	/**
	 * Rewrites the keys of every record of a kind in the workspace, page by page: for a
	 * workspace whose records were written before duplicate detection existed.
	 * @return how many records
	 */
	@Transactional
	int rebuild(CustomerKind kind) {
		String code = DuplicateRules.code(kind);
		this.dsl.deleteFrom(DUPLICATE_KEY)
			.where(WorkspaceScope.of(DUPLICATE_KEY.WORKSPACE_ID))
			.and(DUPLICATE_KEY.KIND.eq(code))
			.execute();
		int count = 0;
		UUID after = null;
		while (true) {
			List<MatchData> page = this.customers.matchDataAfter(kind, after, BATCH);
			if (page.isEmpty()) {
				return count;
			}
			Map<UUID, Set<String>> keys = new LinkedHashMap<>();
			page.forEach((data) -> keys.put(data.id(), Matcher.blockingKeys(Profiles.of(data))));
			insert(code, keys);
			count += page.size();
			after = page.get(page.size() - 1).id();
		}
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
				if (ids.size() > Matcher.MAX_BLOCK && !STRONG.contains(key.charAt(0))) {
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

	/** Up to one more than the block cap of records per key, in one query. */
	private Map<String, List<UUID>> lookup(CustomerKind kind, Set<String> keys) {
		Map<String, List<UUID>> byKey = new LinkedHashMap<>();
		if (keys.isEmpty()) {
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
