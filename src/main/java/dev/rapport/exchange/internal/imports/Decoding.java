package dev.rapport.exchange.internal.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;

import dev.rapport.platform.BusinessRuleException;

/**
 * Which text encoding a file is in, told from its first bytes, and a reader that decodes
 * it. UTF-8 files with a few lines in another encoding (a spreadsheet pasted together)
 * are read line by line: a line that is not UTF-8 is read as Windows-1252 and reported.
 */
final class Decoding {

	static final String UTF_8 = "UTF-8";

	static final String UTF_16LE = "UTF-16LE";

	static final String UTF_16BE = "UTF-16BE";

	static final String WINDOWS_1252 = "windows-1252";

	/** The encodings a user can choose. */
	static final List<String> CHOICES = List.of(UTF_8, UTF_16LE, UTF_16BE, WINDOWS_1252);

	private Decoding() {
	}

	/** An encoding by a name a user typed, if it is one of the choices. */
	static Optional<String> choice(@Nullable String name) {
		if (name == null || name.isBlank()) {
			return Optional.empty();
		}
		String n = name.strip().toUpperCase(Locale.ROOT).replace("_", "-");
		return switch (n) {
			case "UTF-8", "UTF8" -> Optional.of(UTF_8);
			case "UTF-16LE", "UTF-16", "UTF16LE", "UTF16" -> Optional.of(UTF_16LE);
			case "UTF-16BE", "UTF16BE" -> Optional.of(UTF_16BE);
			case "WINDOWS-1252", "CP1252", "ISO-8859-1", "LATIN1", "LATIN-1" -> Optional.of(WINDOWS_1252);
			default -> Optional.empty();
		};
	}

