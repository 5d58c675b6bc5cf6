package dev.rapport.sales;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A deal as read: what it is worth, where it stands in its pipeline, for how long, and
 * who works on it.
 *
 * @param status {@code open}, {@code won} or {@code lost}, the kind of its stage
 * @param secondsInStage how long it has been in its current stage
 * @param salesCycleSeconds from its creation to its close, or to now while open
 * @param amountFromItems whether the amount is the sum of its line items
 */
public record DealView(UUID id, String name, @Nullable BigDecimal amount, String currency, boolean amountFromItems,
		@Nullable LocalDate expectedCloseOn, UUID pipelineId, String pipelineName, UUID stageId, String stageName,
		String status, OffsetDateTime stageEnteredAt, @Nullable OffsetDateTime closedAt, UUID ownerId,
		@Nullable UUID teamId, @Nullable UUID companyId, @Nullable String source, @Nullable UUID campaignId,
		@Nullable String lostReason, @Nullable OffsetDateTime lastActivityAt, Map<String, Object> custom,
		List<Participant> people, long secondsInStage, long salesCycleSeconds, OffsetDateTime createdAt,
		OffsetDateTime updatedAt, int version) {

	public static final String OPEN = "open";

	public static final String WON = "won";

	public static final String LOST = "lost";

	/** A person on a deal and their role on it (decision maker, champion, ...). */
	public record Participant(UUID personId, @Nullable String role) {
	}

	public boolean isOpen() {
		return OPEN.equals(this.status);
	}

}
