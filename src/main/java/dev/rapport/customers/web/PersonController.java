package dev.rapport.customers.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

import dev.rapport.customers.CompanyView;
import dev.rapport.customers.ContactInput.AddressInput;
import dev.rapport.customers.ContactInput.EmailInput;
import dev.rapport.customers.ContactInput.PhoneInput;
import dev.rapport.customers.ContactLabel;
import dev.rapport.customers.CustomerFigure;
import dev.rapport.customers.CustomerFigures;
import dev.rapport.customers.InteractionInput;
import dev.rapport.customers.LifecycleStage;
import dev.rapport.customers.PersonChange;
import dev.rapport.customers.PersonView;
import dev.rapport.customers.internal.CompanyService;
import dev.rapport.customers.internal.ConsentService;
import dev.rapport.customers.internal.InteractionService;
import dev.rapport.customers.internal.ListCount;
import dev.rapport.customers.internal.PersonService.PersonQuery;
import dev.rapport.customers.internal.PersonService.Sort;
import dev.rapport.customers.internal.PersonService;
import dev.rapport.customers.internal.SavedViews;
import dev.rapport.customers.timeline.Timeline;
import dev.rapport.customization.CustomFields;
import dev.rapport.identity.Teams;
import dev.rapport.identity.Users;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.web.Forms;

/**
 * The people pages: the searchable list (htmx, no full reloads), the person's page, the
 * form to add or edit a person, moving between lifecycle stages, and deleting.
 */
@Controller
@RequestMapping("/people")
class PersonController {

	static final int PAGE_SIZE = 50;

	private final PersonService people;

	private final CompanyService companies;

	private final Users users;

	private final Teams teams;

	private final CustomerPages pages;

	private final Timeline timeline;

	private final TimelineRows timelineRows;

	private final InteractionService interactions;

	private final ConsentService consents;

	private final List<CustomerFigures> figures;

	private final CustomFields customFields;

	private final SavedViews views;

	private final dev.rapport.customers.internal.MergedRecords merged;

	private final List<dev.rapport.customers.CustomerLinks> links;

	private final dev.rapport.customers.internal.EndOfLifeService endOfLife;

	PersonController(PersonService people, CompanyService companies, Users users, Teams teams, CustomerPages pages,
			Timeline timeline, TimelineRows timelineRows, InteractionService interactions, ConsentService consents,
			List<CustomerFigures> figures, List<dev.rapport.customers.CustomerLinks> links, CustomFields customFields,
			SavedViews views, dev.rapport.customers.internal.EndOfLifeService endOfLife,
			dev.rapport.customers.internal.MergedRecords merged) {
		this.endOfLife = endOfLife;
		this.merged = merged;
		this.views = views;
		this.customFields = customFields;
		this.links = links;
		this.people = people;
		this.companies = companies;
		this.users = users;
		this.teams = teams;
		this.pages = pages;
		this.timeline = timeline;
		this.timelineRows = timelineRows;
		this.interactions = interactions;
		this.consents = consents;
		this.figures = figures;
	}

	static final int TIMELINE_PAGE = 50;

	/** The form to log an interaction; the time is the user's local time. */
	record InteractionForm(@Nullable String channel, @Nullable String direction,
			java.time.@Nullable LocalDateTime occurredAt, @Nullable Integer minutes, @Nullable String outcome,
			@Nullable String summary) {

		static InteractionForm empty() {
			return new InteractionForm("call", "outbound", null, null, null, null);
		}

	}

	/** The form to record an opt-in or opt-out. */
	record ConsentForm(@Nullable String channel, @Nullable String status, @Nullable String source,
			@Nullable String wording) {

		static ConsentForm empty() {
			return new ConsentForm("email", "opt-in", null, null);
		}

	}

