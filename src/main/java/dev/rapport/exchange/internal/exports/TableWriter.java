package dev.rapport.exchange.internal.exports;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFCell;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jspecify.annotations.Nullable;

import dev.rapport.platform.BusinessRuleException;

/**
 * Writes a table of rows to a stream, one row at a time: CSV (UTF-8 with a byte order
 * mark, so that Excel reads it as UTF-8) or Excel (POI's streaming workbook, which keeps
 * a window of rows in memory and the rest in a temporary file). Texts are never written
 * as formulas: see {@link Cells}.
 */
interface TableWriter extends Closeable {

	/** The last row index of an Excel sheet. */
	int MAX_XLSX_ROW = 1_048_575;

	void header(List<String> headers) throws IOException;

	void row(List<@Nullable Object> cells) throws IOException;

	/** Writes what is left and closes the writer (not the stream). */
	void finish() throws IOException;

	static TableWriter csv(OutputStream out) throws IOException {
		out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
		OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT);
		return new TableWriter() {

			@Override
			public void header(List<String> headers) throws IOException {
				row(List.copyOf(headers));
			}

			@Override
			public void row(List<@Nullable Object> cells) throws IOException {
				for (Object cell : cells) {
					if (cell == null) {
						printer.print("");
					}
					else if (cell instanceof BigDecimal number) {
						printer.print(number.toPlainString());
					}
					else if (cell instanceof Number number) {
						printer.print(number.toString());
					}
					else {
						printer.print(Cells.csv(cell.toString()));
					}
				}
				printer.println();
			}

			@Override
			public void finish() throws IOException {
				printer.flush();
			}

			@Override
			public void close() throws IOException {
				printer.flush();
			}

		};
	}

	static TableWriter xlsx(OutputStream out, String sheetName) {
		SXSSFWorkbook workbook = new SXSSFWorkbook(100);
		workbook.setCompressTempFiles(true);
		SXSSFSheet sheet = workbook.createSheet(sheetName);
		CellStyle bold = workbook.createCellStyle();
		Font font = workbook.createFont();
		font.setBold(true);
		bold.setFont(font);
		// Excel's own way of keeping a text that looks like a formula a text when edited.
		CellStyle quoted = workbook.createCellStyle();
		quoted.setQuotePrefixed(true);
		return new TableWriter() {

			private int next;

			@Override
			public void header(List<String> headers) {
				Row row = sheet.createRow(this.next++);
				for (int i = 0; i < headers.size(); i++) {
					row.createCell(i).setCellValue(headers.get(i));
					row.getCell(i).setCellStyle(bold);
				}
			}

			@Override
			public void row(List<@Nullable Object> cells) {
				if (this.next > MAX_XLSX_ROW) {
					throw new BusinessRuleException(null, "export.too-many-rows");
				}
				SXSSFRow row = sheet.createRow(this.next++);
				for (int i = 0; i < cells.size(); i++) {
					Object value = cells.get(i);
					if (value == null) {
						continue;
					}
					SXSSFCell cell = row.createCell(i);
					if (value instanceof Number number) {
						cell.setCellValue(number.doubleValue());
					}
					else {
						String text = value.toString();
						// A string cell is never evaluated, whatever it holds.
						cell.setCellValue(text);
						if (Cells.risky(text)) {
							cell.setCellStyle(quoted);
						}
					}
				}
			}

			@Override
			public void finish() throws IOException {
				workbook.write(out);
			}

			@Override
			public void close() throws IOException {
				workbook.close();
			}

		};
	}

}
