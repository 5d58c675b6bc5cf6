package dev.rapport.sales.internal;

import static dev.rapport.sales.internal.db.Tables.DEAL;
import static dev.rapport.sales.internal.db.Tables.PIPELINE_STAGE;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.identity.Access;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.identity.OwnedRecords;
import dev.rapport.sales.DealSignals;

/**
 * Idle and stalled open deals of some owners, read as ordered index ranges on (workspace,
 * owner, status, last activity, created) and (workspace, owner, status, stage entered)
 * that stop after a page.
 */
@Component
class DealSignalsQuery implements DealSignals {

	static final OwnedRecords DEALS = new OwnedRecords(DEAL.WORKSPACE_ID, DEAL.OWNER_ID, DEAL.TEAM_ID);

	private static final String OPEN = "open";

	private final DSLContext dsl;

	private final AccessPolicy accessPolicy;

	DealSignalsQuery(DSLContext dsl, AccessPolicy accessPolicy) {
		this.dsl = dsl;
		this.accessPolicy = accessPolicy;
	}

	@Override
	@Transactional(readOnly = true)
	public Found idle(Set<UUID> ownerIds, Instant now, int days, int limit) {
		if (ownerIds.isEmpty()) {
			return new Found(List.of(), 0);
		}
		OffsetDateTime cutoff = now.atOffset(ZoneOffset.UTC).minusDays(days);
		Condition worked = open(ownerIds).and(DEAL.LAST_ACTIVITY_AT.lt(cutoff));
		Condition never = open(ownerIds).and(DEAL.LAST_ACTIVITY_AT.isNull()).and(DEAL.CREATED_AT.lt(cutoff));
		record Idle(Signal signal, OffsetDateTime since) {
		}
		List<Idle> found = new ArrayList<>();
		found.addAll(page(worked, DEAL.LAST_ACTIVITY_AT, limit).stream()
			.map((d) -> new Idle(signal(d, now, d.since(), "signals.deals.idle"), d.since()))
			.toList());
		found.addAll(page(never, DEAL.CREATED_AT, limit).stream()
			.map((d) -> new Idle(signal(d, now, d.since(), "signals.deals.idle.never"), d.since()))
			.toList());
		List<Signal> items = found.stream()
			.sorted(Comparator.comparing(Idle::since))
			.limit(limit)
			.map(Idle::signal)
			.toList();
		return new Found(items, Math.min(COUNT_CAP, count(worked) + count(never)));
	}

	@Override
	@Transactional(readOnly = true)
	public Found stalled(Set<UUID> ownerIds, Instant now, int days, int limit) {
		if (ownerIds.isEmpty()) {
			return new Found(List.of(), 0);
		}
		OffsetDateTime cutoff = now.atOffset(ZoneOffset.UTC).minusDays(days);
		Condition where = open(ownerIds).and(DEAL.STAGE_ENTERED_AT.lt(cutoff));
		List<Signal> items = page(where, DEAL.STAGE_ENTERED_AT, limit).stream()
			.map((d) -> signal(d, now, d.since(), "signals.deals.stalled"))
			.toList();
		return new Found(items, count(where));
	}

	private record Row(UUID id, String name, String stageName,
			java.math.@org.jspecify.annotations.Nullable BigDecimal amount, String currency, OffsetDateTime since) {
	}

	private List<Row> page(Condition where, Field<OffsetDateTime> order, int limit) {
		return this.dsl.select(DEAL.ID, DEAL.NAME, PIPELINE_STAGE.NAME, DEAL.AMOUNT, DEAL.CURRENCY, order)
			.from(DEAL)
			.join(PIPELINE_STAGE)
			.on(PIPELINE_STAGE.WORKSPACE_ID.eq(DEAL.WORKSPACE_ID).and(PIPELINE_STAGE.ID.eq(DEAL.STAGE_ID)))
			.where(where)
			.orderBy(order, DEAL.ID)
			.limit(limit)
			.fetch((r) -> new Row(r.get(DEAL.ID), r.get(DEAL.NAME), r.get(PIPELINE_STAGE.NAME), r.get(DEAL.AMOUNT),
					r.get(DEAL.CURRENCY), r.get(order)));
	}

	private Condition open(Set<UUID> ownerIds) {
		return this.accessPolicy.condition(DEALS, Access.READ)
			.and(DEAL.OWNER_ID.in(ownerIds))
			.and(DEAL.STATUS.eq(OPEN))
			.and(DEAL.DELETED_AT.isNull());
	}

	private int count(Condition where) {
		return this.dsl.fetchCount(DSL.selectOne().from(DEAL).where(where).limit(COUNT_CAP));
	}

	private static Signal signal(Row d, Instant now, OffsetDateTime since, String reason) {
		long days = Duration.between(since.toInstant(), now).toDays();
		return new Signal(d.id(), d.name(), d.stageName(), d.amount(), d.currency(), days, reason,
				List.of(days, d.stageName()));
	}

}
