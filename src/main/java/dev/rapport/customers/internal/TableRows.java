package dev.rapport.customers.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

/**
 * Rows of one table written in one go within the current transaction: with PostgreSQL's
 * COPY protocol (text format) on PostgreSQL, with multi-row inserts elsewhere (H2). The
 * values are given in the order of the fields; no record listener runs, so the caller
 * sets every column, audit columns included.
 */
final class TableRows {

	/** Rows per multi-row insert where COPY is not available. */
	private static final int INSERT_CHUNK = 500;

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");

	private final Table<?> table;

	private final List<Field<?>> fields;

	private final List<@Nullable Object[]> rows = new ArrayList<>();

	TableRows(Table<?> table, List<? extends Field<?>> fields) {
		this.table = table;
		this.fields = List.copyOf(fields);
	}

	TableRows(Table<?> table, Field<?>... fields) {
		this(table, List.of(fields));
	}

	void add(@Nullable Object... values) {
		if (values.length != this.fields.size()) {
			throw new IllegalArgumentException("Expected " + this.fields.size() + " values for " + this.table.getName()
					+ ", got " + values.length);
		}
		this.rows.add(values);
	}

	int size() {
		return this.rows.size();
	}

	List<@Nullable Object[]> rows() {
		return this.rows;
	}

	/** Writes the rows and forgets them. */
	void write(DSLContext dsl) {
		if (this.rows.isEmpty()) {
			return;
		}
		if (dsl.dialect().family() == SQLDialect.POSTGRES) {
			copy(dsl);
		}
		else {
			insert(dsl);
		}
		this.rows.clear();
	}

	private void insert(DSLContext dsl) {
		for (int from = 0; from < this.rows.size(); from += INSERT_CHUNK) {
			InsertValuesStepN<?> insert = dsl.insertInto(this.table, this.fields);
			for (Object[] row : this.rows.subList(from, Math.min(this.rows.size(), from + INSERT_CHUNK))) {
				insert = insert.values(row);
			}
			insert.execute();
		}
	}

	private void copy(DSLContext dsl) {
		String sql = "COPY " + this.table.getName() + " ("
				+ this.fields.stream().map(Field::getName).collect(Collectors.joining(", ")) + ") FROM STDIN";
		StringBuilder text = new StringBuilder(this.rows.size() * 16 * this.fields.size());
		for (Object[] row : this.rows) {
			for (int i = 0; i < row.length; i++) {
				if (i > 0) {
					text.append('\t');
				}
				append(text, row[i]);
			}
			text.append('\n');
		}
		dsl.connection((connection) -> {
			try {
				connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new CharSequenceReader(text));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/** A value in COPY's text format: {@code \N} for null, special characters escaped. */
	static void append(StringBuilder text, @Nullable Object value) {
		switch (value) {
			case null -> text.append("\\N");
			case Boolean b -> text.append(b ? 't' : 'f');
			case BigDecimal d -> text.append(d.toPlainString());
			case OffsetDateTime t -> text.append(TIMESTAMP.format(t.withOffsetSameInstant(ZoneOffset.UTC)));
			case JSON j -> escape(text, j.data());
			case JSONB j -> escape(text, j.data());
			case CharSequence s -> escape(text, s);
			default -> text.append(value);
		}
	}

	private static void escape(StringBuilder text, CharSequence value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> text.append("\\\\");
				case '\t' -> text.append("\\t");
				case '\n' -> text.append("\\n");
				case '\r' -> text.append("\\r");
				default -> text.append(c);
			}
		}
	}

	/** Reads a character sequence without copying it into a string first. */
	private static final class CharSequenceReader extends Reader {

		private final CharSequence text;

		private int position;

		CharSequenceReader(CharSequence text) {
			this.text = text;
		}

		@Override
		public int read(char[] buffer, int offset, int length) {
			if (this.position >= this.text.length()) {
				return -1;
			}
			int count = Math.min(length, this.text.length() - this.position);
			if (this.text instanceof StringBuilder builder) {
				builder.getChars(this.position, this.position + count, buffer, offset);
			}
			else {
				for (int i = 0; i < count; i++) {
					buffer[offset + i] = this.text.charAt(this.position + i);
				}
			}
			this.position += count;
			return count;
		}

		@Override
		public void close() {
		}

	}

}
