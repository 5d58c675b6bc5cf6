package dev.rapport.customers.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.rapport.customers.CompanyView;
import dev.rapport.customers.Customers;
import dev.rapport.customers.PersonView;

/** The customer database as other modules see it. */
@Component
class CustomersFacade implements Customers {

	private final PersonService people;

	private final CompanyService companies;

	CustomersFacade(PersonService people, CompanyService companies) {
		this.people = people;
		this.companies = companies;
	}

	@Override
	public Optional<PersonView> findPerson(UUID id) {
		return this.people.find(id);
	}

	@Override
	public Optional<CompanyView> findCompany(UUID id) {
		return this.companies.find(id);
	}

}
