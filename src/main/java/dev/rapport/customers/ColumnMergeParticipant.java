package dev.rapport.customers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

import dev.rapport.platform.Actors;

/**
 * A {@link MergeParticipant} for records that name a customer in a column: a module
 * declares one per table with its own jOOQ table and columns, instead of writing the
 * moves by hand. A merge selects the rows of the current workspace whose column names the
 * merged customer (less those {@link #keep} holds back), sets the column to the survivor
 * a thousand rows at a time, and answers their ids; an undo sets the column back on
 * exactly those rows, where it still names the survivor.
 *
 * <p>
 * The {@code id} column tells the rows apart within the customer's rows; it need not be
 * unique in the table (a deal's id in a table of the people on deals): every update is
 * limited to the rows that name the customer being moved. A subclass overrides
 * {@link #keep} to leave rows where they are (where the survivor is on the same deal
 * already), and may override {@link #move} and {@link #moveBack}, calling them, to do
 * more with the ids moved (write timeline entries again, reindex).
 */
public class ColumnMergeParticipant implements MergeParticipant {

	private static final int CHUNK = 1000;

	private final DSLContext dsl;

	private final String name;

	private final Table<?> table;

	private final Field<UUID> workspaceId;

	private final Field<UUID> id;

	private final Map<CustomerKind, Field<UUID>> columns;

	/**
	 * @param name the participant's stable name ({@link MergeParticipant#name()})
	 * @param table the table whose rows move
	 * @param workspaceId its workspace column
	 * @param id the column whose values are answered and moved back
	 * @param columns the column naming each kind of customer the table holds
	 */
	public ColumnMergeParticipant(DSLContext dsl, String name, Table<?> table, Field<UUID> workspaceId, Field<UUID> id,
			Map<CustomerKind, Field<UUID>> columns) {
		this.dsl = dsl;
		this.name = name;
		this.table = table;
		this.workspaceId = workspaceId;
		this.id = id;
		this.columns = Map.copyOf(columns);
	}

	@Override
	public String name() {
		return this.name;
	}

	/**
	 * Which rows naming {@code from} stay where they are: none unless overridden. The
	 * condition may refer to the table's columns (the row being moved).
	 */
	protected Condition keep(CustomerKind kind, UUID from, UUID into) {
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
		set(column, from, into, ids);
		return ids;
	}

	@Override
	public void moveBack(CustomerKind kind, UUID from, UUID into, List<UUID> ids) {
		Field<UUID> column = this.columns.get(kind);
		if (column != null) {
			set(column, into, from, ids);
		}
	}

	/** Sets the column from one customer to another on the rows with these ids. */
	private void set(Field<UUID> column, UUID oldValue, UUID newValue, List<UUID> ids) {
		for (int start = 0; start < ids.size(); start += CHUNK) {
			List<UUID> chunk = new ArrayList<>(ids.subList(start, Math.min(ids.size(), start + CHUNK)));
			this.dsl.update(this.table)
				.set(column, newValue)
				.where(this.workspaceId.eq(Actors.workspaceId()))
				.and(this.id.in(chunk))
				.and(column.eq(oldValue))
				.execute();
		}
	}

}
