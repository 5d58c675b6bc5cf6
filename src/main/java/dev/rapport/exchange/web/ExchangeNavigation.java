package dev.rapport.exchange.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.rapport.platform.web.NavigationItem;

/** The exports' entry in the menu. */
@Configuration(proxyBeanMethods = false)
class ExchangeNavigation {

	@Bean
	NavigationItem exportsNavigation() {
		return new NavigationItem(NavigationItem.MAIN, "nav.exports", "/exports", 90, null);
	}

}
