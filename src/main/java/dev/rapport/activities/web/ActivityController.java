package dev.rapport.activities.web;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.activities.ActivityInput;
import dev.rapport.activities.ActivityPage;
import dev.rapport.activities.ActivityQuery;
import dev.rapport.activities.ActivityView;
import dev.rapport.activities.internal.ActivityService;
import dev.rapport.activities.internal.ReminderSchedule;
import dev.rapport.customers.Customers;
import dev.rapport.identity.Users;
import dev.rapport.platform.ActorPrincipal;
import dev.rapport.platform.Actors;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.StaleVersionException;

/**
 * The pages of activities: the lists (my open tasks, overdue, today, this week, all
 * open), the form to add or change a task, call, meeting or note, one activity with the
 * form to complete it, and the fragment other pages embed to show a record's activities.
 */
@Controller
@RequestMapping("/activities")
class ActivityController {

	private static final int PAGE = 50;

	/** The tabs of the list page. */
	static final List<String> TABS = List.of("mine", "overdue", "today", "week", "all");

	/** Where the service's field names are shown in the form. */
	private static final Map<String, String> FORM_FIELDS = Map.ofEntries(Map.entry("kind", "kind"),
			Map.entry("title", "title"), Map.entry("notes", "notes"), Map.entry("priority", "priority"),
			Map.entry("startsAt", "time"), Map.entry("dueOn", "date"), Map.entry("endsAt", "endTime"),
			Map.entry("assigneeId", "assigneeId"), Map.entry("personId", "personId"),
			Map.entry("companyId", "companyId"), Map.entry("dealId", "dealId"), Map.entry("place", "place"),
			Map.entry("link", "link"), Map.entry("recurrence", "frequency"),
			Map.entry("attendeeUserIds", "attendeeUserIds"), Map.entry("reminders", "reminders"));

	private final ActivityService activities;

	private final Customers customers;

	private final Users users;

	ActivityController(ActivityService activities, Customers customers, Users users) {
		this.activities = activities;
		this.customers = customers;
		this.users = users;
	}

	/**
	 * The form of an activity, in the user's time zone, with the version it was read at.
	 */
	record ActivityForm(@Nullable String kind, @Nullable String title, @Nullable String notes,
			@Nullable String priority, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
			@DateTimeFormat(iso = DateTimeFormat.ISO.TIME) @Nullable LocalTime time,
			@DateTimeFormat(iso = DateTimeFormat.ISO.TIME) @Nullable LocalTime endTime, @Nullable UUID assigneeId,
			@Nullable UUID personId, @Nullable UUID companyId, @Nullable UUID dealId, @Nullable String place,
			@Nullable String link, @Nullable String frequency, @Nullable Integer interval,
			@Nullable List<UUID> attendeeUserIds, @Nullable List<Integer> reminders, @Nullable Integer version) {

		static ActivityForm of(ActivityView a, ZoneId zone) {
			LocalDate date = a.dueOn();
			LocalTime time = null;
			LocalTime end = null;
			if (!a.allDay() && a.startsAt() != null) {
				ZonedDateTime start = a.startsAt().atZoneSameInstant(zone);
				date = start.toLocalDate();
				time = start.toLocalTime();
			}
			if (a.endsAt() != null) {
				end = a.endsAt().atZoneSameInstant(zone).toLocalTime();
			}
			String frequency = null;
			Integer interval = null;
			if (a.recurrence() != null) {
				String[] parts = a.recurrence().split(":");
				frequency = parts[0];
				interval = Integer.valueOf(parts[1]);
			}
			return new ActivityForm(a.kind(), a.title(), a.notes(), a.priority(), date, time, end, a.assigneeId(),
					a.personId(), a.companyId(), a.dealId(), a.place(), a.link(), frequency, interval,
					a.attendeeUserIds(), a.reminders(), a.version());
		}

		ActivityInput input(ZoneId zone) {
			OffsetDateTime startsAt = null;
			OffsetDateTime endsAt = null;
			LocalDate dueOn = null;
			if (this.date != null && this.time != null) {
				startsAt = this.date.atTime(this.time).atZone(zone).toOffsetDateTime();
				if (this.endTime != null) {
					endsAt = this.date.atTime(this.endTime).atZone(zone).toOffsetDateTime();
				}
			}
			else if (this.date != null && ActivityView.TASK.equals(this.kind)) {
				dueOn = this.date;
			}
			String recurrence = (this.frequency != null && !this.frequency.isBlank())
					? this.frequency + ":" + ((this.interval != null) ? this.interval : 1) : null;
			return new ActivityInput(this.kind, this.title, this.notes, this.priority, startsAt, endsAt, dueOn,
					this.assigneeId, null, this.personId, this.companyId, this.dealId, this.place, this.link,
					recurrence, (this.attendeeUserIds != null) ? this.attendeeUserIds : List.of(), null,
					(this.reminders != null) ? this.reminders : List.of());
		}

		ActivityForm withVersion(int version) {
			return new ActivityForm(this.kind, this.title, this.notes, this.priority, this.date, this.time,
					this.endTime, this.assigneeId, this.personId, this.companyId, this.dealId, this.place, this.link,
					this.frequency, this.interval, this.attendeeUserIds, this.reminders, version);
		}

	}

