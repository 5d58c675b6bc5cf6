package dev.rapport.dataquality.internal.retention;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.rapport.platform.web.NavigationItem;

/** The retention page in the administration menu. */
@Configuration(proxyBeanMethods = false)
class RetentionNavigation {

	@Bean
	NavigationItem retentionMenuItem() {
		return new NavigationItem(NavigationItem.ADMIN, "nav.admin.retention", "/admin/retention", 65, "ROLE_ADMIN");
	}

}
