package dev.rapport.customers;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.rapport.customers.ContactInput.AddressInput;

/** What a user, an API client or an import sets on a company. */
public record CompanyChange(@Nullable String name, @Nullable String domain, @Nullable String industry,
		@Nullable String sizeBand, @Nullable UUID parentId, @Nullable UUID ownerId, @Nullable UUID teamId,
		List<String> tags, List<AddressInput> addresses, @Nullable String notes, @Nullable Map<String, ?> custom) {
}
