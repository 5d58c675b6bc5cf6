package dev.rapport.support;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Gives every Spring context of the tests its own database (see {@link TestDatabase}),
 * unless the test opts out with {@code rapport.test.own-database=true} and names its
 * database itself.
 */
public class TestDatabaseEnvironment implements EnvironmentPostProcessor {

	static final String SOURCE = "rapportTestDatabase";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(SOURCE)
				|| Boolean.parseBoolean(environment.getProperty("rapport.test.own-database", "false"))) {
			return;
		}
		MapPropertySource source = new MapPropertySource(SOURCE, TestDatabase.fresh());
		if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)) {
			environment.getPropertySources()
				.addBefore(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, source);
		}
		else {
			environment.getPropertySources().addFirst(source);
		}
	}

}
