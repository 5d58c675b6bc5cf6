package dev.rapport.dataquality.internal.retention;

import java.time.Clock;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The daily retention run. db-scheduler runs it on one node at a time; the policy lock in
 * {@link RetentionService#run} keeps a manual run and the daily one from overlapping in a
 * workspace.
 */
@Configuration(proxyBeanMethods = false)
class RetentionJob {

	static final String TASK = "retention-daily";

	@Bean
	RecurringTask<Void> retentionDailyTask(RetentionService retention, RetentionProperties properties, Clock clock) {
		return Tasks.recurring(TASK, Schedules.daily(properties.dailyAt()))
			.execute((instance, context) -> retention.runAll(clock.instant()));
	}

}
