package dev.rapport.activities.internal.calendar;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Writes calendar items as an iCalendar stream (RFC 5545) that Google Calendar, Outlook
 * and Thunderbird subscribe to. Every item is a {@code VEVENT}, tasks included: Google
 * Calendar ignores {@code VTODO}, so a task with a due time is a short event at that time
 * and a task due on a day is an all-day event.
 */
public final class ICalendar {

	/** The longest content line in octets, without its CRLF. */
	static final int LINE_OCTETS = 75;

	private static final String CRLF = "\r\n";

	private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

	private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

	private final StringBuilder out = new StringBuilder();

	private ICalendar() {
	}

	/** How an activity is linked from the calendar. */
	public interface Links {

		String activity(CalendarItem item);

	}

	/**
	 * A whole calendar with these items; all-day items are placed on their day in
	 * {@code zone}.
	 */
	public static String of(String name, List<CalendarItem> items, ZoneId zone, Links links) {
		ICalendar calendar = new ICalendar();
		calendar.line("BEGIN", "VCALENDAR");
		calendar.line("PRODID", "-//Rapport//Rapport CRM//EN");
		calendar.line("VERSION", "2.0");
		calendar.line("CALSCALE", "GREGORIAN");
		calendar.line("METHOD", "PUBLISH");
		calendar.line("X-WR-CALNAME", text(name));
		calendar.line("X-WR-TIMEZONE", zone.getId());
		for (CalendarItem item : items) {
			calendar.event(item, zone, links.activity(item));
		}
		calendar.line("END", "VCALENDAR");
		return calendar.out.toString();
	}

	private void event(CalendarItem item, ZoneId zone, String url) {
		line("BEGIN", "VEVENT");
		line("UID", item.id() + "@rapport");
		line("DTSTAMP", utc(item.updatedAt()));
		line("LAST-MODIFIED", utc(item.updatedAt()));
		if (item.allDay()) {
			LocalDate day = item.allDayDate(zone);
			line("DTSTART;VALUE=DATE", DATE.format(day));
			line("DTEND;VALUE=DATE", DATE.format(day.plusDays(1)));
			line("TRANSP", "TRANSPARENT");
		}
		else {
			line("DTSTART", utc(item.startsAt()));
			line("DTEND", utc(item.effectiveEnd()));
			line("TRANSP", "task".equals(item.kind()) ? "TRANSPARENT" : "OPAQUE");
		}
		line("SUMMARY", text(item.title()));
		if (item.place() != null && !item.place().isBlank()) {
			line("LOCATION", text(item.place()));
		}
		StringBuilder description = new StringBuilder();
		if (item.notes() != null && !item.notes().isBlank()) {
			description.append(item.notes().strip()).append("\n\n");
		}
		if (item.link() != null && !item.link().isBlank()) {
			description.append(item.link().strip()).append("\n\n");
		}
		description.append(url);
		line("DESCRIPTION", text(description.toString()));
		line("URL", url);
		line("CATEGORIES", item.kind().toUpperCase(java.util.Locale.ROOT));
		line("STATUS", item.canceled() ? "CANCELLED" : "CONFIRMED");
		line("SEQUENCE", Integer.toString(item.version()));
		line("END", "VEVENT");
	}

	private void line(String name, String value) {
		this.out.append(fold(name + ":" + value)).append(CRLF);
	}

	/**
	 * Escapes a TEXT value (RFC 5545 section 3.3.11): backslash, semicolon and comma get
	 * a backslash, line breaks become {@code \n}.
	 */
	static String text(@Nullable String value) {
		if (value == null) {
			return "";
		}
		StringBuilder escaped = new StringBuilder(value.length() + 8);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> escaped.append("\\\\");
				case ';' -> escaped.append("\\;");
				case ',' -> escaped.append("\\,");
				case '\n' -> escaped.append("\\n");
				case '\r' -> {
					escaped.append("\\n");
					if (i + 1 < value.length() && value.charAt(i + 1) == '\n') {
						i++;
					}
				}
				default -> {
					// Other control characters are not allowed in TEXT.
					if (c >= 0x20 || c == '\t') {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

	/**
	 * Folds a content line so no line is longer than 75 octets of UTF-8; a continuation
	 * line starts with a space. A character is never split across lines.
	 */
	static String fold(String line) {
		StringBuilder folded = new StringBuilder(line.length() + 16);
		int octets = 0;
		int i = 0;
		while (i < line.length()) {
			int codePoint = line.codePointAt(i);
			String character = new String(Character.toChars(codePoint));
			int size = character.getBytes(StandardCharsets.UTF_8).length;
			if (octets + size > LINE_OCTETS) {
				folded.append(CRLF).append(' ');
				octets = 1;
			}
			folded.append(character);
			octets += size;
			i += Character.charCount(codePoint);
		}
		return folded.toString();
	}

	private static String utc(OffsetDateTime time) {
		return UTC_TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
	}

}
