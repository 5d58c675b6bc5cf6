package dev.rapport.identity.internal;

import static dev.rapport.identity.internal.db.Tables.APP_USER;
import static dev.rapport.identity.internal.db.Tables.ROLE;
import static dev.rapport.identity.internal.db.Tables.TEAM_MEMBER;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.identity.UserView;
import dev.rapport.identity.Users;
import dev.rapport.identity.internal.db.tables.AppUser;
import dev.rapport.identity.internal.db.tables.records.AppUserRecord;
import dev.rapport.platform.Actors;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.Notifications;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.WorkspaceScope;

/**
 * Creating, changing, deactivating and reading the users of the current workspace.
 */
@Service
public class UserService implements Users {

	static final String KIND = "user";

	private static final AppUser MANAGER = APP_USER.as("manager");

	private final DSLContext dsl;

	private final PasswordEncoder passwordEncoder;

	private final PasswordPolicy passwordPolicy;

	private final PersistentTokenRepository rememberMeTokens;

	private final Notifications notifications;

	private final Clock clock;

	UserService(DSLContext dsl, PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy,
			PersistentTokenRepository rememberMeTokens, Notifications notifications, Clock clock) {
		this.dsl = dsl;
		this.passwordEncoder = passwordEncoder;
		this.passwordPolicy = passwordPolicy;
		this.rememberMeTokens = rememberMeTokens;
		this.notifications = notifications;
		this.clock = clock;
	}

	/** What an administrator sets on a user. */
	public record UserChange(String email, String displayName, UUID roleId, @Nullable UUID managerId, String locale,
			String timeZone, Collection<UUID> teamIds) {
	}

	/**
	 * Creates a user with a temporary password that must be changed at first sign-in.
	 * Rejects a taken e-mail, a weak password, an unknown role, manager or team.
	 */
	@Transactional
	public UserView create(UserChange change, String temporaryPassword) {
		return create(change, temporaryPassword, true);
	}

	@Transactional
	public UserView create(UserChange change, String password, boolean mustChangePassword) {
		String email = normalizeEmail(change.email());
		this.passwordPolicy.check("password", password, email);
		validate(null, change, email);
		AppUserRecord user = this.dsl.newRecord(APP_USER);
		user.setId(Ids.newId());
		apply(user, change, email);
		user.setPasswordHash(this.passwordEncoder.encode(password));
		user.setMustChangePassword(mustChangePassword);
		user.setActive(true);
		user.store();
		replaceTeams(user.getId(), change.teamIds());
		this.notifications.notify(user.getId(), "notification.welcome", List.of(user.getDisplayName()), "/account");
		return get(user.getId());
	}

	/**
	 * Changes a user as an administrator. Rejects a stale version (someone else changed
	 * the user), a taken e-mail, a manager chain that loops back, and leaving no
	 * administrator.
	 */
	@Transactional
	public UserView update(UUID id, int version, UserChange change) {
		AppUserRecord user = load(id);
		StaleVersionException.check(KIND, version, user.getVersion());
		String email = normalizeEmail(change.email());
		validate(id, change, email);
		String previousEmail = user.getEmail();
		apply(user, change, email);
		user.store();
		replaceTeams(id, change.teamIds());
		if (!previousEmail.equals(email)) {
			this.rememberMeTokens.removeUserTokens(previousEmail);
		}
		ensureAdministratorRemains();
		return get(id);
	}

	/**
	 * Changes a user and, when {@code active} is given, deactivates or reactivates them,
	 * all or nothing: a refused status change leaves the rest unchanged too.
	 */
	@Transactional
	public UserView update(UUID id, int version, UserChange change, @Nullable Boolean active) {
		UserView updated = update(id, version, change);
		if (active != null && active != updated.active()) {
			updated = setActive(id, updated.version(), active);
		}
		return updated;
	}

	/**
	 * Deactivates or reactivates a user; a deactivated user cannot sign in or use tokens.
	 */
	@Transactional
	public UserView setActive(UUID id, int version, boolean active) {
		AppUserRecord user = load(id);
		StaleVersionException.check(KIND, version, user.getVersion());
		if (!active && id.equals(Actors.require().userId())) {
			throw new BusinessRuleException("active", "user.deactivate-self");
		}
		user.setActive(active);
		user.store();
		if (!active) {
			this.rememberMeTokens.removeUserTokens(user.getEmail());
		}
		ensureAdministratorRemains();
		return get(id);
	}

