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

	/**
	 * Checks people as {@link #createPeople} does and writes nothing (an import's dry
	 * run): rejects them naming {@code people[i].<field>}.
	 */
	void checkPeople(java.util.List<PersonChange> changes);

	/**
	 * Replaces the details of a person the current user may change. Rejects a stale
	 * version ({@link dev.rapport.platform.StaleVersionException}), 404/403 out of reach,
	 * and invalid fields naming each.
	 */
	PersonView updatePerson(UUID id, int version, PersonChange change);

	/**
	 * Moves a person the current user may delete to the trash; rejects a stale version.
	 */
	void deletePerson(UUID id, int version);

	/**
	 * Moves a company the current user may delete to the trash; rejects a stale version.
	 */
	void deleteCompany(UUID id, int version);

	/**
	 * The people the current user may read with any of these e-mail addresses, in one
	 * query: by address in lower case.
	 */
	java.util.Map<String, java.util.List<UUID>> peopleByEmails(java.util.Collection<String> addresses);

	/**
	 * The people the current user may read with any of these phone numbers (compared in
	 * E.164 with the workspace's country), in one query: by number as given.
	 */
	java.util.Map<String, java.util.List<UUID>> peopleByPhones(java.util.Collection<String> numbers);

	/** A typed phone number in E.164 with the workspace's country, when it is one. */
	Optional<String> phoneE164(String typed);

	/**
	 * The companies the current user may read with these names (regardless of case and
	 * accents), in one query: by name as given, the oldest when several share it.
	 */
	java.util.Map<String, UUID> companiesByNames(java.util.Collection<String> names);

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
	 * The consent report: per channel, how many of the people the current user may read
	 * are opted in, opted out or unknown by their newest ledger entry.
	 */
	java.util.List<ConsentStanding.Count> consentCounts();

	/**
	 * The people the current user may read whose current consent on a channel has this
	 * status ({@code opt-in}, {@code opt-out} or {@code unknown}), newest entry first.
	 * Rejects an unknown channel or status, naming it.
	 */
	java.util.List<ConsentStanding> consentStandings(String channel, String status, int limit);

	/**
	 * How complete and current the people and companies the current user may read are, in
	 * total, per owner and per team (aggregate queries under the access policy).
	 * @param staleMonths people without contact for this many months are stale
	 */
	DataHealth dataHealth(int staleMonths);

	/**
	 * Replaces the details of a person the current user may change with the values a
	 * merge chose (or that undoing it restores), through the same validation, history and
	 * search index as an edit, and sets the lifecycle stage without the workspace's rule
	 * (it is a stage one of the two records had). Rejects a stale version (412), a person
	 * out of reach (404) or read only (403), and invalid fields.
	 */
	PersonView replacePerson(UUID id, int version, PersonChange change, LifecycleStage stage, String reason);

	/**
	 * Replaces the details of a company the current user may change, with the same
	 * answers.
	 */
	CompanyView replaceCompany(UUID id, int version, CompanyChange change);

	/**
	 * Deletes a person or company the current user may change because it was merged into
	 * {@code survivorId}: it leaves lists and search, the trash does not offer it, and
	 * its page leads to the survivor. 404 when out of reach or already deleted.
	 */
	void markMerged(CustomerKind kind, UUID id, UUID survivorId);

	/**
	 * Brings back a record marked merged (the merge is undone). 404 when it is out of
	 * reach or no longer there.
	 */
	void unmarkMerged(CustomerKind kind, UUID id);

	/**
	 * The first people the current user may read whose names, e-mails or phones start
	 * with the words of q.
	 */
	java.util.List<PersonSummary> searchPeople(String q, int limit);

	/**
	 * The first companies the current user may read whose name or domain start with the
	 * words of q.
	 */
	java.util.List<CompanySummary> searchCompanies(String q, int limit);

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
	 * The ids of the same records as {@link #matchDataAfter}, in id order after
	 * {@code after}, at most {@code limit}, in one query: to find those that derived data
	 * misses without reading their data.
	 */
	java.util.List<UUID> idsAfter(CustomerKind kind, @org.jspecify.annotations.Nullable UUID after, int limit);

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
