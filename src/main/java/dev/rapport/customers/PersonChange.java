package dev.rapport.customers;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.rapport.customers.ContactInput.AddressInput;
import dev.rapport.customers.ContactInput.EmailInput;
import dev.rapport.customers.ContactInput.PhoneInput;

/**
 * What a user, an API client or an import sets on a person. Blank contact rows are
 * ignored; custom values of fields not sent keep their value ({@code null}: all kept).
 */
public record PersonChange(@Nullable String givenName, @Nullable String familyName, @Nullable String displayName,
		List<EmailInput> emails, List<PhoneInput> phones, List<AddressInput> addresses, @Nullable LocalDate birthday,
		@Nullable String jobTitle, @Nullable UUID companyId, @Nullable String source, @Nullable UUID ownerId,
		@Nullable UUID teamId, List<String> tags, @Nullable String preferredChannel, @Nullable String notes,
		@Nullable Map<String, ?> custom) {
}
