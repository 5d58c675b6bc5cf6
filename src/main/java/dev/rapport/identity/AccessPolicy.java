package dev.rapport.identity;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.impl.DSL;

import org.springframework.stereotype.Component;

import dev.rapport.identity.internal.AccessScopes;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.web.AccessDeniedProblem;

/**
 * The one rule for who may see and change records with an owner, rendered as a jOOQ
 * condition so that lists, searches, reports, exports and the API all apply the same
 * rule:
 * <ul>
 * <li>administrators reach every record of their workspace;</li>
 * <li>everyone reaches the records they own, and those owned by the people below them,
 * through their manager chain or the role hierarchy, at any depth;</li>
 * <li>records shared with a team can be read and updated, not deleted, by its
 * members.</li>
 * </ul>
 * The condition always restricts to the current workspace.
 */
@Component
public class AccessPolicy {

	private final AccessScopes scopes;

	AccessPolicy(AccessScopes scopes) {
		this.scopes = scopes;
	}

	/** The current user's reach. */
	public AccessScope currentScope() {
		Actor actor = Actors.require();
		if (actor.userId() == null) {
			throw new IllegalStateException("The access policy needs a signed-in user");
		}
		return this.scopes.scopeOf(actor.workspaceId(), actor.userId());
	}

	/** A condition that keeps the records of this kind the current user may access so. */
	public Condition condition(OwnedRecords records, Access access) {
		AccessScope scope = currentScope();
		Condition workspace = records.workspaceId().eq(scope.workspaceId());
		if (scope.administrator()) {
			return workspace;
		}
		Set<UUID> owners = new HashSet<>(scope.reports());
		owners.add(scope.userId());
		Condition reach = records.ownerId().in(owners);
		if (access != Access.DELETE && records.teamId() != null && !scope.teams().isEmpty()) {
			reach = reach.or(records.teamId().in(scope.teams()));
		}
		return workspace.and(DSL.condition(reach));
	}

	/**
	 * Checks a record already read with {@link Access#READ}: answers 404 when it cannot
	 * even be read, 403 (without its data) when it can be read but not accessed in this
	 * way.
	 */
	public void check(Access access, String kind, UUID id, UUID ownerId,
			@org.jspecify.annotations.Nullable UUID teamId) {
		AccessScope scope = currentScope();
		if (!scope.allows(Access.READ, ownerId, teamId)) {
			throw new NotFoundException(kind, id);
		}
		if (!scope.allows(access, ownerId, teamId)) {
			throw new AccessDeniedProblem("problem.forbidden." + access.name().toLowerCase(java.util.Locale.ROOT));
		}
	}

}
