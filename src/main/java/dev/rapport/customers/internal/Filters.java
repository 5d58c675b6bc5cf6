package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.CUSTOM_VALUE;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import dev.rapport.customization.FieldDefinition;
import dev.rapport.customization.FieldType;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.WorkspaceScope;

/**
 * Filters on any field of a list, standard or custom, as {@code field:operator:value}
 * (for example {@code custom.visits_per_month:gte:4} or {@code source:eq:Website}),
 * combined with "all" or "any".
 */
public final class Filters {

	private Filters() {
	}

	/** The operators. */
	public enum Op {

		EQ, NE, CONTAINS, GT, GTE, LT, LTE, SET, UNSET;

		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Optional<Op> fromCode(String code) {
			for (Op op : values()) {
				if (op.code().equals(code.strip().toLowerCase(Locale.ROOT))) {
					return Optional.of(op);
				}
			}
			return Optional.empty();
		}

	}

	/** One filter: a field, an operator and (except for set and unset) a value. */
	public record Filter(String field, Op op, @Nullable String value) {

		/**
		 * Reads {@code field:op:value}; rejects anything else naming the {@code filter}
		 * parameter.
		 */
		public static Filter parse(String text) {
			String[] parts = text.split(":", 3);
			if (parts.length < 2 || parts[0].isBlank()) {
				throw new BusinessRuleException("filter", "customers.filter.syntax", text);
			}
			Op op = Op.fromCode(parts[1])
				.orElseThrow(() -> new BusinessRuleException("filter", "customers.filter.op", parts[1]));
			String value = (parts.length == 3) ? parts[2] : null;
			if (op != Op.SET && op != Op.UNSET && (value == null || value.isEmpty())) {
				throw new BusinessRuleException("filter", "customers.filter.value", text);
			}
			return new Filter(parts[0].strip(), op, value);
		}

	}

	/**
	 * The filters of a list as given in the API ({@code filter} repeated), blank ones
	 * left out; rejects one that cannot be read, naming {@code filter}.
	 */
	public static List<Filter> parseAll(@Nullable List<String> texts) {
		return (texts != null) ? texts.stream().filter((f) -> !f.isBlank()).map(Filter::parse).toList() : List.of();
	}

	/**
	 * Whether filters combine with "any" rather than "all"; rejects anything else naming
	 * {@code match}.
	 */
	public static boolean any(String match) {
		if (!match.equals("all") && !match.equals("any")) {
			throw new BusinessRuleException("match", "customers.filter.match");
		}
		return match.equals("any");
	}

	/** The custom fields of an object by their key, for {@link #condition}. */
	static Map<String, FieldDefinition> byKey(List<FieldDefinition> fields) {
		Map<String, FieldDefinition> byKey = new java.util.HashMap<>();
		fields.forEach((f) -> byKey.put(f.key(), f));
		return byKey;
	}

	/**
	 * The condition of a list of filters on a record id column, or true when there are
	 * none. Standard fields are resolved by {@code standard}; {@code custom.<key>} by the
	 * workspace's custom fields.
	 */
	static Condition condition(List<Filter> filters, boolean any, String recordKind, Field<UUID> recordId,
			Map<String, Field<?>> standard, Map<String, FieldDefinition> custom) {
		if (filters.isEmpty()) {
			return DSL.trueCondition();
		}
		Condition combined = any ? DSL.falseCondition() : DSL.trueCondition();
		for (Filter filter : filters) {
			Condition one;
			if (filter.field().startsWith("custom.")) {
				FieldDefinition field = custom.get(filter.field().substring(7));
				if (field == null) {
					throw new BusinessRuleException("filter", "customers.filter.field", filter.field());
				}
				one = customCondition(filter, field, recordKind, recordId);
			}
			else {
				Field<?> column = standard.get(filter.field());
				if (column == null) {
					throw new BusinessRuleException("filter", "customers.filter.field", filter.field());
				}
				one = standardCondition(filter, column);
			}
			combined = any ? combined.or(one) : combined.and(one);
		}
		return combined;
	}