	/** The list's search and filters, as in the address bar. */
	record Filter(@Nullable String q, @Nullable String stage, @Nullable UUID owner, @Nullable String tag,
			@Nullable String sort, @Nullable List<String> ff, @Nullable List<String> fo, @Nullable List<String> fv,
			@Nullable String match, @Nullable List<String> cols) implements ListFilter {

		/** The columns shown when none are chosen. */
		static final List<String> DEFAULT_COLUMNS = List.of("company", "email", "phone", "stage", "owner");

		/** The standard columns one can choose, besides the custom fields. */
		static final List<String> STANDARD_COLUMNS = List.of("company", "email", "phone", "stage", "owner", "jobTitle",
				"source", "updatedAt");

		@Override
		public List<String> defaultColumns() {
			return DEFAULT_COLUMNS;
		}

		/**
		 * Whether nothing narrows the list: the empty state then invites to add the first
		 * person.
		 */
		public boolean isEmpty() {
			return (this.q == null || this.q.isBlank()) && (this.stage == null || this.stage.isBlank())
					&& this.owner == null && (this.tag == null || this.tag.isBlank()) && used() == 0;
		}

		PersonQuery query() {
			LifecycleStage lifecycle = (this.stage != null) ? LifecycleStage.fromCode(this.stage).orElse(null) : null;
			String chosen = (this.sort != null) ? this.sort : "";
			boolean custom = chosen.startsWith("custom.") || chosen.startsWith("-custom.");
			Sort order = switch (custom ? "custom" : chosen) {
				case "updated" -> Sort.RECENTLY_UPDATED;
				case "name" -> Sort.NAME;
				case "custom" -> Sort.CUSTOM;
				// Without a choice, a search shows its best matches first.
				default -> Sort.RELEVANCE;
			};
			return new PersonQuery(this.q, lifecycle, this.owner, null, this.tag, order, filters(),
					"any".equals(this.match), custom ? chosen : null);
		}

	}

	/** One e-mail row of the form. */
	record EmailRow(@Nullable String address, @Nullable String label) {
	}

	/** One phone row of the form. */
	record PhoneRow(@Nullable String number, @Nullable String label) {
	}

	/** One address of the form. */
	record AddressRow(@Nullable String label, @Nullable String street, @Nullable String postalCode,
			@Nullable String city, @Nullable String region, @Nullable String countryCode) {
	}

