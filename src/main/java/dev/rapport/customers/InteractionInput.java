package dev.rapport.customers;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * An interaction to log: only the channel is required, the time defaults to now. A system
 * that sends its own reference (externalRef) can retry without logging twice.
 */
public record InteractionInput(@Nullable String channel, @Nullable String direction,
		@Nullable OffsetDateTime occurredAt, @Nullable Integer durationSeconds, @Nullable String outcome,
		@Nullable String summary, @Nullable String externalRef) {
}