	/** Sets a temporary password that the user must change at the next sign-in. */
	@Transactional
	public void resetPassword(UUID id, String temporaryPassword) {
		AppUserRecord user = load(id);
		this.passwordPolicy.check("password", temporaryPassword, user.getEmail());
		user.setPasswordHash(this.passwordEncoder.encode(temporaryPassword));
		user.setMustChangePassword(true);
		user.setPasswordChangedAt(OffsetDateTime.now(this.clock));
		user.store();
		this.rememberMeTokens.removeUserTokens(user.getEmail());
	}

	/**
	 * Changes the signed-in user's own password. Rejects a wrong current password, a
	 * mismatched confirmation, reuse of the current password and weak passwords.
	 */
	@Transactional
	public void changeOwnPassword(UUID userId, String currentPassword, String newPassword, String confirmation) {
		AppUserRecord user = load(userId);
		if (!this.passwordEncoder.matches(currentPassword, user.getPasswordHash())) {
			throw new BusinessRuleException("currentPassword", "password.current-wrong");
		}
		if (!newPassword.equals(confirmation)) {
			throw new BusinessRuleException("confirmation", "password.confirmation-mismatch");
		}
		if (newPassword.equals(currentPassword)) {
			throw new BusinessRuleException("newPassword", "password.same-as-current");
		}
		this.passwordPolicy.check("newPassword", newPassword, user.getEmail());
		user.setPasswordHash(this.passwordEncoder.encode(newPassword));
		user.setMustChangePassword(false);
		user.setPasswordChangedAt(OffsetDateTime.now(this.clock));
		user.store();
		this.rememberMeTokens.removeUserTokens(user.getEmail());
	}

