package dev.rapport.exchange.internal.exports;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of exports.
 *
 * @param expiry how long a written export file is kept before the cleanup job deletes it
 * ({@code RAPPORT_EXPORT_EXPIRY})
 * @param cleanupInterval how often the cleanup job deletes expired import and export
 * files
 * @param maxBytes the largest export file written; a larger one fails the job
 */
@ConfigurationProperties("rapport.exchange.export")
public record ExportProperties(@DefaultValue("7d") Duration expiry, @DefaultValue("1h") Duration cleanupInterval,
		@DefaultValue("4294967296") long maxBytes) {
}
