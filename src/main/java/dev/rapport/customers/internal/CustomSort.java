package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.CUSTOM_VALUE;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;

import dev.rapport.customers.internal.db.tables.CustomValue;
import dev.rapport.customization.FieldDefinition;
import dev.rapport.customization.FieldType;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Cursor;
import dev.rapport.platform.Ids;

/**
 * A list sorted by a custom field: the record's first value of the field (from the
 * indexed custom_value rows; numbers, money and dates by value, other types by their
 * folded text), records without a value last, then by id. Keyset pages carry the value,
 * whether it was empty, and the id.
 */
final class CustomSort {

	/**
	 * The prefix of a sort by a custom field: {@code custom.<key>}, "-" before it for
	 * descending.
	 */
	static final String PREFIX = "custom.";

	private final CustomValue value = CUSTOM_VALUE.as("sort_value");

	private final FieldDefinition field;

	private final boolean descending;

	private final Field<?> column;

	private CustomSort(FieldDefinition field, boolean descending) {
		this.field = field;
		this.descending = descending;
		this.column = switch (field.type()) {
			case NUMBER, MONEY -> this.value.NUMBER_VALUE;
			case DATE -> this.value.DATE_VALUE;
			default -> this.value.TEXT_VALUE;
		};
	}

	/**
	 * The sort a list's sort parameter names, or null when it names no custom field
	 * ({@code name}, {@code -updatedAt}). An unknown or archived field is refused, naming
	 * the "sort" parameter.
	 */
	static @Nullable CustomSort of(@Nullable String sort, List<FieldDefinition> fields) {
		if (sort == null) {
			return null;
		}
		String spec = sort.strip();
		boolean descending = spec.startsWith("-");
		String key = descending ? spec.substring(1) : spec;
		if (!key.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
			return null;
		}
		String fieldKey = key.substring(PREFIX.length());
		return fields.stream()
			.filter((f) -> f.key().equals(fieldKey))
			.findFirst()
			.map((f) -> new CustomSort(f, descending))
			.orElseThrow(() -> new BusinessRuleException("sort", "customers.sort.unknown-field", fieldKey));
	}

	/** The records' table with their first value of the field joined. */
	Table<?> join(Table<?> records, Field<UUID> workspaceId, Field<UUID> recordId, String kind) {
		return records.leftJoin(this.value)
			.on(this.value.WORKSPACE_ID.eq(workspaceId))
			.and(this.value.RECORD_KIND.eq(kind))
			.and(this.value.RECORD_ID.eq(recordId))
			.and(this.value.FIELD_KEY.eq(this.field.key()))
			.and(this.value.POSITION.eq(0));
	}

	Field<?> column() {
		return this.column;
	}

	List<SortField<?>> order(Field<UUID> recordId) {
		return this.descending ? List.of(this.column.desc().nullsLast(), recordId.desc())
				: List.of(this.column.asc().nullsLast(), recordId.asc());
	}

	/** The records after the cursor's one, in this order. */
	@SuppressWarnings("unchecked")
	Condition after(String cursor, Field<UUID> recordId) {
		List<String> parts = Cursor.decode(cursor, 3);
		UUID id = Ids.parse("cursor", parts.get(2));
		Condition laterId = this.descending ? recordId.lt(id) : recordId.gt(id);
		if ("n".equals(parts.get(1))) {
			return this.column.isNull().and(laterId);
		}
		Field<Object> column = (Field<Object>) this.column;
		Object at = parse(parts.get(0));
		Condition beyond = this.descending ? column.lt(at) : column.gt(at);
		return beyond.or(column.eq(at).and(laterId)).or(column.isNull());
	}

	String cursor(Record last, Field<UUID> recordId) {
		Object at = last.get(this.column);
		String text = (at == null) ? "" : (at instanceof BigDecimal number) ? number.toPlainString() : at.toString();
		return Cursor.encode(text, (at == null) ? "n" : "v", last.get(recordId).toString());
	}

	private Object parse(String text) {
		try {
			if (this.field.type() == FieldType.NUMBER || this.field.type() == FieldType.MONEY) {
				return new BigDecimal(text);
			}
			if (this.field.type() == FieldType.DATE) {
				return LocalDate.parse(text);
			}
			return text;
		}
		catch (NumberFormatException | DateTimeParseException ex) {
			throw new BusinessRuleException("cursor", "problem.cursor.invalid");
		}
	}

}
