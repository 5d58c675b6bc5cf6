package dev.rapport.sales;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A deal to create, or its new values. Left out: the currency is the workspace's default,
 * the pipeline its first, the stage the pipeline's first open stage, the owner the
 * current user. With amountFromItems the amount is the sum of the line items and the
 * amount sent is ignored. People replace the deal's people when given; custom values keep
 * those not sent.
 */
public record DealInput(@Nullable String name, @Nullable BigDecimal amount, @Nullable String currency,
		@Nullable Boolean amountFromItems, @Nullable LocalDate expectedCloseOn, @Nullable UUID pipelineId,
		@Nullable UUID stageId, @Nullable UUID ownerId, @Nullable UUID teamId, @Nullable UUID companyId,
		@Nullable String source, @Nullable UUID campaignId, @Nullable String lostReason,
		@Nullable List<DealView.Participant> people, @Nullable Map<String, ?> custom) {

	/** A deal with a name and an amount, everything else by default. */
	public static DealInput of(String name, @Nullable BigDecimal amount) {
		return new DealInput(name, amount, null, null, null, null, null, null, null, null, null, null, null, null,
				null);
	}

}
