package dev.rapport.activities.internal.myday;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.rapport.platform.web.NavigationItem;

/**
 * "My day" in the menu: the first thing a rep opens, and its settings for administrators.
 */
@Configuration(proxyBeanMethods = false)
class MyDayNavigation {

	@Bean
	NavigationItem myDayMenuEntry() {
		return new NavigationItem(NavigationItem.MAIN, "nav.my-day", "/my-day", 5, null);
	}

	@Bean
	NavigationItem myDaySettingsMenuEntry() {
		return new NavigationItem(NavigationItem.ADMIN, "nav.admin.my-day", "/admin/my-day", 60, "ROLE_ADMIN");
	}

}
