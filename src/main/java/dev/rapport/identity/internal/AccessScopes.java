package dev.rapport.identity.internal;

import static dev.rapport.identity.internal.db.Tables.APP_USER;
import static dev.rapport.identity.internal.db.Tables.ROLE;
import static dev.rapport.identity.internal.db.Tables.TEAM_MEMBER;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import dev.rapport.identity.AccessScope;
import dev.rapport.platform.NotFoundException;

/**
 * Works out a user's {@link AccessScope} from the manager chain, the role hierarchy and
 * team memberships; computed once per request.
 */
@Component
public class AccessScopes {

	private static final String ATTRIBUTE = AccessScopes.class.getName() + ".";

	private final DSLContext dsl;

	AccessScopes(DSLContext dsl) {
		this.dsl = dsl;
	}

	public AccessScope scopeOf(UUID workspaceId, UUID userId) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			Object cached = request.getAttribute(ATTRIBUTE + userId, RequestAttributes.SCOPE_REQUEST);
			if (cached instanceof AccessScope scope) {
				return scope;
			}
		}
		AccessScope scope = compute(workspaceId, userId);
		if (request != null) {
			request.setAttribute(ATTRIBUTE + userId, scope, RequestAttributes.SCOPE_REQUEST);
		}
		return scope;
	}

	@Transactional(readOnly = true)
	AccessScope compute(UUID workspaceId, UUID userId) {
		record Person(UUID id, UUID managerId, UUID roleId) {
		}
		List<Person> people = this.dsl.select(APP_USER.ID, APP_USER.MANAGER_ID, APP_USER.ROLE_ID)
			.from(APP_USER)
			.where(APP_USER.WORKSPACE_ID.eq(workspaceId))
			.fetch((r) -> new Person(r.value1(), r.value2(), r.value3()));
		Person me = people.stream()
			.filter((p) -> p.id().equals(userId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException(UserService.KIND, userId));
		Map<UUID, UUID> parentRole = new HashMap<>();
		Map<UUID, Boolean> adminRole = new HashMap<>();
		this.dsl.select(ROLE.ID, ROLE.PARENT_ID, ROLE.ADMINISTRATOR)
			.from(ROLE)
			.where(ROLE.WORKSPACE_ID.eq(workspaceId))
			.forEach((r) -> {
				parentRole.put(r.value1(), r.value2());
				adminRole.put(r.value1(), r.value3());
			});
		Set<UUID> teams = new HashSet<>(this.dsl.select(TEAM_MEMBER.TEAM_ID)
			.from(TEAM_MEMBER)
			.where(TEAM_MEMBER.WORKSPACE_ID.eq(workspaceId))
			.and(TEAM_MEMBER.USER_ID.eq(userId))
			.fetch(TEAM_MEMBER.TEAM_ID));

		Set<UUID> rolesBelow = new HashSet<>();
		Deque<UUID> pending = new ArrayDeque<>(List.of(me.roleId()));
		while (!pending.isEmpty()) {
			UUID role = pending.pop();
			parentRole.forEach((child, parent) -> {
				if (role.equals(parent) && rolesBelow.add(child)) {
					pending.push(child);
				}
			});
		}
		rolesBelow.remove(me.roleId());

		Map<UUID, Set<UUID>> directReports = new HashMap<>();
		people.forEach((p) -> {
			if (p.managerId() != null) {
				directReports.computeIfAbsent(p.managerId(), (k) -> new HashSet<>()).add(p.id());
			}
		});
		Set<UUID> reports = new HashSet<>();
		Deque<UUID> managers = new ArrayDeque<>(List.of(userId));
		while (!managers.isEmpty()) {
			for (UUID report : directReports.getOrDefault(managers.pop(), Set.of())) {
				if (reports.add(report)) {
					managers.push(report);
				}
			}
		}
		people.stream().filter((p) -> rolesBelow.contains(p.roleId())).forEach((p) -> reports.add(p.id()));
		reports.remove(userId);
		boolean administrator = adminRole.getOrDefault(me.roleId(), false);
		return new AccessScope(workspaceId, userId, administrator, Set.copyOf(reports), Set.copyOf(teams));
	}

}
