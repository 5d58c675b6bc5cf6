package dev.rapport.sales.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.customers.Customers;
import dev.rapport.customers.PersonView;
import dev.rapport.customization.CustomFields;
import dev.rapport.identity.Teams;
import dev.rapport.identity.Users;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.web.Forms;
import dev.rapport.sales.DealInput;
import dev.rapport.sales.DealView;
import dev.rapport.sales.PipelineView;
import dev.rapport.sales.internal.DealService;
import dev.rapport.sales.internal.PipelineService;
import dev.rapport.sales.internal.ProductService;

/**
 * The pages of one deal: the form to create and edit it (with a version check), and its
 * page with details, people and their roles, stage history, line items and its activities
 * (served by the activities module). The list and the board are elsewhere.
 */
@Controller
@RequestMapping("/deals")
class DealController {

	private final DealService deals;

	private final PipelineService pipelines;

	private final ProductService products;

	private final Customers customers;

	private final CustomFields customFields;

	private final Users users;

	private final Teams teams;

	DealController(DealService deals, PipelineService pipelines, ProductService products, Customers customers,
			CustomFields customFields, Users users, Teams teams) {
		this.deals = deals;
		this.pipelines = pipelines;
		this.products = products;
		this.customers = customers;
		this.customFields = customFields;
		this.users = users;
		this.teams = teams;
	}

	/** The deal form, with the version it was read at. */
	record DealForm(@Nullable String name, @Nullable BigDecimal amount, @Nullable String currency,
			@Nullable Boolean amountFromItems,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate expectedCloseOn, @Nullable UUID stageId,
			@Nullable UUID ownerId, @Nullable UUID teamId, @Nullable UUID companyId, @Nullable UUID personId,
			@Nullable String role, @Nullable String source, @Nullable String lostReason,
			@Nullable Map<String, List<String>> custom, @Nullable Integer version) {

		static DealForm of(DealView d) {
			return new DealForm(d.name(), d.amount(), d.currency(), d.amountFromItems(), d.expectedCloseOn(),
					d.stageId(), d.ownerId(), d.teamId(), d.companyId(), null, null, d.source(), d.lostReason(),
					SalesPages.formValues(d.custom()), d.version());
		}

		DealInput input(@Nullable List<DealView.Participant> people) {
			return new DealInput(this.name, this.amount, this.currency, Boolean.TRUE.equals(this.amountFromItems),
					this.expectedCloseOn, null, this.stageId, this.ownerId, this.teamId, this.companyId, this.source,
					null, this.lostReason, people, this.custom);
		}

	}

	@GetMapping("/new")
	String newDeal(@RequestParam(required = false) @Nullable String personId,
			@RequestParam(required = false) @Nullable String companyId, Model model) {
		UUID person = (personId != null)
				? this.customers.findPerson(Ids.parse("person", personId)).map(PersonView::id).orElse(null) : null;
		UUID company = (companyId != null)
				? this.customers.findCompany(Ids.parse("company", companyId)).map((c) -> c.id()).orElse(null) : null;
		if (company == null && person != null) {
			company = this.customers.findPerson(person).map(PersonView::companyId).orElse(null);
		}
		model.addAttribute("form", new DealForm(null, null, null, false, null, null, null, null, company, person, null,
				null, null, Map.of(), null));
		return form(model, null);
	}

	@PostMapping
	String create(@ModelAttribute("form") DealForm form, BindingResult result, Model model) {
		if (!result.hasErrors()) {
			try {
				List<DealView.Participant> people = (form.personId() != null)
						? List.of(new DealView.Participant(form.personId(), form.role())) : null;
				DealView deal = this.deals.create(form.input(people));
				return "redirect:/deals/" + deal.id();
			}
			catch (InvalidFieldsException ex) {
				Forms.reject(result, ex);
			}
			catch (BusinessRuleException ex) {
				Forms.reject(result, ex);
			}
		}
		return form(model, null);
	}

	@GetMapping("/{id}/edit")
	String edit(@PathVariable String id, Model model) {
		DealView deal = this.deals.get(Ids.parse("deal", id));
		model.addAttribute("form", DealForm.of(deal));
		return form(model, deal);
	}

