package dev.rapport.exchange.internal.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** Dates, times and amounts as spreadsheets write them, read into values. */
final class Values {

	private static final Pattern NUMERIC_DATE = Pattern.compile("^(\\d{1,4})[-/.](\\d{1,2})[-/.](\\d{1,4})$");

	private Values() {
	}

	/**
	 * A date written as ISO ({@code 2024-03-01}), day first ({@code 01-03-2024},
	 * {@code 1.3.2024}, {@code 01/03/2024}) or month first when the day is over 12
	 * ({@code 03/25/2024}); a date-time keeps its date.
	 */
	static Optional<LocalDate> date(String text) {
		String t = text.strip();
		if (t.length() > 10 && (t.charAt(10) == 'T' || t.charAt(10) == ' ')) {
			t = t.substring(0, 10);
		}
		Matcher m = NUMERIC_DATE.matcher(t);
		if (!m.matches()) {
			return Optional.empty();
		}
		try {
			int a = Integer.parseInt(m.group(1));
			int b = Integer.parseInt(m.group(2));
			int c = Integer.parseInt(m.group(3));
			if (m.group(1).length() == 4) {
				return Optional.of(LocalDate.of(a, b, c));
			}
			if (m.group(3).length() != 4) {
				return Optional.empty();
			}
			if (b > 12 && a <= 12) {
				return Optional.of(LocalDate.of(c, a, b));
			}
			return Optional.of(LocalDate.of(c, b, a));
		}
		catch (java.time.DateTimeException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/** A time as ISO with or without a zone (UTC when none), or a date (midnight UTC). */
	static Optional<OffsetDateTime> time(String text) {
		String t = text.strip().replace(' ', 'T');
		try {
			return Optional.of(OffsetDateTime.parse(t));
		}
		catch (DateTimeParseException ex) {
			// not with a zone
		}
		try {
			return Optional.of(LocalDateTime.parse(t).atOffset(ZoneOffset.UTC));
		}
		catch (DateTimeParseException ex) {
			// not a local date-time either
		}
		return date(text).map((d) -> d.atStartOfDay().atOffset(ZoneOffset.UTC));
	}

	/**
	 * An amount with a decimal comma or point and thousands separators, with or without a
	 * currency sign: {@code 1.234,56}, {@code $1,234.56}, {@code 1 234}.
	 */
	static Optional<BigDecimal> amount(String text) {
		String t = text.strip().replaceAll("[\\s\\u00a0\\u202f'€$£¥]", "");
		if (t.matches("^[A-Za-z]{3}.*")) {
			t = t.substring(3);
		}
		else if (t.matches(".*[A-Za-z]{3}$")) {
			t = t.substring(0, t.length() - 3);
		}
		if (t.isEmpty() || !t.matches("^[-+]?[0-9.,]+$")) {
			return Optional.empty();
		}
		int comma = t.lastIndexOf(',');
		int point = t.lastIndexOf('.');
		int decimal = Math.max(comma, point);
		if (decimal >= 0) {
			char mark = t.charAt(decimal);
			int digitsAfter = t.length() - decimal - 1;
			boolean single = t.indexOf(mark) == decimal;
			boolean other = (mark == ',') ? point >= 0 : comma >= 0;
			// 1,234 or 1.234 alone is a thousands separator only when three digits follow
			// and the other mark does not appear.
			if (!other && single && digitsAfter == 3 && mark == ',') {
				decimal = -1;
			}
			else if (!single && !other) {
				decimal = -1;
			}
		}
		StringBuilder plain = new StringBuilder();
		for (int i = 0; i < t.length(); i++) {
			char c = t.charAt(i);
			if (Character.isDigit(c) || c == '-' || c == '+') {
				plain.append(c);
			}
			else if (i == decimal) {
				plain.append('.');
			}
		}
		try {
			return Optional.of(new BigDecimal(plain.toString()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
