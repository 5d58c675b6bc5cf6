package dev.rapport.customers;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One row of the companies list. */
public record CompanySummary(UUID id, String name, @Nullable String domain, @Nullable String industry, UUID ownerId,
		String ownerName, int version) {
}
