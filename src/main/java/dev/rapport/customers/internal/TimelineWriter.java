package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.TIMELINE_ENTRY;

import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.rapport.customers.internal.db.tables.records.TimelineEntryRecord;
import dev.rapport.customers.timeline.TimelineEntry;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Ids;
import dev.rapport.platform.WorkspaceScope;

/** Writes timeline entries; the caller has checked access and runs the transaction. */
@Component
class TimelineWriter {

	static final String MODULE = "customers";

	private final DSLContext dsl;

	private final JsonMapper json;

	TimelineWriter(DSLContext dsl, JsonMapper json) {
		this.dsl = dsl;
		this.json = json;
	}

	void record(TimelineEntry entry) {
		if (entry.personId() == null && entry.companyId() == null) {
			throw new IllegalArgumentException("A timeline entry names a person or a company");
		}
		remove(entry.sourceModule(), entry.sourceId());
		TimelineEntryRecord record = this.dsl.newRecord(TIMELINE_ENTRY);
		record.setWorkspaceId(Actors.workspaceId());
		record.setId(Ids.newId());
		record.setPersonId(entry.personId());
		record.setCompanyId(entry.companyId());
		record.setKind(entry.kind());
		record.setOccurredAt(entry.occurredAt());
		record.setActorId(entry.actorId());
		record.setTitle(cut(entry.title(), 300));
		record.setSummary(cut(entry.summary(), 4000));
		record.setData(entry.data().isEmpty() ? null : this.json.writeValueAsString(entry.data()));
		record.setSourceModule(entry.sourceModule());
		record.setSourceId(entry.sourceId());
		record.setLink(entry.link());
		record.setOwnerId(entry.ownerId());
		record.setTeamId(entry.teamId());
		record.insert();
	}

	void remove(String sourceModule, UUID sourceId) {
		this.dsl.deleteFrom(TIMELINE_ENTRY)
			.where(WorkspaceScope.of(TIMELINE_ENTRY.WORKSPACE_ID))
			.and(TIMELINE_ENTRY.SOURCE_MODULE.eq(sourceModule))
			.and(TIMELINE_ENTRY.SOURCE_ID.eq(sourceId))
			.execute();
	}

	private static @Nullable String cut(@Nullable String text, int max) {
		if (text == null) {
			return null;
		}
		return (text.length() > max) ? text.substring(0, max - 1) + "…" : text;
	}

}