	/** Changes what users set for themselves: their name, language and time zone. */
	@Transactional
	public UserView updateProfile(UUID userId, int version, String displayName, String locale, String timeZone) {
		AppUserRecord user = load(userId);
		StaleVersionException.check(KIND, version, user.getVersion());
		user.setDisplayName(requireName(displayName));
		user.setLocale(validLocale(locale));
		user.setTimeZone(validZone(timeZone));
		user.store();
		return get(userId);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<UserView> find(UUID id) {
		List<UserView> found = select(APP_USER.ID.eq(id), null, 1);
		return found.stream().findFirst();
	}

	/** The active administrator of a workspace who was created first, if any. */
	@Transactional(readOnly = true)
	public Optional<UUID> firstAdministrator(UUID workspaceId) {
		return this.dsl.select(APP_USER.ID)
			.from(APP_USER)
			.join(ROLE)
			.on(ROLE.WORKSPACE_ID.eq(APP_USER.WORKSPACE_ID).and(ROLE.ID.eq(APP_USER.ROLE_ID)))
			.where(APP_USER.WORKSPACE_ID.eq(workspaceId))
			.and(APP_USER.ACTIVE.isTrue())
			.and(ROLE.ADMINISTRATOR.isTrue())
			.orderBy(APP_USER.CREATED_AT, APP_USER.ID)
			.limit(1)
			.fetchOptional(APP_USER.ID);
	}

	public UserView get(UUID id) {
		return find(id).orElseThrow(() -> new NotFoundException(KIND, id));
	}

	@Override
	@Transactional(readOnly = true)
	public List<UserView> active() {
		return select(APP_USER.ACTIVE.isTrue(), null, Integer.MAX_VALUE).stream()
			.sorted(java.util.Comparator.comparing(UserView::displayName, String.CASE_INSENSITIVE_ORDER))
			.toList();
	}

	/** Every user of the workspace, by display name: for the administrator's list. */
	@Transactional(readOnly = true)
	public List<UserView> all() {
		return select(DSL.trueCondition(), null, Integer.MAX_VALUE).stream()
			.sorted(java.util.Comparator.comparing(UserView::displayName, String.CASE_INSENSITIVE_ORDER))
			.toList();
	}

	@Override
	@Transactional(readOnly = true)
	public List<UserView> page(@Nullable String query, @Nullable UUID after, int limit) {
		Condition condition = DSL.trueCondition();
		if (query != null && !query.isBlank()) {
			String pattern = "%" + query.trim().toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%";
			condition = DSL.lower(APP_USER.DISPLAY_NAME).like(pattern, '\\').or(APP_USER.EMAIL.like(pattern, '\\'));
		}
		if (after != null) {
			condition = condition.and(APP_USER.ID.gt(after));
		}
		return select(condition, APP_USER.ID, limit);
	}

	private List<UserView> select(Condition condition, org.jooq.@Nullable Field<UUID> orderBy, int limit) {
		var query = this.dsl
			.select(APP_USER.asterisk(), ROLE.NAME, ROLE.ADMINISTRATOR, MANAGER.DISPLAY_NAME.as("manager_name"))
			.from(APP_USER)
			.join(ROLE)
			.on(ROLE.WORKSPACE_ID.eq(APP_USER.WORKSPACE_ID).and(ROLE.ID.eq(APP_USER.ROLE_ID)))
			.leftJoin(MANAGER)
			.on(MANAGER.WORKSPACE_ID.eq(APP_USER.WORKSPACE_ID).and(MANAGER.ID.eq(APP_USER.MANAGER_ID)))
			.where(WorkspaceScope.of(APP_USER.WORKSPACE_ID))
			.and(condition)
			.orderBy((orderBy != null) ? orderBy : APP_USER.ID)
			.limit(limit);
		List<Record> rows = query.fetch();
		Map<UUID, List<UUID>> teams = teamsOf(rows.stream().map((r) -> r.get(APP_USER.ID)).toList());
		List<UserView> users = new ArrayList<>(rows.size());
		for (Record r : rows) {
			UUID id = r.get(APP_USER.ID);
			users.add(new UserView(id, r.get(APP_USER.EMAIL), r.get(APP_USER.DISPLAY_NAME), r.get(APP_USER.LOCALE),
					r.get(APP_USER.TIME_ZONE), r.get(APP_USER.ACTIVE), r.get(APP_USER.MUST_CHANGE_PASSWORD),
					r.get(APP_USER.ROLE_ID), r.get(ROLE.NAME), r.get(ROLE.ADMINISTRATOR), r.get(APP_USER.MANAGER_ID),
					r.get("manager_name", String.class), teams.getOrDefault(id, List.of()),
					r.get(APP_USER.LAST_LOGIN_AT), r.get(APP_USER.CREATED_AT), r.get(APP_USER.VERSION)));
		}
		return users;
	}

	private Map<UUID, List<UUID>> teamsOf(List<UUID> userIds) {
		Map<UUID, List<UUID>> teams = new HashMap<>();
		if (userIds.isEmpty()) {
			return teams;
		}
		this.dsl.select(TEAM_MEMBER.USER_ID, TEAM_MEMBER.TEAM_ID)
			.from(TEAM_MEMBER)
			.where(WorkspaceScope.of(TEAM_MEMBER.WORKSPACE_ID))
			.and(TEAM_MEMBER.USER_ID.in(userIds))
			.forEach((r) -> teams.computeIfAbsent(r.value1(), (k) -> new ArrayList<>()).add(r.value2()));
		return teams;
	}

	AppUserRecord load(UUID id) {
		return this.dsl.selectFrom(APP_USER)
			.where(WorkspaceScope.of(APP_USER.WORKSPACE_ID))
			.and(APP_USER.ID.eq(id))
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(KIND, id));
	}

	private void apply(AppUserRecord user, UserChange change, String email) {
		user.setEmail(email);
		user.setDisplayName(requireName(change.displayName()));
		user.setRoleId(change.roleId());
		user.setManagerId(change.managerId());
		user.setLocale(validLocale(change.locale()));
		user.setTimeZone(validZone(change.timeZone()));
	}

