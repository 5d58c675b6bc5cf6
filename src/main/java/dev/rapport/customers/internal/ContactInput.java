package dev.rapport.customers.internal;

import org.jspecify.annotations.Nullable;

/** Contact points as a form or an API client sends them; blank rows are ignored. */
public final class ContactInput {

	private ContactInput() {
	}

	/** An e-mail address; the label is work, home or other. */
	public record EmailInput(@Nullable String address, @Nullable String label, boolean primary) {
	}

	/** A phone number as typed; the label is mobile, work, home or other. */
	public record PhoneInput(@Nullable String number, @Nullable String label, boolean primary) {
	}

	/** A postal address. */
	public record AddressInput(@Nullable String label, @Nullable String street, @Nullable String postalCode,
			@Nullable String city, @Nullable String region, @Nullable String countryCode) {

		boolean isBlank() {
			return blank(this.street) && blank(this.postalCode) && blank(this.city) && blank(this.region)
					&& blank(this.countryCode);
		}

	}

	static boolean blank(@Nullable String text) {
		return text == null || text.isBlank();
	}

	static @Nullable String trimToNull(@Nullable String text) {
		return blank(text) ? null : text.strip();
	}

}
