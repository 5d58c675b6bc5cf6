package dev.rapport.activities.internal.myday;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.CustomerSignals;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.identity.AccessScope;
import dev.rapport.identity.UserView;
import dev.rapport.identity.Users;
import dev.rapport.platform.NotFoundException;
import dev.rapport.sales.DealSignals;

/**
 * One user's "my day": what to do now, in sections (overdue tasks, calls, meetings, idle
 * and stalled deals, birthdays, customers at risk, untouched leads, renewals), each item
 * with its reason and the one-click actions that deal with it. A user sees their own day;
 * a manager the day of the people below them, an administrator anyone's; any other day is
 * not found.
 */
@Service
public class MyDay {

	/** Totals are counted up to this many; a total this high reads "99+". */
	public static final int COUNT_CAP = 100;

	/** How many items a section shows. */
	public static final int SECTION_LIMIT = 10;

	private final AccessPolicy accessPolicy;

	private final Users users;

	private final MyDaySettings settings;

	private final MyDayActivities activities;

	private final CustomerSignals customers;

	private final DealSignals deals;

	private final Clock clock;

	MyDay(AccessPolicy accessPolicy, Users users, MyDaySettings settings, MyDayActivities activities,
			CustomerSignals customers, DealSignals deals, Clock clock) {
		this.accessPolicy = accessPolicy;
		this.users = users;
		this.settings = settings;
		this.activities = activities;
		this.customers = customers;
		this.deals = deals;
		this.clock = clock;
	}

	/** A day: whose, which date in their zone, and its sections in order. */
	public record Day(UUID userId, String userName, ZoneId zone, LocalDate date, List<Section> sections) {

		public boolean empty() {
			return this.sections.stream().allMatch((s) -> s.items().isEmpty());
		}

	}

	/**
	 * A section: its key (message {@code myday.section.<key>}), the items shown and the
	 * total counted up to {@link #COUNT_CAP}.
	 */
	public record Section(String key, int total, List<Item> items) {

		/** The total as shown: "99+" once it reaches the cap. */
		public String totalText() {
			return (this.total >= COUNT_CAP) ? (COUNT_CAP - 1) + "+" : String.valueOf(this.total);
		}

	}

	/**
	 * One thing to do: the record it is about, its title, the reason (a message key and
	 * its arguments), an optional detail (a deal's amount), the person it concerns and
	 * the actions.
	 */
	public record Item(String kind, String recordType, UUID recordId, String title, String reason,
			List<Object> arguments, @Nullable String detail, @Nullable UUID personId, @Nullable String personName,
			@Nullable Integer version, List<Action> actions) {
	}

	/**
	 * A one-click action: {@code call} (a tel: link), {@code log} (the person's
	 * log-interaction form), {@code reschedule} (POST, moves to tomorrow), {@code open}.
	 */
	public record Action(String kind, String href, String method) {
	}

	/**
	 * The user whose day the current user asks for: themselves when none is named;
	 * another user only when within reach (a report, or anyone for an administrator),
	 * otherwise not found.
	 */
	@Transactional(readOnly = true)
	public UserView whose(@Nullable UUID requested) {
		AccessScope scope = this.accessPolicy.currentScope();
		UUID userId = (requested != null) ? requested : scope.userId();
		if (!userId.equals(scope.userId()) && !scope.administrator() && !scope.reports().contains(userId)) {
			throw new NotFoundException("user", userId);
		}
		return this.users.find(userId).orElseThrow(() -> new NotFoundException("user", userId));
	}

