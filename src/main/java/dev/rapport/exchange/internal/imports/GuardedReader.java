package dev.rapport.exchange.internal.imports;

import java.io.IOException;
import java.io.Reader;

import dev.rapport.platform.BusinessRuleException;

/**
 * Refuses a record longer than a limit while it is read, before anything builds it into a
 * string: a file with a one-gigabyte line stops after the limit. A record ends at a line
 * break outside double quotes (CSV), or at any line break (other formats).
 */
final class GuardedReader extends Reader {

	private final Reader in;

	private final long maxRecord;

	private final boolean quoteAware;

	private long record;

	private long lines = 1;

	private boolean quoted;

	GuardedReader(Reader in, long maxRecord, boolean quoteAware) {
		this.in = in;
		this.maxRecord = maxRecord;
		this.quoteAware = quoteAware;
	}

	@Override
	public int read(char[] buffer, int offset, int length) throws IOException {
		int n = this.in.read(buffer, offset, length);
		for (int i = offset; i < offset + n; i++) {
			char c = buffer[i];
			if (c == '\n') {
				this.lines++;
			}
			if (this.quoteAware && c == '"') {
				this.quoted = !this.quoted;
			}
			if ((c == '\n' || c == '\r') && !this.quoted) {
				this.record = 0;
			}
			else if (++this.record > this.maxRecord) {
				throw new BusinessRuleException("file", "imports.file.line-too-long", this.lines, this.maxRecord);
			}
		}
		return n;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
