package dev.rapport.sales.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import dev.rapport.identity.Teams;
import dev.rapport.identity.Users;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.web.AccessDeniedProblem;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.web.Forms;
import dev.rapport.sales.DealInput;
import dev.rapport.sales.DealStageChange;
import dev.rapport.sales.DealView;
import dev.rapport.sales.Deals;
import dev.rapport.sales.PipelineView;
import dev.rapport.sales.internal.DealBoardQuery;
import dev.rapport.sales.internal.DealService;
import dev.rapport.sales.internal.PipelineService;

/**
 * The kanban board: a pipeline's stages as columns of deal cards, filtered by owner, team
 * and expected close date; moving a card (drag and drop, or the "Move to" picker) and
 * creating a deal in a column. A move answers with the affected columns as the server now
 * has them (htmx out-of-band swaps), also when it was refused.
 */
@Controller
class DealBoardController {

	private final DealBoardQuery board;

	private final Deals deals;

	private final DealService dealService;

	private final PipelineService pipelines;

	private final Users users;

	private final Teams teams;

	private final MessageSource messages;

	DealBoardController(DealBoardQuery board, Deals deals, DealService dealService, PipelineService pipelines,
			Users users, Teams teams, MessageSource messages) {
		this.board = board;
		this.deals = deals;
		this.dealService = dealService;
		this.pipelines = pipelines;
		this.users = users;
		this.teams = teams;
		this.messages = messages;
	}

	/** The board's filters as the page's filter form sends them. */
	record BoardForm(@Nullable String pipeline, @Nullable String owner, @Nullable String team,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate closeFrom,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate closeTo) {

		DealBoardQuery.Filter filter() {
			UUID ownerId = (this.owner != null && this.owner.equals("me"))
					? dev.rapport.platform.Actors.require().userId() : id("owner", this.owner);
			return new DealBoardQuery.Filter(ownerId, id("team", this.team), this.closeFrom, this.closeTo);
		}

		/** The filters as a query string, for links and the "more" buttons. */
		String query() {
			UriComponentsBuilder b = UriComponentsBuilder.newInstance();
			param(b, "pipeline", this.pipeline);
			param(b, "owner", this.owner);
			param(b, "team", this.team);
			param(b, "closeFrom", (this.closeFrom != null) ? this.closeFrom.toString() : null);
			param(b, "closeTo", (this.closeTo != null) ? this.closeTo.toString() : null);
			String q = b.build().encode().getQuery();
			return (q != null) ? q : "";
		}

		private static void param(UriComponentsBuilder b, String name, @Nullable String value) {
			if (value != null && !value.isBlank()) {
				b.queryParam(name, value);
			}
		}

	}

	/** Quick creation of a deal in a column. */
	record QuickForm(@Nullable String name, @Nullable BigDecimal amount, @Nullable UUID companyId) {

		static final Set<String> FIELDS = Set.of("name", "amount", "companyId");

	}

	@GetMapping("/deals/board")
	String board(@ModelAttribute("filters") BoardForm form, Model model) {
		PipelineView pipeline = this.board.pipelineOrFirst(id("pipeline", form.pipeline()));
		model.addAttribute("board", this.board.board(pipeline.id(), form.filter()));
		return page(model, pipeline, form);
	}

	/** The next page of a column's cards, with its own "more" button. */
	@GetMapping("/deals/board/columns/{stageId}/cards")
	String more(@PathVariable String stageId, @ModelAttribute("filters") BoardForm form,
			@RequestParam(required = false) @Nullable String cursor, Model model) {
		PipelineView.Stage stage = stage(Ids.parse("stage", stageId));
		model.addAttribute("stage", stage);
		model.addAttribute("page", this.board.cards(stage.id(), form.filter(), cursor, null));
		model.addAttribute("pipeline", this.pipelines.get(stage.pipelineId()));
		model.addAttribute("query", form.query());
		return "sales/_board :: cards";
	}

