package dev.rapport.customers.timeline;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One thing that happened with a person or a company, as the module that owns it records
 * it on the timeline. The kind chooses how it is shown ({@code timeline.kind.<kind>} in
 * the message bundles); data carries the values that message needs, title and summary the
 * text people typed.
 *
 * @param personId the person it concerns, if any
 * @param companyId the company it concerns, if any (at least one of the two)
 * @param kind for example {@code interaction}, {@code stage}, {@code purchase}
 * @param occurredAt when it happened
 * @param actorId the user who did it, if any
 * @param title a short text, such as a product or a call outcome
 * @param summary a longer text, such as the notes of a call
 * @param data values for the message of the kind, such as the channel or the amount
 * @param sourceModule the module that owns the original record
 * @param sourceId the original record's id; recording again with the same source replaces
 * the entry
 * @param link where the original record is shown, if it has a page
 * @param ownerId the owner of the original record when it has its own (a deal, a task):
 * the entry is then shown only to those who may read that record; {@code null} when the
 * entry follows the customer (an interaction, a purchase)
 * @param teamId the team the original record is shared with, if any
 */
public record TimelineEntry(@Nullable UUID personId, @Nullable UUID companyId, String kind, OffsetDateTime occurredAt,
		@Nullable UUID actorId, @Nullable String title, @Nullable String summary, Map<String, String> data,
		String sourceModule, UUID sourceId, @Nullable String link, @Nullable UUID ownerId, @Nullable UUID teamId) {

	/** An entry that anyone who may read the customer sees. */
	public TimelineEntry(@Nullable UUID personId, @Nullable UUID companyId, String kind, OffsetDateTime occurredAt,
			@Nullable UUID actorId, @Nullable String title, @Nullable String summary, Map<String, String> data,
			String sourceModule, UUID sourceId, @Nullable String link) {
		this(personId, companyId, kind, occurredAt, actorId, title, summary, data, sourceModule, sourceId, link, null,
				null);
	}

	/**
	 * The same entry, shown only to those who may read a record with this owner and team.
	 */
	public TimelineEntry reachOf(UUID owner, @Nullable UUID team) {
		return new TimelineEntry(this.personId, this.companyId, this.kind, this.occurredAt, this.actorId, this.title,
				this.summary, this.data, this.sourceModule, this.sourceId, this.link, owner, team);
	}

}
