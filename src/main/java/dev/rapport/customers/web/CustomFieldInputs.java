package dev.rapport.customers.web;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Custom values as the forms show and send them: every value a list of strings. */
final class CustomFieldInputs {

	private CustomFieldInputs() {
	}

	/** The default values of the fields, for the form of a new record. */
	static Map<String, List<String>> defaults(List<dev.rapport.customization.FieldDefinition> fields) {
		Map<String, Object> values = new LinkedHashMap<>();
		fields.stream().filter((f) -> f.defaultValue() != null).forEach((f) -> values.put(f.key(), f.defaultValue()));
		return formValues(values);
	}

	static Map<String, List<String>> formValues(Map<String, Object> values) {
		Map<String, List<String>> form = new LinkedHashMap<>();
		values.forEach((key, value) -> form
			.put(key, (value instanceof Collection<?> c) ? c.stream().map(String::valueOf).toList()
					: List.of((value instanceof java.math.BigDecimal n) ? n.toPlainString() : String.valueOf(value))));
		return form;
	}

}
