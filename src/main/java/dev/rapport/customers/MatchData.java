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
 * @param status the end-of-life state's code ({@link EndOfLifeState#code()}), or
 * {@code active}
 * @param archivedAt when a retention policy archived it, null when not
 */
public record MatchData(UUID id, CustomerKind kind, @Nullable String givenName, @Nullable String familyName,
		String displayName, List<String> emails, List<String> phones, @Nullable String companyName,
		@Nullable String domain, List<PersonView.Address> addresses, UUID ownerId, @Nullable UUID teamId,
		OffsetDateTime updatedAt, @Nullable OffsetDateTime deletedAt, String status,
		@Nullable OffsetDateTime archivedAt) {

	/**
	 * Whether the record can be someone's duplicate: not in the trash, not archived, and
	 * not a person who died or a lead who was disqualified (someone who left their
	 * company, or a closed company, still can). Erased people are never answered at all.
	 */
	public boolean duplicateCandidate() {
		return this.deletedAt == null && this.archivedAt == null && !EndOfLifeState.DECEASED.code().equals(this.status)
				&& !EndOfLifeState.DISQUALIFIED.code().equals(this.status);
	}

}
