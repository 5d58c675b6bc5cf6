package dev.rapport.customers;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A person's current consent for a channel: the newest ledger entry (its status, date and
 * source), or {@code unknown} with no date when nothing was recorded.
 */
public record ConsentStanding(UUID personId, String displayName, String channel, String status,
		@Nullable OffsetDateTime recordedAt, @Nullable String source) {

	/**
	 * How many people the user may read are opted in, opted out or unknown on a channel.
	 */
	public record Count(String channel, long optedIn, long optedOut, long unknown) {
	}

}
