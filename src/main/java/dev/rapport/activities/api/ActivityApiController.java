package dev.rapport.activities.api;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.activities.ActivityInput;
import dev.rapport.activities.ActivityPage;
import dev.rapport.activities.ActivityQuery;
import dev.rapport.activities.ActivityView;
import dev.rapport.activities.internal.ActivityService;
import dev.rapport.activities.internal.ReminderSchedule;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Ids;
import dev.rapport.platform.web.ETags;

/**
 * Tasks, calls, meetings and notes over REST: listing them with filters and views counted
 * in the caller's time zone, creating, changing with If-Match, completing (logging the
 * outcome of a call or meeting as an interaction), canceling and deleting them.
 */
@RestController
@RequestMapping("/api/v1/activities")
@Tag(name = "Activities")
@SecurityRequirement(name = "bearer")
@Validated
class ActivityApiController {

	private static final String MERGE_PATCH = "application/merge-patch+json";

	private final ActivityService activities;

	private final JsonMapper json;

	ActivityApiController(ActivityService activities, JsonMapper json) {
		this.activities = activities;
		this.json = json;
	}

	/** How an activity ends: the outcome, and whether to log it as an interaction. */
	record CompleteBody(@Nullable String outcome, @Nullable Boolean logInteraction) {
	}

