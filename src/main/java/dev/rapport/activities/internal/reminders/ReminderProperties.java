package dev.rapport.activities.internal.reminders;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of reminder delivery.
 *
 * @param interval how often the delivery job looks for due reminders
 * ({@code RAPPORT_REMINDERS_INTERVAL})
 * @param lateAfter a reminder delivered more than this after its time says it is late
 * @param batchSize how many due reminders one transaction claims
 */
@ConfigurationProperties("rapport.activities.reminders")
public record ReminderProperties(@DefaultValue("30s") Duration interval, @DefaultValue("5m") Duration lateAfter,
		@DefaultValue("20") int batchSize) {
}
