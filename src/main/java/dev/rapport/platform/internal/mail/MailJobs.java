package dev.rapport.platform.internal.mail;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The recurring job that sends the e-mail outbox, on one node at a time. */
@Configuration(proxyBeanMethods = false)
class MailJobs {

	static final String TASK = "mail-outbox";

	@Bean
	RecurringTask<Void> mailOutboxTask(MailDispatcher dispatcher, MailProperties properties) {
		return Tasks.recurring(TASK, FixedDelay.of(properties.interval()))
			.execute((instance, context) -> dispatcher.sendDue());
	}

}
