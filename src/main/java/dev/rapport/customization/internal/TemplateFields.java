package dev.rapport.customization.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.rapport.customization.FieldDefinition;
import dev.rapport.customization.TemplatePart;
import dev.rapport.customization.internal.CustomFieldService.FieldChange;

/** The custom fields of an industry template: created when no field has their key yet. */
@Component
class TemplateFields implements TemplatePart {

	private final CustomFieldService fields;

	TemplateFields(CustomFieldService fields) {
		this.fields = fields;
	}

	@Override
	public List<Item> preview(Map<String, Object> template, TemplateText text) {
		List<Item> items = new ArrayList<>();
		java.util.Set<String> existing = existingKeys();
		forEachField(template, (object, field) -> {
			boolean present = existing.contains(object + "." + field.get("key"));
			items.add(new Item("customization.template.item.field." + object, text.resolve((String) field.get("label")),
					present));
		});
		return items;
	}

	@Override
	public void apply(Map<String, Object> template, TemplateText text) {
		java.util.Set<String> existing = existingKeys();
		forEachField(template, (object, field) -> {
			String key = (String) field.get("key");
			if (existing.contains(object + "." + key)) {
				return;
			}
			List<FieldDefinition.Option> options = new ArrayList<>();
			Object rawOptions = field.get("options");
			if (rawOptions instanceof List<?> list) {
				for (Object o : list) {
					Map<?, ?> option = (Map<?, ?>) o;
					options.add(new FieldDefinition.Option((String) option.get("value"),
							text.resolve((String) option.get("label"))));
				}
			}
			this.fields.create(object,
					new FieldChange(key, text.resolve((String) field.get("label")), (String) field.get("type"),
							Boolean.TRUE.equals(field.get("required")), null,
							(field.get("help") != null) ? text.resolve((String) field.get("help")) : null,
							number(field.get("min")), number(field.get("max")), null, options,
							(String) field.get("currency"), null));
		});
	}

	/** The keys of every field the workspace has, as object.key, read once per object. */
	private java.util.Set<String> existingKeys() {
		java.util.Set<String> keys = new java.util.HashSet<>();
		for (String object : CustomFieldService.OBJECTS) {
			this.fields.fieldsOf(object, true).forEach((f) -> keys.add(object + "." + f.key()));
		}
		return keys;
	}

	private static BigDecimal number(Object value) {
		return (value instanceof Number n) ? new BigDecimal(n.toString()) : null;
	}

	@SuppressWarnings("unchecked")
	private static void forEachField(Map<String, Object> template,
			java.util.function.BiConsumer<String, Map<String, Object>> action) {
		Object fields = template.get("fields");
		if (!(fields instanceof Map<?, ?> byObject)) {
			return;
		}
		for (String object : CustomFieldService.OBJECTS) {
			Object list = byObject.get(object);
			if (list instanceof List<?> entries) {
				entries.forEach((entry) -> action.accept(object, (Map<String, Object>) entry));
			}
		}
	}

}
