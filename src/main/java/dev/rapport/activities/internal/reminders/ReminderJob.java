package dev.rapport.activities.internal.reminders;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The recurring job that delivers due reminders. db-scheduler runs it on one node at a
 * time; the row claim in {@link ReminderDelivery} keeps delivery exactly-once even if
 * runs overlap or a node dies mid-run.
 */
@Configuration(proxyBeanMethods = false)
class ReminderJob {

	static final String TASK = "reminder-delivery";

	@Bean
	RecurringTask<Void> reminderDeliveryTask(ReminderDelivery delivery, ReminderProperties properties) {
		return Tasks.recurring(TASK, FixedDelay.of(properties.interval()))
			.execute((instance, context) -> delivery.deliverDue());
	}

}
