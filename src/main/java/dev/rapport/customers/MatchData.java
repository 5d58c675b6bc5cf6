package dev.rapport.customers;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What duplicate detection compares of a person or a company: names as typed, e-mail
 * addresses, phones in E.164, the company's name and web domain, postal addresses, the
 * owner, and when it was last changed or deleted.
 *
 * @param companyName a person's company, or a company's own name
 * @param domain a company's web domain (null for a person)
 * @param deletedAt when it was moved to the trash, null when not
 */
public record MatchData(UUID id, CustomerKind kind, @Nullable String givenName, @Nullable String familyName,
		String displayName, List<String> emails, List<String> phones, @Nullable String companyName,
		@Nullable String domain, List<PersonView.Address> addresses, UUID ownerId, @Nullable UUID teamId,
		OffsetDateTime updatedAt, @Nullable OffsetDateTime deletedAt) {
}
