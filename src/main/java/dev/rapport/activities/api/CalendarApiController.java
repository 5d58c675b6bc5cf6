package dev.rapport.activities.api;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.rapport.activities.internal.calendar.CalendarFeeds;
import dev.rapport.activities.internal.calendar.CalendarItem;
import dev.rapport.activities.internal.calendar.CalendarService;
import dev.rapport.identity.UserView;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Ids;

/**
 * A user's calendar over REST, and their private iCalendar subscription URL: made (or
 * made anew) and revoked.
 */
@RestController
@RequestMapping("/api/v1/calendar")
@Tag(name = "Calendar")
@SecurityRequirement(name = "bearer")
class CalendarApiController {

	/** The longest range one request may ask for. */
	static final Duration MAX_RANGE = Duration.ofDays(100);

	private final CalendarService calendar;

	private final CalendarFeeds feeds;

	private final MessageSource messages;

	CalendarApiController(CalendarService calendar, CalendarFeeds feeds, MessageSource messages) {
		this.calendar = calendar;
		this.feeds = feeds;
		this.messages = messages;
	}

	/** One calendar item. */
	record Item(UUID id, String kind, String title, String status, OffsetDateTime startsAt,
			@Nullable OffsetDateTime endsAt, boolean allDay, @Nullable LocalDate date, @Nullable String place,
			@Nullable String link, UUID assigneeId, String url, int version) {

		static Item of(CalendarItem item, ZoneId zone) {
			return new Item(item.id(), item.kind(), item.title(), item.status(),
					item.startsAt().withOffsetSameInstant(ZoneOffset.UTC),
					(item.endsAt() != null) ? item.endsAt().withOffsetSameInstant(ZoneOffset.UTC) : null, item.allDay(),
					item.allDay() ? item.allDayDate(zone) : null, item.place(), item.link(), item.assigneeId(),
					"/activities/" + item.id(), item.version());
		}

	}

	/** A user's calendar between two times. */
	record CalendarResource(UUID userId, OffsetDateTime from, OffsetDateTime to, String timeZone, List<Item> items) {
	}

	/** A subscription URL, shown only when it is made. */
	record FeedResource(String url, OffsetDateTime createdAt) {
	}

	/** A query parameter that cannot be used, named. */
	static final class InvalidParameterException extends RuntimeException {

		private final String field;

		private final String messageKey;

		InvalidParameterException(String field, String messageKey) {
			super(messageKey);
			this.field = field;
			this.messageKey = messageKey;
		}

	}

	@GetMapping
	@Operation(summary = "A user's calls, meetings and dated tasks in a time range",
			description = "from and to are ISO dates (read in the user's time zone; to is inclusive) or instants "
					+ "(2026-11-24T08:00:00Z; to is exclusive); the range is at most 100 days. user names a report "
					+ "of the caller (or anyone, for an administrator); others answer 404. Canceled items and notes "
					+ "are left out; an all-day item has its date in date.")
	CalendarResource calendar(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String user) {
		UserView owner = this.calendar.owner((user != null) ? Ids.parse("user", user) : null);
		ZoneId zone = Actors.principal().map((p) -> p.timeZone()).orElse(ZoneOffset.UTC);
		Instant start = instant("from", from, zone, false);
		Instant end = instant("to", to, zone, true);
		if (!end.isAfter(start)) {
			throw new InvalidParameterException("to", "calendar.api.range.order");
		}
		if (Duration.between(start, end).compareTo(MAX_RANGE.plusHours(1)) > 0) {
			throw new InvalidParameterException("to", "calendar.api.range.too-long");
		}
		List<Item> items = this.calendar.items(owner.id(), start, end, false)
			.stream()
			.filter((item) -> !item.allDay() || inRange(item.allDayDate(zone), start, end, zone))
			.map((item) -> Item.of(item, zone))
			.toList();
		return new CalendarResource(owner.id(), OffsetDateTime.ofInstant(start, ZoneOffset.UTC),
				OffsetDateTime.ofInstant(end, ZoneOffset.UTC), zone.getId(), items);
	}

	@PostMapping("/feed")
	@Operation(summary = "Make the caller's private calendar subscription URL",
			description = "Answers the URL once; it is not stored, only a hash of its secret. Making a new one "
					+ "revokes the previous URL.")
	ResponseEntity<FeedResource> createFeed() {
		CalendarFeeds.Created created = this.feeds.rotate();
		String url = ServletUriComponentsBuilder.fromCurrentContextPath()
			.path("/calendar/feed/{token}.ics")
			.buildAndExpand(created.token())
			.toUriString();
		return ResponseEntity.status(HttpStatus.CREATED)
			.header("Cache-Control", "no-store")
			.body(new FeedResource(url, created.createdAt()));
	}

	@DeleteMapping("/feed")
	@Operation(summary = "Revoke the caller's calendar subscription URL",
			description = "Calendar apps subscribed to it get 404 from then on. Answers 204 also when there was none.")
	ResponseEntity<Void> revokeFeed() {
		this.feeds.revoke();
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler(InvalidParameterException.class)
	ProblemDetail invalidParameter(InvalidParameterException ex) {
		String detail = this.messages.getMessage(ex.messageKey, null, LocaleContextHolder.getLocale());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(URI.create("https://rapport.dev/problems/validation"));
		problem.setTitle(this.messages.getMessage("problem.title.validation", null, LocaleContextHolder.getLocale()));
		Map<String, String> error = new LinkedHashMap<>();
		error.put("field", ex.field);
		error.put("message", detail);
		problem.setProperty("errors", List.of(error));
		return problem;
	}

	private static boolean inRange(LocalDate day, Instant start, Instant end, ZoneId zone) {
		return day.atStartOfDay(zone).toInstant().isBefore(end)
				&& day.plusDays(1).atStartOfDay(zone).toInstant().isAfter(start);
	}

	private static Instant instant(String field, @Nullable String value, ZoneId zone, boolean end) {
		if (value == null || value.isBlank()) {
			throw new InvalidParameterException(field, "calendar.api.range.required");
		}
		String text = value.trim();
		try {
			if (text.length() == 10) {
				LocalDate day = LocalDate.parse(text);
				return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
			}
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeException ex) {
			throw new InvalidParameterException(field, "calendar.api.range.invalid");
		}
	}

}
