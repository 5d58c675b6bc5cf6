package dev.rapport.dataquality.internal.merge;

import java.util.List;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import dev.rapport.customers.CustomerLinks;
import dev.rapport.platform.web.NavigationItem;

/**
 * The "Merge with…" button on a person's and a company's page, and the list of merges in
 * the menu.
 */
@Component
class MergeLinks implements CustomerLinks {

	@Override
	public List<Link> forPerson(UUID personId) {
		return List.of(new Link("merge.with", "/data-quality/merge?kind=person&a=" + personId, 90));
	}

	@Override
	public List<Link> forCompany(UUID companyId) {
		return List.of(new Link("merge.with", "/data-quality/merge?kind=company&a=" + companyId, 90));
	}

	/** The list of merges in the menu. */
	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		NavigationItem mergesNavigation() {
			return new NavigationItem(NavigationItem.MAIN, "nav.merges", "/data-quality/merges", 86, null);
		}

	}

}
