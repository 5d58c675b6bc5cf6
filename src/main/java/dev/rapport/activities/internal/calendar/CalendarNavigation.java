package dev.rapport.activities.internal.calendar;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.rapport.platform.web.NavigationItem;

/** The calendar's entry in the menu. */
@Configuration(proxyBeanMethods = false)
class CalendarNavigation {

	@Bean
	NavigationItem calendarMenuEntry() {
		return new NavigationItem(NavigationItem.MAIN, "nav.calendar", "/calendar", 45, null);
	}

}
