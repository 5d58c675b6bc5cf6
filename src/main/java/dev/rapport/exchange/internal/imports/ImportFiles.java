package dev.rapport.exchange.internal.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.rapport.exchange.internal.FileStore;
import dev.rapport.platform.BusinessRuleException;

/**
 * Opens a stored file as rows: tells its format (by its first bytes), encoding and
 * delimiter unless the user chose them, and picks the sheet of a workbook.
 */
@Component
class ImportFiles {

	static final String CSV = "csv";

	static final String XLSX = "xlsx";

	static final String VCF = "vcf";

	private static final int SAMPLE = 64 * 1024;

	private final FileStore files;

	private final ImportProperties properties;

	ImportFiles(FileStore files, ImportProperties properties) {
		this.files = files;
		this.properties = properties;
		XlsxSource.limits(properties.maxXlsxEntry().toBytes());
	}

	/** What the user chose about reading a file; blank means detect. */
	record Choices(@Nullable String encoding, @Nullable String delimiter, @Nullable String sheet,
			boolean encodingChosen) {

		Choices(@Nullable String encoding, @Nullable String delimiter, @Nullable String sheet) {
			this(encoding, delimiter, sheet, encoding != null && !encoding.isBlank());
		}

	}

	/** An open file and how it is read. */
	record Opened(TableSource source, String format, @Nullable String encoding, @Nullable String delimiter,
			@Nullable String sheet, List<String> sheets) implements AutoCloseable {

		@Override
		public void close() {
			try {
				this.source.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	/** The format of a file from its first bytes, then its name. */
	static String format(byte[] head, int length, String fileName) {
		if (length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
			return XLSX;
		}
		String start = new String(head, 0, Math.min(length, 200), java.nio.charset.StandardCharsets.ISO_8859_1)
			.replace("\u00ef\u00bb\u00bf", "")
			.replace("\u0000", "")
			.strip()
			.toUpperCase(Locale.ROOT);
		if (start.startsWith("BEGIN:VCARD")) {
			return VCF;
		}
		String name = fileName.toLowerCase(Locale.ROOT);
		if (name.endsWith(".xlsx") || name.endsWith(".xlsm")) {
			// A workbook that does not start as a zip is damaged.
			throw new BusinessRuleException("file", "imports.xlsx.damaged");
		}
		if (name.endsWith(".xls")) {
			throw new BusinessRuleException("file", "imports.xls.unsupported");
		}
		return CSV;
	}

	/** Opens a stored file, detecting what the choices leave open. */
	Opened open(UUID fileId, String fileName, long size, Choices choices) {
		byte[] head = new byte[SAMPLE];
		int length;
		try (InputStream in = this.files.open(fileId)) {
			length = in.readNBytes(head, 0, SAMPLE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (length == 0) {
			throw new BusinessRuleException("file", "imports.file.empty");
		}
		String format = format(head, length, fileName);
		int maxColumns = this.properties.maxColumns();
		if (XLSX.equals(format)) {
			XlsxSource source = XlsxSource.open(this.files.open(fileId), choices.sheet(), maxColumns);
			return new Opened(source, format, null, null, source.sheet(), source.sheets());
		}
		String encoding;
		boolean forced;
		if (choices.encoding() != null && !choices.encoding().isBlank()) {
			encoding = Decoding.choice(choices.encoding())
				.orElseThrow(() -> new BusinessRuleException("encoding", "imports.encoding.unknown",
						String.join(", ", Decoding.CHOICES)));
			forced = choices.encodingChosen();
			if (!Decoding.UTF_16LE.equals(encoding) && !Decoding.UTF_16BE.equals(encoding)) {
				Decoding.detect(head, length);
			}
		}
		else {
			encoding = Decoding.detect(head, length);
			forced = false;
		}
		int maxLine = (int) Math.min(Integer.MAX_VALUE, this.properties.maxLine().toBytes());
		ArrayDeque<Integer> fallbackLines = new ArrayDeque<>();
		CountingInputStream counter = new CountingInputStream(this.files.open(fileId));
		Reader decoded = Decoding.reader(counter, encoding, forced, maxLine, fallbackLines::add);
		if (VCF.equals(format)) {
			return new Opened(new VcfSource(new GuardedReader(decoded, maxLine, false), counter, size), format,
					encoding, null, null, List.of());
		}
		char delimiter;
		if (choices.delimiter() != null && !choices.delimiter().isEmpty()) {
			delimiter = delimiterOf(choices.delimiter());
		}
		else {
			delimiter = Sniffer.delimiter(sampleText(head, length, encoding));
		}
		GuardedReader guarded = new GuardedReader(decoded, maxLine, true);
		try {
			return new Opened(new CsvSource(guarded, delimiter, counter, fallbackLines, maxColumns, size), format,
					encoding, String.valueOf(delimiter), null, List.of());
		}
		catch (RuntimeException ex) {
			try {
				guarded.close();
			}
			catch (IOException closing) {
				ex.addSuppressed(closing);
			}
			throw ex;
		}
	}

	static char delimiterOf(String choice) {
		String d = choice.equalsIgnoreCase("tab") || choice.equals("\\t") ? "\t" : choice;
		if (d.length() != 1 || !Sniffer.DELIMITERS.contains(d.charAt(0))) {
			throw new BusinessRuleException("delimiter", "imports.delimiter.unknown");
		}
		return d.charAt(0);
	}

	private static String sampleText(byte[] head, int length, String encoding) {
		try (Reader reader = Decoding.reader(new java.io.ByteArrayInputStream(head, 0, length), encoding, false,
				Integer.MAX_VALUE, (line) -> {
				})) {
			StringWriter text = new StringWriter();
			reader.transferTo(text);
			return text.toString();
		}
		catch (IOException | BusinessRuleException ex) {
			return "";
		}
	}

}