	/**
	 * The encoding of a file from its first bytes: a byte order mark, the zero bytes of
	 * UTF-16, valid UTF-8, or Windows-1252 otherwise. Refuses binary content.
	 */
	static String detect(byte[] sample, int length) {
		if (length >= 3 && (sample[0] & 0xff) == 0xEF && (sample[1] & 0xff) == 0xBB && (sample[2] & 0xff) == 0xBF) {
			return UTF_8;
		}
		if (length >= 2 && (sample[0] & 0xff) == 0xFF && (sample[1] & 0xff) == 0xFE) {
			return UTF_16LE;
		}
		if (length >= 2 && (sample[0] & 0xff) == 0xFE && (sample[1] & 0xff) == 0xFF) {
			return UTF_16BE;
		}
		int evenZeros = 0;
		int oddZeros = 0;
		int controls = 0;
		for (int i = 0; i < length; i++) {
			int b = sample[i] & 0xff;
			if (b == 0) {
				if (i % 2 == 0) {
					evenZeros++;
				}
				else {
					oddZeros++;
				}
			}
			else if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
				controls++;
			}
		}
		int pairs = Math.max(1, length / 2);
		if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) {
			return UTF_16LE;
		}
		if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) {
			return UTF_16BE;
		}
		if (evenZeros + oddZeros > 0 || controls > Math.max(8, length / 100)) {
			throw new BusinessRuleException("file", "imports.file.binary");
		}
		return looksUtf8(sample, length) ? UTF_8 : WINDOWS_1252;
	}

	/**
	 * Whether the sample is UTF-8: every line decodes, or there are lines with non-ASCII
	 * UTF-8 and only some lines that do not (decoded line by line later).
	 */
	private static boolean looksUtf8(byte[] sample, int length) {
		int utf8Lines = 0;
		int badLines = 0;
		int start = 0;
		for (int i = 0; i <= length; i++) {
			if (i == length || sample[i] == '\n') {
				// The last line may be cut in the middle of a character.
				if (i == length && length == sample.length) {
					break;
				}
				boolean ascii = true;
				for (int j = start; j < i; j++) {
					if (sample[j] < 0) {
						ascii = false;
						break;
					}
				}
				if (!ascii) {
					if (decodes(sample, start, i - start)) {
						utf8Lines++;
					}
					else {
						badLines++;
					}
				}
				start = i + 1;
			}
		}
		return badLines == 0 || utf8Lines > 0;
	}

	private static boolean decodes(byte[] bytes, int offset, int length) {
		try {
			strictUtf8().decode(ByteBuffer.wrap(bytes, offset, length));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	private static CharsetDecoder strictUtf8() {
		return StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
	}

	/**
	 * A reader of the file in this encoding. For UTF-8 chosen by the user every line must
	 * be UTF-8; detected UTF-8 reads other lines as Windows-1252 and tells
	 * {@code fallbackLines} their numbers. A byte order mark is skipped.
	 */
	static Reader reader(InputStream in, String encoding, boolean forced, int maxLineBytes, IntConsumer fallbackLines) {
		if (UTF_8.equals(encoding)) {
			return new Utf8Lines(in, forced, maxLineBytes, fallbackLines);
		}
		Charset charset = Charset.forName(encoding);
		CharsetDecoder decoder = charset.newDecoder();
		if (WINDOWS_1252.equals(encoding)) {
			decoder.onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
		}
		else {
			decoder.onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
		}
		Reader reader = new InputStreamReader(in, decoder);
		return new BomSkipping(reader);
	}

	/** Skips a leading U+FEFF. */
	private static final class BomSkipping extends Reader {

		private final Reader in;

		private boolean first = true;

		BomSkipping(Reader in) {
			this.in = in;
		}

		@Override
		public int read(char[] buffer, int offset, int length) throws IOException {
			int n;
			try {
				n = this.in.read(buffer, offset, length);
			}
			catch (CharacterCodingException ex) {
				throw new BusinessRuleException("file", "imports.file.encoding-invalid");
			}
			if (this.first && n > 0) {
				this.first = false;
				if (buffer[offset] == '\uFEFF') {
					System.arraycopy(buffer, offset + 1, buffer, offset, n - 1);
					return (n == 1) ? read(buffer, offset, length) : n - 1;
				}
			}
			return n;
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

	}

	/**
	 * UTF-8 decoded one physical line at a time, so that a line that is not UTF-8 can be
	 * read in Windows-1252 instead; refuses a line longer than the limit before keeping
	 * more of it.
	 */
	private static final class Utf8Lines extends Reader {

		private final InputStream in;

		private final boolean strict;

		private final int maxLineBytes;

		private final IntConsumer fallbackLines;

		private final ByteArrayOutputStream line = new ByteArrayOutputStream();

		private final byte[] buffer = new byte[64 * 1024];

		private int position;

		private int limit;

		private CharBuffer pending = CharBuffer.allocate(0);

		private int lineNumber;

		private boolean eof;

		Utf8Lines(InputStream in, boolean strict, int maxLineBytes, IntConsumer fallbackLines) {
			this.in = in;
			this.strict = strict;
			this.maxLineBytes = maxLineBytes;
			this.fallbackLines = fallbackLines;
		}

		@Override
		public int read(char[] out, int offset, int length) throws IOException {
			while (!this.pending.hasRemaining()) {
				if (!nextLine()) {
					return -1;
				}
			}
			int n = Math.min(length, this.pending.remaining());
			this.pending.get(out, offset, n);
			return n;
		}

		private boolean nextLine() throws IOException {
			if (this.eof) {
				return false;
			}
			this.line.reset();
			while (true) {
				if (this.position == this.limit) {
					this.limit = this.in.read(this.buffer);
					this.position = 0;
					if (this.limit <= 0) {
						this.limit = 0;
						this.eof = true;
						break;
					}
				}
				int start = this.position;
				while (this.position < this.limit && this.buffer[this.position] != '\n') {
					this.position++;
				}
				boolean end = this.position < this.limit;
				if (end) {
					this.position++;
				}
				if (this.line.size() + (this.position - start) > this.maxLineBytes) {
					throw new BusinessRuleException("file", "imports.file.line-too-long", this.lineNumber + 1,
							this.maxLineBytes);
				}
				this.line.write(this.buffer, start, this.position - start);
				if (end) {
					break;
				}
			}
			if (this.line.size() == 0) {
				return false;
			}
			this.lineNumber++;
			byte[] bytes = this.line.toByteArray();
			int from = 0;
			if (this.lineNumber == 1 && bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
					&& (bytes[2] & 0xff) == 0xBF) {
				from = 3;
			}
			try {
				this.pending = strictUtf8().decode(ByteBuffer.wrap(bytes, from, bytes.length - from));
			}
			catch (CharacterCodingException ex) {
				if (this.strict) {
					throw new BusinessRuleException("file", "imports.file.utf8-invalid", this.lineNumber);
				}
				this.fallbackLines.accept(this.lineNumber);
				this.pending = CharBuffer
					.wrap(new String(bytes, from, bytes.length - from, Charset.forName(WINDOWS_1252)));
			}
			return true;
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

	}

}
