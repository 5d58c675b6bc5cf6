package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.CUSTOM_VALUE;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.rapport.customization.CustomFields;
import dev.rapport.customization.FieldDefinition;
import dev.rapport.customization.FieldType;
import dev.rapport.platform.Actors;
import dev.rapport.platform.InvalidFieldsException;

/**
 * The custom values of people and companies: checked by the customization module, kept as
 * JSON in the record's {@code custom} column, and copied into {@code custom_value} rows
 * that filters and sorting use with an index.
 */
@Component
class CustomValues {

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
	};

	private final DSLContext dsl;

	private final CustomFields fields;

	private final JsonMapper json;

	CustomValues(DSLContext dsl, CustomFields fields, JsonMapper json) {
		this.dsl = dsl;
		this.fields = fields;
		this.json = json;
	}

	/**
	 * Checks the values against the object's definitions, adding any problems to those of
	 * the rest of the record.
	 */
	Map<String, Object> validate(InvalidFieldsException.Collector problems, @Nullable Map<String, ?> input,
			@Nullable Map<String, Object> previous, List<FieldDefinition> definitions) {
		try {
			return this.fields.validate(input, previous, definitions);
		}
		catch (InvalidFieldsException ex) {
			problems.addAll(ex);
			return (previous != null) ? previous : Map.of();
		}
	}

	@Nullable JSON json(Map<String, Object> values) {
		return values.isEmpty() ? null : JSON.valueOf(this.json.writeValueAsString(values));
	}

	Map<String, Object> parse(@Nullable JSON value) {
		if (value == null || value.data() == null || value.data().isBlank()) {
			return Map.of();
		}
		Map<String, Object> values = this.json.readValue(value.data(), MAP);
		values.replaceAll(
				(k, v) -> (v instanceof Number n && !(v instanceof BigDecimal)) ? new BigDecimal(n.toString()) : v);
		return values;
	}

	/** Every custom field of an object, archived ones included. */
	List<FieldDefinition> definitions(String objectKind) {
		return this.fields.fieldsOf(objectKind, true);
	}

	/**
	 * Rewrites the index rows of a record from its values, with the object's field
	 * definitions.
	 */
	void replace(String recordKind, UUID recordId, Map<String, Object> values, List<FieldDefinition> definitions) {
		UUID workspaceId = Actors.workspaceId();
		this.dsl.deleteFrom(CUSTOM_VALUE)
			.where(CUSTOM_VALUE.WORKSPACE_ID.eq(workspaceId))
			.and(CUSTOM_VALUE.RECORD_ID.eq(recordId))
			.execute();
		if (values.isEmpty()) {
			return;
		}
		var insert = this.dsl.insertInto(CUSTOM_VALUE, CUSTOM_VALUE.WORKSPACE_ID, CUSTOM_VALUE.RECORD_KIND,
				CUSTOM_VALUE.RECORD_ID, CUSTOM_VALUE.FIELD_KEY, CUSTOM_VALUE.POSITION, CUSTOM_VALUE.TEXT_VALUE,
				CUSTOM_VALUE.NUMBER_VALUE, CUSTOM_VALUE.DATE_VALUE);
		List<org.jooq.Row8<UUID, String, UUID, String, Integer, String, BigDecimal, LocalDate>> rows = rows(workspaceId,
				recordKind, recordId, values, definitions);
		if (!rows.isEmpty()) {
			insert.valuesOfRows(rows).execute();
		}
	}

	/** The index rows of a record's values, as rows for an insert. */
	static List<org.jooq.Row8<UUID, String, UUID, String, Integer, String, BigDecimal, LocalDate>> rows(
			UUID workspaceId, String recordKind, UUID recordId, Map<String, Object> values,
			List<FieldDefinition> fieldList) {
		return values(workspaceId, recordKind, recordId, values, byKey(fieldList)).stream()
			.map((v) -> org.jooq.impl.DSL.row((UUID) v[0], (String) v[1], (UUID) v[2], (String) v[3], (Integer) v[4],
					(String) v[5], (BigDecimal) v[6], (LocalDate) v[7]))
			.toList();
	}

	/** The field definitions by key, to look up many records' values with. */
	static Map<String, FieldDefinition> byKey(List<FieldDefinition> fieldList) {
		Map<String, FieldDefinition> definitions = new LinkedHashMap<>();
		fieldList.forEach((f) -> definitions.put(f.key(), f));
		return definitions;
	}

	/**
	 * The index rows of a record's values (for writing many records at once): workspace,
	 * record kind, record, field key, position, text, number, date.
	 */
	static List<Object[]> values(UUID workspaceId, String recordKind, UUID recordId, Map<String, Object> values,
			Map<String, FieldDefinition> definitions) {
		List<Object[]> rows = new java.util.ArrayList<>();
		for (Map.Entry<String, Object> entry : values.entrySet()) {
			FieldDefinition field = definitions.get(entry.getKey());
			if (field == null) {
				continue;
			}
			List<?> items = (entry.getValue() instanceof Collection<?> c) ? List.copyOf(c) : List.of(entry.getValue());
			int position = 0;
			for (Object item : items) {
				String text = null;
				BigDecimal number = null;
				LocalDate date = null;
				if (field.type().numeric()) {
					number = new BigDecimal(String.valueOf(item));
				}
				else if (field.type() == FieldType.DATE) {
					date = LocalDate.parse(String.valueOf(item));
				}
				else {
					text = indexText(field.type(), String.valueOf(item));
				}
				rows.add(new Object[] { workspaceId, recordKind, recordId, field.key(), position++, text, number,
						date });
			}
		}
		return rows;
	}

	/**
	 * Texts are indexed folded (case and accents ignored) and cut to the index's width.
	 */
	static String indexText(FieldType type, String value) {
		String text = type.choice() || type == FieldType.BOOLEAN ? value : TextKeys.fold(value);
		return (text.length() > 500) ? text.substring(0, 500) : text;
	}

}
