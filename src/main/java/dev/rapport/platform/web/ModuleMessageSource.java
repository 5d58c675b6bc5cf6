package dev.rapport.platform.web;

import java.io.IOException;
import java.util.Arrays;
import java.util.TreeSet;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Message bundles per module, found at start-up: every
 * {@code i18n/<module>/messages.properties} on the class path is a bundle, so modules add
 * their own strings without a central list.
 */
@Configuration(proxyBeanMethods = false)
class ModuleMessageSource {

	static final String PATTERN = "classpath*:i18n/*/messages.properties";

	@Bean
	MessageSource messageSource() throws IOException {
		Resource[] bundles = new PathMatchingResourcePatternResolver().getResources(PATTERN);
		TreeSet<String> basenames = new TreeSet<>();
		Arrays.stream(bundles).forEach((bundle) -> {
			try {
				String url = bundle.getURL().toString();
				String module = url.substring(0, url.lastIndexOf('/'));
				module = module.substring(module.lastIndexOf('/') + 1);
				basenames.add("classpath:i18n/" + module + "/messages");
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot read message bundle " + bundle, ex);
			}
		});
		ReloadableResourceBundleMessageSource source = new ReloadableResourceBundleMessageSource();
		source.setBasenames(basenames.toArray(String[]::new));
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		source.setUseCodeAsDefaultMessage(false);
		return source;
	}

}
