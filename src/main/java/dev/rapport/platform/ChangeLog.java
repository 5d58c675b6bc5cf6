package dev.rapport.platform;

import static dev.rapport.platform.internal.db.Tables.RECORD_CHANGE;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The history of records field by field: who changed which field, from what, to what,
 * when. Each module records the changes of its own records in the same transaction as the
 * change, and shows them on the record's page.
 */
@Service
public class ChangeLog {

	private static final int MAX_VALUE = 2000;

	private final DSLContext dsl;

	private final Clock clock;

	ChangeLog(DSLContext dsl, Clock clock) {
		this.dsl = dsl;
		this.clock = clock;
	}

	/** One field that changed; values are shown as text. */
	public record FieldChange(String field, @Nullable String oldValue, @Nullable String newValue) {
	}

	/** A change as the history shows it. */
	public record Entry(UUID changeSet, String field, @Nullable String oldValue, @Nullable String newValue,
			OffsetDateTime changedAt, @Nullable UUID changedBy) {
	}

	/**
	 * Records the fields that differ, as one change set; does nothing when none differ.
	 */
	@Transactional
	public void record(String recordKind, UUID recordId, List<FieldChange> changes) {
		List<FieldChange> real = changes.stream().filter((c) -> !Objects.equals(c.oldValue(), c.newValue())).toList();
		if (real.isEmpty()) {
			return;
		}
		UUID changeSet = Ids.newId();
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		UUID workspaceId = Actors.workspaceId();
		UUID userId = Actors.current().map(Actor::userId).orElse(null);
		var insert = this.dsl.insertInto(RECORD_CHANGE, RECORD_CHANGE.WORKSPACE_ID, RECORD_CHANGE.ID,
				RECORD_CHANGE.CHANGE_SET, RECORD_CHANGE.RECORD_KIND, RECORD_CHANGE.RECORD_ID, RECORD_CHANGE.FIELD,
				RECORD_CHANGE.OLD_VALUE, RECORD_CHANGE.NEW_VALUE, RECORD_CHANGE.CHANGED_AT, RECORD_CHANGE.CHANGED_BY);
		for (FieldChange change : real) {
			insert = insert.values(workspaceId, Ids.newId(), changeSet, recordKind, recordId, change.field(),
					cut(change.oldValue()), cut(change.newValue()), now, userId);
		}
		insert.execute();
	}

	/**
	 * The changes of a record, newest first. The caller has checked that the user may
	 * read the record.
	 */
	@Transactional(readOnly = true)
	public List<Entry> of(UUID recordId, int limit) {
		return this.dsl.selectFrom(RECORD_CHANGE)
			.where(WorkspaceScope.of(RECORD_CHANGE.WORKSPACE_ID))
			.and(RECORD_CHANGE.RECORD_ID.eq(recordId))
			.orderBy(RECORD_CHANGE.CHANGED_AT.desc(), RECORD_CHANGE.ID)
			.limit(limit)
			.fetch((r) -> new Entry(r.getChangeSet(), r.getField(), r.getOldValue(), r.getNewValue(), r.getChangedAt(),
					r.getChangedBy()));
	}

	/**
	 * Removes the history of records that are removed for good (trash emptied, erasure);
	 * works in every workspace, for scheduled clean-up.
	 */
	@Transactional
	public void forget(java.util.Collection<UUID> recordIds) {
		if (!recordIds.isEmpty()) {
			this.dsl.deleteFrom(RECORD_CHANGE).where(RECORD_CHANGE.RECORD_ID.in(recordIds)).execute();
		}
	}

	/**
	 * Blanks the old and new values of the history of records of the current workspace
	 * (erasure of a person), keeping who changed which field when.
	 * @return how many changes were blanked
	 */
	@Transactional
	public int blank(java.util.Collection<UUID> recordIds) {
		if (recordIds.isEmpty()) {
			return 0;
		}
		return this.dsl.update(RECORD_CHANGE)
			.setNull(RECORD_CHANGE.OLD_VALUE)
			.setNull(RECORD_CHANGE.NEW_VALUE)
			.where(WorkspaceScope.of(RECORD_CHANGE.WORKSPACE_ID))
			.and(RECORD_CHANGE.RECORD_ID.in(recordIds))
			.and(RECORD_CHANGE.OLD_VALUE.isNotNull().or(RECORD_CHANGE.NEW_VALUE.isNotNull()))
			.execute();
	}

	private static @Nullable String cut(@Nullable String value) {
		return (value != null && value.length() > MAX_VALUE) ? value.substring(0, MAX_VALUE - 1) + "…" : value;
	}

}