	/** The person form; tags are typed separated by commas. */
	record PersonForm(@Nullable String givenName, @Nullable String familyName, @Nullable String displayName,
			@Nullable List<EmailRow> emails, @Nullable Integer primaryEmail, @Nullable List<PhoneRow> phones,
			@Nullable Integer primaryPhone, @Nullable List<AddressRow> addresses,
			@org.springframework.format.annotation.DateTimeFormat(
					iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) @Nullable LocalDate birthday,
			@Nullable String jobTitle, @Nullable UUID companyId, @Nullable String source, @Nullable UUID ownerId,
			@Nullable UUID teamId, @Nullable String tags, @Nullable String preferredChannel, @Nullable String notes,
			@Nullable String lifecycleStage, @Nullable Integer version, @Nullable Map<String, List<String>> custom) {

		static PersonForm empty(@Nullable UUID companyId, UUID ownerId) {
			return new PersonForm(null, null, null, List.of(), 0, List.of(), 0, List.of(), null, null, companyId, null,
					ownerId, null, null, null, null, LifecycleStage.LEAD.code(), null, Map.of());
		}

		static PersonForm of(PersonView p) {
			List<EmailRow> emails = p.emails()
				.stream()
				.map((e) -> new EmailRow(e.address(), e.label().code()))
				.toList();
			List<PhoneRow> phones = p.phones()
				.stream()
				.map((ph) -> new PhoneRow(ph.typed(), ph.label().code()))
				.toList();
			List<AddressRow> addresses = p.addresses()
				.stream()
				.map((a) -> new AddressRow(a.label().code(), a.street(), a.postalCode(), a.city(), a.region(),
						a.countryCode()))
				.toList();
			int primaryEmail = Math.max(0, p.emails().stream().map(PersonView.Email::primary).toList().indexOf(true));
			int primaryPhone = Math.max(0, p.phones().stream().map(PersonView.Phone::primary).toList().indexOf(true));
			// A display name made from the given and family names stays empty, so that it
			// follows them.
			String display = p.displayName().equals(PersonService.derivedDisplayName(p.givenName(), p.familyName()))
					? null : p.displayName();
			return new PersonForm(p.givenName(), p.familyName(), display, emails, primaryEmail, phones, primaryPhone,
					addresses, p.birthday(), p.jobTitle(), p.companyId(), p.source(), p.ownerId(), p.teamId(),
					String.join(", ", p.tags()), p.preferredChannel(), p.notes(), p.lifecycleStage().code(),
					p.version(), CustomFieldInputs.formValues(p.custom()));
		}

		/** The form with one empty row more of each kind, to type a new one into. */
		PersonForm withBlankRows() {
			List<EmailRow> e = new ArrayList<>((this.emails != null) ? this.emails : List.of());
			e.add(new EmailRow(null, ContactLabel.WORK.code()));
			List<PhoneRow> p = new ArrayList<>((this.phones != null) ? this.phones : List.of());
			p.add(new PhoneRow(null, ContactLabel.MOBILE.code()));
			List<AddressRow> a = new ArrayList<>((this.addresses != null) ? this.addresses : List.of());
			a.add(new AddressRow(a.isEmpty() ? ContactLabel.WORK.code() : ContactLabel.HOME.code(), null, null, null,
					null, null));
			return new PersonForm(this.givenName, this.familyName, this.displayName, e, this.primaryEmail, p,
					this.primaryPhone, a, this.birthday, this.jobTitle, this.companyId, this.source, this.ownerId,
					this.teamId, this.tags, this.preferredChannel, this.notes, this.lifecycleStage, this.version,
					this.custom);
		}

		PersonForm withCustom(Map<String, List<String>> values) {
			return new PersonForm(this.givenName, this.familyName, this.displayName, this.emails, this.primaryEmail,
					this.phones, this.primaryPhone, this.addresses, this.birthday, this.jobTitle, this.companyId,
					this.source, this.ownerId, this.teamId, this.tags, this.preferredChannel, this.notes,
					this.lifecycleStage, this.version, values);
		}

		PersonChange change() {
			List<EmailInput> e = new ArrayList<>();
			List<EmailRow> emailRows = (this.emails != null) ? this.emails : List.of();
			for (int i = 0; i < emailRows.size(); i++) {
				EmailRow row = emailRows.get(i);
				e.add((row != null) ? new EmailInput(row.address(), row.label(),
						this.primaryEmail != null && this.primaryEmail == i) : null);
			}
			List<PhoneInput> p = new ArrayList<>();
			List<PhoneRow> phoneRows = (this.phones != null) ? this.phones : List.of();
			for (int i = 0; i < phoneRows.size(); i++) {
				PhoneRow row = phoneRows.get(i);
				p.add((row != null)
						? new PhoneInput(row.number(), row.label(), this.primaryPhone != null && this.primaryPhone == i)
						: null);
			}
			List<AddressInput> a = ((this.addresses != null) ? this.addresses : List.<AddressRow>of()).stream()
				.map((row) -> (row != null) ? new AddressInput(row.label(), row.street(), row.postalCode(), row.city(),
						row.region(), row.countryCode()) : null)
				.toList();
			List<String> tagList = (this.tags != null)
					? Arrays.stream(this.tags.split(",")).map(String::strip).filter((t) -> !t.isEmpty()).toList()
					: List.of();
			return new PersonChange(this.givenName, this.familyName, this.displayName, e, p, a, this.birthday,
					this.jobTitle, this.companyId, this.source, this.ownerId, this.teamId, tagList,
					this.preferredChannel, this.notes, (this.custom != null) ? this.custom : Map.of());
		}

	}

	@GetMapping
	String list(@ModelAttribute("filter") Filter filter, @RequestParam(required = false) @Nullable String cursor,
			@RequestHeader(name = "HX-Target", required = false) @Nullable String target, Model model,
			jakarta.servlet.http.HttpServletRequest request) {
		PersonQuery query;
		PersonService.Page page;
		ListCount count;
		try {
			query = filter.query();
			page = this.people.page(query, cursor, PAGE_SIZE);
			count = ("more-people".equals(target)) ? null : this.people.count(query);
		}
		catch (BusinessRuleException ex) {
			// A filter that cannot be read or does not fit its field: say so, and show
			// the
			// list without the filters.
			model.addAttribute("filterProblem", ex);
			query = new PersonQuery(filter.q(), null, filter.owner(), null, filter.tag(), Sort.NAME);
			page = this.people.page(query, null, PAGE_SIZE);
			count = this.people.count(query);
		}
		model.addAttribute("page", page);
		model.addAttribute("stageNames", this.pages.stages());
		ListForms.tools(model, this.customFields.fieldsOf(CustomFields.PERSON, false), filter.columns(),
				Filter.STANDARD_COLUMNS, this.views.visible(CustomFields.PERSON), request);
		if ("more-people".equals(target) && count == null) {
			return "customers/_people-rows";
		}
		model.addAttribute("count", count);
		// The bulk bar's owner choice is in the results, so they need the users too.
		model.addAttribute("owners", this.users.active());
		if ("people-results".equals(target)) {
			return "customers/_people-results";
		}
		return "customers/people";
	}

