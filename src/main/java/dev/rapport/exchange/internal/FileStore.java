package dev.rapport.exchange.internal;

import static dev.rapport.exchange.internal.db.Tables.EXCHANGE_FILE;
import static dev.rapport.exchange.internal.db.Tables.EXCHANGE_FILE_CHUNK;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.exchange.internal.db.tables.records.ExchangeFileRecord;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Ids;
import dev.rapport.platform.WorkspaceScope;

/**
 * Files of imports and exports, kept in the database in chunks so that any node reads
 * them as a stream and no file is ever held whole in memory.
 */
@Component
public class FileStore {

	/** The size of one stored chunk. */
	static final int CHUNK_SIZE = 1024 * 1024;

	private final DSLContext dsl;

	FileStore(DSLContext dsl) {
		this.dsl = dsl;
	}

	/** A stored file. {@code purpose} is {@code import} or {@code export}. */
	public record StoredFile(UUID id, String name, String contentType, long sizeBytes, String purpose,
			@Nullable OffsetDateTime expiresAt, OffsetDateTime createdAt, @Nullable UUID createdBy) {
	}

	/** A file was larger than allowed; nothing of it was kept. */
	public static class FileTooLargeException extends RuntimeException {

		private final long maxBytes;

		public FileTooLargeException(long maxBytes) {
			super("The file is larger than " + maxBytes + " bytes");
			this.maxBytes = maxBytes;
		}

		public long maxBytes() {
			return this.maxBytes;
		}

	}

	/**
	 * Stores a file of the current workspace, reading the stream to its end in chunks.
	 * @throws FileTooLargeException when the stream holds more than {@code maxBytes}; the
	 * transaction is then rolled back and nothing is kept
	 */
	@Transactional
	public StoredFile store(String name, String contentType, String purpose, InputStream in, long maxBytes,
			@Nullable OffsetDateTime expiresAt) {
		ExchangeFileRecord file = this.dsl.newRecord(EXCHANGE_FILE);
		file.setId(Ids.newId());
		file.setName(name.length() > 255 ? name.substring(0, 255) : name);
		file.setContentType(contentType.length() > 100 ? contentType.substring(0, 100) : contentType);
		file.setSizeBytes(0L);
		file.setPurpose(purpose);
		file.setExpiresAt(expiresAt);
		file.store();
		UUID workspaceId = Actors.workspaceId();
		long size = 0;
		int position = 0;
		byte[] buffer = new byte[CHUNK_SIZE];
		try {
			int filled;
			while ((filled = in.readNBytes(buffer, 0, CHUNK_SIZE)) > 0) {
				size += filled;
				if (size > maxBytes) {
					throw new FileTooLargeException(maxBytes);
				}
				byte[] data = (filled == CHUNK_SIZE) ? buffer.clone() : java.util.Arrays.copyOf(buffer, filled);
				this.dsl
					.insertInto(EXCHANGE_FILE_CHUNK, EXCHANGE_FILE_CHUNK.WORKSPACE_ID, EXCHANGE_FILE_CHUNK.FILE_ID,
							EXCHANGE_FILE_CHUNK.POSITION, EXCHANGE_FILE_CHUNK.DATA)
					.values(workspaceId, file.getId(), position++, data)
					.execute();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		file.setSizeBytes(size);
		file.store();
		return view(file);
	}

	/** A file of the current workspace. */
	@Transactional(readOnly = true)
	public Optional<StoredFile> find(UUID id) {
		return this.dsl.selectFrom(EXCHANGE_FILE)
			.where(WorkspaceScope.of(EXCHANGE_FILE.WORKSPACE_ID))
			.and(EXCHANGE_FILE.ID.eq(id))
			.fetchOptional(FileStore::view);
	}

	/**
	 * Reads a file of the current workspace from its start, one chunk at a time (each
	 * read of a chunk is one query, so the stream may be read outside a transaction and
	 * by a job).
	 */
	public InputStream open(UUID id) {
		return new ChunkStream(this.dsl, Actors.workspaceId(), id);
	}

	/** Deletes a file of the current workspace and its chunks. */
	@Transactional
	public void delete(UUID id) {
		this.dsl.deleteFrom(EXCHANGE_FILE)
			.where(WorkspaceScope.of(EXCHANGE_FILE.WORKSPACE_ID))
			.and(EXCHANGE_FILE.ID.eq(id))
			.execute();
	}

	/**
	 * Deletes the files of the current workspace with this purpose created before a time,
	 * for example every stored export when a person is erased.
	 * @return how many were deleted
	 */
	@Transactional
	public int deleteCreatedBefore(String purpose, OffsetDateTime before) {
		return this.dsl.deleteFrom(EXCHANGE_FILE)
			.where(WorkspaceScope.of(EXCHANGE_FILE.WORKSPACE_ID))
			.and(EXCHANGE_FILE.PURPOSE.eq(purpose))
			.and(EXCHANGE_FILE.CREATED_AT.lt(before))
			.execute();
	}

	/** Deletes the files of every workspace whose time has come. */
	@Transactional
	public int deleteExpired(OffsetDateTime now) {
		return this.dsl.deleteFrom(EXCHANGE_FILE).where(EXCHANGE_FILE.EXPIRES_AT.le(now)).execute();
	}

	private static StoredFile view(ExchangeFileRecord r) {
		return new StoredFile(r.getId(), r.getName(), r.getContentType(), r.getSizeBytes(), r.getPurpose(),
				r.getExpiresAt(), r.getCreatedAt(), r.getCreatedBy());
	}

	private static final class ChunkStream extends InputStream {

		private final DSLContext dsl;

		private final UUID workspaceId;

		private final UUID fileId;

		private int next;

		private byte @Nullable [] current = new byte[0];

		private int offset;

		ChunkStream(DSLContext dsl, UUID workspaceId, UUID fileId) {
			this.dsl = dsl;
			this.workspaceId = workspaceId;
			this.fileId = fileId;
		}

		@Override
		public int read() {
			byte[] one = new byte[1];
			int n = read(one, 0, 1);
			return (n < 0) ? -1 : (one[0] & 0xff);
		}

		@Override
		public int read(byte[] b, int off, int len) {
			if (len == 0) {
				return 0;
			}
			while (this.current != null && this.offset >= this.current.length) {
				this.current = this.dsl.select(EXCHANGE_FILE_CHUNK.DATA)
					.from(EXCHANGE_FILE_CHUNK)
					.where(EXCHANGE_FILE_CHUNK.WORKSPACE_ID.eq(this.workspaceId))
					.and(EXCHANGE_FILE_CHUNK.FILE_ID.eq(this.fileId))
					.and(EXCHANGE_FILE_CHUNK.POSITION.eq(this.next))
					.fetchOne(EXCHANGE_FILE_CHUNK.DATA);
				this.next++;
				this.offset = 0;
			}
			byte[] chunk = this.current;
			if (chunk == null) {
				return -1;
			}
			int n = Math.min(len, chunk.length - this.offset);
			System.arraycopy(chunk, this.offset, b, off, n);
			this.offset += n;
			return n;
		}

	}

}
