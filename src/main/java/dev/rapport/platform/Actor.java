package dev.rapport.platform;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Who is acting and in which workspace. The user is absent for work the system does on
 * its own (first start, scheduled jobs).
 */
public record Actor(UUID workspaceId, @Nullable UUID userId) {

	public static Actor system(UUID workspaceId) {
		return new Actor(workspaceId, null);
	}

}
