package dev.rapport.identity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A user as shown in lists, on the admin pages and in the API; never carries the
 * password.
 */
public record UserView(UUID id, String email, String displayName, String locale, String timeZone, boolean active,
		boolean mustChangePassword, UUID roleId, String roleName, boolean administrator, @Nullable UUID managerId,
		@Nullable String managerName, List<UUID> teamIds, @Nullable OffsetDateTime lastLoginAt,
		OffsetDateTime createdAt, int version) {
}
