package dev.rapport.customers.web;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.rapport.customers.internal.Filters;

/**
 * What the people and companies lists' filters share, as in the address bar: the rows of
 * the "more filters" panel ({@code ff}, {@code fo}, {@code fv}) and the chosen columns
 * ({@code cols}).
 */
interface ListFilter {

	/** How many filter rows the panel offers. */
	int ROWS = 3;

	@Nullable List<String> ff();

	@Nullable List<String> fo();

	@Nullable List<String> fv();

	@Nullable List<String> cols();

	/** The columns shown when none are chosen. */
	List<String> defaultColumns();

	/** The chosen columns, in the order offered, or the default ones. */
	default List<String> columns() {
		List<String> cols = cols();
		if (cols == null || cols.stream().allMatch(String::isBlank)) {
			return defaultColumns();
		}
		return cols.stream().filter((c) -> !c.isBlank()).distinct().limit(12).toList();
	}

	/**
	 * The rows of the "more filters" panel: the ones in use and empty ones up to three.
	 */
	default List<List<String>> rows() {
		List<List<String>> rows = new ArrayList<>();
		for (int i = 0; i < ROWS; i++) {
			rows.add(List.of(at(ff(), i), at(fo(), i), at(fv(), i)));
		}
		return rows;
	}

	/** How many filters of the panel are in use. */
	default long used() {
		return rows().stream().filter((r) -> !r.get(0).isEmpty()).count();
	}

	/** The filters of the panel's rows in use. */
	default List<Filters.Filter> filters() {
		List<Filters.Filter> filters = new ArrayList<>();
		for (List<String> row : rows()) {
			if (!row.get(0).isEmpty()) {
				filters.add(Filters.Filter
					.parse(row.get(0) + ":" + (row.get(1).isEmpty() ? "eq" : row.get(1)) + ":" + row.get(2)));
			}
		}
		return filters;
	}

	private static String at(@Nullable List<String> values, int i) {
		return (values != null && values.size() > i && values.get(i) != null) ? values.get(i).strip() : "";
	}

}
