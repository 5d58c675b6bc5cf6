package dev.rapport.customers;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One row of the companies list, with what its columns can show. */
public record CompanySummary(UUID id, String name, @Nullable String domain, @Nullable String industry,
		@Nullable String sizeBand, UUID ownerId, String ownerName, OffsetDateTime updatedAt, Map<String, Object> custom,
		int version) {
}