	/**
	 * The day of a user within reach (see {@link #whose}), its times shown in this
	 * locale.
	 */
	@Transactional(readOnly = true)
	public Day of(@Nullable UUID requested, Locale locale) {
		UserView user = whose(requested);
		ZoneId zone = zone(user);
		Instant now = this.clock.instant();
		LocalDate today = now.atZone(zone).toLocalDate();
		MyDaySettings.Settings thresholds = this.settings.current();
		Set<UUID> owners = Set.of(user.id());
		DateTimeFormatter time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
		DateTimeFormatter dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
			.withLocale(locale)
			.withZone(zone);

		MyDayActivities.Found tasks = this.activities.overdueTasks(user.id(), now, today, zone, SECTION_LIMIT);
		MyDayActivities.Found calls = this.activities.calls(user.id(), today, zone, SECTION_LIMIT);
		MyDayActivities.Found meetings = this.activities.meetings(user.id(), today, zone, SECTION_LIMIT);
		MyDayActivities.Found done = this.activities.doneToday(user.id(), today, zone, SECTION_LIMIT);
		Set<UUID> people = new HashSet<>();
		for (MyDayActivities.Found found : List.of(tasks, calls, meetings, done)) {
			found.items().stream().map(MyDayActivities.Row::personId).filter((p) -> p != null).forEach(people::add);
		}
		Map<UUID, CustomerSignals.Contact> contacts = this.customers.contacts(people);

		List<Section> sections = new ArrayList<>();
		sections.add(new Section("tasks", tasks.total(), tasks.items().stream().map((t) -> {
			String reason;
			long amount;
			if (t.allDay()) {
				reason = "myday.reason.task.overdue.days";
				amount = ChronoUnit.DAYS.between(t.startsAt().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate(),
						today);
			}
			else {
				Duration late = Duration.between(t.startsAt().toInstant(), now);
				reason = (late.toDays() >= 1) ? "myday.reason.task.overdue.days" : "myday.reason.task.overdue.hours";
				amount = (late.toDays() >= 1) ? late.toDays() : Math.max(1, late.toHours());
			}
			return activityItem("overdue-task", t, reason, List.of(amount), contacts, true);
		}).toList()));
		sections.add(new Section("calls", calls.total(), calls.items().stream().map((c) -> {
			boolean passed = c.startsAt().toInstant().isBefore(now);
			return passed
					? activityItem("call-to-return", c, "myday.reason.call.missed",
							List.of(dateTime.format(c.startsAt().toInstant())), contacts, true)
					: activityItem("call-today", c, "myday.reason.call.today",
							List.of(time.format(c.startsAt().atZoneSameInstant(zone))), contacts, true);
		}).toList()));
		sections.add(new Section("meetings", meetings.total(),
				meetings.items()
					.stream()
					.map((m) -> activityItem("meeting-today", m, "myday.reason.meeting.today",
							List.of(time.format(m.startsAt().atZoneSameInstant(zone)),
									(m.endsAt() != null) ? time.format(m.endsAt().atZoneSameInstant(zone)) : ""),
							contacts, false))
					.toList()));

		DealSignals.Found idle = this.deals.idle(owners, now, thresholds.dealIdleDays(), SECTION_LIMIT);
		DealSignals.Found stalled = this.deals.stalled(owners, now, thresholds.dealStalledDays(), SECTION_LIMIT);
		sections.add(new Section("deals-idle", idle.total(),
				idle.items().stream().map((d) -> dealItem("idle-deal", d, locale)).toList()));
		sections.add(new Section("deals-stalled", stalled.total(),
				stalled.items().stream().map((d) -> dealItem("stalled-deal", d, locale)).toList()));

		sections.add(personSection("birthdays", "birthday", this.customers.birthdays(owners, today, SECTION_LIMIT)));
		sections.add(personSection("at-risk", "at-risk",
				this.customers.atRisk(owners, now, thresholds.atRiskDays(), SECTION_LIMIT)));
		sections.add(personSection("leads", "untouched-lead",
				this.customers.untouchedLeads(owners, now, thresholds.leadUntouchedHours(), SECTION_LIMIT)));
		if (thresholds.renewalFieldKey() != null) {
			sections.add(personSection("renewals", "renewal", this.customers.renewals(owners,
					thresholds.renewalFieldKey(), today, thresholds.renewalWithinDays(), SECTION_LIMIT)));
		}
		sections.add(new Section("done", done.total(),
				done.items()
					.stream()
					.map((d) -> activityItem("done-today", d,
							(d.outcome() != null) ? "myday.reason.done.outcome" : "myday.reason.done",
							(d.outcome() != null)
									? List.of(time.format(Objects.requireNonNull(d.doneAt()).atZoneSameInstant(zone)),
											d.outcome())
									: List.of(time.format(Objects.requireNonNull(d.doneAt()).atZoneSameInstant(zone))),
							contacts, false))
					.toList()));
		return new Day(user.id(), user.displayName(), zone, today, sections);
	}

