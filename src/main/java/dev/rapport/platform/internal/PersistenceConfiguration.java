package dev.rapport.platform.internal;

import java.time.Clock;

import org.jooq.conf.Settings;
import org.jooq.impl.DefaultRecordListenerProvider;

import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * jOOQ set up once for all modules: audit columns filled by a listener and optimistic
 * locking on the {@code version} column of every record.
 */
@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	DefaultConfigurationCustomizer rapportJooqCustomizer(Clock clock) {
		return (configuration) -> {
			Settings settings = configuration.settings();
			settings.setExecuteWithOptimisticLocking(true);
			settings.setExecuteWithOptimisticLockingExcludeUnversioned(true);
			configuration.set(new DefaultRecordListenerProvider(new AuditRecordListener(clock)));
		};
	}

}
