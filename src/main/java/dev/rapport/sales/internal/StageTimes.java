package dev.rapport.sales.internal;

import static dev.rapport.sales.internal.db.Tables.DEAL;
import static dev.rapport.sales.internal.db.Tables.DEAL_STAGE_CHANGE;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.identity.Access;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.sales.PipelineView;

/**
 * How long deals stay in each stage of a pipeline and how long they take from creation to
 * won, from the stage history of the deals the user may read.
 */
@Service
public class StageTimes {

	private final DSLContext dsl;

	private final AccessPolicy accessPolicy;

	private final Clock clock;

	StageTimes(DSLContext dsl, AccessPolicy accessPolicy, Clock clock) {
		this.dsl = dsl;
		this.accessPolicy = accessPolicy;
		this.clock = clock;
	}

	/**
	 * One stage: how many deals left it in the period and their average days in it, and
	 * the open deals in it now with their average days so far.
	 */
	public record Stage(UUID stageId, String name, int left, @Nullable BigDecimal averageDaysBeforeLeaving, int openNow,
			@Nullable BigDecimal averageDaysSoFar) {
	}

	/**
	 * The stages in order and the sales cycle: deals won in the period and their average
	 * days from creation to won.
	 */
	public record Report(UUID pipelineId, int days, List<Stage> stages, int won,
			@Nullable BigDecimal averageSalesCycleDays) {
	}

	/** The report for a pipeline over the last {@code days} days. */
	@Transactional(readOnly = true)
	public Report of(PipelineView pipeline, int days) {
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		OffsetDateTime since = now.minusDays(days);
		Condition deals = this.accessPolicy.condition(DealService.DEALS, Access.READ)
			.and(DEAL.PIPELINE_ID.eq(pipeline.id()))
			.and(DEAL.DELETED_AT.isNull());

		Field<BigDecimal> spent = DSL.avg(DEAL_STAGE_CHANGE.SECONDS_IN_FROM_STAGE);
		Map<UUID, Record3<UUID, Integer, BigDecimal>> left = new HashMap<>();
		this.dsl.select(DEAL_STAGE_CHANGE.FROM_STAGE_ID, DSL.count(), spent)
			.from(DEAL_STAGE_CHANGE)
			.join(DEAL)
			.on(DEAL.WORKSPACE_ID.eq(DEAL_STAGE_CHANGE.WORKSPACE_ID).and(DEAL.ID.eq(DEAL_STAGE_CHANGE.DEAL_ID)))
			.where(deals)
			.and(DEAL_STAGE_CHANGE.FROM_STAGE_ID.isNotNull())
			.and(DEAL_STAGE_CHANGE.CHANGED_AT.ge(since))
			.groupBy(DEAL_STAGE_CHANGE.FROM_STAGE_ID)
			.fetch()
			.forEach((r) -> left.put(r.value1(), r));

		Field<BigDecimal> entered = DSL.avg(DSL.extract(DEAL.STAGE_ENTERED_AT, DatePart.EPOCH));
		Map<UUID, Record3<UUID, Integer, BigDecimal>> open = new HashMap<>();
		this.dsl.select(DEAL.STAGE_ID, DSL.count(), entered)
			.from(DEAL)
			.where(deals)
			.and(DEAL.STATUS.eq("open"))
			.groupBy(DEAL.STAGE_ID)
			.fetch()
			.forEach((r) -> open.put(r.value1(), r));

		BigDecimal nowSeconds = BigDecimal.valueOf(now.toEpochSecond());
		List<Stage> stages = pipeline.stages().stream().map((s) -> {
			Record3<UUID, Integer, BigDecimal> l = left.get(s.id());
			Record3<UUID, Integer, BigDecimal> o = open.get(s.id());
			return new Stage(s.id(), s.name(), (l != null) ? l.value2() : 0,
					(l != null && l.value3() != null) ? days(l.value3()) : null, (o != null) ? o.value2() : 0,
					(o != null && o.value3() != null) ? days(nowSeconds.subtract(o.value3())) : null);
		}).toList();

		Field<BigDecimal> cycle = DSL
			.avg(DSL.extract(DEAL.CLOSED_AT, DatePart.EPOCH).minus(DSL.extract(DEAL.CREATED_AT, DatePart.EPOCH)));
		Record3<Integer, BigDecimal, Integer> won = this.dsl.select(DSL.count(), cycle, DSL.inline(0))
			.from(DEAL)
			.where(deals)
			.and(DEAL.STATUS.eq("won"))
			.and(DEAL.CLOSED_AT.ge(since))
			.fetchOne();
		int wonCount = (won != null) ? won.value1() : 0;
		BigDecimal average = (won != null && won.value2() != null) ? days(won.value2()) : null;
		return new Report(pipeline.id(), days, stages, wonCount, average);
	}

	private static BigDecimal days(BigDecimal seconds) {
		return seconds.divide(BigDecimal.valueOf(86_400), 1, java.math.RoundingMode.HALF_UP);
	}

}
