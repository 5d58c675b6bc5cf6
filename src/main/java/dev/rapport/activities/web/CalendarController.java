package dev.rapport.activities.web;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.time.temporal.TemporalAdjusters;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

import dev.rapport.activities.internal.calendar.CalendarFeeds;
import dev.rapport.activities.internal.calendar.CalendarItem;
import dev.rapport.activities.internal.calendar.CalendarService;
import dev.rapport.identity.UserView;
import dev.rapport.platform.ActorPrincipal;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Ids;

/**
 * The calendar pages: a week or a month of a user's calls, meetings and dated tasks in
 * the viewer's time zone, and the page to make or revoke the private subscription URL.
 */
@Controller
@RequestMapping("/calendar")
class CalendarController {

	private final CalendarService calendar;

	private final CalendarFeeds feeds;

	private final Clock clock;

	CalendarController(CalendarService calendar, CalendarFeeds feeds, Clock clock) {
		this.calendar = calendar;
		this.feeds = feeds;
		this.clock = clock;
	}

	/** One item on a day. */
	record Entry(UUID id, String kind, String title, @Nullable String time, @Nullable String datetime, boolean done) {
	}

	/** One day of the grid. */
	record Day(LocalDate date, String label, boolean today, boolean inMonth, List<Entry> entries) {
	}

