package dev.rapport.exchange;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Small workbooks made for the tests, and hostile variants of them. */
final class Workbooks {

	private Workbooks() {
	}

	/**
	 * A workbook whose sheets are given as rows of values; a value starting with "="
	 * becomes a formula, a LocalDate a date cell, a Number a number cell.
	 */
	static byte[] of(String[] sheetNames, Object[][]... sheets) {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			CellStyle date = workbook.createCellStyle();
			date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
			for (int s = 0; s < sheets.length; s++) {
				Sheet sheet = workbook.createSheet(sheetNames[s]);
				for (int r = 0; r < sheets[s].length; r++) {
					Row row = sheet.createRow(r);
					for (int c = 0; c < sheets[s][r].length; c++) {
						Object value = sheets[s][r][c];
						if (value == null) {
							continue;
						}
						var cell = row.createCell(c);
						if (value instanceof String text && text.startsWith("=")) {
							cell.setCellFormula(text.substring(1));
						}
						else if (value instanceof LocalDate day) {
							cell.setCellValue(day);
							cell.setCellStyle(date);
						}
						else if (value instanceof Number number) {
							cell.setCellValue(number.doubleValue());
						}
						else {
							cell.setCellValue(value.toString());
						}
					}
				}
			}
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The workbook with one part's content replaced. */
	static byte[] replacing(byte[] workbook, String part, Function<String, byte[]> content) {
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook));
				ByteArrayOutputStream bytes = new ByteArrayOutputStream();
				ZipOutputStream out = new ZipOutputStream(bytes)) {
			ZipEntry entry;
			while ((entry = in.getNextEntry()) != null) {
				byte[] data = in.readAllBytes();
				out.putNextEntry(new ZipEntry(entry.getName()));
				out.write(
						entry.getName().equals(part) ? content.apply(new String(data, StandardCharsets.UTF_8)) : data);
				out.closeEntry();
			}
			out.finish();
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
