package dev.rapport.identity;

import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What one user can reach: their own records, the records of everyone below them (through
 * the manager chain or the role hierarchy, transitively), the records shared with their
 * teams, or everything in the workspace for administrators.
 *
 * @param workspaceId the workspace
 * @param userId the user
 * @param administrator whether the user's role grants everything
 * @param reports everyone below the user, not including the user
 * @param teams the teams the user is a member of
 */
public record AccessScope(UUID workspaceId, UUID userId, boolean administrator, Set<UUID> reports, Set<UUID> teams) {

	/** Whether a record with this owner and team may be accessed in this way. */
	public boolean allows(Access access, UUID ownerId, @Nullable UUID teamId) {
		if (this.administrator || ownerId.equals(this.userId) || this.reports.contains(ownerId)) {
			return true;
		}
		return access != Access.DELETE && teamId != null && this.teams.contains(teamId);
	}

}