	/**
	 * Moves an open task or call of a day within reach to tomorrow (see
	 * {@link MyDayActivities}).
	 */
	@Transactional
	public MyDayActivities.Row reschedule(UUID activityId, int version, @Nullable UUID requested) {
		ZoneId zone = zone(whose(requested));
		LocalDate today = this.clock.instant().atZone(zone).toLocalDate();
		return this.activities.rescheduleToTomorrow(activityId, version, today, zone);
	}

	/** The time zone of a day within reach: its user's. */
	@Transactional(readOnly = true)
	public ZoneId zoneOf(@Nullable UUID requested) {
		return zone(whose(requested));
	}

	private static ZoneId zone(UserView user) {
		try {
			return ZoneId.of(user.timeZone());
		}
		catch (java.time.DateTimeException ex) {
			return ZoneId.of("UTC");
		}
	}

	private static Item activityItem(String kind, MyDayActivities.Row a, String reason, List<Object> arguments,
			Map<UUID, CustomerSignals.Contact> contacts, boolean reschedulable) {
		CustomerSignals.Contact person = (a.personId() != null) ? contacts.get(a.personId()) : null;
		List<Action> actions = new ArrayList<>();
		if (person != null) {
			personActions(actions, person.personId(), person.primaryPhone());
		}
		if (reschedulable) {
			actions.add(new Action("reschedule", "/my-day/activities/" + a.id() + "/reschedule", "POST"));
		}
		actions.add(new Action("open", "/activities/" + a.id(), "GET"));
		return new Item(kind, "activity", a.id(), a.title(), reason, arguments, null,
				(person != null) ? person.personId() : null, (person != null) ? person.displayName() : null,
				a.version(), actions);
	}

	private static Item dealItem(String kind, DealSignals.Signal d, Locale locale) {
		return new Item(kind, "deal", d.dealId(), d.name(), d.reason(), d.arguments(),
				(d.amount() != null) ? money(d.amount(), d.currency(), locale) : null, null, null, null,
				List.of(new Action("open", "/deals/" + d.dealId(), "GET")));
	}

	private static Section personSection(String key, String kind, CustomerSignals.Found found) {
		return new Section(key, found.total(), found.items().stream().map((s) -> {
			List<Action> actions = new ArrayList<>();
			personActions(actions, s.personId(), s.primaryPhone());
			actions.add(new Action("open", "/people/" + s.personId(), "GET"));
			return new Item(kind, "person", s.personId(), s.displayName(), s.reason(), s.arguments(), null,
					s.personId(), s.displayName(), null, actions);
		}).toList());
	}

	private static void personActions(Collection<Action> actions, UUID personId, @Nullable String phone) {
		if (phone != null) {
			actions.add(new Action("call", "tel:" + phone, "GET"));
		}
		actions.add(new Action("log", "/people/" + personId + "#log", "GET"));
	}

	private static String money(BigDecimal amount, String currency, Locale locale) {
		NumberFormat format = NumberFormat.getCurrencyInstance(locale);
		try {
			format.setCurrency(Currency.getInstance(currency));
		}
		catch (IllegalArgumentException ex) {
			return currency + " " + amount.toPlainString();
		}
		return format.format(amount);
	}

}