	/** How an activity ends, with the version it was read at. */
	record CompleteForm(@Nullable String outcome, @Nullable Boolean logInteraction, @Nullable Integer version) {
	}

	@GetMapping
	String list(@RequestParam(defaultValue = "mine") String tab,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		String shown = TABS.contains(tab) ? tab : "mine";
		ActivityQuery query = query(shown, Actors.require().userId());
		ActivityPage page = this.activities.list(query, cursor, PAGE);
		model.addAttribute("tab", shown);
		model.addAttribute("tabs", TABS);
		model.addAttribute("activities", page.items());
		model.addAttribute("next", page.next());
		model.addAttribute("names", names(page.items()));
		return (htmx != null && cursor != null) ? "activities/_rows" : "activities/activities";
	}

	/** What a tab of the list shows to this user. */
	static ActivityQuery query(String tab, @Nullable UUID me) {
		return switch (tab) {
			case "mine" ->
				new ActivityQuery(me, ActivityView.TASK, ActivityView.OPEN, null, null, null, null, null, null);
			case "all" -> ActivityQuery.view(null, "open");
			default -> ActivityQuery.view(me, tab);
		};
	}

	/**
	 * The activities of a person, company or deal, for their pages: open ones and the
	 * recently finished, with links to add more.
	 */
	@GetMapping("/fragment")
	String fragment(@RequestParam(required = false) @Nullable String person,
			@RequestParam(required = false) @Nullable String company,
			@RequestParam(required = false) @Nullable String deal, Model model) {
		UUID personId = null;
		UUID companyId = null;
		UUID dealId = null;
		String about;
		if (person != null) {
			personId = this.customers.findPerson(Ids.parse("person", person))
				.orElseThrow(() -> new NotFoundException("person", person))
				.id();
			about = "person=" + personId;
		}
		else if (company != null) {
			companyId = this.customers.findCompany(Ids.parse("company", company))
				.orElseThrow(() -> new NotFoundException("company", company))
				.id();
			about = "company=" + companyId;
		}
		else if (deal != null) {
			UUID parsed = Ids.parse("deal", deal);
			dealId = this.activities.dealName(parsed)
				.map((name) -> parsed)
				.orElseThrow(() -> new NotFoundException("deal", deal));
			about = "deal=" + dealId;
		}
		else {
			throw new NotFoundException("activity", "");
		}
		ActivityService.Related related = this.activities.related(personId, companyId, dealId, 20);
		List<ActivityView> all = new ArrayList<>(related.open());
		all.addAll(related.recent());
		model.addAttribute("open", related.open());
		model.addAttribute("recent", related.recent());
		model.addAttribute("names", names(all));
		model.addAttribute("about", about);
		return "activities/_related";
	}