	/**
	 * Moves a deal from the board (htmx): the answer re-renders the columns it left and
	 * entered (and, when someone else moved it first, the one it is in now) with a
	 * message, always 200. Without htmx the deal page's own move form handles the post.
	 */
	@PostMapping(path = "/deals/{id}/stage", headers = "HX-Request")
	String move(@PathVariable String id, @RequestParam String stageId, @RequestParam int version,
			@RequestParam(required = false) @Nullable String fromStageId,
			@RequestParam(required = false) @Nullable String lostReason, @ModelAttribute("filters") BoardForm form,
			Model model) {
		UUID dealId = Ids.parse("deal", id);
		UUID to = Ids.parse("stageId", stageId);
		Set<UUID> affected = new LinkedHashSet<>();
		if (fromStageId != null && !fromStageId.isBlank()) {
			affected.add(Ids.parse("fromStageId", fromStageId));
		}
		affected.add(to);
		String message;
		String tone = "error";
		try {
			DealView moved = this.deals.moveToStage(dealId, to, version, lostReason);
			affected.add(moved.stageId());
			message = text("board.move.done", moved.name(), moved.stageName());
			tone = "success";
		}
		catch (StaleVersionException ex) {
			DealView now = this.deals.find(dealId).orElseThrow(() -> new NotFoundException("deal", dealId));
			affected.add(now.stageId());
			message = staleMessage(now);
		}
		catch (InvalidFieldsException ex) {
			BusinessRuleException problem = ex.problems().get(0);
			message = text(problem.messageKey(), problem.arguments());
			model.addAttribute("errorField", problem.field());
			this.deals.find(dealId).ifPresent((d) -> affected.add(d.stageId()));
		}
		catch (BusinessRuleException ex) {
			message = text(ex.messageKey(), ex.arguments());
			this.deals.find(dealId).ifPresent((d) -> affected.add(d.stageId()));
		}
		catch (AccessDeniedProblem ex) {
			// Shared with the user's team: readable, not theirs to move.
			message = text("board.move.forbidden");
			this.deals.find(dealId).ifPresent((d) -> affected.add(d.stageId()));
		}
		catch (NotFoundException ex) {
			// Deleted or handed out of reach meanwhile: the re-rendered columns drop the
			// card.
			message = text("board.move.gone");
		}
		PipelineView pipeline = this.board.pipelineOrFirst(id("pipeline", form.pipeline()));
		return columns(model, pipeline, form, affected, message, tone);
	}

	@GetMapping("/deals/board/columns/{stageId}/new")
	String quickForm(@PathVariable String stageId, @ModelAttribute("filters") BoardForm filters, Model model) {
		PipelineView.Stage stage = stage(Ids.parse("stage", stageId));
		model.addAttribute("form", new QuickForm(null, null, null));
		model.addAttribute("stage", stage);
		model.addAttribute("query", filters.query());
		return "sales/_board :: quick-create";
	}

	@PostMapping("/deals/board/columns/{stageId}")
	String quickCreate(@PathVariable String stageId, @ModelAttribute("form") QuickForm form, BindingResult result,
			@ModelAttribute("filters") BoardForm filters, Model model) {
		PipelineView.Stage stage = stage(Ids.parse("stage", stageId));
		if (!result.hasErrors()) {
			try {
				DealView created = this.deals.create(new DealInput(form.name(), form.amount(), null, null, null,
						stage.pipelineId(), stage.id(), null, null, form.companyId(), null, null, null, null, null));
				PipelineView pipeline = this.pipelines.get(stage.pipelineId());
				return columns(model, pipeline, filters, Set.of(stage.id()),
						text("board.quick.created", created.name(), stage.name()), "success");
			}
			catch (InvalidFieldsException ex) {
				ex.problems()
					.stream()
					.filter((p) -> p.field() == null || QuickForm.FIELDS.contains(p.field()))
					.forEach((p) -> Forms.reject(result, p));
				if (!result.hasErrors()) {
					result.reject(ex.problems().get(0).messageKey(), ex.problems().get(0).arguments(), null);
				}
			}
		}
		model.addAttribute("stage", stage);
		model.addAttribute("query", filters.query());
		return "sales/_board :: quick-create";
	}

	private String columns(Model model, PipelineView pipeline, BoardForm form, Set<UUID> stageIds, String message,
			String tone) {
		List<PipelineView.Stage> stages = new ArrayList<>();
		for (PipelineView.Stage s : pipeline.activeStages()) {
			if (stageIds.contains(s.id())) {
				stages.add(s);
			}
		}
		model.addAttribute("columns", this.board.columns(pipeline, stages, form.filter()));
		model.addAttribute("pipeline", pipeline);
		model.addAttribute("query", form.query());
		model.addAttribute("message", message);
		model.addAttribute("tone", tone);
		return "sales/_board :: changed";
	}

	/** "Ana moved this deal to Proposal a moment ago; your move was not saved." */
	private String staleMessage(DealView now) {
		List<DealStageChange> changes = this.dealService.stageChanges(now.id());
		DealStageChange last = changes.isEmpty() ? null : changes.get(changes.size() - 1);
		if (last != null && last.toStageId().equals(now.stageId()) && last.changedBy() != null) {
			String who = this.users.find(Objects.requireNonNull(last.changedBy()))
				.map((u) -> u.displayName())
				.orElse("?");
			return text("board.move.stale", who, now.stageName());
		}
		return text("board.move.stale.changed", now.stageName());
	}

	private PipelineView.Stage stage(UUID id) {
		return this.pipelines.stage(id).orElseThrow(() -> new NotFoundException("stage", id));
	}

	private String page(Model model, PipelineView pipeline, BoardForm form) {
		model.addAttribute("pipeline", pipeline);
		model.addAttribute("pipelines", this.pipelines.list(false));
		model.addAttribute("users", this.users.active());
		model.addAttribute("teams", this.teams.list());
		model.addAttribute("query", form.query());
		return "sales/board";
	}

	private String text(String key, Object... args) {
		return this.messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
	}

	static @Nullable UUID id(String field, @Nullable String value) {
		return (value == null || value.isBlank()) ? null : Ids.parse(field, value.strip());
	}

}
