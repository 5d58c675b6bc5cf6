package dev.rapport.customers;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A person as shown on their page and in the API: names in any script, contact points,
 * company, owner, tags and lifecycle stage.
 */
public record PersonView(UUID id, @Nullable String givenName, @Nullable String familyName, String displayName,
		List<Email> emails, List<Phone> phones, List<Address> addresses, @Nullable LocalDate birthday,
		@Nullable String jobTitle, @Nullable UUID companyId, @Nullable String companyName, @Nullable String source,
		UUID ownerId, String ownerName, @Nullable UUID teamId, List<String> tags, LifecycleStage lifecycleStage,
		OffsetDateTime lifecycleEnteredAt, String status, @Nullable String preferredChannel, @Nullable String notes,
		java.util.Map<String, Object> custom, OffsetDateTime createdAt, OffsetDateTime updatedAt, int version) {

	/** An e-mail address as typed. */
	public record Email(String address, ContactLabel label, boolean primary) {
	}

	/** A phone number as typed, and its E.164 form. */
	public record Phone(String typed, @Nullable String e164, ContactLabel label, boolean primary) {
	}

	/** A postal address; every part is optional. */
	public record Address(ContactLabel label, @Nullable String street, @Nullable String postalCode,
			@Nullable String city, @Nullable String region, @Nullable String countryCode) {
	}

	public @Nullable String primaryEmail() {
		return this.emails.stream().filter(Email::primary).map(Email::address).findFirst().orElse(null);
	}

	public @Nullable Phone primaryPhone() {
		return this.phones.stream().filter(Phone::primary).findFirst().orElse(null);
	}

}
