package dev.rapport.sales.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import dev.rapport.customers.ListViews;
import dev.rapport.identity.Teams;
import dev.rapport.identity.Users;
import dev.rapport.platform.ActorPrincipal;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.web.NavigationItem;
import dev.rapport.sales.internal.DealBulk;
import dev.rapport.sales.internal.DealListQuery;
import dev.rapport.sales.internal.Forecast;
import dev.rapport.sales.internal.PipelineService;

/**
 * The deals list (search, filters, sort, pages, saved views, bulk changes) and the
 * forecast page.
 */
@Controller
class DealListController {

	static final String VIEWS = "deal";

	private final DealListQuery list;

	private final DealBulk bulk;

	private final Forecast forecast;

	private final PipelineService pipelines;

	private final ListViews views;

	private final Users users;

	private final Teams teams;

	private final MessageSource messages;

	DealListController(DealListQuery list, DealBulk bulk, Forecast forecast, PipelineService pipelines, ListViews views,
			Users users, Teams teams, MessageSource messages) {
		this.messages = messages;
		this.list = list;
		this.bulk = bulk;
		this.forecast = forecast;
		this.pipelines = pipelines;
		this.views = views;
		this.users = users;
		this.teams = teams;
	}

	/** The list's filters as its form sends them. */
	record ListForm(@Nullable String q, @Nullable String pipeline, @Nullable String stage, @Nullable String status,
			@Nullable String owner, @Nullable String team,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate closeFrom,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate closeTo, @Nullable BigDecimal amountFrom,
			@Nullable BigDecimal amountTo, @Nullable String sort) {

		DealListQuery.Filter filter() {
			UUID ownerId = "me".equals(this.owner) ? Actors.require().userId()
					: DealBoardController.id("owner", this.owner);
			return new DealListQuery.Filter(this.q, DealBoardController.id("pipeline", this.pipeline),
					DealBoardController.id("stage", this.stage), this.status, ownerId,
					DealBoardController.id("team", this.team), this.closeFrom, this.closeTo, this.amountFrom,
					this.amountTo, this.sort);
		}

		String query() {
			UriComponentsBuilder b = UriComponentsBuilder.newInstance();
			add(b, "q", this.q);
			add(b, "pipeline", this.pipeline);
			add(b, "stage", this.stage);
			add(b, "status", this.status);
			add(b, "owner", this.owner);
			add(b, "team", this.team);
			add(b, "closeFrom", this.closeFrom);
			add(b, "closeTo", this.closeTo);
			add(b, "amountFrom", (this.amountFrom != null) ? this.amountFrom.toPlainString() : null);
			add(b, "amountTo", (this.amountTo != null) ? this.amountTo.toPlainString() : null);
			add(b, "sort", this.sort);
			String query = b.build().encode().getQuery();
			return (query != null) ? query : "";
		}

		private static void add(UriComponentsBuilder b, String name, @Nullable Object value) {
			if (value != null && !value.toString().isBlank()) {
				b.queryParam(name, value.toString());
			}
		}

	}

	@GetMapping("/deals")
	String list(@ModelAttribute("filters") ListForm form, @RequestParam(required = false) @Nullable String cursor,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		try {
			model.addAttribute("page", this.list.page(form.filter(), cursor, null));
		}
		catch (InvalidFieldsException ex) {
			model.addAttribute("page", new DealListQuery.Page(List.of(), null));
			model.addAttribute("problem", ex.problems().get(0).messageKey());
		}
		model.addAttribute("query", form.query());
		if (htmx != null && cursor != null) {
			return "sales/_deal-rows :: rows";
		}
		model.addAttribute("pipelines", this.pipelines.list(false));
		model.addAttribute("users", this.users.active());
		model.addAttribute("teams", this.teams.list());
		model.addAttribute("views", this.views.visible(VIEWS));
		model.addAttribute("sorts", DealListQuery.SORTS);
		return "sales/deals";
	}

