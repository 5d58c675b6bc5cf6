package dev.rapport.dataquality.internal.retention;

import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of retention runs.
 *
 * @param dailyAt when the daily run starts, in UTC
 * ({@code RAPPORT_DATAQUALITY_RETENTION_DAILY_AT})
 * @param limit how many records one run handles at most per state; the rest wait for the
 * next run
 */
@ConfigurationProperties("rapport.dataquality.retention")
public record RetentionProperties(@DefaultValue("03:15") LocalTime dailyAt, @DefaultValue("5000") int limit) {
}