	@GetMapping("/new")
	String newActivity(@RequestParam(defaultValue = "task") String kind,
			@RequestParam(required = false) @Nullable String person,
			@RequestParam(required = false) @Nullable String company,
			@RequestParam(required = false) @Nullable String deal, Model model) {
		UUID personId = (person != null) ? this.customers.findPerson(Ids.parse("person", person))
			.orElseThrow(() -> new NotFoundException("person", person))
			.id() : null;
		UUID companyId = (company != null) ? this.customers.findCompany(Ids.parse("company", company))
			.orElseThrow(() -> new NotFoundException("company", company))
			.id() : null;
		String shown = ActivityView.KINDS.contains(kind) ? kind : ActivityView.TASK;
		LocalDate today = LocalDate.now(zone());
		model.addAttribute("form",
				new ActivityForm(shown, null, null, "normal", ActivityView.NOTE.equals(shown) ? null : today, null,
						null, Actors.require().userId(), personId, companyId,
						(deal != null) ? Ids.parse("deal", deal) : null, null, null, null, null, null, null, null));
		return form(model, null);
	}

	@PostMapping
	String create(@ModelAttribute("form") ActivityForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				ActivityView created = this.activities.create(form.input(zone()));
				redirect.addFlashAttribute("saved", true);
				return "redirect:/activities/" + created.id();
			}
			catch (InvalidFieldsException ex) {
				reject(result, ex.problems());
			}
		}
		return form(model, null);
	}

	@GetMapping("/{id}")
	String show(@PathVariable String id, Model model) {
		ActivityView activity = this.activities.get(Ids.parse("activity", id));
		model.addAttribute("completeForm", new CompleteForm(null, activity.scheduled(), activity.version()));
		return page(activity, model);
	}

	@GetMapping("/{id}/edit")
	String edit(@PathVariable String id, Model model) {
		ActivityView activity = this.activities.get(Ids.parse("activity", id));
		model.addAttribute("form", ActivityForm.of(activity, zone()));
		return form(model, activity);
	}

	@PostMapping("/{id}")
	String update(@PathVariable String id, @ModelAttribute("form") ActivityForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		ActivityView activity = this.activities.get(Ids.parse("activity", id));
		if (result.hasErrors()) {
			return form(model, activity);
		}
		try {
			this.activities.update(activity.id(), (form.version() != null) ? form.version() : -1, form.input(zone()));
			redirect.addFlashAttribute("saved", true);
			return "redirect:/activities/" + activity.id();
		}
		catch (StaleVersionException ex) {
			ActivityView current = this.activities.get(activity.id());
			model.addAttribute("stale", current);
			model.addAttribute("form", form.withVersion(current.version()));
			return form(model, current);
		}
		catch (InvalidFieldsException ex) {
			reject(result, ex.problems());
		}
		return form(model, activity);
	}

	/**
	 * Completes an activity; from a list row (htmx), answers the row as it is now.
	 */
	@PostMapping("/{id}/complete")
	String complete(@PathVariable String id, @ModelAttribute("completeForm") CompleteForm form, BindingResult result,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model,
			RedirectAttributes redirect) {
		ActivityView activity = this.activities.get(Ids.parse("activity", id));
		try {
			ActivityView done = this.activities.complete(activity.id(), (form.version() != null) ? form.version() : -1,
					form.outcome(), Boolean.TRUE.equals(form.logInteraction()));
			if (htmx != null) {
				model.addAttribute("a", done);
				model.addAttribute("names", names(List.of(done)));
				return "activities/_rows :: row";
			}
			redirect.addFlashAttribute("notice", "activities.completed");
			return "redirect:/activities/" + activity.id();
		}
		catch (StaleVersionException ex) {
			model.addAttribute("stale", activity);
			model.addAttribute("completeForm", new CompleteForm(form.outcome(), form.logInteraction(),
					this.activities.get(activity.id()).version()));
		}
		catch (InvalidFieldsException ex) {
			reject(result, ex.problems());
		}
		catch (BusinessRuleException ex) {
			result.reject(ex.messageKey(), ex.arguments(), ex.messageKey());
		}
		return page(this.activities.get(activity.id()), model);
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable String id, @RequestParam(required = false) @Nullable Integer version,
			RedirectAttributes redirect) {
		ActivityView activity = this.activities.get(Ids.parse("activity", id));
		try {
			this.activities.delete(activity.id(), (version != null) ? version : -1);
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("problem", "form.stale");
			return "redirect:/activities/" + activity.id();
		}
		redirect.addFlashAttribute("notice", "activities.deleted");
		return "redirect:/activities";
	}

	@PostMapping("/{id}/stop")
	String stopSeries(@PathVariable String id, @RequestParam(required = false) @Nullable Integer version,
			RedirectAttributes redirect) {
		ActivityView activity = this.activities.get(Ids.parse("activity", id));
		try {
			this.activities.stopSeries(activity.id(), (version != null) ? version : -1);
			redirect.addFlashAttribute("notice", "activities.recurrence.stopped");
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("problem", "form.stale");
		}
		return "redirect:/activities/" + activity.id();
	}

	private String page(ActivityView activity, Model model) {
		model.addAttribute("activity", activity);
		model.addAttribute("changeable", this.activities.changeable(activity));
		model.addAttribute("names", names(List.of(activity)));
		model.addAttribute("person",
				(activity.personId() != null) ? this.customers.findPerson(activity.personId()).orElse(null) : null);
		model.addAttribute("company",
				(activity.companyId() != null) ? this.customers.findCompany(activity.companyId()).orElse(null) : null);
		model.addAttribute("dealName",
				(activity.dealId() != null) ? this.activities.dealName(activity.dealId()).orElse(null) : null);
		model.addAttribute("attendees", activity.attendeeUserIds().stream().map(this.activities::userName).toList());
		return "activities/activity";
	}

	private String form(Model model, @Nullable ActivityView activity) {
		ActivityForm form = (ActivityForm) model.getAttribute("form");
		model.addAttribute("activity", activity);
		model.addAttribute("kinds", ActivityView.KINDS);
		model.addAttribute("priorities", ActivityView.PRIORITIES);
		model.addAttribute("frequencies", List.of("daily", "weekly", "monthly", "yearly"));
		model.addAttribute("offsets", ReminderSchedule.OFFERED);
		model.addAttribute("users", this.users.active());
		if (form != null) {
			model.addAttribute("person",
					(form.personId() != null) ? this.customers.findPerson(form.personId()).orElse(null) : null);
			model.addAttribute("company",
					(form.companyId() != null) ? this.customers.findCompany(form.companyId()).orElse(null) : null);
		}
		return "activities/activity-form";
	}

	/** The names of the assignees of these activities, by id. */
	private Map<UUID, String> names(List<ActivityView> shown) {
		Map<UUID, String> names = new java.util.HashMap<>();
		for (ActivityView a : shown) {
			names.computeIfAbsent(a.assigneeId(), this.activities::userName);
		}
		return names;
	}

	private static ZoneId zone() {
		return Actors.principal().map(ActorPrincipal::timeZone).orElse(java.time.ZoneOffset.UTC);
	}

	private static void reject(BindingResult result, List<BusinessRuleException> problems) {
		Set<String> formFields = Set.copyOf(FORM_FIELDS.values());
		for (BusinessRuleException problem : problems) {
			String field = (problem.field() != null) ? FORM_FIELDS.get(problem.field()) : null;
			if (field != null && formFields.contains(field)) {
				result.rejectValue(field, problem.messageKey(), problem.arguments(), problem.messageKey());
			}
			else {
				result.reject(problem.messageKey(), problem.arguments(), problem.messageKey());
			}
		}
	}

}
