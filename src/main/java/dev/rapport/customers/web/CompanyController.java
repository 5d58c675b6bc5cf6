package dev.rapport.customers.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.customers.CompanyChange;
import dev.rapport.customers.CompanyView;
import dev.rapport.customers.ContactInput.AddressInput;
import dev.rapport.customers.ContactLabel;
import dev.rapport.customers.internal.CompanyService.CompanyQuery;
import dev.rapport.customers.internal.CompanyService;
import dev.rapport.customers.internal.ListCount;
import dev.rapport.customers.internal.PersonService.PersonQuery;
import dev.rapport.customers.internal.PersonService;
import dev.rapport.customers.internal.SavedViews;
import dev.rapport.customers.web.PersonController.AddressRow;
import dev.rapport.customization.CustomFields;
import dev.rapport.identity.Teams;
import dev.rapport.identity.Users;
import dev.rapport.platform.Actors;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.web.Forms;

/**
 * The companies pages: the list (search, filters, sort, columns, saved views and bulk
 * actions; htmx, no full reloads), the company's page with its people, the form.
 */
@Controller
@RequestMapping("/companies")
class CompanyController {

	private final CompanyService companies;

	private final PersonService people;

	private final Users users;

	private final Teams teams;

	private final CustomerPages pages;

	private final CustomFields customFields;

	private final dev.rapport.customers.timeline.Timeline timeline;

	private final TimelineRows timelineRows;

	private final List<dev.rapport.customers.CustomerFigures> figures;

	private final List<dev.rapport.customers.CustomerLinks> links;

	private final SavedViews views;

	private final dev.rapport.customers.internal.EndOfLifeService endOfLife;

	private final dev.rapport.customers.internal.MergedRecords merged;

	CompanyController(CompanyService companies, PersonService people, Users users, Teams teams, CustomerPages pages,
			CustomFields customFields, dev.rapport.customers.timeline.Timeline timeline, TimelineRows timelineRows,
			List<dev.rapport.customers.CustomerFigures> figures, List<dev.rapport.customers.CustomerLinks> links,
			SavedViews views, dev.rapport.customers.internal.EndOfLifeService endOfLife,
			dev.rapport.customers.internal.MergedRecords merged) {
		this.endOfLife = endOfLife;
		this.merged = merged;
		this.views = views;
		this.timeline = timeline;
		this.timelineRows = timelineRows;
		this.figures = figures;
		this.links = links;
		this.customFields = customFields;
		this.companies = companies;
		this.people = people;
		this.users = users;
		this.teams = teams;
		this.pages = pages;
	}

	/**
	 * The list's search, filters, order and columns, as in the address bar. sort is name
	 * (the default), -updatedAt, or custom.&lt;key&gt; and -custom.&lt;key&gt;.
	 */
	record Filter(@Nullable String q, @Nullable String tag, @Nullable String sort, @Nullable List<String> ff,
			@Nullable List<String> fo, @Nullable List<String> fv, @Nullable String match,
			@Nullable List<String> cols) implements ListFilter {

		/** The columns shown when none are chosen. */
		static final List<String> DEFAULT_COLUMNS = List.of("domain", "industry", "owner");

		/** The standard columns one can choose, besides the custom fields. */
		static final List<String> STANDARD_COLUMNS = List.of("domain", "industry", "size", "owner", "updatedAt");

		@Override
		public List<String> defaultColumns() {
			return DEFAULT_COLUMNS;
		}

		/**
		 * Whether nothing narrows the list: the empty state then invites to add the first
		 * company.
		 */
		public boolean isEmpty() {
			return (this.q == null || this.q.isBlank()) && (this.tag == null || this.tag.isBlank()) && used() == 0;
		}

		CompanyQuery query() {
			return new CompanyQuery(this.q, this.tag, filters(), "any".equals(this.match), this.sort);
		}

	}

