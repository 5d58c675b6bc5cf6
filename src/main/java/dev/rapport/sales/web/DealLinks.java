package dev.rapport.sales.web;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.rapport.customers.CustomerLinks;

/** The "Add deal" button on a person's and a company's page. */
@Component
class DealLinks implements CustomerLinks {

	@Override
	public List<Link> forPerson(UUID personId) {
		return List.of(new Link("deals.add", "/deals/new?personId=" + personId, 20));
	}

	@Override
	public List<Link> forCompany(UUID companyId) {
		return List.of(new Link("deals.add", "/deals/new?companyId=" + companyId, 20));
	}

}
