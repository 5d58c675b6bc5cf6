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

	private final MatchDataQuery matchData;

	private final CustomerSettings settings;

	CustomersFacade(PersonService people, CompanyService companies, ConsentService consents,
			InteractionService interactions, MatchDataQuery matchData, CustomerSettings settings) {
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
	public java.util.Set<UUID> readableCompanies(java.util.Collection<UUID> ids) {
		return this.companies.readable(ids);
	}

	@Override
	public Optional<String> phoneRegion() {
		return Optional.ofNullable(this.settings.current().phoneRegion());
	}

}