	/** The company form; tags are typed separated by commas. */
	record CompanyForm(@Nullable String name, @Nullable String domain, @Nullable String industry,
			@Nullable String sizeBand, @Nullable UUID parentId, @Nullable UUID ownerId, @Nullable UUID teamId,
			@Nullable String tags, @Nullable List<AddressRow> addresses, @Nullable String notes,
			@Nullable Integer version, @Nullable Map<String, List<String>> custom) {

		static CompanyForm empty(UUID ownerId) {
			return new CompanyForm(null, null, null, null, null, ownerId, null, null,
					List.of(new AddressRow(ContactLabel.WORK.code(), null, null, null, null, null)), null, null,
					Map.of());
		}

		static CompanyForm of(CompanyView c) {
			List<AddressRow> addresses = new ArrayList<>(c.addresses()
				.stream()
				.map((a) -> new AddressRow(a.label().code(), a.street(), a.postalCode(), a.city(), a.region(),
						a.countryCode()))
				.toList());
			if (addresses.isEmpty()) {
				addresses.add(new AddressRow(ContactLabel.WORK.code(), null, null, null, null, null));
			}
			return new CompanyForm(c.name(), c.domain(), c.industry(), c.sizeBand(), c.parentId(), c.ownerId(),
					c.teamId(), String.join(", ", c.tags()), addresses, c.notes(), c.version(),
					CustomFieldInputs.formValues(c.custom()));
		}

		CompanyChange change() {
			List<AddressInput> a = ((this.addresses != null) ? this.addresses : List.<AddressRow>of()).stream()
				.map((row) -> (row != null) ? new AddressInput(row.label(), row.street(), row.postalCode(), row.city(),
						row.region(), row.countryCode()) : null)
				.toList();
			List<String> tagList = (this.tags != null)
					? Arrays.stream(this.tags.split(",")).map(String::strip).filter((t) -> !t.isEmpty()).toList()
					: List.of();
			return new CompanyChange(this.name, this.domain, this.industry, this.sizeBand, this.parentId, this.ownerId,
					this.teamId, tagList, a, this.notes, (this.custom != null) ? this.custom : Map.of());
		}

		CompanyForm withCustom(Map<String, List<String>> values) {
			return new CompanyForm(this.name, this.domain, this.industry, this.sizeBand, this.parentId, this.ownerId,
					this.teamId, this.tags, this.addresses, this.notes, this.version, values);
		}

		CompanyForm withVersion(int newVersion) {
			return new CompanyForm(this.name, this.domain, this.industry, this.sizeBand, this.parentId, this.ownerId,
					this.teamId, this.tags, this.addresses, this.notes, newVersion, this.custom);
		}

	}

	@GetMapping
	String list(@ModelAttribute("filter") Filter filter, @RequestParam(required = false) @Nullable String cursor,
			@RequestHeader(name = "HX-Target", required = false) @Nullable String target, Model model,
			HttpServletRequest request) {
		CompanyService.Page page;
		ListCount count;
		try {
			CompanyQuery query = filter.query();
			page = this.companies.page(query, cursor, PersonController.PAGE_SIZE);
			count = ("more-companies".equals(target)) ? null : this.companies.count(query);
		}
		catch (BusinessRuleException ex) {
			// A filter or order that cannot be read: say so, and show the list without
			// it.
			model.addAttribute("filterProblem", ex);
			CompanyQuery query = new CompanyQuery(filter.q(), filter.tag(), List.of(), false, null);
			page = this.companies.page(query, null, PersonController.PAGE_SIZE);
			count = this.companies.count(query);
		}
		model.addAttribute("page", page);
		ListForms.tools(model, this.customFields.fieldsOf(CustomFields.COMPANY, false), filter.columns(),
				Filter.STANDARD_COLUMNS, this.views.visible(CustomFields.COMPANY), request);
		if ("more-companies".equals(target)) {
			return "customers/_company-rows";
		}
		model.addAttribute("count", count);
		model.addAttribute("owners", this.users.active());
		if ("company-results".equals(target)) {
			return "customers/_company-results";
		}
		return "customers/companies";
	}

