package dev.rapport.exchange.internal.imports;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.jspecify.annotations.Nullable;

import dev.rapport.platform.BusinessRuleException;

/**
 * The rows of one sheet of an Excel workbook, read with a pull parser from the zipped
 * sheet part: the workbook is never loaded. Shared strings and styles are read once.
 * Formula cells are reported, never evaluated; XML with a DOCTYPE (entities) is refused,
 * as are zip bombs (POI's limits on inflate ratio and entry size).
 */
final class XlsxSource implements TableSource {

	static {
		ZipSecureFile.setMinInflateRatio(0.01);
	}

	private final Path file;

	private final OPCPackage pkg;

	private final ReadOnlySharedStringsTable strings;

	private final StylesTable styles;

	private final XMLStreamReader xml;

	private final InputStream sheetStream;

	private final int maxColumns;

	private final List<String> header;

	private final List<String> sheets;

	private final String sheet;

	private int lastRow;

	private int rowsDone;

	/** Configures the zip limits once: entry size and text size. */
	static void limits(long maxEntryBytes) {
		ZipSecureFile.setMaxEntrySize(maxEntryBytes);
		ZipSecureFile.setMaxTextSize(Math.min(maxEntryBytes, Integer.MAX_VALUE - 16));
	}

	/**
	 * Opens a workbook copied from the stream into a temporary file (a zip must be read
	 * from a file to be streamed), at the named sheet or the first.
	 */
	static XlsxSource open(InputStream in, @Nullable String sheetName, int maxColumns) {
		Path file;
		try {
			file = Files.createTempFile("rapport-import-", ".xlsx");
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		try {
			try (in) {
				Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
			return new XlsxSource(file, sheetName, maxColumns);
		}
		catch (BusinessRuleException ex) {
			deleteQuietly(file);
			throw ex;
		}
		catch (Exception | LinkageError ex) {
			deleteQuietly(file);
			throw refusal(ex);
		}
	}

	private XlsxSource(Path file, @Nullable String sheetName, int maxColumns) throws Exception {
		this.file = file;
		this.maxColumns = maxColumns;
		this.pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
		try {
			XSSFReader reader = new XSSFReader(this.pkg);
			this.strings = new ReadOnlySharedStringsTable(this.pkg, false);
			this.styles = reader.getStylesTable();
			XSSFReader.SheetIterator iterator = reader.getSheetIterator();
			List<String> names = new ArrayList<>();
			InputStream chosen = null;
			String chosenName = null;
			while (iterator.hasNext()) {
				InputStream stream = iterator.next();
				String name = iterator.getSheetName();
				names.add(name);
				if (chosen == null && (sheetName == null || sheetName.isBlank() || sheetName.equals(name))) {
					chosen = stream;
					chosenName = name;
				}
				else {
					stream.close();
				}
			}
			if (chosen == null) {
				throw new BusinessRuleException("sheet",
						(names.isEmpty()) ? "imports.xlsx.no-sheet" : "imports.xlsx.sheet-unknown",
						(sheetName != null) ? sheetName : "");
			}
			this.sheets = List.copyOf(names);
			this.sheet = chosenName;
			this.sheetStream = chosen;
			XMLInputFactory factory = XMLHelper.newXMLInputFactory();
			this.xml = factory.createXMLStreamReader(this.sheetStream);
			Row first = next();
			if (first == null) {
				throw new BusinessRuleException("file", "imports.file.empty");
			}
			List<String> names2 = new ArrayList<>();
			first.cells().forEach((c) -> names2.add(c.strip()));
			this.header = names2;
		}
		catch (Exception | LinkageError ex) {
			this.pkg.revert();
			throw ex;
		}
	}

	/** A refusal for what went wrong opening or reading a workbook. */
	static BusinessRuleException refusal(Throwable ex) {
		if (ex instanceof BusinessRuleException rule) {
			return rule;
		}
		StringBuilder messages = new StringBuilder();
		for (Throwable t = ex; t != null; t = t.getCause()) {
			messages.append(' ').append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
			if (t instanceof BusinessRuleException rule) {
				return rule;
			}
		}
		String text = messages.toString().toLowerCase(Locale.ROOT);
		if (text.contains("zip bomb") || text.contains("inflate ratio") || text.contains("max entry size")
				|| text.contains("maxentrysize") || text.contains("text size") || text.contains("file count")) {
			return new BusinessRuleException("file", "imports.xlsx.zip-bomb");
		}
		if (text.contains("doctype") || text.contains("entity") || text.contains("dtd")) {
			return new BusinessRuleException("file", "imports.xlsx.doctype");
		}
		return new BusinessRuleException("file", "imports.xlsx.damaged");
	}

	List<String> sheets() {
		return this.sheets;
	}

	String sheet() {
		return this.sheet;
	}

	@Override
	public List<String> header() {
		return this.header;
	}

	@Override
	public @Nullable Row next() {
		try {
			return readRow();
		}
		catch (XMLStreamException | RuntimeException ex) {
			throw refusal(ex);
		}
	}

	private @Nullable Row readRow() throws XMLStreamException {
		int rowNumber = 0;
		List<String> cells = null;
		List<Finding> findings = null;
		int column = -1;
		String type = null;
		int style = -1;
		boolean formula = false;
		StringBuilder value = new StringBuilder();
		StringBuilder inline = new StringBuilder();
		String element = null;
		while (this.xml.hasNext()) {
			int event = this.xml.next();
			if (event == XMLStreamConstants.DTD) {
				throw new BusinessRuleException("file", "imports.xlsx.doctype");
			}
			if (event == XMLStreamConstants.ENTITY_REFERENCE) {
				throw new BusinessRuleException("file", "imports.xlsx.doctype");
			}
			if (event == XMLStreamConstants.START_ELEMENT) {
				String name = this.xml.getLocalName();
				switch (name) {
					case "row" -> {
						String r = this.xml.getAttributeValue(null, "r");
						rowNumber = (r != null) ? Integer.parseInt(r) : rowNumber + 1;
						cells = new ArrayList<>();
						findings = new ArrayList<>(0);
					}
					case "c" -> {
						String ref = this.xml.getAttributeValue(null, "r");
						column = (ref != null) ? columnOf(ref) : column + 1;
						if (column >= this.maxColumns) {
							throw new BusinessRuleException("file", "imports.file.too-many-columns", rowNumber,
									this.maxColumns);
						}
						type = this.xml.getAttributeValue(null, "t");
						String s = this.xml.getAttributeValue(null, "s");
						style = (s != null) ? Integer.parseInt(s) : -1;
						formula = false;
						value.setLength(0);
						inline.setLength(0);
					}
					case "f" -> formula = true;
					case "dimension" -> {
						String ref = this.xml.getAttributeValue(null, "ref");
						if (ref != null && ref.contains(":")) {
							String end = ref.substring(ref.indexOf(':') + 1).replaceAll("[A-Z$]", "");
							this.lastRow = end.isEmpty() ? 0 : Integer.parseInt(end);
						}
					}
					default -> {
					}
				}
				element = name;
			}
			else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
				if ("v".equals(element)) {
					value.append(this.xml.getText());
				}
				else if ("t".equals(element)) {
					inline.append(this.xml.getText());
				}
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				String name = this.xml.getLocalName();
				element = null;
				if ("c".equals(name) && cells != null && findings != null) {
					while (cells.size() < column) {
						cells.add("");
					}
					if (formula) {
						cells.add("");
						findings.add(Finding.error(column, null, "imports.xlsx.formula", cellName(column, rowNumber)));
					}
					else {
						cells.add(text(type, style, value.toString(), inline.toString()));
					}
				}
				else if ("row".equals(name) && cells != null && findings != null) {
					boolean blank = cells.stream().allMatch(String::isBlank) && findings.isEmpty();
					this.rowsDone = rowNumber;
					if (!blank) {
						return new Row(rowNumber, cells, findings);
					}
					cells = null;
				}
			}
		}
		return null;
	}

	private String text(@Nullable String type, int style, String value, String inline) {
		if (type == null || "n".equals(type)) {
			if (value.isEmpty()) {
				return "";
			}
			return number(value, style);
		}
		return switch (type) {
			case "s" -> {
				int index = Integer.parseInt(value.strip());
				yield this.strings.getItemAt(index).getString();
			}
			case "inlineStr" -> inline;
			case "b" -> "1".equals(value) ? "TRUE" : "FALSE";
			case "e" -> "";
			default -> value;
		};
	}

	private String number(String value, int style) {
		double number;
		try {
			number = Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			return value;
		}
		if (style >= 0 && style < this.styles.getNumCellStyles()) {
			XSSFCellStyle cellStyle = this.styles.getStyleAt(style);
			String format = cellStyle.getDataFormatString();
			if (format != null && DateUtil.isADateFormat(cellStyle.getDataFormat(), format)
					&& DateUtil.isValidExcelDate(number)) {
				LocalDateTime time = DateUtil.getLocalDateTime(number);
				return (time.toLocalTime().toSecondOfDay() == 0) ? time.toLocalDate().toString() : time.toString();
			}
		}
		return new BigDecimal(value).stripTrailingZeros().toPlainString();
	}

	static int columnOf(String ref) {
		int column = 0;
		for (int i = 0; i < ref.length(); i++) {
			char c = ref.charAt(i);
			if (c < 'A' || c > 'Z') {
				break;
			}
			column = column * 26 + (c - 'A' + 1);
		}
		return column - 1;
	}

	static String cellName(int column, int row) {
		StringBuilder name = new StringBuilder();
		int c = column + 1;
		while (c > 0) {
			int rest = (c - 1) % 26;
			name.insert(0, (char) ('A' + rest));
			c = (c - 1) / 26;
		}
		return name.append(row).toString();
	}

	@Override
	public double progress() {
		return (this.lastRow > 0) ? Math.min(1.0, (double) this.rowsDone / this.lastRow) : -1;
	}

	@Override
	public void close() throws IOException {
		try {
			this.xml.close();
			this.sheetStream.close();
		}
		catch (XMLStreamException ex) {
			// closing only
		}
		finally {
			this.pkg.revert();
			deleteQuietly(this.file);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			file.toFile().deleteOnExit();
		}
	}

}
