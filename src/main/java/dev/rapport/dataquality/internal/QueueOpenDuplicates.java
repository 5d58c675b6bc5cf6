package dev.rapport.dataquality.internal;

import static dev.rapport.dataquality.internal.db.Tables.DUPLICATE_PAIR;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Record2;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.CustomerKind;
import dev.rapport.customers.Customers;
import dev.rapport.dataquality.internal.health.OpenDuplicates;
import dev.rapport.platform.WorkspaceScope;

/**
 * The open pairs of the duplicates queue for the data health page: counted among the
 * first {@value #COUNTED} open pairs of a kind, keeping those whose two records the user
 * may read and can still be someone's duplicate.
 */
@Component
class QueueOpenDuplicates implements OpenDuplicates {

	static final int COUNTED = 10_000;

	private static final int CHUNK = 1_000;

	private final DSLContext dsl;

	private final Customers customers;

	private final DuplicatePairs pairs;

	QueueOpenDuplicates(DSLContext dsl, Customers customers, DuplicatePairs pairs) {
		this.dsl = dsl;
		this.customers = customers;
		this.pairs = pairs;
	}

	@Override
	@Transactional(readOnly = true)
	public long openPairs(CustomerKind kind) {
		List<Record2<UUID, UUID>> pairs = this.dsl.select(DUPLICATE_PAIR.RECORD_A, DUPLICATE_PAIR.RECORD_B)
			.from(DUPLICATE_PAIR)
			.where(WorkspaceScope.of(DUPLICATE_PAIR.WORKSPACE_ID))
			.and(DUPLICATE_PAIR.KIND.eq(DuplicateRules.code(kind)))
			.and(DUPLICATE_PAIR.STATUS.eq("open"))
			.limit(COUNTED)
			.fetch();
		Set<UUID> ids = new HashSet<>();
		pairs.forEach((p) -> {
			ids.add(p.value1());
			ids.add(p.value2());
		});
		Set<UUID> readable = new HashSet<>();
		List<UUID> all = new ArrayList<>(ids);
		for (int from = 0; from < all.size(); from += CHUNK) {
			List<UUID> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
			readable.addAll((kind == CustomerKind.PERSON) ? this.customers.readablePeople(chunk)
					: this.customers.readableCompanies(chunk));
		}
		Set<UUID> counted = this.pairs.candidates(kind, readable);
		return pairs.stream().filter((p) -> counted.contains(p.value1()) && counted.contains(p.value2())).count();
	}

	@Override
	public String queuePath() {
		return "/data-quality/duplicates";
	}

}
