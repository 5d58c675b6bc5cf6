package dev.rapport.dataquality.internal;

import java.time.Duration;
import java.time.LocalTime;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The background jobs of duplicate detection (db-scheduler: on one node at a time,
 * surviving restarts): one runs requested scans and rechecks changed records every few
 * seconds, one requests the nightly scan.
 */
@Configuration(proxyBeanMethods = false)
class DuplicateJobs {

	static final String WORK = "duplicate-work";

	static final String NIGHTLY = "duplicate-nightly-scan";

	@Bean
	RecurringTask<Void> duplicateWorkTask(DuplicateScans scans,
			@Value("${rapport.dataquality.duplicates.interval:10s}") Duration interval) {
		return Tasks.recurring(WORK, FixedDelay.of(interval)).execute((instance, context) -> {
			scans.runQueued();
			scans.recheckQueued();
		});
	}

	@Bean
	RecurringTask<Void> duplicateNightlyTask(DuplicateScans scans,
			@Value("${rapport.dataquality.duplicates.nightly-at:02:30}") LocalTime at) {
		return Tasks.recurring(NIGHTLY, Schedules.daily(at)).execute((instance, context) -> scans.requestNightly());
	}

}
