package dev.rapport.support;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.test.context.TestComponent;

import dev.rapport.identity.WorkspaceSetup;
import dev.rapport.identity.internal.ApiTokens;
import dev.rapport.identity.internal.RoleService;
import dev.rapport.identity.internal.TeamService.TeamChange;
import dev.rapport.identity.internal.TeamService;
import dev.rapport.identity.internal.UserService.UserChange;
import dev.rapport.identity.internal.UserService;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;

/** Makes workspaces, users, teams and tokens for tests through the real services. */
@TestComponent
public class Fixtures {

	public static final String PASSWORD = "Correct battery staple 9";

	private final WorkspaceSetup setup;

	private final UserService users;

	private final RoleService roles;

	private final TeamService teams;

	private final ApiTokens tokens;

	Fixtures(WorkspaceSetup setup, UserService users, RoleService roles, TeamService teams, ApiTokens tokens) {
		this.setup = setup;
		this.users = users;
		this.roles = roles;
		this.teams = teams;
		this.tokens = tokens;
	}

	/** A workspace of its own, with its administrator. */
	public record Workspace(UUID id, UUID adminId, String adminEmail) {
	}

	public Workspace workspace(String label) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String email = "admin-" + suffix + "@" + label.toLowerCase(Locale.ROOT) + ".test";
		WorkspaceSetup.Opened opened = this.setup.open(label.toLowerCase(Locale.ROOT) + "-" + suffix, label, email,
				"Admin " + label, PASSWORD, Locale.ENGLISH, "UTC");
		return new Workspace(opened.workspaceId(), opened.administratorId(), email);
	}

	public UUID role(UUID workspaceId, String name) {
		return Actors.callAs(Actor.system(workspaceId),
				() -> this.roles.all()
					.stream()
					.filter((r) -> r.name().equals(name))
					.findFirst()
					.orElseThrow(() -> new IllegalArgumentException("No role " + name))
					.id());
	}

	/**
	 * A user with the fixture password, already changed (no forced change at sign-in).
	 */
	public UUID user(UUID workspaceId, String name, String roleName, @Nullable UUID managerId) {
		String email = emailOf(name);
		UserChange change = new UserChange(email, name, role(workspaceId, roleName), managerId, "en", "UTC", List.of());
		return Actors.callAs(Actor.system(workspaceId), () -> this.users.create(change, PASSWORD, false).id());
	}

	public String email(UUID workspaceId, UUID userId) {
		return Actors.callAs(Actor.system(workspaceId), () -> this.users.get(userId).email());
	}

	public UUID team(UUID workspaceId, String name, UUID... members) {
		return Actors.callAs(Actor.system(workspaceId),
				() -> this.teams.create(new TeamChange(name, null, List.of(members))).id());
	}

	/** A secret API token of this user with these scopes. */
	public String token(UUID workspaceId, UUID userId, String... scopes) {
		return Actors.callAs(new Actor(workspaceId, userId),
				() -> this.tokens.create("test token", Set.of(scopes), null).secret());
	}

	private static String emailOf(String name) {
		String local = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", ".").replaceAll("^\\.|\\.$", "");
		if (local.isEmpty()) {
			local = "user";
		}
		return local + "." + UUID.randomUUID().toString().substring(0, 8) + "@rapport.test";
	}

}
