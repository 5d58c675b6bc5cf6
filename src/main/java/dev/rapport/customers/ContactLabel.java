package dev.rapport.customers;

import java.util.Locale;
import java.util.Optional;

/** What kind of e-mail address, phone number or postal address a contact point is. */
public enum ContactLabel {

	WORK, HOME, MOBILE, OTHER;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<ContactLabel> fromCode(String code) {
		for (ContactLabel label : values()) {
			if (label.code().equalsIgnoreCase(code.trim())) {
				return Optional.of(label);
			}
		}
		return Optional.empty();
	}

}
