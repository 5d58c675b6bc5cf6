package dev.rapport.activities.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.rapport.customers.CustomerLinks;
import dev.rapport.platform.web.NavigationItem;

/**
 * The activities' entry in the menu, and the buttons on people's and companies' pages to
 * add a task or schedule a call about them.
 */
@Configuration(proxyBeanMethods = false)
class ActivitiesNavigation implements CustomerLinks {

	@Bean
	static NavigationItem activitiesMenuEntry() {
		return new NavigationItem(NavigationItem.MAIN, "nav.activities", "/activities", 40, null);
	}

	@Override
	public List<Link> forPerson(UUID personId) {
		return List.of(new Link("activities.add.task", "/activities/new?kind=task&person=" + personId, 20),
				new Link("activities.add.call", "/activities/new?kind=call&person=" + personId, 21));
	}

	@Override
	public List<Link> forCompany(UUID companyId) {
		return List.of(new Link("activities.add.task", "/activities/new?kind=task&company=" + companyId, 20),
				new Link("activities.add.call", "/activities/new?kind=call&company=" + companyId, 21));
	}

}
