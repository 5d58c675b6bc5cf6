package dev.rapport.customization;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The custom fields of the current workspace, for the modules whose objects carry them.
 * Every write path (forms, API, import) validates through here, so the same rules apply.
 */
public interface CustomFields {

	/** The objects that carry custom fields. */
	String PERSON = "person";

	String COMPANY = "company";

	String DEAL = "deal";

	/** The fields of an object in their order, without archived ones unless asked. */
	List<FieldDefinition> fieldsOf(String objectKind, boolean withArchived);

	/**
	 * Checks and normalises the custom values of a record. Values of fields not in the
	 * input keep their previous value; a required field without a value, a value of the
	 * wrong type, outside the bounds or not among the options, and an unknown key are
	 * rejected with an {@link dev.rapport.platform.InvalidFieldsException} naming
	 * {@code custom.<key>}. On creation, missing values take the field's default.
	 * @param objectKind the object
	 * @param input the values sent, by key (strings from forms, JSON values from the
	 * API); {@code null} keeps every previous value
	 * @param previous the values stored so far ({@code null} when creating)
	 * @return the values to store, by key
	 */
	default Map<String, Object> validate(String objectKind, @Nullable Map<String, ?> input,
			@Nullable Map<String, Object> previous) {
		return validate(input, previous, fieldsOf(objectKind, true));
	}

	/**
	 * The same check against definitions read once, for writing many records at a time.
	 * @param fields every field of the object, archived ones included
	 */
	Map<String, Object> validate(@Nullable Map<String, ?> input, @Nullable Map<String, Object> previous,
			List<FieldDefinition> fields);

}
