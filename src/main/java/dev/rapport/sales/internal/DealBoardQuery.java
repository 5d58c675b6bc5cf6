package dev.rapport.sales.internal;

import static dev.rapport.sales.internal.db.Tables.DEAL;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.CompanyNames;
import dev.rapport.identity.Access;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Cursor;
import dev.rapport.platform.Ids;
import dev.rapport.platform.NotFoundException;
import dev.rapport.sales.DealView;
import dev.rapport.sales.PipelineView;

/**
 * The kanban board of a pipeline: per stage, the number of deals the user may read, their
 * amount and weighted amount per currency, and the cards page by page, newest arrivals in
 * the stage first. Filters (owner, team, expected close date) apply to the cards and the
 * headers alike.
 */
@Service
public class DealBoardQuery {

	/** Cards per column page unless asked otherwise. */
	public static final int PAGE = 15;

	private static final int MAX_PAGE = 100;

	private final DSLContext dsl;

	private final AccessPolicy accessPolicy;

	private final PipelineService pipelines;

	private final CompanyNames companies;

	private final DealOwners owners;

	private final Clock clock;

	private final BoardProperties properties;

	DealBoardQuery(DSLContext dsl, AccessPolicy accessPolicy, PipelineService pipelines, CompanyNames companies,
			DealOwners owners, Clock clock, BoardProperties properties) {
		this.properties = properties;
		this.dsl = dsl;
		this.accessPolicy = accessPolicy;
		this.pipelines = pipelines;
		this.companies = companies;
		this.owners = owners;
		this.clock = clock;
	}

	/** Which deals the board shows; every part may be left out. */
	public record Filter(@Nullable UUID ownerId, @Nullable UUID teamId, @Nullable LocalDate closeFrom,
			@Nullable LocalDate closeTo) {

		public static final Filter NONE = new Filter(null, null, null, null);

		Condition condition() {
			Condition condition = DSL.noCondition();
			if (this.ownerId != null) {
				condition = condition.and(DEAL.OWNER_ID.eq(this.ownerId));
			}
			if (this.teamId != null) {
				condition = condition.and(DEAL.TEAM_ID.eq(this.teamId));
			}
			if (this.closeFrom != null) {
				condition = condition.and(DEAL.EXPECTED_CLOSE_ON.ge(this.closeFrom));
			}
			if (this.closeTo != null) {
				condition = condition.and(DEAL.EXPECTED_CLOSE_ON.le(this.closeTo));
			}
			return condition;
		}

	}

	/**
	 * The sum of amounts in one currency, and the sum weighted by the stage's
	 * probability.
	 */
	public record Total(String currency, BigDecimal amount, BigDecimal weighted) {
	}

	/** A column's header figures. */
	public record Header(UUID stageId, long count, List<Total> totals) {
	}

	/** A deal as a card. */
	public record Card(UUID id, String name, @Nullable UUID companyId, @Nullable String companyName,
			@Nullable BigDecimal amount, String currency, @Nullable LocalDate expectedCloseOn, UUID ownerId,
			String ownerName, String ownerInitials, long daysInStage, UUID stageId, String status, int version) {
	}

	/** A page of cards and the cursor of the next one, absent on the last page. */
	public record CardPage(List<Card> cards, @Nullable String next) {
	}

	/** One stage of the board with its header and first page of cards. */
	public record Column(PipelineView.Stage stage, Header header, CardPage page) {
	}

	/** The board of a pipeline: its stages that are not archived, in order. */
	public record Board(PipelineView pipeline, List<Column> columns) {
	}

	/** The whole board; 404 for a pipeline of another workspace. */
	@Transactional(readOnly = true)
	public Board board(UUID pipelineId, Filter filter) {
		PipelineView pipeline = this.pipelines.get(pipelineId);
		return new Board(pipeline, columns(pipeline, pipeline.activeStages(), filter));
	}

	/** Some columns of a pipeline with their headers and first pages. */
	@Transactional(readOnly = true)
	public List<Column> columns(PipelineView pipeline, List<PipelineView.Stage> stages, Filter filter) {
		Map<UUID, Header> headers = headers(pipeline, filter);
		// The owners' names once for the whole board, not once per column.
		Map<UUID, String> names = new HashMap<>(this.owners.names(Set.of()));
		List<Column> columns = new ArrayList<>();
		for (PipelineView.Stage stage : stages) {
			columns.add(new Column(stage, headers.get(stage.id()), cards(stage, filter, null, PAGE, names)));
		}
		return columns;
	}

