package dev.rapport.customers;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One entry of the consent ledger: a person opted in to or out of a channel, from a
 * source (a web form, a phone call, a paper form), with the wording they agreed to.
 */
public record Consent(UUID id, String channel, Status status, String source, @Nullable String wording,
		OffsetDateTime recordedAt, @Nullable UUID recordedBy, @Nullable String recordedByName) {

	/** The channels consent is kept for. */
	public static final java.util.List<String> CHANNELS = java.util.List.of("email", "sms", "phone", "chat", "post");

	/** Whether the person agreed. */
	public enum Status {

		OPT_IN, OPT_OUT;

		public String code() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}

		public static java.util.Optional<Status> fromCode(String code) {
			for (Status status : values()) {
				if (status.code().equalsIgnoreCase(code.strip())) {
					return java.util.Optional.of(status);
				}
			}
			return java.util.Optional.empty();
		}

	}

	/** What other modules may do on a channel, from the newest ledger entry. */
	public enum Permission {

		/** The person opted in. */
		OPTED_IN,
		/** Nothing recorded: only what needs no consent (a reply, a contract matter). */
		UNKNOWN,
		/** The person opted out: do not use the channel. */
		OPTED_OUT

	}

}