	/**
	 * Applies an action to the companies ticked in the list, then shows the list again.
	 */
	@PostMapping("/bulk")
	String bulk(@ModelAttribute("filter") Filter filter, @RequestParam(required = false) @Nullable List<UUID> ids,
			@RequestParam String action, Model model, HttpServletRequest request) {
		if (EndOfLifeController.BULK_ACTION.equals(action)) {
			EndOfLifeController.bulk(model, ids, "companies", (chosen) -> this.endOfLife.bulkCompanies(chosen,
					new dev.rapport.customers.EndOfLifeChange("closed", null, null, null, null)));
		}
		else {
			ListForms.bulk(model, ids, action, request, "companies", this.companies::bulk);
		}
		return list(filter, null, "company-results", model, request);
	}

	/** Saves the list as it is shown now as a view. */
	@PostMapping("/views")
	String saveView(@RequestParam(required = false) @Nullable String name,
			@RequestParam(defaultValue = "false") boolean shared,
			@RequestParam(required = false) @Nullable String query, RedirectAttributes redirect) {
		return ListForms.saveView(this.views, CustomFields.COMPANY, "/companies", "companies", name, shared, query,
				redirect);
	}

	@PostMapping("/views/{id}/delete")
	String deleteView(@PathVariable String id, RedirectAttributes redirect) {
		return ListForms.deleteView(this.views, id, "/companies", redirect);
	}

	/**
	 * Options for the company picker of the person form: the best matches of what was
	 * typed.
	 */
	@GetMapping("/choices")
	String choices(@RequestParam(required = false) @Nullable String companySearch,
			@RequestParam(required = false) @Nullable String companyId,
			@RequestParam(required = false) @Nullable String parentId, Model model) {
		// The current choice stays in the list whatever is typed, so searching never
		// changes it.
		String selected = (companyId != null && !companyId.isBlank()) ? companyId : parentId;
		CompanyView current = null;
		if (selected != null && !selected.isBlank()) {
			try {
				current = this.companies.find(java.util.UUID.fromString(selected)).orElse(null);
			}
			catch (IllegalArgumentException ex) {
				current = null;
			}
		}
		UUID currentId = (current != null) ? current.id() : null;
		model.addAttribute("current", current);
		model.addAttribute("choices",
				this.companies.page(CompanyQuery.search(companySearch), null, 20)
					.items()
					.stream()
					.filter((c) -> !c.id().equals(currentId))
					.toList());
		return "customers/_company-choices";
	}

	@GetMapping("/new")
	String newCompany(Model model) {
		model.addAttribute("form", CompanyForm.empty(Actors.require().userId())
			.withCustom(CustomFieldInputs.defaults(this.customFields.fieldsOf(CustomFields.COMPANY, false))));
		return form(model, null);
	}