	/** Applies an action to the people ticked in the list, then shows the list again. */
	@PostMapping("/bulk")
	String bulk(@ModelAttribute("filter") Filter filter, @RequestParam(required = false) @Nullable List<UUID> ids,
			@RequestParam String action, Model model, jakarta.servlet.http.HttpServletRequest request) {
		if (EndOfLifeController.BULK_ACTION.equals(action)) {
			EndOfLifeController.bulk(model, ids, "people",
					(chosen) -> this.endOfLife.bulkPeople(chosen,
							new dev.rapport.customers.EndOfLifeChange(request.getParameter("stateValue"),
									request.getParameter("reasonCodeValue"), null, null, null)));
		}
		else {
			ListForms.bulk(model, ids, action, request, "people", this.people::bulk);
		}
		return list(filter, null, "people-results", model, request);
	}

	/** Saves the list as it is shown now as a view. */
	@PostMapping("/views")
	String saveView(@RequestParam(required = false) @Nullable String name,
			@RequestParam(defaultValue = "false") boolean shared,
			@RequestParam(required = false) @Nullable String query, RedirectAttributes redirect) {
		return ListForms.saveView(this.views, CustomFields.PERSON, "/people", "people", name, shared, query, redirect);
	}

	@PostMapping("/views/{id}/delete")
	String deleteView(@PathVariable String id, RedirectAttributes redirect) {
		return ListForms.deleteView(this.views, id, "/people", redirect);
	}

	@GetMapping("/new")
	String newPerson(@RequestParam(required = false) @Nullable String companyId, Model model) {
		UUID company = null;
		if (companyId != null && !companyId.isBlank()) {
			company = this.companies.get(Ids.parse("company", companyId)).id();
		}
		model.addAttribute("form",
				PersonForm.empty(company, dev.rapport.platform.Actors.require().userId())
					.withBlankRows()
					.withCustom(CustomFieldInputs.defaults(this.customFields.fieldsOf(CustomFields.PERSON, false))));
		return form(model, null);
	}

	@PostMapping
	String create(@ModelAttribute("form") PersonForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return form(model, null);
		}
		try {
			LifecycleStage stage = (form.lifecycleStage() != null)
					? LifecycleStage.fromCode(form.lifecycleStage()).orElse(null) : null;
			PersonView created = this.people.create(form.change(), stage);
			redirect.addFlashAttribute("saved", created.displayName());
			return "redirect:/people/" + created.id();
		}
		catch (InvalidFieldsException ex) {
			rejectOnForm(result, ex);
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
			.of(dev.rapport.customers.CustomerKind.PERSON, Ids.parse("person", id));
		if (mergedInto.isPresent()) {
			redirect.addFlashAttribute("notice", "customers.merged.into");
			redirect.addFlashAttribute("noticeArgs", new Object[] { mergedInto.get().name() });
			return "redirect:/people/" + mergedInto.get().survivorId();
		}
		PersonView person = this.people.get(Ids.parse("person", id));
		if (!model.containsAttribute("interactionForm")) {
			model.addAttribute("interactionForm", InteractionForm.empty());
		}
		if (!model.containsAttribute("consentForm")) {
			model.addAttribute("consentForm", ConsentForm.empty());
		}
		return page(person, null, model);
	}

	@GetMapping("/{id}/timeline")
	String timeline(@PathVariable String id, @RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String before, Model model) {
		PersonView person = this.people.get(Ids.parse("person", id));
		timelineModel(person, kind, (before != null && !before.isBlank()) ? Ids.parse("entry", before) : null, model);
		return "customers/_timeline";
	}

	@PostMapping("/{id}/interactions")
	String logInteraction(@PathVariable String id, @ModelAttribute("interactionForm") InteractionForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		PersonView person = this.people.get(Ids.parse("person", id));
		if (!result.hasErrors()) {
			try {
				java.time.ZoneId zone = dev.rapport.platform.Actors.principal()
					.map(dev.rapport.platform.ActorPrincipal::timeZone)
					.orElse(java.time.ZoneOffset.UTC);
				this.interactions.log(person.id(), new InteractionInput(form.channel(), form.direction(),
						(form.occurredAt() != null) ? form.occurredAt().atZone(zone).toOffsetDateTime() : null,
						(form.minutes() != null) ? form.minutes() * 60 : null, form.outcome(), form.summary(), null));
				redirect.addFlashAttribute("logged", true);
				return "redirect:/people/" + person.id() + "#timeline";
			}
			catch (InvalidFieldsException ex) {
				ex.problems().forEach((p) -> Forms.reject(result, rename(p, "durationSeconds", "minutes")));
			}
		}
		model.addAttribute("consentForm", ConsentForm.empty());
		return page(person, "interaction", model);
	}

