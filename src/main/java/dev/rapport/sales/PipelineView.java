package dev.rapport.sales;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A sales pipeline with its stages in order (archived stages included, marked). */
public record PipelineView(UUID id, String name, int position, @Nullable OffsetDateTime archivedAt, List<Stage> stages,
		int version) {

	/**
	 * A step of a pipeline.
	 *
	 * @param probability the chance, 0 to 100, that a deal in it is won
	 * @param kind {@code open}, {@code won} or {@code lost}
	 */
	public record Stage(UUID id, UUID pipelineId, String name, int position, int probability, String kind,
			@Nullable OffsetDateTime archivedAt, int version) {

		public boolean archived() {
			return this.archivedAt != null;
		}

	}

	public boolean archived() {
		return this.archivedAt != null;
	}

	/** The stages that are not archived, in order. */
	public List<Stage> activeStages() {
		return this.stages.stream().filter((s) -> !s.archived()).toList();
	}

}
