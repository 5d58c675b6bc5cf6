package dev.rapport.customers.api;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.rapport.customization.CustomFields;
import dev.rapport.customization.FieldDefinition;
import dev.rapport.customization.FieldType;
import dev.rapport.platform.Actors;
import dev.rapport.platform.web.CallerOpenApiCustomizer;

/**
 * Describes the custom fields of the caller's workspace in the OpenAPI description, as
 * CRMs describe their per-customer fields: the {@code custom} object of people and
 * companies gets one property per active field, with its type, and in the request bodies
 * its rules (options, bounds, pattern, default, required), so a client generated from the
 * description knows them. Anonymous callers get the free-form object.
 *
 * <p>
 * The responses carry types only: a record keeps the values that met the rules of their
 * time (an option removed later, a bound tightened later), and a client must still be
 * able to read it.
 */
@Component
class CustomFieldsOpenApi implements CallerOpenApiCustomizer {

	private static final String SCHEMAS = "#/components/schemas/";

	private static final int TEXT_LIMIT = 500;

	private static final int LONG_TEXT_LIMIT = 10_000;

	private static final int EMAIL_LIMIT = 320;

	private static final int URL_LIMIT = 2_000;

	private final CustomFields customFields;

	CustomFieldsOpenApi(CustomFields customFields) {
		this.customFields = customFields;
	}

	@Override
	public void customise(OpenAPI description) {
		if (Actors.current().isEmpty() || description.getComponents() == null
				|| description.getComponents().getSchemas() == null) {
			return;
		}
		Map<String, Schema> schemas = description.getComponents().getSchemas();
		describe(schemas, CustomFields.PERSON, "Person", "people", PersonApiController.PersonBody.class,
				PersonApiController.PersonResource.class);
		describe(schemas, CustomFields.COMPANY, "Company", "companies", CompanyApiController.CompanyBody.class,
				CompanyApiController.CompanyResource.class);
	}

	private void describe(Map<String, Schema> schemas, String objectKind, String prefix, String plural,
			Class<?> bodyType, Class<?> resourceType) {
		Schema<?> body = schemas.get(bodyType.getSimpleName());
		Schema<?> resource = schemas.get(resourceType.getSimpleName());
		if (body == null || resource == null || body.getProperties() == null || resource.getProperties() == null) {
			return;
		}
		Schema<Object> values = typed("object");
		values.setDescription("The custom fields of " + plural
				+ " in your workspace, by key. Values of archived fields may appear too.");
		Schema<Object> input = typed("object");
		input.setDescription("The custom fields of " + plural
				+ " in your workspace, by key. On creation, a field left out takes its default; when replacing, "
				+ "a field left out keeps its value. An empty value or null removes it. Archived fields are "
				+ "ignored; other unknown keys are refused.");
		for (FieldDefinition field : this.customFields.fieldsOf(objectKind, false)) {
			values.addProperty(field.key(), value(field));
			input.addProperty(field.key(), rules(field, value(field)));
			if (field.required() && field.defaultValue() == null) {
				input.addRequiredItem(field.key());
			}
		}
		String valuesName = prefix + "CustomFields";
		String inputName = prefix + "CustomFieldsInput";
		schemas.put(valuesName, values);
		schemas.put(inputName, input);
		resource.getProperties().put("custom", reference(valuesName));
		body.getProperties().put("custom", reference(inputName));
		if (input.getRequired() != null && !input.getRequired().isEmpty()
				&& (body.getRequired() == null || !body.getRequired().contains("custom"))) {
			body.addRequiredItem("custom");
		}
	}

	/** The type of a field's values, as stored and returned. */
	private static Schema<Object> value(FieldDefinition field) {
		Schema<Object> schema = switch (field.type()) {
			case TEXT, LONG_TEXT, PICKLIST, PHONE -> typed("string");
			case NUMBER, MONEY -> typed("number");
			case DATE -> typed("string", "date");
			case BOOLEAN -> typed("boolean");
			case MULTI_PICKLIST -> typed("array");
			case EMAIL -> typed("string", "email");
			case URL -> typed("string", "uri");
		};
		if (field.type() == FieldType.MULTI_PICKLIST) {
			schema.setItems(typed("string"));
		}
		schema.setDescription(text(field));
		return schema;
	}

	/** The rules a value must meet when it is written. */
	private static Schema<Object> rules(FieldDefinition field, Schema<Object> schema) {
		switch (field.type()) {
			case TEXT, LONG_TEXT -> {
				int limit = (field.type() == FieldType.TEXT) ? TEXT_LIMIT : LONG_TEXT_LIMIT;
				if (field.min() != null) {
					schema.setMinLength(field.min().intValue());
				}
				schema.setMaxLength((field.max() != null) ? Math.min(limit, field.max().intValue()) : limit);
				if (field.pattern() != null) {
					// The whole value must match, as the check does; JSON Schema patterns
					// match anywhere.
					schema.setPattern("^(?:" + field.pattern() + ")$");
				}
			}
			case NUMBER, MONEY -> {
				schema.setMinimum(plain(field.min()));
				schema.setMaximum(plain(field.max()));
			}
			case PICKLIST -> schema.setEnum(optionValues(field));
			case MULTI_PICKLIST -> {
				Schema<Object> item = typed("string");
				item.setEnum(optionValues(field));
				schema.setItems(item);
				schema.setUniqueItems(true);
			}
			case EMAIL -> schema.setMaxLength(EMAIL_LIMIT);
			case URL -> schema.setMaxLength(URL_LIMIT);
			case DATE, BOOLEAN, PHONE -> {
			}
		}
		if (field.defaultValue() != null) {
			schema.setDefault(field.defaultValue());
		}
		return schema;
	}

	/** The label and help text, and what a client must know of some types. */
	private static String text(FieldDefinition field) {
		StringBuilder text = new StringBuilder(field.label());
		if (field.helpText() != null) {
			text.append("\n\n").append(field.helpText());
		}
		if (field.type() == FieldType.MONEY && field.currency() != null) {
			text.append("\n\nAn amount in ").append(field.currency()).append('.');
		}
		if (field.type() == FieldType.PHONE) {
			text.append("\n\nWith the country code; returned in E.164, such as +31201234567.");
		}
		if (field.type().choice()) {
			text.append("\n\nOptions: ")
				.append(field.options()
					.stream()
					.map((o) -> o.value().equals(o.label()) ? o.value() : o.value() + " (" + o.label() + ")")
					.collect(Collectors.joining(", ")))
				.append('.');
		}
		return text.toString();
	}

	/** A bound as people write it: 60, not 60.0000. */
	private static @Nullable BigDecimal plain(@Nullable BigDecimal number) {
		return (number != null) ? new BigDecimal(number.stripTrailingZeros().toPlainString()) : null;
	}

	private static Schema<Object> reference(String schemaName) {
		Schema<Object> schema = new Schema<>();
		schema.set$ref(SCHEMAS + schemaName);
		return schema;
	}

	private static List<Object> optionValues(FieldDefinition field) {
		return field.options().stream().<Object>map(FieldDefinition.Option::value).toList();
	}

	/**
	 * A schema of one JSON type, written as OpenAPI 3.0 ({@code type}) and 3.1
	 * ({@code types}) expect it.
	 */
	private static Schema<Object> typed(String type) {
		Schema<Object> schema = new Schema<>();
		schema.setType(type);
		schema.setTypes(new LinkedHashSet<>(Set.of(type)));
		return schema;
	}

	private static Schema<Object> typed(String type, String format) {
		Schema<Object> schema = typed(type);
		schema.setFormat(format);
		return schema;
	}

}
