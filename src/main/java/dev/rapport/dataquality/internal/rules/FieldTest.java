package dev.rapport.dataquality.internal.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.rapport.customization.GuardedPattern;

/**
 * One comparison of a rule, compiled: a field, an operator and a value. A list value (the
 * e-mail addresses of a person) is empty without items, and matches when any item matches
 * (not equals: when none equals). Texts compare without regard to case; numbers as
 * numbers and dates as dates when the value reads as one.
 */
record FieldTest(String field, RuleOperator op, @Nullable String value, @Nullable GuardedPattern pattern,
		List<String> choices) {

	static FieldTest compile(String field, RuleOperator op, @Nullable String value) {
		GuardedPattern pattern = (op == RuleOperator.MATCHES && value != null)
				? new GuardedPattern(Pattern.compile(value)) : null;
		List<String> choices = new ArrayList<>();
		if (op == RuleOperator.IN_LIST && value != null) {
			for (String choice : value.split("[,\\n]")) {
				if (!choice.isBlank()) {
					choices.add(choice.strip());
				}
			}
		}
		return new FieldTest(field, op, value, pattern, List.copyOf(choices));
	}

	/** Whether the values of a record pass this test. */
	boolean holds(Map<String, ? extends @Nullable Object> values) {
		List<Object> items = items(values.get(this.field));
		return switch (this.op) {
			case IS_EMPTY -> items.isEmpty();
			case NOT_EMPTY -> !items.isEmpty();
			case NOT_EQUALS -> items.stream().noneMatch(this::equalsValue);
			default -> items.stream().anyMatch(this::itemHolds);
		};
	}

	private boolean itemHolds(Object item) {
		String expected = (this.value != null) ? this.value.strip() : "";
		return switch (this.op) {
			case EQUALS -> equalsValue(item);
			case CONTAINS -> text(item).toLowerCase(Locale.ROOT).contains(expected.toLowerCase(Locale.ROOT));
			case GREATER_THAN -> {
				Integer c = compare(item, expected);
				yield c != null && c > 0;
			}
			case LESS_THAN -> {
				Integer c = compare(item, expected);
				yield c != null && c < 0;
			}
			case MATCHES -> this.pattern != null && this.pattern.matches(text(item));
			case IN_LIST -> this.choices.stream().anyMatch((choice) -> same(item, choice));
			default -> false;
		};
	}

	private boolean equalsValue(Object item) {
		return same(item, (this.value != null) ? this.value.strip() : "");
	}

	private static boolean same(Object item, String expected) {
		Integer c = compare(item, expected);
		return (c != null) ? c == 0 : text(item).equalsIgnoreCase(expected);
	}

	/**
	 * The order of an item and a typed value when both are numbers or both dates; null
	 * when they cannot be compared that way.
	 */
	static @Nullable Integer compare(Object item, String expected) {
		BigDecimal number = number(item);
		if (number != null) {
			BigDecimal other = number(expected);
			return (other != null) ? Integer.valueOf(number.compareTo(other)) : null;
		}
		LocalDate date = date(item);
		if (date != null) {
			LocalDate other = date(expected);
			return (other != null) ? Integer.valueOf(date.compareTo(other)) : null;
		}
		return null;
	}

	private static @Nullable BigDecimal number(Object item) {
		if (item instanceof BigDecimal n) {
			return n;
		}
		if (item instanceof Number n) {
			return new BigDecimal(n.toString());
		}
		if (item instanceof String s && s.strip().matches("[-+]?\\d{1,18}(\\.\\d{1,8})?")) {
			return new BigDecimal(s.strip());
		}
		return null;
	}

	private static @Nullable LocalDate date(Object item) {
		if (item instanceof LocalDate d) {
			return d;
		}
		if (item instanceof OffsetDateTime t) {
			return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
		}
		if (item instanceof TemporalAccessor) {
			return null;
		}
		if (item instanceof String s && s.strip().matches("\\d{4}-\\d{2}-\\d{2}.*")) {
			try {
				return LocalDate.parse(s.strip().substring(0, 10));
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		return null;
	}

	private static String text(Object item) {
		if (item instanceof BigDecimal n) {
			return n.stripTrailingZeros().toPlainString();
		}
		return String.valueOf(item).strip();
	}

	/** The non-empty items of a value: none for null, blank text or an empty list. */
	static List<Object> items(@Nullable Object value) {
		List<Object> items = new ArrayList<>();
		if (value instanceof Collection<?> many) {
			for (Object one : many) {
				items.addAll(items(one));
			}
		}
		else if (value instanceof Object[] array) {
			for (Object one : array) {
				items.addAll(items(one));
			}
		}
		else if (value instanceof CharSequence text) {
			if (!text.toString().isBlank()) {
				items.add(text.toString());
			}
		}
		else if (value != null) {
			items.add(value);
		}
		return items;
	}

}
