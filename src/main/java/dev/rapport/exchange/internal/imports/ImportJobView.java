package dev.rapport.exchange.internal.imports;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An import as its page and the API show it: the file and how it is read, the mapping,
 * the duplicate handling, where it stands, and what it did.
 *
 * @param status uploaded, checking, checked, queued, running, done, failed, undoing or
 * undone
 * @param progress from 0 to 1
 */
public record ImportJobView(UUID id, String fileName, String object, String format, @Nullable String encoding,
		@Nullable String delimiter, @Nullable String sheet, List<String> header, Map<Integer, String> mapping,
		String duplicateAction, Set<String> matchOn, String status, boolean dryRun, double progress, int rowsDone,
		@Nullable Integer rowsTotal, double rowsPerSecond, @Nullable Long etaSeconds, Counts counts,
		@Nullable OffsetDateTime startedAt, @Nullable OffsetDateTime finishedAt, @Nullable OffsetDateTime undoneAt,
		@Nullable String undoSummary, @Nullable String failure, boolean undoable, OffsetDateTime createdAt,
		int version) {

	/** What the rows did (or would do, after a dry run). */
	public record Counts(int created, int updated, int skipped, int failed, int warnings) {
	}

	/** Whether the job is working: its page polls it. */
	public boolean working() {
		return Set.of("checking", "queued", "running", "undoing").contains(this.status);
	}

	/** The time left as a duration, when known. */
	public @Nullable Duration eta() {
		return (this.etaSeconds != null) ? Duration.ofSeconds(this.etaSeconds) : null;
	}

	/** The delimiter as a user reads it: a tab is named. */
	public @Nullable String delimiterName() {
		return "\t".equals(this.delimiter) ? "tab" : this.delimiter;
	}

	/** The progress in percent, for the progress bar. */
	public int percent() {
		return (int) Math.round(this.progress * 100);
	}

}
