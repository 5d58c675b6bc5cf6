package dev.rapport.identity.internal;

import java.io.Serial;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import dev.rapport.platform.Actor;
import dev.rapport.platform.ActorPrincipal;

/**
 * The signed-in user as Spring Security holds it, in a session or for one API request.
 */
public final class RapportUserDetails implements UserDetails, CredentialsContainer, ActorPrincipal, Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	public static final String ADMIN = "ROLE_ADMIN";

	private final UUID workspaceId;

	private final UUID userId;

	private final String email;

	private final String displayName;

	private @Nullable String passwordHash;

	private final boolean active;

	private final boolean mustChangePassword;

	private final boolean administrator;

	private final String locale;

	private final String timeZone;

	private final Set<String> scopes;

	RapportUserDetails(UUID workspaceId, UUID userId, String email, String displayName, @Nullable String passwordHash,
			boolean active, boolean mustChangePassword, boolean administrator, String locale, String timeZone,
			Set<String> scopes) {
		this.workspaceId = workspaceId;
		this.userId = userId;
		this.email = email;
		this.displayName = displayName;
		this.passwordHash = passwordHash;
		this.active = active;
		this.mustChangePassword = mustChangePassword;
		this.administrator = administrator;
		this.locale = locale;
		this.timeZone = timeZone;
		this.scopes = Set.copyOf(scopes);
	}

	RapportUserDetails withScopes(Set<String> scopes) {
		return new RapportUserDetails(this.workspaceId, this.userId, this.email, this.displayName, null, this.active,
				this.mustChangePassword, this.administrator, this.locale, this.timeZone, scopes);
	}

	@Override
	public Actor actor() {
		return new Actor(this.workspaceId, this.userId);
	}

	public UUID userId() {
		return this.userId;
	}

	public UUID workspaceId() {
		return this.workspaceId;
	}

	public String displayName() {
		return this.displayName;
	}

	public String email() {
		return this.email;
	}

	public boolean mustChangePassword() {
		return this.mustChangePassword;
	}

	public boolean administrator() {
		return this.administrator;
	}

	@Override
	public Locale locale() {
		return Locale.forLanguageTag(this.locale);
	}

	@Override
	public ZoneId timeZone() {
		return ZoneId.of(this.timeZone);
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		List<GrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
		if (this.administrator) {
			authorities.add(new SimpleGrantedAuthority(ADMIN));
		}
		this.scopes.forEach((scope) -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
		return authorities;
	}

	@Override
	public @Nullable String getPassword() {
		return this.passwordHash;
	}

	@Override
	public String getUsername() {
		return this.email;
	}

	@Override
	public boolean isEnabled() {
		return this.active;
	}

	@Override
	public void eraseCredentials() {
		this.passwordHash = null;
	}

	/**
	 * Whether the two describe the same user in the same state, so a session can keep it.
	 */
	boolean sameState(RapportUserDetails other) {
		return this.active == other.active && this.mustChangePassword == other.mustChangePassword
				&& this.administrator == other.administrator && this.locale.equals(other.locale)
				&& this.timeZone.equals(other.timeZone) && this.displayName.equals(other.displayName)
				&& this.email.equals(other.email);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof RapportUserDetails that && this.userId.equals(that.userId);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.userId);
	}

	@Override
	public String toString() {
		return "RapportUserDetails[" + this.userId + "]";
	}

}
