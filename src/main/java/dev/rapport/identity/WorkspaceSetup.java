package dev.rapport.identity;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.identity.internal.RoleService.RoleChange;
import dev.rapport.identity.internal.RoleService;
import dev.rapport.identity.internal.UserService.UserChange;
import dev.rapport.identity.internal.UserService;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Workspaces.Workspace;
import dev.rapport.platform.Workspaces;

/**
 * Opens a workspace for a business: the workspace, the standard roles and hierarchy
 * (Administrator above Sales manager above Sales rep; Support agent and Marketing below
 * the Administrator) and its first administrator.
 */
@Service
public class WorkspaceSetup {

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private final SecureRandom random = new SecureRandom();

	private final Workspaces workspaces;

	private final RoleService roles;

	private final UserService users;

	private final MessageSource messages;

	WorkspaceSetup(Workspaces workspaces, RoleService roles, UserService users, MessageSource messages) {
		this.workspaces = workspaces;
		this.roles = roles;
		this.users = users;
		this.messages = messages;
	}

	/**
	 * What was made. The password is set only when it was generated here; it is a
	 * temporary password the administrator must change at first sign-in.
	 */
	public record Opened(UUID workspaceId, UUID administratorId, @Nullable String generatedPassword) {
	}

	/**
	 * Opens a workspace. With no password given, a random temporary one is generated; a
	 * given password must pass the password policy and is kept.
	 */
	@Transactional
	public Opened open(String slug, String name, String adminEmail, String adminName, @Nullable String adminPassword,
			Locale locale, String timeZone) {
		Workspace workspace = this.workspaces.create(slug, name, locale.toLanguageTag(), timeZone);
		return Actors.callAs(Actor.system(workspace.id()), () -> {
			UUID administrator = role("administrator", true, null, locale);
			UUID salesManager = role("sales-manager", false, administrator, locale);
			role("sales-rep", false, salesManager, locale);
			role("support-agent", false, administrator, locale);
			role("marketing", false, administrator, locale);
			boolean generate = adminPassword == null || adminPassword.isBlank();
			String password = generate ? generatePasswordFor(adminEmail) : adminPassword;
			UserChange admin = new UserChange(adminEmail, adminName, administrator, null, locale.toLanguageTag(),
					timeZone, List.of());
			UUID adminId = this.users.create(admin, password, generate).id();
			return new Opened(workspace.id(), adminId, generate ? password : null);
		});
	}

	private UUID role(String key, boolean administrator, @Nullable UUID parent, Locale locale) {
		String name = this.messages.getMessage("role.default." + key, null, locale);
		String description = this.messages.getMessage("role.default." + key + ".description", null, locale);
		return this.roles.create(new RoleChange(name, description, administrator, parent)).id();
	}

	/**
	 * A random password that the password policy accepts for this e-mail: drawn again in
	 * the rare case that it contains the e-mail's name part.
	 */
	String generatePasswordFor(String email) {
		String mail = email.toLowerCase(Locale.ROOT);
		int at = mail.indexOf('@');
		String name = (at > 0) ? mail.substring(0, at) : mail;
		while (true) {
			String password = generatePassword();
			String lower = password.toLowerCase(Locale.ROOT);
			if (!lower.contains(mail) && (name.length() < 3 || !lower.contains(name))) {
				return password;
			}
		}
	}

	/**
	 * The default workspace and its longest-serving active administrator, once the first
	 * start has opened it.
	 */
	@Transactional(readOnly = true)
	public java.util.Optional<Opened> defaultWorkspace() {
		return this.workspaces.findBySlug(Workspaces.DEFAULT_SLUG)
			.flatMap((workspace) -> this.users.firstAdministrator(workspace.id())
				.map((admin) -> new Opened(workspace.id(), admin, null)));
	}

	/** A random password of 20 characters without look-alike letters. */
	public String generatePassword() {
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 20; i++) {
			password.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}