	@PostMapping("/{id}")
	String update(@PathVariable String id, @ModelAttribute("form") DealForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		DealView deal = this.deals.get(Ids.parse("deal", id));
		if (!result.hasErrors()) {
			try {
				this.deals.update(deal.id(), (form.version() != null) ? form.version() : -1, form.input(null));
				redirect.addFlashAttribute("saved", true);
				return "redirect:/deals/" + deal.id();
			}
			catch (StaleVersionException ex) {
				model.addAttribute("stale", deal);
				model.addAttribute("form",
						new DealForm(form.name(), form.amount(), form.currency(), form.amountFromItems(),
								form.expectedCloseOn(), form.stageId(), form.ownerId(), form.teamId(), form.companyId(),
								null, null, form.source(), form.lostReason(), form.custom(), deal.version()));
			}
			catch (InvalidFieldsException ex) {
				Forms.reject(result, ex);
			}
			catch (BusinessRuleException ex) {
				Forms.reject(result, ex);
			}
		}
		return form(model, deal);
	}

	private String form(Model model, @Nullable DealView deal) {
		model.addAttribute("deal", deal);
		List<PipelineView> all = this.pipelines.list(false);
		model.addAttribute("pipelines", all);
		model.addAttribute("users", this.users.active());
		model.addAttribute("teams", this.teams.list());
		model.addAttribute("customFields", this.customFields.fieldsOf(CustomFields.DEAL, false));
		return "sales/deal-form";
	}

	@GetMapping("/{id}")
	String show(@PathVariable String id, Model model) {
		DealView deal = this.deals.get(Ids.parse("deal", id));
		model.addAttribute("deal", deal);
		model.addAttribute("pipeline", this.pipelines.get(deal.pipelineId()));
		model.addAttribute("history", this.deals.stageChanges(deal.id()));
		model.addAttribute("items", this.deals.lineItems(deal.id()));
		model.addAttribute("products", this.products.list(null, true, 500));
		Map<UUID, String> names = new HashMap<>();
		deal.people()
			.forEach((p) -> this.customers.findPerson(p.personId())
				.ifPresent((person) -> names.put(p.personId(), person.displayName())));
		model.addAttribute("personNames", names);
		model.addAttribute("company",
				(deal.companyId() != null) ? this.customers.findCompany(deal.companyId()).orElse(null) : null);
		model.addAttribute("owner", this.deals.userName(deal.ownerId()));
		model.addAttribute("customFields", this.customFields.fieldsOf(CustomFields.DEAL, false));
		return "sales/deal";
	}

	@PostMapping("/{id}/stage")
	String move(@PathVariable String id, @RequestParam String stageId,
			@RequestParam(required = false) @Nullable String lostReason, @RequestParam int version,
			RedirectAttributes redirect) {
		UUID deal = Ids.parse("deal", id);
		UUID stage = Ids.parse("stage", stageId);
		SalesPages.attempt(redirect, "deals.moved", () -> this.deals.moveToStage(deal, stage, version, lostReason));
		return "redirect:/deals/" + deal;
	}

	@PostMapping("/{id}/people")
	String addPerson(@PathVariable String id, @RequestParam String personId,
			@RequestParam(required = false) @Nullable String role, RedirectAttributes redirect) {
		UUID deal = Ids.parse("deal", id);
		UUID person = Ids.parse("person", personId);
		SalesPages.attempt(redirect, "form.saved", () -> this.deals.addPerson(deal, person, role));
		return "redirect:/deals/" + deal;
	}

	@PostMapping("/{id}/people/{personId}/remove")
	String removePerson(@PathVariable String id, @PathVariable String personId, RedirectAttributes redirect) {
		UUID deal = Ids.parse("deal", id);
		UUID person = Ids.parse("person", personId);
		SalesPages.attempt(redirect, "form.saved", () -> this.deals.removePerson(deal, person));
		return "redirect:/deals/" + deal;
	}

	@PostMapping("/{id}/line-items")
	String addLineItem(@PathVariable String id, @RequestParam(required = false) @Nullable UUID productId,
			@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable BigDecimal quantity,
			@RequestParam(required = false) @Nullable BigDecimal unitPrice,
			@RequestParam(required = false) @Nullable BigDecimal discountPercent, RedirectAttributes redirect) {
		UUID deal = Ids.parse("deal", id);
		SalesPages.attempt(redirect, "form.saved", () -> this.deals.addLineItem(deal,
				new DealService.LineItemInput(productId, name, quantity, unitPrice, discountPercent, null)));
		return "redirect:/deals/" + deal + "#items";
	}

	@PostMapping("/{id}/line-items/{itemId}/remove")
	String removeLineItem(@PathVariable String id, @PathVariable String itemId, RedirectAttributes redirect) {
		UUID deal = Ids.parse("deal", id);
		UUID item = Ids.parse("line item", itemId);
		SalesPages.attempt(redirect, "form.saved", () -> this.deals.removeLineItem(deal, item));
		return "redirect:/deals/" + deal + "#items";
	}

}
