package dev.rapport.activities.internal.reminders;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import dev.rapport.activities.internal.db.tables.records.ActivityRecord;
import dev.rapport.activities.internal.db.tables.records.ReminderRecord;
import dev.rapport.customers.CompanyView;
import dev.rapport.customers.Customers;
import dev.rapport.customers.PersonView;
import dev.rapport.identity.UserView;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.platform.OutgoingMail;

/**
 * The words of a reminder for the person it reminds: the in-app notification (rendered in
 * the reader's language when shown, with the time already in their zone) and the mail, in
 * the user's language and time zone.
 */
@Component
class ReminderTexts {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

	private final MessageSource messages;

	private final Customers customers;

	private final OutgoingMail mail;

	ReminderTexts(MessageSource messages, Customers customers, OutgoingMail mail) {
		this.messages = messages;
		this.customers = customers;
		this.mail = mail;
	}

	record Texts(String notificationKey, List<String> notificationArguments, String link, String subject, String body) {
	}

	Texts of(ActivityRecord activity, ReminderRecord reminder, UserView user, boolean late, OffsetDateTime now) {
		Locale locale = localeOf(user);
		ZoneId zone = zoneOf(user);
		String link = "/activities/" + activity.getId();
		String title = activity.getTitle();
		OffsetDateTime startsAt = activity.getStartsAt();
		String key;
		List<String> arguments;
		String subject;
		if (startsAt == null) {
			key = late ? "reminders.notification.undated.late" : "reminders.notification.undated";
			arguments = List.of(title);
			subject = text("reminders.mail.subject.undated", locale, title);
		}
		else {
			String when = shortTime(startsAt, Boolean.TRUE.equals(activity.getAllDay()), zone, now);
			key = late ? "reminders.notification.late" : "reminders.notification";
			arguments = List.of(title, when);
			subject = text("reminders.mail.subject", locale, title, when);
		}
		return new Texts(key, arguments, link, subject, body(activity, reminder, user, late, locale, zone, link));
	}

	private String body(ActivityRecord activity, ReminderRecord reminder, UserView user, boolean late, Locale locale,
			ZoneId zone, String link) {
		List<String> lines = new ArrayList<>();
		lines.add(text("reminders.mail.greeting", locale, user.displayName()));
		lines.add("");
		lines.add(text("reminders.mail.what", locale, text("reminders.kind." + activity.getKind(), locale),
				activity.getTitle()));
		OffsetDateTime startsAt = activity.getStartsAt();
		if (startsAt != null) {
			ZonedDateTime local = startsAt.atZoneSameInstant(zone);
			if (Boolean.TRUE.equals(activity.getAllDay())) {
				lines.add(text("reminders.mail.due", locale,
						local.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale))));
			}
			else {
				lines.add(text("reminders.mail.when", locale, local.format(
						DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT).withLocale(locale)),
						zone.getId()));
			}
		}
		with(activity, user).ifPresent((names) -> lines.add(text("reminders.mail.with", locale, names)));
		if (activity.getPlace() != null && !activity.getPlace().isBlank()) {
			lines.add(text("reminders.mail.place", locale, activity.getPlace()));
		}
		if (activity.getLink() != null && !activity.getLink().isBlank()) {
			lines.add(text("reminders.mail.link", locale, activity.getLink()));
		}
		if (late) {
			lines.add("");
			lines.add(text("reminders.mail.late", locale,
					reminder.getRemindAt().atZoneSameInstant(zone).format(DATE_TIME)));
		}
		lines.add("");
		lines.add(text("reminders.mail.open", locale, this.mail.link(link)));
		lines.add("");
		lines.add("-- ");
		lines.add(text("reminders.mail.footer", locale));
		return String.join("\n", lines) + "\n";
	}

	/**
	 * The person and company the activity is with, as far as the reminded user may see
	 * them.
	 */
	private Optional<String> with(ActivityRecord activity, UserView user) {
		UUID personId = activity.getPersonId();
		UUID companyId = activity.getCompanyId();
		if (personId == null && companyId == null) {
			return Optional.empty();
		}
		return Actors.callAs(new Actor(activity.getWorkspaceId(), user.id()), () -> {
			List<String> names = new ArrayList<>();
			if (personId != null) {
				this.customers.findPerson(personId).map(PersonView::displayName).ifPresent(names::add);
			}
			if (companyId != null) {
				this.customers.findCompany(companyId).map(CompanyView::name).ifPresent(names::add);
			}
			return names.isEmpty() ? Optional.<String>empty() : Optional.of(String.join(", ", names));
		});
	}

	/**
	 * The activity's time as the notification shows it: the time alone if it is today.
	 */
	static String shortTime(OffsetDateTime startsAt, boolean allDay, ZoneId zone, OffsetDateTime now) {
		ZonedDateTime local = startsAt.atZoneSameInstant(zone);
		if (allDay) {
			return local.format(DATE);
		}
		boolean today = local.toLocalDate().equals(now.atZoneSameInstant(zone).toLocalDate());
		return local.format(today ? TIME : DATE_TIME);
	}

	private String text(String key, Locale locale, @Nullable Object... arguments) {
		return this.messages.getMessage(key, arguments, locale);
	}

	private static Locale localeOf(UserView user) {
		Locale locale = Locale.forLanguageTag(user.locale());
		return locale.getLanguage().isEmpty() ? Locale.ENGLISH : locale;
	}

	private static ZoneId zoneOf(UserView user) {
		try {
			return ZoneId.of(user.timeZone());
		}
		catch (DateTimeException ex) {
			return ZoneOffset.UTC;
		}
	}

}