	@GetMapping
	@Operation(summary = "List activities",
			description = "Filters combine: assignee (a user id or me), kind, status, from/to (start or due time, "
					+ "ISO 8601), person, company, deal, and view: open, overdue, today or week, counted in the "
					+ "caller's time zone. Ordered by due or start time, undated last; pass next as cursor for the "
					+ "following page.")
	ActivityPage list(@RequestParam(required = false) @Nullable String assignee,
			@RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE_TIME) @Nullable OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE_TIME) @Nullable OffsetDateTime to,
			@RequestParam(required = false) @Nullable String person,
			@RequestParam(required = false) @Nullable String company,
			@RequestParam(required = false) @Nullable String deal,
			@RequestParam(required = false) @Nullable String view,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
		UUID assigneeId = null;
		if (assignee != null && !assignee.isBlank()) {
			assigneeId = assignee.equals("me") ? Actors.require().userId() : Ids.parse("user", assignee);
		}
		return this.activities.list(new ActivityQuery(assigneeId, kind, status, from, to, id("person", person),
				id("company", company), id("deal", deal), view), cursor, limit);
	}

	private static @Nullable UUID id(String kind, @Nullable String text) {
		return (text != null && !text.isBlank()) ? Ids.parse(kind, text.strip()) : null;
	}

	@PostMapping
	@Operation(summary = "Create a task, call, meeting or note",
			description = "kind and title are required. A task is due on dueOn (a date) or at startsAt; a call or "
					+ "meeting needs startsAt and may have endsAt (after it), attendeeUserIds and attendeePersonIds. "
					+ "A note is logged done at once. reminders are minutes before the start (timed tasks, calls, "
					+ "meetings). recurrence (tasks): daily, weekly, monthly or yearly with an interval, as weekly:2.")
	ResponseEntity<ActivityView> create(@RequestBody ActivityInput body) {
		ActivityView created = this.activities.create(body);
		return ResponseEntity.created(URI.create("/api/v1/activities/" + created.id()))
			.eTag(ETags.of(created.version()))
			.body(created);
	}

	@GetMapping("/{id}")
	@Operation(summary = "Read an activity", description = "The ETag header carries the version for If-Match.")
	ResponseEntity<ActivityView> get(@PathVariable String id) {
		ActivityView activity = this.activities.get(Ids.parse("activity", id));
		return ResponseEntity.ok().eTag(ETags.of(activity.version())).body(activity);
	}

	@GetMapping("/{id}/reminders")
	@Operation(summary = "The reminders of an activity, per user",
			description = "status is pending until delivered; pending reminders of a finished or deleted "
					+ "activity are canceled.")
	List<ReminderSchedule.Row> reminders(@PathVariable String id) {
		return this.activities.remindersOf(Ids.parse("activity", id));
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace an activity",
			description = "The same body as for creating; the kind cannot change. attendees and reminders left out "
					+ "stay. Requires If-Match; a stale one answers 412 and changes nothing.")
	ResponseEntity<ActivityView> replace(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody ActivityInput body) {
		ActivityView current = this.activities.get(Ids.parse("activity", id));
		int version = ETags.requireMatch(ifMatch, "activity", current.version());
		ActivityView updated = this.activities.update(current.id(), version, body);
		return ResponseEntity.ok().eTag(ETags.of(updated.version())).body(updated);
	}

	@PatchMapping(path = "/{id}", consumes = { MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH })
	@Operation(summary = "Change some fields of an activity",
			description = "A JSON merge patch of the fields of the body for creating: what is sent replaces, null "
					+ "clears (recurrence: null stops a series). Requires If-Match.")
	ResponseEntity<ActivityView> patch(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody String body, HttpServletRequest request) {
		ActivityView current = this.activities.get(Ids.parse("activity", id));
		int version = ETags.requireMatch(ifMatch, "activity", current.version());
		ActivityView updated = this.activities.update(current.id(), version, merge(current, body, request));
		return ResponseEntity.ok().eTag(ETags.of(updated.version())).body(updated);
	}

	@PostMapping("/{id}/complete")
	@Operation(summary = "Complete an activity",
			description = "Marks it done. With logInteraction, the outcome of a call or meeting is logged as an "
					+ "interaction on the related person's timeline. Completing a recurring task creates the next "
					+ "occurrence. Requires If-Match.")
	ResponseEntity<ActivityView> complete(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody(required = false) @Nullable CompleteBody body) {
		ActivityView current = this.activities.get(Ids.parse("activity", id));
		int version = ETags.requireMatch(ifMatch, "activity", current.version());
		ActivityView done = this.activities.complete(current.id(), version, (body != null) ? body.outcome() : null,
				body != null && Boolean.TRUE.equals(body.logInteraction()));
		return ResponseEntity.ok().eTag(ETags.of(done.version())).body(done);
	}

	@PostMapping("/{id}/cancel")
	@Operation(summary = "Cancel an open activity", description = "Requires If-Match.")
	ResponseEntity<ActivityView> cancel(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		ActivityView current = this.activities.get(Ids.parse("activity", id));
		int version = ETags.requireMatch(ifMatch, "activity", current.version());
		ActivityView canceled = this.activities.cancel(current.id(), version);
		return ResponseEntity.ok().eTag(ETags.of(canceled.version())).body(canceled);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete an activity",
			description = "Soft: it leaves lists and timelines and its pending reminders are canceled. Requires "
					+ "If-Match.")
	ResponseEntity<Void> delete(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		ActivityView current = this.activities.get(Ids.parse("activity", id));
		int version = ETags.requireMatch(ifMatch, "activity", current.version());
		this.activities.delete(current.id(), version);
		return ResponseEntity.noContent().build();
	}

	/** The body for replacing, from what is stored with the patch laid over it. */
	private ActivityInput merge(ActivityView current, String body, HttpServletRequest request) {
		JsonNode patch;
		try {
			patch = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new HttpMessageNotReadableException("Not JSON", ex, new ServletServerHttpRequest(request));
		}
		if (patch == null || !patch.isObject()) {
			throw new HttpMessageNotReadableException("Not a JSON object", new ServletServerHttpRequest(request));
		}
		ObjectNode merged = this.json.valueToTree(inputOf(current));
		for (Map.Entry<String, JsonNode> field : patch.properties()) {
			merged.set(field.getKey(), field.getValue());
		}
		if (patch.has("startsAt") && !patch.has("dueOn")) {
			merged.putNull("dueOn");
		}
		if (patch.has("dueOn") && !patch.has("startsAt")) {
			merged.putNull("startsAt");
		}
		try {
			return this.json.treeToValue(merged, ActivityInput.class);
		}
		catch (JacksonException ex) {
			throw new HttpMessageNotReadableException("Not an activity", ex, new ServletServerHttpRequest(request));
		}
	}

	static ActivityInput inputOf(ActivityView a) {
		return new ActivityInput(a.kind(), a.title(), a.notes(), a.priority(), a.allDay() ? null : a.startsAt(),
				a.endsAt(), a.dueOn(), a.assigneeId(), a.teamId(), a.personId(), a.companyId(), a.dealId(), a.place(),
				a.link(), a.recurrence(), a.attendeeUserIds(), a.attendeePersonIds(), a.reminders());
	}

}