	/**
	 * Applies a bulk action to the ticked deals ("id:version" each) and says what
	 * happened.
	 */
	@PostMapping("/deals/bulk")
	String bulk(@RequestParam(required = false) @Nullable List<String> selected,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable String ownerId,
			@RequestParam(required = false) @Nullable String stageId,
			@RequestParam(required = false) @Nullable String lostReason,
			@RequestParam(required = false, defaultValue = "") String query, RedirectAttributes redirect) {
		List<DealBulk.Item> items = new ArrayList<>();
		if (selected != null) {
			for (String s : selected) {
				int colon = s.indexOf(':');
				if (colon > 0) {
					items.add(new DealBulk.Item(Ids.parse("deal", s.substring(0, colon)),
							Integer.parseInt(s.substring(colon + 1))));
				}
			}
		}
		try {
			DealBulk.Result result = this.bulk.apply(action, items, DealBoardController.id("ownerId", ownerId),
					DealBoardController.id("stageId", stageId), lostReason);
			redirect.addFlashAttribute("bulkResult", result);
		}
		catch (InvalidFieldsException ex) {
			redirect.addFlashAttribute("bulkProblem", ex.problems().get(0).messageKey());
		}
		return "redirect:/deals" + (query.isBlank() ? "" : "?" + query);
	}

	@PostMapping("/deals/views")
	String saveView(@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false, defaultValue = "false") boolean shared,
			@RequestParam(required = false, defaultValue = "") String query, RedirectAttributes redirect) {
		try {
			this.views.save(VIEWS, name, shared, query);
		}
		catch (InvalidFieldsException ex) {
			redirect.addFlashAttribute("viewProblem", ex.problems().get(0).messageKey());
		}
		return "redirect:/deals" + (query.isBlank() ? "" : "?" + query);
	}

	@PostMapping("/deals/views/{id}/delete")
	String deleteView(@PathVariable String id) {
		this.views.delete(Ids.parse("view", id));
		return "redirect:/deals";
	}

	@GetMapping("/deals/forecast")
	String forecast(@RequestParam(required = false) @Nullable String pipeline,
			@RequestParam(required = false) @Nullable String team, Model model) {
		ZoneId zone = Actors.principal().map(ActorPrincipal::timeZone).orElse(ZoneOffset.UTC);
		UUID pipelineId = DealBoardController.id("pipeline", pipeline);
		model.addAttribute("forecast", this.forecast.of(pipelineId, DealBoardController.id("team", team), 6, zone));
		Forecast.Result result = this.forecast.of(pipelineId, DealBoardController.id("team", team), 6, zone);
		model.addAttribute("forecast", result);
		Map<String, Chart> charts = new LinkedHashMap<>();
		for (String currency : result.currencies()) {
			List<String> labels = new ArrayList<>();
			List<String> weighted = new ArrayList<>();
			List<String> won = new ArrayList<>();
			for (Forecast.Bucket b : result.months()) {
				labels.add((b.month() != null) ? b.key() : this.messages.getMessage("board.forecast." + b.key(), null,
						b.key(), LocaleContextHolder.getLocale()));
				Forecast.Amount a = b.amounts()
					.stream()
					.filter((x) -> x.currency().equals(currency))
					.findFirst()
					.orElse(null);
				weighted.add((a != null) ? a.weighted().toPlainString() : "0");
				won.add((a != null) ? a.won().toPlainString() : "0");
			}
			charts.put(currency,
					new Chart(String.join("|", labels), String.join("|", weighted), String.join("|", won)));
		}
		model.addAttribute("charts", charts);
		model.addAttribute("pipelines", this.pipelines.list(false));
		model.addAttribute("teams", this.teams.list());
		model.addAttribute("pipelineId", pipelineId);
		model.addAttribute("teamId", DealBoardController.id("team", team));
		return "sales/forecast";
	}

	/** The numbers of one currency's chart, joined with "|". */
	record Chart(String labels, String weighted, String won) {
	}

	/** The deals list in the menu. */
	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		NavigationItem dealsNavigation() {
			return new NavigationItem(NavigationItem.MAIN, "nav.deals", "/deals", 30, null);
		}

	}

}