	private void validate(@Nullable UUID id, UserChange change, String email) {
		boolean taken = this.dsl.fetchExists(APP_USER,
				APP_USER.EMAIL.eq(email).and((id != null) ? APP_USER.ID.ne(id) : DSL.trueCondition()));
		if (taken) {
			throw new BusinessRuleException("email", "user.email.taken");
		}
		if (!this.dsl.fetchExists(ROLE, WorkspaceScope.of(ROLE.WORKSPACE_ID).and(ROLE.ID.eq(change.roleId())))) {
			throw new BusinessRuleException("roleId", "user.role.unknown");
		}
		if (change.managerId() != null) {
			checkManager(id, change.managerId());
		}
		Set<UUID> teamIds = new HashSet<>(change.teamIds());
		if (!teamIds.isEmpty()) {
			int known = this.dsl.fetchCount(dev.rapport.identity.internal.db.Tables.TEAM,
					WorkspaceScope.of(dev.rapport.identity.internal.db.Tables.TEAM.WORKSPACE_ID)
						.and(dev.rapport.identity.internal.db.Tables.TEAM.ID.in(teamIds)));
			if (known != teamIds.size()) {
				throw new BusinessRuleException("teamIds", "user.team.unknown");
			}
		}
	}

	private void checkManager(@Nullable UUID id, UUID managerId) {
		Map<UUID, UUID> managers = new HashMap<>();
		this.dsl.select(APP_USER.ID, APP_USER.MANAGER_ID)
			.from(APP_USER)
			.where(WorkspaceScope.of(APP_USER.WORKSPACE_ID))
			.forEach((r) -> managers.put(r.value1(), r.value2()));
		if (!managers.containsKey(managerId)) {
			throw new BusinessRuleException("managerId", "user.manager.unknown");
		}
		Set<UUID> seen = new HashSet<>();
		for (UUID current = managerId; current != null; current = managers.get(current)) {
			if (current.equals(id) || !seen.add(current)) {
				throw new BusinessRuleException("managerId", "user.manager.cycle");
			}
		}
	}

	private void replaceTeams(UUID userId, Collection<UUID> teamIds) {
		this.dsl.deleteFrom(TEAM_MEMBER)
			.where(WorkspaceScope.of(TEAM_MEMBER.WORKSPACE_ID))
			.and(TEAM_MEMBER.USER_ID.eq(userId))
			.execute();
		for (UUID teamId : new HashSet<>(teamIds)) {
			var member = this.dsl.newRecord(TEAM_MEMBER);
			member.setTeamId(teamId);
			member.setUserId(userId);
			member.store();
		}
	}

	/** Fails the current transaction if no active administrator would be left. */
	void ensureAdministratorRemains() {
		boolean any = this.dsl.fetchExists(this.dsl.selectOne()
			.from(APP_USER)
			.join(ROLE)
			.on(ROLE.WORKSPACE_ID.eq(APP_USER.WORKSPACE_ID).and(ROLE.ID.eq(APP_USER.ROLE_ID)))
			.where(WorkspaceScope.of(APP_USER.WORKSPACE_ID))
			.and(APP_USER.ACTIVE.isTrue())
			.and(ROLE.ADMINISTRATOR.isTrue()));
		if (!any) {
			throw new BusinessRuleException(null, "user.last-administrator");
		}
	}

	static String normalizeEmail(@Nullable String email) {
		String normalized = (email != null) ? email.trim().toLowerCase(Locale.ROOT) : "";
		if (normalized.length() > 320 || !normalized.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
			throw new BusinessRuleException("email", "user.email.invalid");
		}
		return normalized;
	}

	private static String requireName(@Nullable String name) {
		String trimmed = (name != null) ? name.strip() : "";
		if (trimmed.isEmpty() || trimmed.length() > 200) {
			throw new BusinessRuleException("displayName", "user.display-name.invalid");
		}
		return trimmed;
	}

	static String validLocale(@Nullable String tag) {
		Locale locale = (tag != null) ? Locale.forLanguageTag(tag) : Locale.ROOT;
		if (locale.getLanguage().isEmpty()) {
			throw new BusinessRuleException("locale", "user.locale.invalid");
		}
		return locale.toLanguageTag();
	}

	static String validZone(@Nullable String zone) {
		try {
			return ZoneId.of((zone != null) ? zone : "").getId();
		}
		catch (RuntimeException ex) {
			throw new BusinessRuleException("timeZone", "user.time-zone.invalid");
		}
	}

}
