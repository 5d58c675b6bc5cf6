package dev.rapport.customization;

import java.util.Locale;
import java.util.Optional;

/** The kinds of values a custom field holds. */
public enum FieldType {

	TEXT, LONG_TEXT, NUMBER, MONEY, DATE, BOOLEAN, PICKLIST, MULTI_PICKLIST, EMAIL, PHONE, URL;

	/** The code used in the API and the database: lower case with dashes (long-text). */
	@com.fasterxml.jackson.annotation.JsonValue
	public String code() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	public static Optional<FieldType> fromCode(String code) {
		for (FieldType type : values()) {
			if (type.code().equalsIgnoreCase(code.strip()) || type.name().equalsIgnoreCase(code.strip())) {
				return Optional.of(type);
			}
		}
		return Optional.empty();
	}

	/** Whether values are compared as numbers. */
	public boolean numeric() {
		return this == NUMBER || this == MONEY;
	}

	/** Whether values are chosen from options. */
	public boolean choice() {
		return this == PICKLIST || this == MULTI_PICKLIST;
	}

}
