package dev.rapport.platform.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RecordContext;
import org.jooq.RecordListener;
import org.jspecify.annotations.Nullable;

import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;

/**
 * Fills the workspace and audit columns of every record written through jOOQ records, so
 * no repository sets them by hand: {@code workspace_id} from the bound actor on insert,
 * {@code created_at/by} on insert, {@code updated_at/by} on every write. jOOQ itself
 * increments {@code version} (optimistic locking).
 */
class AuditRecordListener implements RecordListener {

	private final Clock clock;

	AuditRecordListener(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void insertStart(RecordContext ctx) {
		Record record = ctx.record();
		Actor actor = Actors.current().orElse(null);
		if (has(record, "workspace_id") && record.get("workspace_id") == null) {
			if (actor == null) {
				throw new IllegalStateException("Cannot insert into " + ctx.record() + " without a bound workspace");
			}
			set(record, "workspace_id", actor.workspaceId());
		}
		OffsetDateTime now = now();
		UUID userId = (actor != null) ? actor.userId() : null;
		set(record, "created_at", now);
		set(record, "created_by", userId);
		set(record, "updated_at", now);
		set(record, "updated_by", userId);
	}

	@Override
	public void updateStart(RecordContext ctx) {
		Record record = ctx.record();
		set(record, "updated_at", now());
		set(record, "updated_by", Actors.current().map(Actor::userId).orElse(null));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

	private static boolean has(Record record, String name) {
		return record.field(name) != null;
	}

	@SuppressWarnings("unchecked")
	private static void set(Record record, String name, @Nullable Object value) {
		Field<Object> field = (Field<Object>) record.field(name);
		if (field != null) {
			record.set(field, value);
		}
	}

}
