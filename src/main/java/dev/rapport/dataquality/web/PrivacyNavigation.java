package dev.rapport.dataquality.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.rapport.platform.web.NavigationItem;

/** The privacy pages' entries in the administration menu. */
@Configuration(proxyBeanMethods = false)
class PrivacyNavigation {

	@Bean
	NavigationItem consentReportNavigation() {
		return new NavigationItem(NavigationItem.ADMIN, "nav.admin.consent-report", "/data-quality/consent", 60,
				"ROLE_ADMIN");
	}

	@Bean
	NavigationItem erasuresNavigation() {
		return new NavigationItem(NavigationItem.ADMIN, "nav.admin.erasures", "/admin/erasures", 62, "ROLE_ADMIN");
	}

}
