package dev.rapport.identity.internal;

import static dev.rapport.identity.internal.db.Tables.API_TOKEN;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.identity.internal.db.tables.records.ApiTokenRecord;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.Notifications;
import dev.rapport.platform.WorkspaceScope;

/**
 * Personal API tokens: made by a user for themselves, with scopes, shown once, stored as
 * a SHA-256 hash, revocable, and only as strong as their user (a deactivated user's
 * tokens stop).
 */
@Service
public class ApiTokens {

	static final String KIND = "token";

	static final String PREFIX = "rpt_";

	private static final Pattern FORMAT = Pattern.compile("rpt_[A-Za-z0-9_-]{43}");

	public static final Set<String> SCOPES = Set.of("read", "write");

	private final SecureRandom random = new SecureRandom();

	private final DSLContext dsl;

	private final UserDetailsLoader loader;

	private final Notifications notifications;

	private final Clock clock;

	ApiTokens(DSLContext dsl, UserDetailsLoader loader, Notifications notifications, Clock clock) {
		this.dsl = dsl;
		this.loader = loader;
		this.notifications = notifications;
		this.clock = clock;
	}

	/** A token as listed: never its secret. */
	public record TokenView(UUID id, String name, String prefix, List<String> scopes, OffsetDateTime createdAt,
			@Nullable OffsetDateTime expiresAt, @Nullable OffsetDateTime lastUsedAt,
			@Nullable OffsetDateTime revokedAt) {

		public boolean active(OffsetDateTime now) {
			return this.revokedAt == null && (this.expiresAt == null || this.expiresAt.isAfter(now));
		}

	}

	/** A token just made: the secret is in here and nowhere else. */
	public record CreatedToken(TokenView token, String secret) {
	}

	/** Makes a token for the signed-in user. Rejects an empty name and unknown scopes. */
	@Transactional
	public CreatedToken create(String name, Set<String> scopes, @Nullable Integer validDays) {
		Actor actor = Actors.require();
		String trimmed = (name != null) ? name.strip() : "";
		if (trimmed.isEmpty() || trimmed.length() > 100) {
			throw new BusinessRuleException("name", "token.name.invalid");
		}
		if (scopes.isEmpty() || !SCOPES.containsAll(scopes)) {
			throw new BusinessRuleException("scopes", "token.scopes.invalid");
		}
		if (validDays != null && (validDays < 1 || validDays > 3650)) {
			throw new BusinessRuleException("validDays", "token.valid-days.invalid");
		}
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		ApiTokenRecord token = this.dsl.newRecord(API_TOKEN);
		token.setId(Ids.newId());
		token.setUserId(actor.userId());
		token.setName(trimmed);
		token.setTokenPrefix(secret.substring(0, 12));
		token.setTokenHash(hash(secret));
		token.setScopes(String.join(" ", new LinkedHashSet<>(scopes.stream().sorted().toList())));
		token.setExpiresAt((validDays != null) ? OffsetDateTime.now(this.clock).plusDays(validDays) : null);
		token.store();
		this.notifications.notify(actor.userId(), "notification.token-created", List.of(trimmed), "/account/tokens");
		return new CreatedToken(toView(token), secret);
	}

	@Transactional(readOnly = true)
	public List<TokenView> mine() {
		return this.dsl.selectFrom(API_TOKEN)
			.where(WorkspaceScope.of(API_TOKEN.WORKSPACE_ID))
			.and(API_TOKEN.USER_ID.eq(Actors.require().userId()))
			.orderBy(API_TOKEN.CREATED_AT.desc())
			.fetch(ApiTokens::toView);
	}

	/** Revokes one of the signed-in user's tokens; someone else's token answers 404. */
	@Transactional
	public void revoke(UUID id) {
		ApiTokenRecord token = this.dsl.selectFrom(API_TOKEN)
			.where(WorkspaceScope.of(API_TOKEN.WORKSPACE_ID))
			.and(API_TOKEN.USER_ID.eq(Actors.require().userId()))
			.and(API_TOKEN.ID.eq(id))
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(KIND, id));
		if (token.getRevokedAt() == null) {
			token.setRevokedAt(OffsetDateTime.now(this.clock));
			token.store();
		}
	}

	/** Whether the text has the shape of a token at all. */
	static boolean wellFormed(String secret) {
		return FORMAT.matcher(secret).matches();
	}

	/**
	 * The user a valid token stands for, with the token's scopes; empty for any other
	 * token.
	 */
	@Transactional
	public Optional<RapportUserDetails> authenticate(String secret) {
		if (!wellFormed(secret)) {
			return Optional.empty();
		}
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		ApiTokenRecord token = this.dsl.fetchOne(API_TOKEN, API_TOKEN.TOKEN_HASH.eq(hash(secret)));
		if (token == null || token.getRevokedAt() != null
				|| (token.getExpiresAt() != null && !token.getExpiresAt().isAfter(now))) {
			return Optional.empty();
		}
		Optional<RapportUserDetails> user = this.loader.byId(token.getWorkspaceId(), token.getUserId())
			.filter(RapportUserDetails::isEnabled)
			.filter((u) -> !u.mustChangePassword());
		if (user.isPresent() && (token.getLastUsedAt() == null
				|| token.getLastUsedAt().isBefore(now.minus(Duration.ofMinutes(1))))) {
			this.dsl.update(API_TOKEN)
				.set(API_TOKEN.LAST_USED_AT, now)
				.where(API_TOKEN.WORKSPACE_ID.eq(token.getWorkspaceId()))
				.and(API_TOKEN.ID.eq(token.getId()))
				.execute();
		}
		return user.map((u) -> u.withScopes(Set.of(token.getScopes().split(" "))));
	}

	static String hash(String secret) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static TokenView toView(ApiTokenRecord r) {
		return new TokenView(r.getId(), r.getName(), r.getTokenPrefix(), List.of(r.getScopes().split(" ")),
				r.getCreatedAt(), r.getExpiresAt(), r.getLastUsedAt(), r.getRevokedAt());
	}

}
