package dev.rapport.customers;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The end-of-life state of a person or a company as their page shows it: the state (none
 * when active), when, who, why, the company a person left, and whether retention archived
 * the record.
 */
public record EndOfLifeView(@Nullable EndOfLifeState state, @Nullable OffsetDateTime changedAt,
		@Nullable String changedByName, @Nullable String reasonCode, @Nullable String reason, @Nullable LocalDate on,
		@Nullable UUID formerCompanyId, @Nullable String formerCompanyName, @Nullable OffsetDateTime archivedAt,
		List<FormerPerson> formerPeople) {

	/** Whether the record is in an end-of-life state. */
	public boolean ended() {
		return this.state != null;
	}

	/** Whether retention archived the record (hidden from lists until restored). */
	public boolean archived() {
		return this.archivedAt != null;
	}

	/** A person who left a company, for the company's "formerly here" line. */
	public record FormerPerson(UUID id, String displayName, @Nullable LocalDate leftOn) {
	}

}
