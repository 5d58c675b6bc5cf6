package dev.rapport.platform.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Links in pages are written as they are. Spring Boot adds a filter that passes every
 * link of a page through the static-resource resolvers (because the WebJars locator is on
 * the class path); a link that is not a resource, such as each card of a deal board, then
 * costs a failed lookup in the application's jar, about half the time of a large page.
 * The WebJars are linked without their version and the locator resolves them when they
 * are requested, so nothing needs rewriting.
 */
@Configuration(proxyBeanMethods = false)
class ResourceUrls {

	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilterOff(
			ObjectProvider<ResourceUrlEncodingFilter> filter) {
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
				filter.getIfAvailable(ResourceUrlEncodingFilter::new));
		registration.setEnabled(false);
		return registration;
	}

}