	@PostMapping("/{id}/consents")
	String recordConsent(@PathVariable String id, @ModelAttribute("consentForm") ConsentForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		PersonView person = this.people.get(Ids.parse("person", id));
		if (!result.hasErrors()) {
			try {
				this.consents.record(person.id(),
						new ConsentService.ConsentInput(form.channel(), form.status(), form.source(), form.wording()));
				redirect.addFlashAttribute("saved", person.displayName());
				return "redirect:/people/" + person.id() + "#consent";
			}
			catch (InvalidFieldsException ex) {
				Forms.reject(result, ex);
			}
		}
		model.addAttribute("interactionForm", InteractionForm.empty());
		return page(person, "consent", model);
	}

	@GetMapping("/{id}/consents")
	String consentLedger(@PathVariable String id, Model model) {
		PersonView person = this.people.get(Ids.parse("person", id));
		model.addAttribute("person", person);
		model.addAttribute("ledger", this.consents.ledger(person.id()));
		return "customers/consents";
	}

	private String page(PersonView person, @Nullable String failedForm, Model model) {
		model.addAttribute("person", person);
		model.addAttribute("stageName", this.pages.stageName(person.lifecycleStage()));
		model.addAttribute("stageNames", this.pages.stages());
		model.addAttribute("failedForm", failedForm);
		model.addAttribute("consents", this.consents.current(person.id()));
		model.addAttribute("consentChannels", dev.rapport.customers.Consent.CHANNELS);
		model.addAttribute("interactionChannels", dev.rapport.customers.Interaction.CHANNELS);
		List<CustomerFigure> shown = new ArrayList<>();
		java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		for (CustomerFigures source : this.figures) {
			shown.addAll(source.forPerson(person.id(), locale));
		}
		shown.sort(java.util.Comparator.comparingInt(CustomerFigure::order));
		model.addAttribute("figures", shown);
		model.addAttribute("customFields", this.customFields.fieldsOf(CustomFields.PERSON, false));
		model.addAttribute("links",
				this.links.stream()
					.flatMap((l) -> l.forPerson(person.id()).stream())
					.sorted(java.util.Comparator.comparingInt(dev.rapport.customers.CustomerLinks.Link::order))
					.toList());
		model.addAttribute("lastContact", this.interactions.lastContact(person.id()).orElse(null));
		model.addAttribute("changes", this.people.history(person.id(), 50));
		timelineModel(person, null, null, model);
		return "customers/person";
	}

	private void timelineModel(PersonView person, @Nullable String kind, @Nullable UUID before, Model model) {
		java.util.Set<String> kinds = (kind != null && !kind.isBlank()) ? java.util.Set.of(kind.split(",")) : null;
		List<dev.rapport.customers.timeline.TimelineItem> items = this.timeline.ofPerson(person.id(), kinds, before,
				TIMELINE_PAGE + 1);
		this.timelineRows.addTo(model, items, TIMELINE_PAGE, kind, "/people/" + person.id() + "/timeline");
		model.addAttribute("person", person);
	}

	/**
	 * Shows problems beside their inputs; a problem with all the e-mails or phones (a
	 * rule requiring one) goes beside the first row.
	 */
	private static void rejectOnForm(BindingResult result, InvalidFieldsException ex) {
		ex.problems()
			.forEach((p) -> Forms.reject(result,
					rename(rename(p, "emails", "emails[0].address"), "phones", "phones[0].number")));
	}

	private static BusinessRuleException rename(BusinessRuleException problem, String from, String to) {
		return from.equals(problem.field()) ? new BusinessRuleException(to, problem.messageKey(), problem.arguments())
				: problem;
	}

	@GetMapping("/{id}/edit")
	String edit(@PathVariable String id, Model model) {
		PersonView person = this.people.get(Ids.parse("person", id));
		model.addAttribute("form", PersonForm.of(person).withBlankRows());
		return form(model, person);
	}

