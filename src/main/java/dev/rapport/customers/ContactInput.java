package dev.rapport.customers;

import org.jspecify.annotations.Nullable;
import dev.rapport.customers.ContactInput.AddressInput;
import dev.rapport.customers.ContactInput.EmailInput;
import dev.rapport.customers.ContactInput.PhoneInput;

/**
 * Contact points as a form, an API client or an import sends them; blank rows are
 * ignored.
 */
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

		/** Whether nothing but the label was filled in. */
		public boolean isBlank() {
			return blank(this.street) && blank(this.postalCode) && blank(this.city) && blank(this.region)
					&& blank(this.countryCode);
		}

		private static boolean blank(@Nullable String text) {
			return text == null || text.isBlank();
		}

	}

}