	@PostMapping
	String create(@ModelAttribute("form") CompanyForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return form(model, null);
		}
		try {
			CompanyView created = this.companies.create(form.change());
			redirect.addFlashAttribute("saved", created.name());
			return "redirect:/companies/" + created.id();
		}
		catch (InvalidFieldsException ex) {
			Forms.reject(result, ex);
			return form(model, null);
		}
		catch (BusinessRuleException ex) {
			Forms.reject(result, ex);
			return form(model, null);
		}
	}

	@GetMapping("/{id}")
	String show(@PathVariable String id, Model model, RedirectAttributes redirect) {
		java.util.Optional<dev.rapport.customers.internal.MergedRecords.Merged> mergedInto = this.merged
			.of(dev.rapport.customers.CustomerKind.COMPANY, Ids.parse("company", id));
		if (mergedInto.isPresent()) {
			redirect.addFlashAttribute("notice", "customers.merged.into");
			redirect.addFlashAttribute("noticeArgs", new Object[] { mergedInto.get().name() });
			return "redirect:/companies/" + mergedInto.get().survivorId();
		}
		CompanyView company = this.companies.get(Ids.parse("company", id));
		model.addAttribute("company", company);
		model.addAttribute("people", this.people
			.page(new PersonQuery(null, null, null, company.id(), null, PersonService.Sort.NAME), null, 200));
		model.addAttribute("stageNames", this.pages.stages());
		model.addAttribute("customFields", this.customFields.fieldsOf(CustomFields.COMPANY, false));
		java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		List<dev.rapport.customers.CustomerFigure> shown = new java.util.ArrayList<>();
		this.figures.forEach((source) -> shown.addAll(source.forCompany(company.id(), locale)));
		shown.sort(java.util.Comparator.comparingInt(dev.rapport.customers.CustomerFigure::order));
		model.addAttribute("figures", shown);
		model.addAttribute("links",
				this.links.stream()
					.flatMap((l) -> l.forCompany(company.id()).stream())
					.sorted(java.util.Comparator.comparingInt(dev.rapport.customers.CustomerLinks.Link::order))
					.toList());
		model.addAttribute("changes", this.companies.history(company.id(), 50));
		timelineModel(company, null, null, model);
		return "customers/company";
	}

	@GetMapping("/{id}/timeline")
	String timeline(@PathVariable String id, @RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String before, Model model) {
		CompanyView company = this.companies.get(Ids.parse("company", id));
		timelineModel(company, kind, (before != null && !before.isBlank()) ? Ids.parse("entry", before) : null, model);
		return "customers/_timeline";
	}

	private void timelineModel(CompanyView company, @Nullable String kind, @Nullable UUID before, Model model) {
		java.util.Set<String> kinds = (kind != null && !kind.isBlank()) ? java.util.Set.of(kind.split(",")) : null;
		List<dev.rapport.customers.timeline.TimelineItem> items = this.timeline.ofCompany(company.id(), kinds, before,
				PersonController.TIMELINE_PAGE + 1);
		this.timelineRows.addTo(model, items, PersonController.TIMELINE_PAGE, kind,
				"/companies/" + company.id() + "/timeline");
	}

	@GetMapping("/{id}/edit")
	String edit(@PathVariable String id, Model model) {
		CompanyView company = this.companies.get(Ids.parse("company", id));
		model.addAttribute("form", CompanyForm.of(company));
		return form(model, company);
	}

	@PostMapping("/{id}")
	String update(@PathVariable String id, @ModelAttribute("form") CompanyForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		CompanyView company = this.companies.get(Ids.parse("company", id));
		if (result.hasErrors()) {
			return form(model, company);
		}
		try {
			this.companies.update(company.id(), (form.version() != null) ? form.version() : -1, form.change());
			redirect.addFlashAttribute("saved", company.name());
			return "redirect:/companies/" + company.id();
		}
		catch (StaleVersionException ex) {
			CompanyView current = this.companies.get(company.id());
			model.addAttribute("stale", current);
			model.addAttribute("form", form.withVersion(current.version()));
			return form(model, current);
		}
		catch (InvalidFieldsException ex) {
			Forms.reject(result, ex);
			return form(model, company);
		}
		catch (BusinessRuleException ex) {
			Forms.reject(result, ex);
			return form(model, company);
		}
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable String id, @RequestParam int version, RedirectAttributes redirect) {
		CompanyView company = this.companies.get(Ids.parse("company", id));
		try {
			this.companies.delete(company.id(), version);
			redirect.addFlashAttribute("deleted", company.name());
			return "redirect:/companies";
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("problem", "form.stale");
			return "redirect:/companies/" + company.id();
		}
	}

	private String form(Model model, @Nullable CompanyView company) {
		model.addAttribute("company", company);
		model.addAttribute("owners", this.users.active());
		model.addAttribute("teams", this.teams.list());
		model.addAttribute("sizeBands", CompanyService.SIZE_BANDS);
		model.addAttribute("customFields", this.customFields.fieldsOf(CustomFields.COMPANY, false));
		model.addAttribute("addressLabels",
				this.pages.labels(ContactLabel.WORK, ContactLabel.HOME, ContactLabel.OTHER));
		Object formObject = model.getAttribute("form");
		UUID parentId = (formObject instanceof CompanyForm f) ? f.parentId() : null;
		model.addAttribute("parent", (parentId != null) ? this.companies.find(parentId).orElse(null) : null);
		return "customers/company-form";
	}

}
