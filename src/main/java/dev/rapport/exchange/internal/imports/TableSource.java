package dev.rapport.exchange.internal.imports;

import java.io.Closeable;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The rows of an uploaded file, read one at a time from a stream: a CSV file, a sheet of
 * a workbook or the cards of a vCard file, each seen as a header and rows of text.
 */
interface TableSource extends Closeable {

	/** The column names of the first row. */
	List<String> header();

	/** The next row with something in it, or null at the end. */
	@Nullable Row next();

	/** How much of the file was read so far, from 0 to 1 (-1 when unknown). */
	double progress();

	/**
	 * A row: its number as a spreadsheet shows it (the header is row 1) and its cells;
	 * findings of reading it, such as a formula cell or a line in another encoding.
	 */
	record Row(int number, List<String> cells, List<Finding> findings) {

		String cell(int column) {
			return (column < this.cells.size()) ? this.cells.get(column) : "";
		}

	}

	/**
	 * Something to report about a row: an error keeps the row out of the import.
	 * {@code column} is -1 for the whole row.
	 */
	record Finding(Level level, int column, @Nullable String field, String messageKey, List<String> arguments) {

		static Finding error(int column, @Nullable String field, String key, Object... arguments) {
			return new Finding(Level.ERROR, column, field, key, strings(arguments));
		}

		static Finding warning(int column, @Nullable String field, String key, Object... arguments) {
			return new Finding(Level.WARNING, column, field, key, strings(arguments));
		}

		private static List<String> strings(Object... arguments) {
			return java.util.Arrays.stream(arguments).map(String::valueOf).toList();
		}

	}

	/** How bad a finding is. */
	enum Level {

		ERROR, WARNING;

		String code() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
