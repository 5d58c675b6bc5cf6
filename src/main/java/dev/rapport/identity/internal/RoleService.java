package dev.rapport.identity.internal;

import static dev.rapport.identity.internal.db.Tables.APP_USER;
import static dev.rapport.identity.internal.db.Tables.ROLE;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.identity.internal.db.tables.records.RoleRecord;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.WorkspaceScope;

/** The roles of the current workspace and their hierarchy. */
@Service
public class RoleService {

	static final String KIND = "role";

	private final DSLContext dsl;

	private final UserService users;

	RoleService(DSLContext dsl, UserService users) {
		this.dsl = dsl;
		this.users = users;
	}

	/** A role as shown and edited. */
	public record RoleView(UUID id, String name, @Nullable String description, boolean administrator,
			@Nullable UUID parentId, @Nullable String parentName, int userCount, int version) {
	}

	/** What an administrator sets on a role. */
	public record RoleChange(String name, @Nullable String description, boolean administrator,
			@Nullable UUID parentId) {
	}

	@Transactional(readOnly = true)
	public List<RoleView> all() {
		Map<UUID, String> names = new HashMap<>();
		List<RoleRecord> roles = this.dsl.selectFrom(ROLE)
			.where(WorkspaceScope.of(ROLE.WORKSPACE_ID))
			.orderBy(ROLE.NAME)
			.fetch();
		roles.forEach((r) -> names.put(r.getId(), r.getName()));
		Map<UUID, Integer> counts = new HashMap<>();
		this.dsl.select(APP_USER.ROLE_ID, org.jooq.impl.DSL.count())
			.from(APP_USER)
			.where(WorkspaceScope.of(APP_USER.WORKSPACE_ID))
			.groupBy(APP_USER.ROLE_ID)
			.forEach((r) -> counts.put(r.value1(), r.value2()));
		return roles.stream()
			.map((r) -> new RoleView(r.getId(), r.getName(), r.getDescription(), r.getAdministrator(), r.getParentId(),
					(r.getParentId() != null) ? names.get(r.getParentId()) : null, counts.getOrDefault(r.getId(), 0),
					r.getVersion()))
			.toList();
	}

	@Transactional(readOnly = true)
	public RoleView get(UUID id) {
		return all().stream()
			.filter((r) -> r.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new NotFoundException(KIND, id));
	}

	@Transactional
	public RoleView create(RoleChange change) {
		RoleRecord role = this.dsl.newRecord(ROLE);
		role.setId(Ids.newId());
		apply(role, change);
		store(role);
		return get(role.getId());
	}

	/**
	 * Changes a role; rejects a stale version, a hierarchy that loops and leaving no
	 * administrator.
	 */
	@Transactional
	public RoleView update(UUID id, int version, RoleChange change) {
		RoleRecord role = load(id);
		StaleVersionException.check(KIND, version, role.getVersion());
		apply(role, change);
		store(role);
		this.users.ensureAdministratorRemains();
		return get(id);
	}

	/** Deletes a role nobody holds and no role reports to. */
	@Transactional
	public void delete(UUID id, int version) {
		RoleRecord role = load(id);
		StaleVersionException.check(KIND, version, role.getVersion());
		if (this.dsl.fetchExists(APP_USER, WorkspaceScope.of(APP_USER.WORKSPACE_ID).and(APP_USER.ROLE_ID.eq(id)))) {
			throw new BusinessRuleException(null, "role.in-use");
		}
		if (this.dsl.fetchExists(ROLE, WorkspaceScope.of(ROLE.WORKSPACE_ID).and(ROLE.PARENT_ID.eq(id)))) {
			throw new BusinessRuleException(null, "role.has-children");
		}
		role.delete();
	}

	RoleRecord load(UUID id) {
		return this.dsl.selectFrom(ROLE)
			.where(WorkspaceScope.of(ROLE.WORKSPACE_ID))
			.and(ROLE.ID.eq(id))
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(KIND, id));
	}

	private void apply(RoleRecord role, RoleChange change) {
		String name = (change.name() != null) ? change.name().strip() : "";
		if (name.isEmpty() || name.length() > 100) {
			throw new BusinessRuleException("name", "role.name.invalid");
		}
		role.setName(name);
		role.setDescription(
				(change.description() == null || change.description().isBlank()) ? null : change.description().strip());
		role.setAdministrator(change.administrator());
		if (change.parentId() != null) {
			checkParent(role.getId(), change.parentId());
		}
		role.setParentId(change.parentId());
	}

	private void checkParent(UUID id, UUID parentId) {
		Map<UUID, UUID> parents = new HashMap<>();
		this.dsl.select(ROLE.ID, ROLE.PARENT_ID)
			.from(ROLE)
			.where(WorkspaceScope.of(ROLE.WORKSPACE_ID))
			.forEach((r) -> parents.put(r.value1(), r.value2()));
		if (!parents.containsKey(parentId)) {
			throw new BusinessRuleException("parentId", "role.parent.unknown");
		}
		Set<UUID> seen = new HashSet<>();
		for (UUID current = parentId; current != null; current = parents.get(current)) {
			if (current.equals(id) || !seen.add(current)) {
				throw new BusinessRuleException("parentId", "role.parent.cycle");
			}
		}
	}

	private void store(RoleRecord role) {
		boolean taken = this.dsl.fetchExists(ROLE,
				WorkspaceScope.of(ROLE.WORKSPACE_ID).and(ROLE.NAME.eq(role.getName())).and(ROLE.ID.ne(role.getId())));
		if (taken) {
			throw new BusinessRuleException("name", "role.name.taken");
		}
		try {
			role.store();
		}
		catch (IntegrityConstraintViolationException ex) {
			throw new BusinessRuleException("name", "role.name.taken");
		}
	}

}
