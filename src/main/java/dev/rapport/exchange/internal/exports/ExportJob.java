package dev.rapport.exchange.internal.exports;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An export as its creator sees it.
 *
 * @param status queued, running, done or failed
 * @param rowsWritten how many rows are written so far
 * @param error the message key of why it failed
 * @param downloadable whether its file can be downloaded now (done and not expired)
 */
public record ExportJob(UUID id, String object, String format, String status, int rowsWritten,
		@Nullable String fileName, @Nullable Long sizeBytes, @Nullable String error, OffsetDateTime createdAt,
		@Nullable UUID createdBy, @Nullable OffsetDateTime finishedAt, @Nullable OffsetDateTime expiresAt,
		boolean downloadable) {

	public static final String QUEUED = "queued";

	public static final String RUNNING = "running";

	public static final String DONE = "done";

	public static final String FAILED = "failed";

	public boolean finished() {
		return DONE.equals(this.status) || FAILED.equals(this.status);
	}

}
