package dev.rapport.customers.internal;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.impl.DSL;

import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Cursor;
import dev.rapport.platform.Ids;

/**
 * A list in the order of one standard column, then the record id, read page by page: the
 * cursor carries the last row's value and id.
 */
final class Keyset {

	private final Field<UUID> workspaceId;

	private final Field<?> column;

	private final Field<UUID> id;

	private final boolean descending;

	private Keyset(Field<UUID> workspaceId, Field<?> column, Field<UUID> id, boolean descending) {
		this.workspaceId = workspaceId;
		this.column = column;
		this.id = id;
		this.descending = descending;
	}

	/** By the folded name, A to Z. */
	static Keyset byName(Field<UUID> workspaceId, Field<String> nameKey, Field<UUID> id) {
		return new Keyset(workspaceId, nameKey, id, false);
	}

	/** The most recently changed first. */
	static Keyset newestFirst(Field<UUID> workspaceId, Field<OffsetDateTime> updatedAt, Field<UUID> id) {
		return new Keyset(workspaceId, updatedAt, id, true);
	}

	/**
	 * The order, led by the workspace column: it is the same for every row, but H2 reads
	 * an index in order (and stops after a page) only when the order names its leading
	 * columns.
	 */
	List<SortField<?>> order() {
		return this.descending ? List.of(this.workspaceId.desc(), this.column.desc(), this.id.desc())
				: List.of(this.workspaceId.asc(), this.column.asc(), this.id.asc());
	}

	/** The records after the cursor's one, in this order. */
	@SuppressWarnings("unchecked")
	Condition after(String cursor) {
		List<String> after = Cursor.decode(cursor, 2);
		Object value = (this.column.getType() == OffsetDateTime.class) ? time(after.get(0)) : after.get(0);
		UUID last = Ids.parse("cursor", after.get(1));
		var row = DSL.row((Field<Object>) this.column, this.id);
		return this.descending ? row.lessThan(value, last) : row.greaterThan(value, last);
	}

	String cursor(Record last) {
		return Cursor.encode(String.valueOf(last.get(this.column)), last.get(this.id).toString());
	}

	private static OffsetDateTime time(String text) {
		try {
			return OffsetDateTime.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new BusinessRuleException("cursor", "problem.cursor.invalid");
		}
	}

}
