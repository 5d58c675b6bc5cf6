package dev.rapport.exchange.internal.exports;

import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The export jobs: one run per export (its instance id is the export's, its data the
 * workspace), and the recurring cleanup of expired import and export files, each on one
 * node at a time.
 */
@Configuration(proxyBeanMethods = false)
class ExportJobs {

	static final String EXPORT = "export";

	static final String CLEANUP = "exchange-file-cleanup";

	@Bean
	OneTimeTask<String> exportTask(@Lazy Exports exports) {
		return Tasks.oneTime(EXPORT, String.class)
			.execute((instance, context) -> exports.run(UUID.fromString(instance.getData()),
					UUID.fromString(instance.getId())));
	}

	@Bean
	RecurringTask<Void> exchangeFileCleanupTask(@Lazy Exports exports, ExportProperties properties) {
		return Tasks.recurring(CLEANUP, FixedDelay.of(properties.cleanupInterval()))
			.execute((instance, context) -> exports.cleanup());
	}

}