	@GetMapping
	String calendar(@RequestParam(required = false) @Nullable String view,
			@RequestParam(required = false) @Nullable String date,
			@RequestParam(required = false) @Nullable String user, Model model) {
		ActorPrincipal viewer = Actors.principal().orElseThrow();
		ZoneId zone = viewer.timeZone();
		Locale locale = viewer.locale();
		UserView owner = this.calendar.owner((user != null) ? Ids.parse("user", user) : null);
		boolean month = "month".equals(view);
		LocalDate today = LocalDate.now(this.clock.withZone(zone));
		LocalDate anchor = parse(date, today);
		DayOfWeek firstDay = firstDayOfWeek(locale);
		LocalDate first;
		LocalDate last;
		LocalDate previous;
		LocalDate next;
		String title;
		if (month) {
			LocalDate monthStart = anchor.withDayOfMonth(1);
			first = monthStart.with(TemporalAdjusters.previousOrSame(firstDay));
			last = anchor.with(TemporalAdjusters.lastDayOfMonth())
				.with(TemporalAdjusters.nextOrSame(firstDay.minus(1)));
			previous = monthStart.minusMonths(1);
			next = monthStart.plusMonths(1);
			title = DateTimeFormatter.ofPattern("LLLL yyyy", locale).format(monthStart);
		}
		else {
			first = anchor.with(TemporalAdjusters.previousOrSame(firstDay));
			last = first.plusDays(6);
			previous = first.minusWeeks(1);
			next = first.plusWeeks(1);
			DateTimeFormatter medium = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
			title = medium.format(first) + " – " + medium.format(last);
		}
		DateTimeFormatter timeFormat = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
		Map<LocalDate, List<Entry>> byDay = this.calendar.items(owner.id(), first, last, zone, false)
			.stream()
			.collect(Collectors.groupingBy((item) -> item.firstDay(zone), Collectors
				.mapping((item) -> entry(item, zone, timeFormat), Collectors.toCollection(ArrayList::new))));
		DateTimeFormatter dayLabel = DateTimeFormatter.ofPattern(month ? "d" : "EEE d", locale);
		List<Day> days = new ArrayList<>();
		for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
			List<Entry> entries = byDay.getOrDefault(d, List.of());
			// All-day items lead the day.
			entries = entries.stream().sorted((a, b) -> Boolean.compare(a.time() != null, b.time() != null)).toList();
			days.add(new Day(d, dayLabel.format(d), d.equals(today), !month || d.getMonth() == anchor.getMonth(),
					entries));
		}
		List<List<Day>> weeks = new ArrayList<>();
		for (int i = 0; i < days.size(); i += 7) {
			weeks.add(days.subList(i, Math.min(i + 7, days.size())));
		}
		DateTimeFormatter weekdayName = DateTimeFormatter.ofPattern("EEE", locale);
		List<String> weekdays = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			weekdays.add(weekdayName.format(first.plusDays(i)));
		}
		String viewName = month ? "month" : "week";
		String userParam = owner.id().equals(viewer.actor().userId()) ? null : owner.id().toString();
		model.addAttribute("view", viewName);
		model.addAttribute("rangeTitle", title);
		model.addAttribute("owner", owner);
		model.addAttribute("ownCalendar", userParam == null);
		model.addAttribute("days", days);
		model.addAttribute("weeks", weeks);
		model.addAttribute("weekdays", weekdays);
		model.addAttribute("date", anchor.toString());
		model.addAttribute("previousUrl", url(viewName, previous, userParam));
		model.addAttribute("nextUrl", url(viewName, next, userParam));
		model.addAttribute("todayUrl", url(viewName, null, userParam));
		model.addAttribute("weekUrl", url("week", anchor, userParam));
		model.addAttribute("monthUrl", url("month", anchor, userParam));
		model.addAttribute("reachable", this.calendar.reachable());
		model.addAttribute("zone", zone.getId());
		return "activities/calendar";
	}

	@GetMapping("/subscribe")
	String subscribe(Model model) {
		model.addAttribute("feed", this.feeds.status().orElse(null));
		return "activities/calendar-subscribe";
	}

	@PostMapping("/subscribe")
	String createFeed(RedirectAttributes redirect) {
		CalendarFeeds.Created created = this.feeds.rotate();
		redirect.addFlashAttribute("feedUrl", feedUrl(created.token()));
		return "redirect:/calendar/subscribe";
	}

	@PostMapping("/subscribe/revoke")
	String revokeFeed(RedirectAttributes redirect) {
		if (this.feeds.revoke()) {
			redirect.addFlashAttribute("notice", "calendar.subscribe.revoked");
		}
		return "redirect:/calendar/subscribe";
	}

	/** The address of a feed, on the host the request came to. */
	static String feedUrl(String token) {
		return ServletUriComponentsBuilder.fromCurrentContextPath()
			.path("/calendar/feed/{token}.ics")
			.buildAndExpand(token)
			.toUriString();
	}

	private static Entry entry(CalendarItem item, ZoneId zone, DateTimeFormatter timeFormat) {
		if (item.allDay()) {
			return new Entry(item.id(), item.kind(), item.title(), null, null, item.done());
		}
		var start = item.startsAt().atZoneSameInstant(zone);
		return new Entry(item.id(), item.kind(), item.title(), timeFormat.format(start),
				start.toOffsetDateTime().toString(), item.done());
	}

	private static String url(String view, @Nullable LocalDate date, @Nullable String user) {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/calendar").queryParam("view", view);
		if (date != null) {
			url.queryParam("date", date);
		}
		if (user != null) {
			url.queryParam("user", user);
		}
		return url.toUriString();
	}

	/**
	 * The first day of the week where the user's language is spoken. A language without a
	 * region (the user setting is one) would give the root locale's Sunday, so it is read
	 * with the region where the language is mostly used.
	 */
	static DayOfWeek firstDayOfWeek(Locale locale) {
		Locale withRegion = locale;
		if (locale.getCountry().isEmpty()) {
			String region = LIKELY_REGIONS.getOrDefault(locale.getLanguage(), "001");
			withRegion = new Locale.Builder().setLocale(locale).setRegion(region).build();
		}
		return WeekFields.of(withRegion).getFirstDayOfWeek();
	}

	private static final Map<String, String> LIKELY_REGIONS = Map.ofEntries(Map.entry("en", "US"),
			Map.entry("es", "ES"), Map.entry("nl", "NL"), Map.entry("zh", "CN"), Map.entry("fa", "IR"),
			Map.entry("ar", "EG"), Map.entry("he", "IL"), Map.entry("de", "DE"), Map.entry("fr", "FR"),
			Map.entry("pt", "BR"), Map.entry("ja", "JP"), Map.entry("it", "IT"));

	private static LocalDate parse(@Nullable String date, LocalDate today) {
		if (date == null || date.isBlank()) {
			return today;
		}
		try {
			return LocalDate.parse(date.trim());
		}
		catch (DateTimeParseException ex) {
			return today;
		}
	}

}
