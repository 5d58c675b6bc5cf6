package dev.rapport.activities.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The rule of a recurring task, stored as {@code <unit>:<interval>[:<day>]}: unit daily,
 * weekly, monthly or yearly, interval 1 to 99, and for monthly and yearly rules the day
 * of the month the series is anchored on (so a task on the 31st comes back on the last
 * day of shorter months and on the 31st again after them). Examples: {@code daily:1},
 * {@code weekly:2}, {@code monthly:1:31}.
 */
record Recurrence(String unit, int interval, int day) {

	static final List<String> UNITS = List.of("daily", "weekly", "monthly", "yearly");

	/**
	 * Parses a rule as sent ({@code weekly:2}, or {@code weekly} for every week); empty
	 * for text that is not a rule.
	 */
	static java.util.Optional<Recurrence> parse(@Nullable String text, LocalDate first) {
		if (text == null || text.isBlank()) {
			return java.util.Optional.empty();
		}
		String[] parts = text.strip().toLowerCase(Locale.ROOT).split(":");
		if (parts.length > 3 || !UNITS.contains(parts[0])) {
			return java.util.Optional.empty();
		}
		try {
			int interval = (parts.length > 1) ? Integer.parseInt(parts[1]) : 1;
			int day = (parts.length > 2) ? Integer.parseInt(parts[2]) : first.getDayOfMonth();
			if (interval < 1 || interval > 99 || day < 1 || day > 31) {
				return java.util.Optional.empty();
			}
			return java.util.Optional.of(new Recurrence(parts[0], interval, day));
		}
		catch (NumberFormatException ex) {
			return java.util.Optional.empty();
		}
	}

	/** Whether the text is a rule this class can read. */
	static boolean valid(@Nullable String text) {
		return parse(text, LocalDate.of(2000, 1, 1)).isPresent();
	}

	String format() {
		return anchored() ? this.unit + ":" + this.interval + ":" + this.day : this.unit + ":" + this.interval;
	}

	private boolean anchored() {
		return this.unit.equals("monthly") || this.unit.equals("yearly");
	}

	/** The date of the occurrence after the one on this date. */
	LocalDate next(LocalDate date) {
		return switch (this.unit) {
			case "daily" -> date.plusDays(this.interval);
			case "weekly" -> date.plusWeeks(this.interval);
			case "monthly" -> anchor(date.withDayOfMonth(1).plusMonths(this.interval));
			default -> anchor(date.withDayOfMonth(1).plusYears(this.interval));
		};
	}

	private LocalDate anchor(LocalDate firstOfMonth) {
		return firstOfMonth.withDayOfMonth(Math.min(this.day, firstOfMonth.lengthOfMonth()));
	}

}
