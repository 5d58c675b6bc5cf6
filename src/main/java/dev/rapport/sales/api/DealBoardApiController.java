package dev.rapport.sales.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.platform.ActorPrincipal;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Ids;
import dev.rapport.platform.NotFoundException;
import dev.rapport.sales.PipelineView;
import dev.rapport.sales.internal.DealBoardQuery;
import dev.rapport.sales.internal.DealBulk;
import dev.rapport.sales.internal.DealListQuery;
import dev.rapport.sales.internal.Forecast;

/**
 * The deals list, the kanban board of a pipeline and the forecast over REST: filtered
 * like their pages, read page by page with cursors, and bulk changes with a version per
 * deal.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Deal lists, board and forecast")
@SecurityRequirement(name = "bearer")
class DealBoardApiController {

	private final DealBoardQuery board;

	private final DealListQuery list;

	private final DealBulk bulk;

	private final Forecast forecast;

	DealBoardApiController(DealBoardQuery board, DealListQuery list, DealBulk bulk, Forecast forecast) {
		this.board = board;
		this.list = list;
		this.bulk = bulk;
		this.forecast = forecast;
	}

	/**
	 * A column of the board: its stage, header figures, first page of cards and cursor.
	 */
	record ColumnBody(PipelineView.Stage stage, long count, List<DealBoardQuery.Total> totals,
			List<DealBoardQuery.Card> cards, @Nullable String next) {

		static ColumnBody of(DealBoardQuery.Column c) {
			return new ColumnBody(c.stage(), c.header().count(), c.header().totals(), c.page().cards(),
					c.page().next());
		}

	}

	/** The board of a pipeline. */
	record BoardBody(UUID pipelineId, String pipelineName, List<ColumnBody> columns) {
	}

	/** A page of cards or rows and the cursor of the next page. */
	record PageBody<T>(List<T> items, @Nullable String next) {
	}

	/** A selected deal and the version the client read it at. */
	record BulkItemBody(@Nullable UUID id, @Nullable Integer version) {
	}

	/**
	 * A change to many deals: action {@code owner} (with ownerId), {@code stage} (with
	 * stageId, and lostReason for a lost stage) or {@code delete}.
	 */
	record BulkBody(@Nullable String action, @Nullable List<BulkItemBody> items, @Nullable UUID ownerId,
			@Nullable UUID stageId, @Nullable String lostReason) {
	}

	@GetMapping("/pipelines/{id}/board")
	BoardBody board(@PathVariable String id, @RequestParam(required = false) @Nullable String owner,
			@RequestParam(required = false) @Nullable String team,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate closeFrom,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate closeTo) {
		DealBoardQuery.Board b = this.board.board(Ids.parse("pipeline", id), filter(owner, team, closeFrom, closeTo));
		return new BoardBody(b.pipeline().id(), b.pipeline().name(), b.columns().stream().map(ColumnBody::of).toList());
	}

	@GetMapping("/pipelines/{id}/board/columns/{stageId}")
	PageBody<DealBoardQuery.Card> column(@PathVariable String id, @PathVariable String stageId,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String owner,
			@RequestParam(required = false) @Nullable String team,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate closeFrom,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate closeTo) {
		UUID pipeline = Ids.parse("pipeline", id);
		UUID stage = Ids.parse("stage", stageId);
		PipelineView p = this.board.pipelineOrFirst(pipeline);
		if (p.stages().stream().noneMatch((s) -> s.id().equals(stage))) {
			throw new NotFoundException("stage", stage);
		}
		DealBoardQuery.CardPage page = this.board.cards(stage, filter(owner, team, closeFrom, closeTo), cursor, limit);
		return new PageBody<>(page.cards(), page.next());
	}

	@GetMapping("/deals")
	PageBody<DealListQuery.Row> deals(@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String pipeline,
			@RequestParam(required = false) @Nullable String stage,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String owner,
			@RequestParam(required = false) @Nullable String team,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate closeFrom,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate closeTo,
			@RequestParam(required = false) @Nullable BigDecimal amountFrom,
			@RequestParam(required = false) @Nullable BigDecimal amountTo,
			@RequestParam(required = false) @Nullable String sort,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		DealListQuery.Page page = this.list.page(
				new DealListQuery.Filter(q, optionalId("pipeline", pipeline), optionalId("stage", stage), status,
						owner(owner), optionalId("team", team), closeFrom, closeTo, amountFrom, amountTo, sort),
				cursor, limit);
		return new PageBody<>(page.items(), page.next());
	}

	@PostMapping("/deals/bulk")
	DealBulk.Result bulk(@RequestBody BulkBody body) {
		List<DealBulk.Item> items = (body.items() == null) ? List.of() : body.items()
			.stream()
			.filter((i) -> i.id() != null)
			.map((i) -> new DealBulk.Item(Objects.requireNonNull(i.id()), (i.version() != null) ? i.version() : -1))
			.toList();
		return this.bulk.apply(body.action(), items, body.ownerId(), body.stageId(), body.lostReason());
	}

	@GetMapping("/forecast")
	Map<String, Object> forecast(@RequestParam(required = false) @Nullable String pipeline,
			@RequestParam(required = false) @Nullable String team,
			@RequestParam(required = false, defaultValue = "6") int months) {
		ZoneId zone = Actors.principal().map(ActorPrincipal::timeZone).orElse(ZoneOffset.UTC);
		Forecast.Result result = this.forecast.of(optionalId("pipeline", pipeline), optionalId("team", team), months,
				zone);
		return Map.of("today", result.today(), "currencies", result.currencies(), "months", result.months(), "owners",
				result.owners());
	}

	static DealBoardQuery.Filter filter(@Nullable String owner, @Nullable String team, @Nullable LocalDate closeFrom,
			@Nullable LocalDate closeTo) {
		return new DealBoardQuery.Filter(owner(owner), optionalId("team", team), closeFrom, closeTo);
	}

	/** An owner filter: a user's id, or {@code me}. */
	static @Nullable UUID owner(@Nullable String owner) {
		if (owner != null && owner.strip().equalsIgnoreCase("me")) {
			return Actors.require().userId();
		}
		return optionalId("owner", owner);
	}

	static @Nullable UUID optionalId(String field, @Nullable String value) {
		return (value == null || value.isBlank()) ? null : Ids.parse(field, value.strip());
	}

}
