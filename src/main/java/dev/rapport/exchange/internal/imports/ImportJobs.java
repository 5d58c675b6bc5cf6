package dev.rapport.exchange.internal.imports;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The background job of imports: a dry run, a run or an undo, on one node at a time; it
 * survives a restart (a run that was cut off is marked failed rather than run twice).
 */
@Configuration(proxyBeanMethods = false)
class ImportJobs {

	static final String TASK = "exchange-import";

	@Bean
	OneTimeTask<String> importTask(ImportRunner runner) {
		return Tasks.oneTime(TASK, String.class).execute((instance, context) -> runner.execute(instance.getData()));
	}

}