	/**
	 * The header of every stage of the pipeline, from one grouped query over its deals:
	 * count, then per currency the amount and the amount × probability / 100.
	 */
	@Transactional(readOnly = true)
	public Map<UUID, Header> headers(PipelineView pipeline, Filter filter) {
		Map<UUID, Integer> probability = new LinkedHashMap<>();
		pipeline.stages().forEach((s) -> probability.put(s.id(), s.probability()));
		Map<UUID, Long> counts = new LinkedHashMap<>();
		Map<UUID, Map<String, BigDecimal>> sums = new LinkedHashMap<>();
		var count = DSL.count();
		var sum = DSL.sum(DEAL.AMOUNT);
		Condition scope = this.accessPolicy.condition(DealService.DEALS, Access.READ)
			.and(DEAL.PIPELINE_ID.eq(pipeline.id()))
			.and(DEAL.DELETED_AT.isNull())
			.and(filter.condition());
		// Open deals, then the recently closed ones: two index ranges instead of every
		// deal the
		// pipeline ever had.
		List<Record> rows = new ArrayList<>(this.dsl.select(DEAL.STAGE_ID, DEAL.CURRENCY, count, sum)
			.from(DEAL)
			.where(scope)
			.and(DEAL.STATUS.eq(DealView.OPEN))
			.groupBy(DEAL.STAGE_ID, DEAL.CURRENCY)
			.fetch());
		rows.addAll(this.dsl.select(DEAL.STAGE_ID, DEAL.CURRENCY, count, sum)
			.from(DEAL)
			.where(scope)
			.and(DEAL.STATUS.in(DealView.WON, DealView.LOST))
			.and(DEAL.CLOSED_AT.ge(closedSince()))
			.groupBy(DEAL.STAGE_ID, DEAL.CURRENCY)
			.fetch());
		for (Record r : rows) {
			UUID stage = r.get(DEAL.STAGE_ID);
			counts.merge(stage, (long) r.get(count), Long::sum);
			BigDecimal amount = r.get(sum);
			sums.computeIfAbsent(stage, (k) -> new TreeMap<>())
				.put(r.get(DEAL.CURRENCY), (amount != null) ? amount : BigDecimal.ZERO);
		}
		Map<UUID, Header> headers = new LinkedHashMap<>();
		for (PipelineView.Stage stage : pipeline.stages()) {
			List<Total> totals = new ArrayList<>();
			sums.getOrDefault(stage.id(), Map.of())
				.forEach((currency, amount) -> totals.add(new Total(currency, money(amount),
						money(amount.multiply(BigDecimal.valueOf(stage.probability())).movePointLeft(2)))));
			headers.put(stage.id(), new Header(stage.id(), counts.getOrDefault(stage.id(), 0L), totals));
		}
		return headers;
	}

	/**
	 * A page of a stage's cards after the cursor; 404 for a stage of another workspace.
	 */
	@Transactional(readOnly = true)
	public CardPage cards(UUID stageId, Filter filter, @Nullable String cursor, @Nullable Integer limit) {
		PipelineView.Stage stage = this.pipelines.stage(stageId)
			.orElseThrow(() -> new NotFoundException(PipelineService.STAGE, stageId));
		int size = (limit == null) ? PAGE : Math.clamp(limit, 1, MAX_PAGE);
		return cards(stage, filter, cursor, size, new HashMap<>());
	}

