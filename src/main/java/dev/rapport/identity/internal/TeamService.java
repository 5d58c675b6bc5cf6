package dev.rapport.identity.internal;

import static dev.rapport.identity.internal.db.Tables.APP_USER;
import static dev.rapport.identity.internal.db.Tables.TEAM;
import static dev.rapport.identity.internal.db.Tables.TEAM_MEMBER;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.identity.Teams;
import dev.rapport.identity.internal.db.tables.records.TeamRecord;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.WorkspaceScope;

/** Teams of the current workspace and their members. */
@Service
public class TeamService implements Teams {

	static final String KIND = "team";

	private final DSLContext dsl;

	TeamService(DSLContext dsl) {
		this.dsl = dsl;
	}

	/** A team as shown and edited. */
	public record TeamView(UUID id, String name, @Nullable String description, List<UUID> memberIds, int version) {
	}

	/** What an administrator sets on a team. */
	public record TeamChange(String name, @Nullable String description, Collection<UUID> memberIds) {
	}

	@Override
	@Transactional(readOnly = true)
	public List<TeamRef> list() {
		return this.dsl.select(TEAM.ID, TEAM.NAME)
			.from(TEAM)
			.where(WorkspaceScope.of(TEAM.WORKSPACE_ID))
			.orderBy(TEAM.NAME)
			.fetch((r) -> new TeamRef(r.value1(), r.value2()));
	}

	@Transactional(readOnly = true)
	public List<TeamView> all() {
		Map<UUID, List<UUID>> members = new HashMap<>();
		this.dsl.select(TEAM_MEMBER.TEAM_ID, TEAM_MEMBER.USER_ID)
			.from(TEAM_MEMBER)
			.where(WorkspaceScope.of(TEAM_MEMBER.WORKSPACE_ID))
			.forEach((r) -> members.computeIfAbsent(r.value1(), (k) -> new ArrayList<>()).add(r.value2()));
		return this.dsl.selectFrom(TEAM)
			.where(WorkspaceScope.of(TEAM.WORKSPACE_ID))
			.orderBy(TEAM.NAME)
			.fetch((t) -> new TeamView(t.getId(), t.getName(), t.getDescription(),
					members.getOrDefault(t.getId(), List.of()), t.getVersion()));
	}

	@Transactional(readOnly = true)
	public TeamView get(UUID id) {
		return all().stream()
			.filter((t) -> t.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new NotFoundException(KIND, id));
	}

	@Transactional
	public TeamView create(TeamChange change) {
		TeamRecord team = this.dsl.newRecord(TEAM);
		team.setId(Ids.newId());
		apply(team, change);
		team.store();
		replaceMembers(team.getId(), change.memberIds());
		return get(team.getId());
	}

	@Transactional
	public TeamView update(UUID id, int version, TeamChange change) {
		TeamRecord team = load(id);
		StaleVersionException.check(KIND, version, team.getVersion());
		apply(team, change);
		team.store();
		replaceMembers(id, change.memberIds());
		return get(id);
	}

	@Transactional
	public void delete(UUID id, int version) {
		TeamRecord team = load(id);
		StaleVersionException.check(KIND, version, team.getVersion());
		team.delete();
	}

	private TeamRecord load(UUID id) {
		return this.dsl.selectFrom(TEAM)
			.where(WorkspaceScope.of(TEAM.WORKSPACE_ID))
			.and(TEAM.ID.eq(id))
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(KIND, id));
	}

	private void apply(TeamRecord team, TeamChange change) {
		String name = (change.name() != null) ? change.name().strip() : "";
		if (name.isEmpty() || name.length() > 100) {
			throw new BusinessRuleException("name", "team.name.invalid");
		}
		boolean taken = this.dsl.fetchExists(TEAM,
				WorkspaceScope.of(TEAM.WORKSPACE_ID).and(TEAM.NAME.eq(name)).and(TEAM.ID.ne(team.getId())));
		if (taken) {
			throw new BusinessRuleException("name", "team.name.taken");
		}
		team.setName(name);
		team.setDescription(
				(change.description() == null || change.description().isBlank()) ? null : change.description().strip());
	}

	private void replaceMembers(UUID teamId, Collection<UUID> memberIds) {
		Set<UUID> members = new HashSet<>(memberIds);
		if (!members.isEmpty() && this.dsl.fetchCount(APP_USER,
				WorkspaceScope.of(APP_USER.WORKSPACE_ID).and(APP_USER.ID.in(members))) != members.size()) {
			throw new BusinessRuleException("memberIds", "team.member.unknown");
		}
		this.dsl.deleteFrom(TEAM_MEMBER)
			.where(WorkspaceScope.of(TEAM_MEMBER.WORKSPACE_ID))
			.and(TEAM_MEMBER.TEAM_ID.eq(teamId))
			.execute();
		for (UUID userId : members) {
			var member = this.dsl.newRecord(TEAM_MEMBER);
			member.setTeamId(teamId);
			member.setUserId(userId);
			member.store();
		}
	}

}
