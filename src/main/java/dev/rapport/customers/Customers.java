package dev.rapport.customers;

import java.util.Optional;
import java.util.UUID;

/**
 * The customer database for other modules. Every method applies the access policy: a
 * record the current user may not read is reported as absent.
 */
public interface Customers {

	Optional<PersonView> findPerson(UUID id);

	Optional<CompanyView> findCompany(UUID id);

	/**
	 * Which of these people the current user may read (not in the trash), in one query:
	 * for lists of records linked to people, such as a company's transactions.
	 */
	java.util.Set<UUID> readablePeople(java.util.Collection<UUID> ids);

	/**
	 * Creates a person, owned by the current user unless the change names an owner.
	 * Rejects invalid fields as the forms and the API do.
	 */
	PersonView createPerson(PersonChange change, @org.jspecify.annotations.Nullable LifecycleStage stage);

	/**
	 * Creates up to 1,000 people at once with the same rules, all or none: an invalid one
	 * rejects the batch, naming {@code people[i].<field>}.
	 * @return their ids, in order
	 */
	java.util.List<UUID> createPeople(java.util.List<PersonChange> changes,
			@org.jspecify.annotations.Nullable LifecycleStage stage);

	/** Creates a company. */
	CompanyView createCompany(CompanyChange change);

	/**
	 * Logs an interaction with a person the current user may change, onto their timeline.
	 */
	Interaction logInteraction(UUID personId, InteractionInput input);

	/** Whether the current user can see any person at all. */
	boolean anyPeople();

	/**
	 * A person the current user may change, to record something for them: answers 404
	 * ({@link dev.rapport.platform.NotFoundException}) when out of reach and 403 when the
	 * user may only read.
	 */
	PersonView personForChange(UUID id);

	/** A company the current user may change, with the same answers. */
	CompanyView companyForChange(UUID id);

	/**
	 * Whether a channel may be used for a person, from the newest entry of the consent
	 * ledger: opted in, opted out, or unknown when nothing is recorded. A person the user
	 * may not read answers empty.
	 */
	Optional<Consent.Permission> permission(UUID personId, String channel);

	/**
	 * Moves a person the current user may change forward to a lifecycle stage, for
	 * example to active when they won a deal, recording the reason. Never moves backwards
	 * (a loyal person stays loyal) and never against the workspace's lifecycle rule; a
	 * person out of reach is left alone. Rejects nothing, so that the caller's own change
	 * goes through.
	 * @return whether the person moved
	 */
	boolean advanceLifecycle(UUID personId, LifecycleStage stage, @org.jspecify.annotations.Nullable String reason);

	/**
	 * What duplicate detection compares of these people or companies of the current
	 * workspace, read in a few queries whatever their number; records in the trash are
	 * answered with their {@code deletedAt}, records that no longer exist are left out.
	 * The access policy is not applied: this is for data-quality processing, which shows
	 * a record only to those who may read it ({@link #readablePeople},
	 * {@link #readableCompanies}).
	 */
	java.util.List<MatchData> matchData(CustomerKind kind, java.util.Collection<UUID> ids);

	/**
	 * The same for the records of the current workspace not in the trash, in id order
	 * after {@code after} ({@code null}: from the start), at most {@code limit}: to
	 * rebuild derived data page by page.
	 */
	java.util.List<MatchData> matchDataAfter(CustomerKind kind, @org.jspecify.annotations.Nullable UUID after,
			int limit);

	/**
	 * Which of these companies the current user may read (not in the trash), in one
	 * query.
	 */
	java.util.Set<UUID> readableCompanies(java.util.Collection<UUID> ids);

	/**
	 * The workspace's default country for phone numbers typed without a country code (ISO
	 * 3166 alpha-2), if one is set.
	 */
	Optional<String> phoneRegion();

}
