package dev.rapport.customers.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import dev.rapport.customers.CustomerKind;
import dev.rapport.customers.MergeParticipant;
import dev.rapport.platform.Actors;

/**
 * Moves the rows of one table that name a customer in a column (per kind of customer) to
 * the survivor of a merge, and exactly those back on undo.
 */
class ColumnMove implements MergeParticipant {

	private static final int CHUNK = 1000;

	private final DSLContext dsl;

	private final String name;

	private final Table<?> table;

	private final Field<UUID> workspaceId;

	private final Field<UUID> id;

	private final Map<CustomerKind, Field<UUID>> columns;

	ColumnMove(DSLContext dsl, String name, Table<?> table, Field<UUID> workspaceId, Field<UUID> id,
			Map<CustomerKind, Field<UUID>> columns) {
		this.dsl = dsl;
		this.name = name;
		this.table = table;
		this.workspaceId = workspaceId;
		this.id = id;
		this.columns = columns;
	}

	@Override
	public String name() {
		return this.name;
	}

	/** Which rows naming {@code from} stay where they are (none unless overridden). */
	Condition keep(CustomerKind kind, UUID from, UUID into) {
		return DSL.falseCondition();
	}

	@Override
	public List<UUID> move(CustomerKind kind, UUID from, UUID into) {
		Field<UUID> column = this.columns.get(kind);
		if (column == null) {
			return List.of();
		}
		List<UUID> ids = this.dsl.select(this.id)
			.from(this.table)
			.where(this.workspaceId.eq(Actors.workspaceId()))
			.and(column.eq(from))
			.andNot(keep(kind, from, into))
			.fetch(this.id);
		set(column, into, ids, null);
		return ids;
	}

	@Override
	public void moveBack(CustomerKind kind, UUID from, UUID into, List<UUID> ids) {
		Field<UUID> column = this.columns.get(kind);
		if (column != null) {
			set(column, from, ids, into);
		}
	}

	private void set(Field<UUID> column, UUID value, List<UUID> ids, @Nullable UUID onlyWhere) {
		for (int start = 0; start < ids.size(); start += CHUNK) {
			List<UUID> chunk = new ArrayList<>(ids.subList(start, Math.min(ids.size(), start + CHUNK)));
			this.dsl.update(this.table)
				.set(column, value)
				.where(this.workspaceId.eq(Actors.workspaceId()))
				.and(this.id.in(chunk))
				.and((onlyWhere != null) ? column.eq(onlyWhere) : DSL.noCondition())
				.execute();
		}
	}

}
