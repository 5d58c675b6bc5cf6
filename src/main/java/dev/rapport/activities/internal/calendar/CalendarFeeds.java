package dev.rapport.activities.internal.calendar;

import static dev.rapport.activities.internal.db.Tables.CALENDAR_FEED;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.activities.internal.db.tables.records.CalendarFeedRecord;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Ids;
import dev.rapport.platform.WorkspaceScope;

/**
 * Each user's private iCalendar subscription: a secret token in the URL, of which only
 * the SHA-256 hash is kept. A user has at most one live feed; making a new one revokes
 * the old one.
 */
@Service
public class CalendarFeeds {

	/** How often at most the last use of a feed is written: calendar apps poll often. */
	static final Duration TOUCH_INTERVAL = Duration.ofHours(1);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final DSLContext dsl;

	private final Clock clock;

	CalendarFeeds(DSLContext dsl, Clock clock) {
		this.dsl = dsl;
		this.clock = clock;
	}

	/** A feed just made: the token is known only now. */
	public record Created(String token, OffsetDateTime createdAt) {
	}

	/** The current user's live feed, without its token. */
	public record Status(OffsetDateTime createdAt, @Nullable OffsetDateTime lastUsedAt) {
	}

	/** Whose feed a token opens. */
	public record Subscriber(UUID workspaceId, UUID feedId, UUID userId, @Nullable OffsetDateTime lastUsedAt) {
	}

	/** Makes a new feed for the current user and revokes the one they had. */
	@Transactional
	public Created rotate() {
		UUID userId = currentUser();
		revokeAll(userId);
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		CalendarFeedRecord feed = this.dsl.newRecord(CALENDAR_FEED);
		feed.setId(Ids.newId());
		feed.setUserId(userId);
		feed.setTokenHash(hash(token));
		feed.store();
		return new Created(token, feed.getCreatedAt());
	}

	/** Revokes the current user's feed; whether there was one. */
	@Transactional
	public boolean revoke() {
		return revokeAll(currentUser()) > 0;
	}

	/** The current user's live feed, if they have one. */
	@Transactional(readOnly = true)
	public Optional<Status> status() {
		return this.dsl.select(CALENDAR_FEED.CREATED_AT, CALENDAR_FEED.LAST_USED_AT)
			.from(CALENDAR_FEED)
			.where(WorkspaceScope.of(CALENDAR_FEED.WORKSPACE_ID))
			.and(CALENDAR_FEED.USER_ID.eq(currentUser()))
			.and(CALENDAR_FEED.REVOKED_AT.isNull())
			.orderBy(CALENDAR_FEED.CREATED_AT.desc())
			.limit(1)
			.fetchOptional((r) -> new Status(r.value1(), r.value2()));
	}

	/**
	 * Whose live feed this token opens, if any. Needs no signed-in user: the token is the
	 * credential.
	 */
	@Transactional(readOnly = true)
	public Optional<Subscriber> subscriber(String token) {
		if (token.length() != 43 || !token.matches("[A-Za-z0-9_-]+")) {
			return Optional.empty();
		}
		return this.dsl
			.select(CALENDAR_FEED.WORKSPACE_ID, CALENDAR_FEED.ID, CALENDAR_FEED.USER_ID, CALENDAR_FEED.LAST_USED_AT)
			.from(CALENDAR_FEED)
			.where(CALENDAR_FEED.TOKEN_HASH.eq(hash(token)))
			.and(CALENDAR_FEED.REVOKED_AT.isNull())
			.fetchOptional((r) -> new Subscriber(r.value1(), r.value2(), r.value3(), r.value4()));
	}

	/**
	 * Notes that the feed was read, at most once per {@link #TOUCH_INTERVAL}: the
	 * condition in the update keeps several nodes from writing it twice.
	 */
	@Transactional
	public void touch(Subscriber subscriber) {
		OffsetDateTime now = now();
		if (subscriber.lastUsedAt() != null && subscriber.lastUsedAt().isAfter(now.minus(TOUCH_INTERVAL))) {
			return;
		}
		this.dsl.update(CALENDAR_FEED)
			.set(CALENDAR_FEED.LAST_USED_AT, now)
			.where(CALENDAR_FEED.WORKSPACE_ID.eq(subscriber.workspaceId()))
			.and(CALENDAR_FEED.ID.eq(subscriber.feedId()))
			.and(CALENDAR_FEED.LAST_USED_AT.isNull().or(CALENDAR_FEED.LAST_USED_AT.lt(now.minus(TOUCH_INTERVAL))))
			.execute();
	}

	private int revokeAll(UUID userId) {
		return this.dsl.update(CALENDAR_FEED)
			.set(CALENDAR_FEED.REVOKED_AT, now())
			.where(WorkspaceScope.of(CALENDAR_FEED.WORKSPACE_ID))
			.and(CALENDAR_FEED.USER_ID.eq(userId))
			.and(CALENDAR_FEED.REVOKED_AT.isNull())
			.execute();
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

	private static UUID currentUser() {
		UUID userId = Actors.require().userId();
		if (userId == null) {
			throw new IllegalStateException("A calendar feed belongs to a signed-in user");
		}
		return userId;
	}

	static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