	@SuppressWarnings("unchecked")
	private static Condition standardCondition(Filter filter, Field<?> column) {
		if (filter.op() == Op.SET) {
			return column.isNotNull();
		}
		if (filter.op() == Op.UNSET) {
			return column.isNull();
		}
		Class<?> type = column.getType();
		if (type == String.class) {
			Field<String> text = (Field<String>) column;
			String value = filter.value();
			return switch (filter.op()) {
				case EQ -> DSL.lower(text).eq(value.toLowerCase(Locale.ROOT));
				case NE -> DSL.lower(text).ne(value.toLowerCase(Locale.ROOT)).or(text.isNull());
				case CONTAINS -> DSL.lower(text).like("%" + escape(value.toLowerCase(Locale.ROOT)) + "%", '\\');
				default ->
					throw new BusinessRuleException("filter", "customers.filter.op-for-text", filter.op().code());
			};
		}
		if (type == OffsetDateTime.class) {
			Field<OffsetDateTime> time = (Field<OffsetDateTime>) column;
			LocalDate day = date(filter);
			OffsetDateTime start = day.atStartOfDay().atOffset(ZoneOffset.UTC);
			OffsetDateTime end = day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
			return switch (filter.op()) {
				case EQ -> time.ge(start).and(time.lt(end));
				case NE -> time.lt(start).or(time.ge(end)).or(time.isNull());
				case GT -> time.ge(end);
				case GTE -> time.ge(start);
				case LT -> time.lt(start);
				case LTE -> time.lt(end);
				default ->
					throw new BusinessRuleException("filter", "customers.filter.op-for-date", filter.op().code());
			};
		}
		if (type == LocalDate.class) {
			Field<LocalDate> date = (Field<LocalDate>) column;
			LocalDate day = date(filter);
			return switch (filter.op()) {
				case EQ -> date.eq(day);
				case NE -> date.ne(day);
				case GT -> date.gt(day);
				case GTE -> date.ge(day);
				case LT -> date.lt(day);
				case LTE -> date.le(day);
				default ->
					throw new BusinessRuleException("filter", "customers.filter.op-for-date", filter.op().code());
			};
		}
		if (type == UUID.class) {
			Field<UUID> id = (Field<UUID>) column;
			UUID value;
			try {
				value = UUID.fromString(filter.value());
			}
			catch (IllegalArgumentException ex) {
				throw new BusinessRuleException("filter", "customers.filter.value", filter.field());
			}
			return switch (filter.op()) {
				case EQ -> id.eq(value);
				case NE -> id.ne(value).or(id.isNull());
				default -> throw new BusinessRuleException("filter", "customers.filter.op-for-id", filter.op().code());
			};
		}
		throw new BusinessRuleException("filter", "customers.filter.field", filter.field());
	}

	private static Condition customCondition(Filter filter, FieldDefinition field, String recordKind,
			Field<UUID> recordId) {
		Condition base = WorkspaceScope.of(CUSTOM_VALUE.WORKSPACE_ID)
			.and(CUSTOM_VALUE.RECORD_KIND.eq(recordKind))
			.and(CUSTOM_VALUE.FIELD_KEY.eq(field.key()));
		if (filter.op() == Op.SET || filter.op() == Op.UNSET) {
			var any = DSL.selectOne().from(CUSTOM_VALUE).where(base).and(CUSTOM_VALUE.RECORD_ID.eq(recordId));
			return (filter.op() == Op.SET) ? DSL.exists(any) : DSL.notExists(any);
		}
		Condition value;
		if (field.type().numeric()) {
			BigDecimal number;
			try {
				number = new BigDecimal(filter.value().strip());
			}
			catch (NumberFormatException ex) {
				throw new BusinessRuleException("filter", "customers.filter.number", field.label());
			}
			value = compare(CUSTOM_VALUE.NUMBER_VALUE, filter.op(), number, filter);
		}
		else if (field.type() == FieldType.DATE) {
			value = compare(CUSTOM_VALUE.DATE_VALUE, filter.op(), date(filter, field.label()), filter);
		}
		else {
			String text = CustomValues.indexText(field.type(),
					field.type().choice() ? option(field, filter.value()) : filter.value());
			value = switch (filter.op()) {
				case EQ, NE -> CUSTOM_VALUE.TEXT_VALUE.eq(text);
				case CONTAINS -> CUSTOM_VALUE.TEXT_VALUE.like("%" + escape(text) + "%", '\\');
				default ->
					throw new BusinessRuleException("filter", "customers.filter.op-for-text", filter.op().code());
			};
		}
		// A check per record (EXISTS) rather than a set (IN): H2 would otherwise read the
		// set through the records' primary key instead of walking the list's order.
		var matching = DSL.selectOne()
			.from(CUSTOM_VALUE)
			.where(base)
			.and(CUSTOM_VALUE.RECORD_ID.eq(recordId))
			.and(value);
		return (filter.op() == Op.NE) ? DSL.notExists(matching) : DSL.exists(matching);
	}

	private static <T> Condition compare(Field<T> column, Op op, T value, Filter filter) {
		return switch (op) {
			case EQ, NE -> column.eq(value);
			case GT -> column.gt(value);
			case GTE -> column.ge(value);
			case LT -> column.lt(value);
			case LTE -> column.le(value);
			default -> throw new BusinessRuleException("filter", "customers.filter.op-for-number", filter.op().code());
		};
	}

	private static LocalDate date(Filter filter) {
		return date(filter, filter.field());
	}

	private static LocalDate date(Filter filter, String name) {
		try {
			return LocalDate.parse(filter.value().strip());
		}
		catch (DateTimeParseException ex) {
			throw new BusinessRuleException("filter", "customers.filter.date", name);
		}
	}

	/**
	 * The stored value of a picklist option given by its value or by its label as people
	 * see it (case and accents ignored); any other text as it is.
	 */
	static String option(FieldDefinition field, String given) {
		String wanted = given.strip();
		for (var option : field.options()) {
			if (option.value().equals(wanted)) {
				return wanted;
			}
		}
		String folded = TextKeys.fold(wanted);
		for (var option : field.options()) {
			if (TextKeys.fold(option.label()).equals(folded)) {
				return option.value();
			}
		}
		return wanted;
	}

	private static String escape(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
