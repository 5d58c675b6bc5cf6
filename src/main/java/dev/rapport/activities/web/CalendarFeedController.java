package dev.rapport.activities.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.rapport.activities.internal.calendar.CalendarFeeds;
import dev.rapport.activities.internal.calendar.CalendarItem;
import dev.rapport.activities.internal.calendar.CalendarService;
import dev.rapport.activities.internal.calendar.ICalendar;
import dev.rapport.identity.UserView;
import dev.rapport.identity.Users;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;

/**
 * The private iCalendar feed that calendar apps subscribe to. It needs no session: the
 * secret token in the URL says whose calendar it is. An unknown or revoked token, or a
 * deactivated user, answers 404.
 */
@Controller
class CalendarFeedController {

	static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

	/** How far back and ahead the feed reaches. */
	static final Duration PAST = Duration.ofDays(30);

	static final Duration AHEAD = Duration.ofDays(365);

	private final CalendarFeeds feeds;

	private final CalendarService calendar;

	private final Users users;

	private final MessageSource messages;

	private final Clock clock;

	CalendarFeedController(CalendarFeeds feeds, CalendarService calendar, Users users, MessageSource messages,
			Clock clock) {
		this.feeds = feeds;
		this.calendar = calendar;
		this.users = users;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping("/calendar/feed/{token}.ics")
	ResponseEntity<byte[]> feed(@PathVariable String token,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
		Optional<CalendarFeeds.Subscriber> found = this.feeds.subscriber(token);
		if (found.isEmpty()) {
			return ResponseEntity.notFound().build();
		}
		CalendarFeeds.Subscriber subscriber = found.get();
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
		@Nullable String body = Actors.callAs(new Actor(subscriber.workspaceId(), subscriber.userId()), () -> {
			UserView user = this.users.find(subscriber.userId()).filter(UserView::active).orElse(null);
			if (user == null) {
				return null;
			}
			ZoneId zone = zone(user.timeZone());
			Instant now = this.clock.instant();
			List<CalendarItem> items = this.calendar.items(user.id(), now.minus(PAST), now.plus(AHEAD), true);
			String name = this.messages.getMessage("calendar.feed.name", new Object[] { user.displayName() },
					Locale.forLanguageTag(user.locale()));
			return ICalendar.of(name, items, zone, (item) -> base + "/activities/" + item.id());
		});
		if (body == null) {
			return ResponseEntity.notFound().build();
		}
		this.feeds.touch(subscriber);
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		String etag = "\"" + sha256(bytes).substring(0, 32) + "\"";
		CacheControl cache = CacheControl.noCache().cachePrivate();
		if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cache).build();
		}
		return ResponseEntity.ok()
			.contentType(TEXT_CALENDAR)
			.eTag(etag)
			.cacheControl(cache)
			.header("X-Robots-Tag", "noindex")
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"rapport.ics\"")
			.body(bytes);
	}

	private static boolean matches(String ifNoneMatch, String etag) {
		for (String candidate : ifNoneMatch.split(",")) {
			String value = candidate.trim();
			if (value.startsWith("W/")) {
				value = value.substring(2);
			}
			if (value.equals(etag) || value.equals("*")) {
				return true;
			}
		}
		return false;
	}

	private static ZoneId zone(String id) {
		try {
			return ZoneId.of(id);
		}
		catch (java.time.DateTimeException ex) {
			return ZoneId.of("UTC");
		}
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
