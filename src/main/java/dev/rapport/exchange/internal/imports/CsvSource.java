package dev.rapport.exchange.internal.imports;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

import dev.rapport.platform.BusinessRuleException;

/** The records of a CSV file, streamed through commons-csv. */
final class CsvSource implements TableSource {

	private final CSVParser parser;

	private final Iterator<CSVRecord> records;

	private final CountingInputStream counter;

	private final ArrayDeque<Integer> fallbackLines;

	private final int maxColumns;

	private final long size;

	private final List<String> header;

	private long previousLine;

	private int number = 1;

	CsvSource(Reader reader, char delimiter, CountingInputStream counter, ArrayDeque<Integer> fallbackLines,
			int maxColumns, long size) {
		this.size = size;
		this.counter = counter;
		this.fallbackLines = fallbackLines;
		this.maxColumns = maxColumns;
		try {
			this.parser = CSVFormat.DEFAULT.builder()
				.setDelimiter(delimiter)
				.setQuote('"')
				.setIgnoreEmptyLines(true)
				.setTrim(false)
				.get()
				.parse(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.records = this.parser.iterator();
		Row first = next();
		if (first == null) {
			throw new BusinessRuleException("file", "imports.file.empty");
		}
		List<String> names = new ArrayList<>();
		first.cells().forEach((c) -> names.add(c.strip()));
		this.header = names;
		this.number = 1;
	}

	@Override
	public List<String> header() {
		return this.header;
	}

	@Override
	public @Nullable Row next() {
		while (true) {
			CSVRecord record;
			try {
				if (!this.records.hasNext()) {
					return null;
				}
				record = this.records.next();
			}
			catch (UncheckedIOException | IllegalStateException ex) {
				if (ex.getCause() instanceof BusinessRuleException rule) {
					throw rule;
				}
				throw new BusinessRuleException("file", "imports.file.csv-broken", this.parser.getCurrentLineNumber());
			}
			this.number++;
			if (record.size() > this.maxColumns) {
				throw new BusinessRuleException("file", "imports.file.too-many-columns", this.number, this.maxColumns);
			}
			List<String> cells = new ArrayList<>(record.size());
			boolean blank = true;
			for (String value : record) {
				cells.add(value);
				blank &= value.isBlank();
			}
			List<Finding> findings = new ArrayList<>(0);
			long line = this.parser.getCurrentLineNumber();
			while (!this.fallbackLines.isEmpty() && this.fallbackLines.peek() <= line + 1) {
				int fallback = this.fallbackLines.poll();
				if (fallback > this.previousLine) {
					findings.add(Finding.warning(-1, null, "imports.row.windows-1252", fallback));
				}
			}
			this.previousLine = line;
			if (blank) {
				continue;
			}
			return new Row(this.number, cells, findings);
		}
	}

	@Override
	public double progress() {
		return (this.size > 0) ? Math.min(1.0, (double) this.counter.count() / this.size) : -1;
	}

	@Override
	public void close() throws IOException {
		this.parser.close();
	}

}
