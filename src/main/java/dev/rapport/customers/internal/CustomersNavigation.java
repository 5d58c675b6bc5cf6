package dev.rapport.customers.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.rapport.platform.web.NavigationItem;

/** The customer database's entries in the menu. */
@Configuration(proxyBeanMethods = false)
class CustomersNavigation {

	@Bean
	NavigationItem peopleNavigation() {
		return new NavigationItem(NavigationItem.MAIN, "nav.people", "/people", 10, null);
	}

	@Bean
	NavigationItem companiesNavigation() {
		return new NavigationItem(NavigationItem.MAIN, "nav.companies", "/companies", 20, null);
	}

	@Bean
	NavigationItem customerSettingsNavigation() {
		return new NavigationItem(NavigationItem.ADMIN, "nav.admin.customer-settings", "/admin/customers", 40,
				"ROLE_ADMIN");
	}

	@Bean
	NavigationItem tagsNavigation() {
		return new NavigationItem(NavigationItem.ADMIN, "nav.admin.tags", "/admin/tags", 42, "ROLE_ADMIN");
	}

}
