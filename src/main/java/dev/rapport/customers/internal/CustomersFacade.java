package dev.rapport.customers.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.rapport.customers.CompanyView;
import dev.rapport.customers.Consent;
import dev.rapport.customers.Customers;
import dev.rapport.customers.PersonView;

/** The customer database as other modules see it. */
@Component
class CustomersFacade implements Customers {

	private final PersonService people;

	private final CompanyService companies;

	private final ConsentService consents;

	private final InteractionService interactions;

	private final ConsentReport consentReport;

	private final DataHealthQuery health;

	private final MergedRecords merged;

	private final MatchDataQuery matchData;

	private final CustomerSettings settings;

	CustomersFacade(PersonService people, CompanyService companies, ConsentService consents,
			InteractionService interactions, ConsentReport consentReport, DataHealthQuery health, MergedRecords merged,
			MatchDataQuery matchData, CustomerSettings settings) {
		this.consentReport = consentReport;
		this.health = health;
		this.merged = merged;
		this.matchData = matchData;
		this.settings = settings;
		this.interactions = interactions;
		this.people = people;
		this.companies = companies;
		this.consents = consents;
	}

	@Override
	public PersonView createPerson(dev.rapport.customers.PersonChange change,
			dev.rapport.customers.@org.jspecify.annotations.Nullable LifecycleStage stage) {
		return this.people.create(change, stage);
	}

	@Override
	public java.util.List<UUID> createPeople(java.util.List<dev.rapport.customers.PersonChange> changes,
			dev.rapport.customers.@org.jspecify.annotations.Nullable LifecycleStage stage) {
		return this.people.createAll(changes, stage);
	}

	@Override
	public dev.rapport.customers.DataHealth dataHealth(int staleMonths) {
		return this.health.of(staleMonths);
	}

	@Override
	public void checkPeople(java.util.List<dev.rapport.customers.PersonChange> changes) {
		this.people.checkAll(changes);
	}

	@Override
	public PersonView updatePerson(UUID id, int version, dev.rapport.customers.PersonChange change) {
		return this.people.update(id, version, change);
	}

	@Override
	public void deletePerson(UUID id, int version) {
		this.people.delete(id, version);
	}

	@Override
	public void deleteCompany(UUID id, int version) {
		this.companies.delete(id, version);
	}

	@Override
	public java.util.Map<String, java.util.List<UUID>> peopleByEmails(java.util.Collection<String> addresses) {
		return this.people.byEmails(addresses);
	}

	@Override
	public java.util.Map<String, java.util.List<UUID>> peopleByPhones(java.util.Collection<String> numbers) {
		return this.people.byPhones(numbers);
	}

	@Override
	public Optional<String> phoneE164(String typed) {
		return this.people.e164(typed);
	}

	@Override
	public java.util.Map<String, UUID> companiesByNames(java.util.Collection<String> names) {
		return this.companies.byNames(names);
	}

	@Override
	public CompanyView createCompany(dev.rapport.customers.CompanyChange change) {
		return this.companies.create(change);
	}

	@Override
	public dev.rapport.customers.Interaction logInteraction(UUID personId,
			dev.rapport.customers.InteractionInput input) {
		return this.interactions.log(personId, input).interaction();
	}

	@Override
	public boolean anyPeople() {
		return this.people.count(PersonService.PersonQuery.all(), 1).value() > 0;
	}

	@Override
	public PersonView personForChange(UUID id) {
		return this.people.getForChange(id);
	}

	@Override
	public CompanyView companyForChange(UUID id) {
		return this.companies.getForChange(id);
	}

	@Override
	public Optional<Consent.Permission> permission(UUID personId, String channel) {
		return this.consents.permission(personId, channel);
	}

	@Override
	public boolean advanceLifecycle(UUID personId, dev.rapport.customers.LifecycleStage stage,
			@org.jspecify.annotations.Nullable String reason) {
		return this.people.advanceLifecycle(personId, stage, reason);
	}

	@Override
	public Optional<PersonView> findPerson(UUID id) {
		return this.people.find(id);
	}

	@Override
	public java.util.Set<UUID> readablePeople(java.util.Collection<UUID> ids) {
		return this.people.readable(ids);
	}

	@Override
	public Optional<CompanyView> findCompany(UUID id) {
		return this.companies.find(id);
	}

	@Override
	public java.util.List<dev.rapport.customers.ConsentStanding.Count> consentCounts() {
		return this.consentReport.counts();
	}

	@Override
	public java.util.List<dev.rapport.customers.ConsentStanding> consentStandings(String channel, String status,
			int limit) {
		return this.consentReport.standings(channel, status, limit);
	}

	@Override
	@org.springframework.transaction.annotation.Transactional
	public PersonView replacePerson(UUID id, int version, dev.rapport.customers.PersonChange change,
			dev.rapport.customers.LifecycleStage stage, String reason) {
		this.people.update(id, version, change);
		return this.people.setStageOfMerge(id, stage, reason);
	}

	@Override
	public CompanyView replaceCompany(UUID id, int version, dev.rapport.customers.CompanyChange change) {
		return this.companies.update(id, version, change);
	}

	@Override
	public void markMerged(dev.rapport.customers.CustomerKind kind, UUID id, UUID survivorId) {
		this.merged.markMerged(kind, id, survivorId);
	}

	@Override
	public void unmarkMerged(dev.rapport.customers.CustomerKind kind, UUID id) {
		this.merged.unmarkMerged(kind, id);
	}

	@Override
	public java.util.List<dev.rapport.customers.PersonSummary> searchPeople(String q, int limit) {
		return this.people
			.page(new PersonService.PersonQuery(q, null, null, null, null, PersonService.Sort.RELEVANCE), null, limit)
			.items();
	}

	@Override
	public java.util.List<dev.rapport.customers.CompanySummary> searchCompanies(String q, int limit) {
		return this.companies.page(CompanyService.CompanyQuery.search(q), null, limit).items();
	}

	@Override
	public java.util.List<dev.rapport.customers.MatchData> matchData(dev.rapport.customers.CustomerKind kind,
			java.util.Collection<UUID> ids) {
		return ids.isEmpty() ? java.util.List.of() : this.matchData.byIds(kind, ids);
	}

	@Override
	public java.util.List<dev.rapport.customers.MatchData> matchDataAfter(dev.rapport.customers.CustomerKind kind,
			@org.jspecify.annotations.Nullable UUID after, int limit) {
		return this.matchData.after(kind, after, limit);
	}

	@Override
	public java.util.List<UUID> idsAfter(dev.rapport.customers.CustomerKind kind,
			@org.jspecify.annotations.Nullable UUID after, int limit) {
		return this.matchData.idsAfter(kind, after, limit);
	}

	@Override
	public java.util.Set<UUID> readableCompanies(java.util.Collection<UUID> ids) {
		return this.companies.readable(ids);
	}

	@Override
	public Optional<String> phoneRegion() {
		return Optional.ofNullable(this.settings.current().phoneRegion());
	}

}
