package dev.rapport.customers;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One row of the people list: enough to recognise a person and reach them. */
public record PersonSummary(UUID id, String displayName, @Nullable String primaryEmail, @Nullable String primaryPhone,
		@Nullable UUID companyId, @Nullable String companyName, LifecycleStage lifecycleStage, UUID ownerId,
		String ownerName, @Nullable String jobTitle, @Nullable String source, java.time.OffsetDateTime updatedAt,
		java.util.Map<String, Object> custom, int version) {
}
