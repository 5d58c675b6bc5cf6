package dev.rapport.platform;

import java.util.UUID;

import org.jooq.Condition;
import org.jooq.Field;

/**
 * Restricts a query to the current workspace. Writes get their workspace from the audit
 * listener; reads of records with an owner get it from the access policy, which calls
 * this.
 */
public final class WorkspaceScope {

	private WorkspaceScope() {
	}

	public static Condition of(Field<UUID> workspaceId) {
		return workspaceId.eq(Actors.workspaceId());
	}

}
