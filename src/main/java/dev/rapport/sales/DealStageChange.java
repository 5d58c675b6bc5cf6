package dev.rapport.sales;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One move of a deal between stages: when, by whom, from where (absent for the stage it
 * was created in) and how long it had been there.
 */
public record DealStageChange(UUID id, @Nullable UUID fromStageId, @Nullable String fromStageName, UUID toStageId,
		String toStageName, OffsetDateTime changedAt, @Nullable UUID changedBy, @Nullable Long secondsInFromStage) {
}