	@PostMapping("/{id}")
	String update(@PathVariable String id, @ModelAttribute("form") PersonForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		PersonView person = this.people.get(Ids.parse("person", id));
		if (result.hasErrors()) {
			return form(model, person);
		}
		try {
			this.people.update(person.id(), (form.version() != null) ? form.version() : -1, form.change());
			redirect.addFlashAttribute("saved", person.displayName());
			return "redirect:/people/" + person.id();
		}
		catch (StaleVersionException ex) {
			PersonView current = this.people.get(person.id());
			model.addAttribute("stale", current);
			model.addAttribute("form", withVersion(form, current.version()));
			return form(model, current);
		}
		catch (InvalidFieldsException ex) {
			rejectOnForm(result, ex);
			return form(model, person);
		}
		catch (BusinessRuleException ex) {
			Forms.reject(result, ex);
			return form(model, person);
		}
	}

	@PostMapping("/{id}/stage")
	String move(@PathVariable String id, @RequestParam String stage,
			@RequestParam(required = false) @Nullable String reason, @RequestParam int version,
			RedirectAttributes redirect) {
		PersonView person = this.people.get(Ids.parse("person", id));
		try {
			LifecycleStage target = LifecycleStage.fromCode(stage)
				.orElseThrow(() -> new BusinessRuleException("lifecycleStage", "customers.lifecycle.unknown", stage));
			if (target == person.lifecycleStage()) {
				redirect.addFlashAttribute("notice", "person.stage.unchanged");
			}
			else {
				this.people.moveToStage(person.id(), version, target, reason);
				redirect.addFlashAttribute("notice", "person.stage.moved");
				redirect.addFlashAttribute("noticeArgs", new Object[] { this.pages.stageName(target) });
			}
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("problem", "form.stale");
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("problem", ex.messageKey());
			redirect.addFlashAttribute("problemArgs", stageArgs(ex));
		}
		catch (InvalidFieldsException ex) {
			// A validation rule of the workspace refuses the person in that stage.
			BusinessRuleException first = ex.problems().get(0);
			redirect.addFlashAttribute("problem", first.messageKey());
			redirect.addFlashAttribute("problemArgs", first.arguments());
		}
		return "redirect:/people/" + person.id();
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable String id, @RequestParam int version, RedirectAttributes redirect) {
		PersonView person = this.people.get(Ids.parse("person", id));
		try {
			this.people.delete(person.id(), version);
			redirect.addFlashAttribute("deleted", person.displayName());
			return "redirect:/people";
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("problem", "form.stale");
			return "redirect:/people/" + person.id();
		}
	}

	private Object[] stageArgs(BusinessRuleException ex) {
		Object[] args = ex.arguments();
		Object[] named = new Object[args.length];
		for (int i = 0; i < args.length; i++) {
			named[i] = LifecycleStage.fromCode(String.valueOf(args[i]))
				.map(this.pages::stageName)
				.orElse(String.valueOf(args[i]));
		}
		return named;
	}

	private static PersonForm withVersion(PersonForm f, int version) {
		return new PersonForm(f.givenName(), f.familyName(), f.displayName(), f.emails(), f.primaryEmail(), f.phones(),
				f.primaryPhone(), f.addresses(), f.birthday(), f.jobTitle(), f.companyId(), f.source(), f.ownerId(),
				f.teamId(), f.tags(), f.preferredChannel(), f.notes(), f.lifecycleStage(), version, f.custom());
	}

	private String form(Model model, @Nullable PersonView person) {
		model.addAttribute("person", person);
		model.addAttribute("owners", this.users.active());
		model.addAttribute("teams", this.teams.list());
		model.addAttribute("stageNames", this.pages.stages());
		model.addAttribute("emailLabels", this.pages.labels(ContactLabel.WORK, ContactLabel.HOME, ContactLabel.OTHER));
		model.addAttribute("phoneLabels",
				this.pages.labels(ContactLabel.MOBILE, ContactLabel.WORK, ContactLabel.HOME, ContactLabel.OTHER));
		model.addAttribute("addressLabels",
				this.pages.labels(ContactLabel.WORK, ContactLabel.HOME, ContactLabel.OTHER));
		model.addAttribute("channels", PersonService.CHANNELS);
		model.addAttribute("customFields", this.customFields.fieldsOf(CustomFields.PERSON, false));
		Object formObject = model.getAttribute("form");
		UUID companyId = (formObject instanceof PersonForm f) ? f.companyId() : null;
		CompanyView company = (companyId != null) ? this.companies.find(companyId).orElse(null) : null;
		model.addAttribute("company", company);
		return "customers/person-form";
	}

}
