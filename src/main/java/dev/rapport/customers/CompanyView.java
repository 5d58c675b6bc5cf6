package dev.rapport.customers;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A company as shown on its page and in the API. */
public record CompanyView(UUID id, String name, @Nullable String domain, @Nullable String industry,
		@Nullable String sizeBand, @Nullable UUID parentId, @Nullable String parentName, UUID ownerId, String ownerName,
		@Nullable UUID teamId, List<String> tags, List<PersonView.Address> addresses, @Nullable String notes,
		java.util.Map<String, Object> custom, long peopleCount, OffsetDateTime createdAt, OffsetDateTime updatedAt,
		int version) {
}