	private CardPage cards(PipelineView.Stage stage, Filter filter, @Nullable String cursor, int limit,
			Map<UUID, String> knownNames) {
		Condition after = DSL.noCondition();
		if (cursor != null && !cursor.isBlank()) {
			List<String> values = Cursor.decode(cursor, 2);
			OffsetDateTime entered;
			try {
				entered = OffsetDateTime.parse(values.get(0));
			}
			catch (DateTimeParseException ex) {
				throw new BusinessRuleException("cursor", "problem.cursor.invalid");
			}
			after = DSL.row(DEAL.STAGE_ENTERED_AT, DEAL.ID).lessThan(entered, Ids.parse("cursor", values.get(1)));
		}
		var rows = this.dsl
			.select(DEAL.ID, DEAL.NAME, DEAL.COMPANY_ID, DEAL.AMOUNT, DEAL.CURRENCY, DEAL.EXPECTED_CLOSE_ON,
					DEAL.OWNER_ID, DEAL.STAGE_ENTERED_AT, DEAL.STAGE_ID, DEAL.STATUS, DEAL.VERSION)
			.from(DEAL)
			.where(this.accessPolicy.condition(DealService.DEALS, Access.READ))
			.and(DEAL.STAGE_ID.eq(stage.id()))
			.and(DEAL.DELETED_AT.isNull())
			.and(filter.condition())
			.and(DealView.OPEN.equals(stage.kind()) ? DSL.noCondition() : DEAL.CLOSED_AT.ge(closedSince()))
			.and(after)
			.orderBy(DEAL.WORKSPACE_ID.desc(), DEAL.STAGE_ID.desc(), DEAL.STAGE_ENTERED_AT.desc(), DEAL.ID.desc())
			.limit(limit + 1)
			.fetch();
		boolean more = rows.size() > limit;
		var page = more ? rows.subList(0, limit) : rows;
		Set<UUID> companyIds = new HashSet<>();
		Set<UUID> ownerIds = new HashSet<>();
		for (Record r : page) {
			if (r.get(DEAL.COMPANY_ID) != null) {
				companyIds.add(r.get(DEAL.COMPANY_ID));
			}
			ownerIds.add(r.get(DEAL.OWNER_ID));
		}
		Map<UUID, String> companyNames = this.companies.namesOf(companyIds);
		Map<UUID, String> ownerNames = knownNames;
		if (!page.isEmpty() && !knownNames.keySet().containsAll(ownerIds)) {
			knownNames.putAll(this.owners.names(ownerIds));
		}
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		List<Card> cards = new ArrayList<>();
		for (Record r : page) {
			UUID companyId = r.get(DEAL.COMPANY_ID);
			String owner = ownerNames.getOrDefault(r.get(DEAL.OWNER_ID), "?");
			BigDecimal amount = r.get(DEAL.AMOUNT);
			cards.add(new Card(r.get(DEAL.ID), r.get(DEAL.NAME), companyId,
					(companyId != null) ? companyNames.get(companyId) : null,
					(amount != null) ? DealService.scaled(amount) : null, r.get(DEAL.CURRENCY),
					r.get(DEAL.EXPECTED_CLOSE_ON), r.get(DEAL.OWNER_ID), owner, DealOwners.initials(owner),
					Math.max(0, Duration.between(r.get(DEAL.STAGE_ENTERED_AT), now).toDays()), r.get(DEAL.STAGE_ID),
					r.get(DEAL.STATUS), r.get(DEAL.VERSION)));
		}
		String next = null;
		if (more) {
			Record last = page.get(page.size() - 1);
			next = Cursor.encode(Objects.requireNonNull(last.get(DEAL.STAGE_ENTERED_AT)).toString(),
					last.get(DEAL.ID).toString());
		}
		return new CardPage(cards, next);
	}

	/** Won and lost columns show the deals closed since then. */
	private OffsetDateTime closedSince() {
		return OffsetDateTime.now(this.clock).minusDays(this.properties.closedDays());
	}

	/** The pipeline a board shows: the one asked for, else the workspace's first. */
	@Transactional
	public PipelineView pipelineOrFirst(@Nullable UUID pipelineId) {
		if (pipelineId != null) {
			return this.pipelines.get(pipelineId);
		}
		List<PipelineView> all = this.pipelines.list(false);
		if (all.isEmpty()) {
			throw new NotFoundException(PipelineService.KIND, "");
		}
		return all.get(0);
	}

	/** Whether a stage's deals are open, won or lost. */
	public static boolean closes(PipelineView.Stage stage) {
		return !DealView.OPEN.equals(stage.kind());
	}

	static BigDecimal money(BigDecimal amount) {
		return amount.setScale(2, RoundingMode.HALF_UP);
	}

}
