package dev.rapport.exchange.internal.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One row on its way in: the values read from its mapped cells, what it will do, and what
 * was found on the way.
 */
final class Converted {

	final TableSource.Row row;

	final List<TableSource.Finding> findings = new ArrayList<>();

	/** The column each field came from, to report a field's problem at its column. */
	final Map<String, Integer> columns = new HashMap<>();

	final List<Integer> emailColumns = new ArrayList<>();

	final List<Integer> phoneColumns = new ArrayList<>();

	/** The values by field, as text. */
	final Map<String, String> values = new HashMap<>();

	final Map<String, Object> custom = new HashMap<>();

	final List<String> emails = new ArrayList<>();

	final List<String[]> phones = new ArrayList<>();

	String action = "create";

	@Nullable UUID target;

	/** The earlier row of the file this one repeats, or 0. */
	int repeats;

	@Nullable Object input;

	Converted(TableSource.Row row) {
		this.row = row;
		this.findings.addAll(row.findings());
	}

	@Nullable String value(String field) {
		return this.values.get(field);
	}

	boolean failed() {
		return this.findings.stream().anyMatch((f) -> f.level() == TableSource.Level.ERROR);
	}

	void error(String field, String key, Object... arguments) {
		this.findings.add(TableSource.Finding.error(column(field), field, key, arguments));
	}

	void warning(String field, String key, Object... arguments) {
		this.findings.add(TableSource.Finding.warning(column(field), field, key, arguments));
	}

	int column(@Nullable String field) {
		if (field == null) {
			return -1;
		}
		Integer column = this.columns.get(field);
		return (column != null) ? column : -1;
	}

}
