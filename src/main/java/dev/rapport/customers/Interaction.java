package dev.rapport.customers;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A call, e-mail, SMS, chat, meeting, visit or letter with a person, as logged. */
public record Interaction(UUID id, UUID personId, @Nullable UUID companyId, String channel, String direction,
		OffsetDateTime occurredAt, @Nullable Integer durationSeconds, @Nullable String outcome,
		@Nullable String summary, @Nullable String externalRef, @Nullable UUID loggedBy, int version) {

	/** The channels an interaction can happen on. */
	public static final java.util.List<String> CHANNELS = java.util.List.of("call", "email", "sms", "chat", "meeting",
			"visit", "letter");

	/** Who started it. */
	public static final java.util.List<String> DIRECTIONS = java.util.List.of("inbound", "outbound");

}
