package dev.rapport.customization;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A custom field of an object: its key (the name in the API), label, type, whether it is
 * required, its default, help text, rules (minimum and maximum — of the value for
 * numbers, of the length for texts —, a pattern for texts), options for picklists, and
 * its place.
 */
public record FieldDefinition(UUID id, String objectKind, String key, String label, FieldType type, boolean required,
		@Nullable Object defaultValue, @Nullable String helpText, @Nullable BigDecimal min, @Nullable BigDecimal max,
		@Nullable String pattern, List<Option> options, @Nullable String currency, int position, boolean archived,
		int version) {

	/** One choice of a picklist: the stored value and the label people see. */
	public record Option(String value, String label) {
	}

	/**
	 * The label of an option value, or the value itself when it is no longer an option.
	 */
	public String optionLabel(String value) {
		return this.options.stream()
			.filter((o) -> o.value().equals(value))
			.map(Option::label)
			.findFirst()
			.orElse(value);
	}

}
