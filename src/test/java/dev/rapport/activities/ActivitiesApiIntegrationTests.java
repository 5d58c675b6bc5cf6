package dev.rapport.activities;

import static dev.rapport.activities.internal.db.Tables.REMINDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.rapport.identity.internal.UserService;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Tasks, calls, meetings and notes over the API: each kind, field errors, stale writes,
 * the access policy, lists in the user's time zone, recurring tasks, completing with an
 * interaction, reminder rows and the person's timeline.
 *
 * <pre>
 * workspace "Agenda": Admin; Sales rep Wen (owns the person Ana); Sales rep Tom (no relation)
 * </pre>
 */
@IntegrationTest
class ActivitiesApiIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserService users;

	@Autowired
	DSLContext dsl;

	private Fixtures.Workspace workspace;

	private UUID wenId;

	private UUID tomId;

	private String wen;

	private String tom;

	private String admin;

	private String person;

	@BeforeEach
	void workspace() throws Exception {
		this.workspace = this.fixtures.workspace("Agenda");
		this.wenId = this.fixtures.user(this.workspace.id(), "Wen Rep", "Sales rep", null);
		this.tomId = this.fixtures.user(this.workspace.id(), "Tom Rep", "Sales rep", null);
		this.wen = this.fixtures.token(this.workspace.id(), this.wenId, "read", "write");
		this.tom = this.fixtures.token(this.workspace.id(), this.tomId, "read", "write");
		this.admin = this.fixtures.token(this.workspace.id(), this.workspace.adminId(), "read", "write");
		this.person = id(send(post("/api/v1/people"), this.wen, "{\"displayName\":\"Ana Díaz\"}")
			.andExpect(status().isCreated()));
	}

	@Test
	void eachKindIsCreatedAndReadBackWithItsVersion() throws Exception {
		String task = id(send(post("/api/v1/activities"), this.wen,
				"""
						{"kind":"task","title":"Send the offer","dueOn":"2030-03-01","priority":"high","personId":"%s"}"""
					.formatted(this.person))
			.andExpect(status().isCreated())
			.andExpect(header().exists("ETag"))
			.andExpect(jsonPath("$.allDay").value(true))
			.andExpect(jsonPath("$.dueOn").value("2030-03-01"))
			.andExpect(jsonPath("$.status").value("open"))
			.andExpect(jsonPath("$.assigneeId").value(this.wenId.toString())));
		send(post("/api/v1/activities"), this.wen, """
				{"kind":"call","title":"Follow up","startsAt":"2030-03-02T09:00:00+01:00",
				 "endsAt":"2030-03-02T09:30:00+01:00","personId":"%s","reminders":[15]}""".formatted(this.person))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.startsAt").value("2030-03-02T08:00:00Z"))
			.andExpect(jsonPath("$.allDay").value(false))
			.andExpect(jsonPath("$.reminders", contains(15)));
		send(post("/api/v1/activities"), this.wen, """
				{"kind":"meeting","title":"Demo","startsAt":"2030-03-03T10:00:00Z","endsAt":"2030-03-03T11:00:00Z",
				 "place":"Room 2","link":"https://meet.example/abc","attendeeUserIds":["%s"],
				 "attendeePersonIds":["%s"]}""".formatted(this.tomId, this.person)).andExpect(status().isCreated())
			.andExpect(jsonPath("$.place").value("Room 2"))
			.andExpect(jsonPath("$.attendeeUserIds", contains(this.tomId.toString())))
			.andExpect(jsonPath("$.attendeePersonIds", contains(this.person)));
		send(post("/api/v1/activities"), this.wen, """
				{"kind":"note","title":"Prefers e-mail","personId":"%s"}""".formatted(this.person))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("done"))
			.andExpect(jsonPath("$.doneAt").isNotEmpty());
		this.mvc.perform(get("/api/v1/activities/" + task).header("Authorization", bearer(this.wen)))
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"1\""))
			.andExpect(jsonPath("$.title").value("Send the offer"))
			.andExpect(jsonPath("$.priority").value("high"));
		this.mvc
			.perform(get("/api/v1/activities?person=" + this.person + "&kind=call").header("Authorization",
					bearer(this.wen)))
			.andExpect(jsonPath("$.items[*].title", contains("Follow up")));
	}

	@Test
	void invalidActivitiesAreRefusedNamingEachField() throws Exception {
		send(post("/api/v1/activities"), this.wen, """
				{"kind":"call","title":" ","startsAt":"2030-03-02T10:00:00Z","endsAt":"2030-03-02T09:00:00Z",
				 "recurrence":"weekly:1","priority":"urgent","link":"ftp://x"}""")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field",
					containsInAnyOrder("title", "endsAt", "recurrence", "priority", "link")));
		send(post("/api/v1/activities"), this.wen, """
				{"kind":"meeting","title":"No time"}""").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field", contains("startsAt")));
		send(post("/api/v1/activities"), this.wen, """
				{"kind":"task","title":"All day","dueOn":"2030-01-01","reminders":[15],"recurrence":"hourly:1"}""")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("reminders", "recurrence")));
		send(post("/api/v1/activities"), this.wen, "{\"kind\":\"visit\",\"title\":\"x\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("kind"));
		send(post("/api/v1/activities"), this.tom, """
				{"kind":"task","title":"About Ana","personId":"%s"}""".formatted(this.person))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("personId"));
	}

	@Test
	void aStaleUpdateIsRefusedWith412AndChangesNothing() throws Exception {
		String task = id(send(post("/api/v1/activities"), this.wen, "{\"kind\":\"task\",\"title\":\"Draft\"}")
			.andExpect(status().isCreated()));
		send(patch("/api/v1/activities/" + task).header("If-Match", "\"1\""), this.wen, "{\"title\":\"Final\"}")
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"2\""))
			.andExpect(jsonPath("$.title").value("Final"));
		send(patch("/api/v1/activities/" + task).header("If-Match", "\"1\""), this.wen, "{\"title\":\"Lost\"}")
			.andExpect(status().isPreconditionFailed());
		send(patch("/api/v1/activities/" + task), this.wen, "{\"title\":\"Lost\"}")
			.andExpect(status().isPreconditionRequired());
		send(post("/api/v1/activities/" + task + "/complete").header("If-Match", "\"1\""), this.wen, "{}")
			.andExpect(status().isPreconditionFailed());
		this.mvc.perform(get("/api/v1/activities/" + task).header("Authorization", bearer(this.wen)))
			.andExpect(jsonPath("$.title").value("Final"))
			.andExpect(jsonPath("$.status").value("open"));
	}

	@Test
	void anotherRepsTaskIsNotFoundWhileAdminsAndAttendeesReadIt() throws Exception {
		String task = id(send(post("/api/v1/activities"), this.wen, "{\"kind\":\"task\",\"title\":\"Private\"}")
			.andExpect(status().isCreated()));
		this.mvc.perform(get("/api/v1/activities/" + task).header("Authorization", bearer(this.tom)))
			.andExpect(status().isNotFound());
		send(patch("/api/v1/activities/" + task).header("If-Match", "*"), this.tom, "{\"title\":\"Mine\"}")
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/activities/" + task).header("Authorization", bearer(this.admin)))
			.andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/activities").header("Authorization", bearer(this.tom)))
			.andExpect(jsonPath("$.items[*].id", not(hasItem(task))));

		String meeting = id(send(post("/api/v1/activities"), this.wen, """
				{"kind":"meeting","title":"Kick-off","startsAt":"2030-05-01T10:00:00Z","attendeeUserIds":["%s"]}"""
			.formatted(this.tomId)).andExpect(status().isCreated()));
		this.mvc.perform(get("/api/v1/activities/" + meeting).header("Authorization", bearer(this.tom)))
			.andExpect(status().isOk());
		send(patch("/api/v1/activities/" + meeting).header("If-Match", "*"), this.tom, "{\"title\":\"Mine\"}")
			.andExpect(status().isForbidden());
		send(delete("/api/v1/activities/" + task).header("If-Match", "\"1\""), this.wen, "")
			.andExpect(status().isNoContent());
		this.mvc.perform(get("/api/v1/activities/" + task).header("Authorization", bearer(this.wen)))
			.andExpect(status().isNotFound());
	}

	@Test
	void overdueTodayAndWeekAreCountedInTheUsersTimeZone() throws Exception {
		ZoneId kiritimati = ZoneId.of("Pacific/Kiritimati");
		Actors.runAs(new Actor(this.workspace.id(), this.wenId), () -> this.users.updateProfile(this.wenId,
				this.users.get(this.wenId).version(), "Wen Rep", "en", kiritimati.getId()));
		LocalDate today = LocalDate.now(kiritimati);
		OffsetDateTime lateTonight = today.atTime(23, 30).atZone(kiritimati).toOffsetDateTime();
		Assumptions.assumeTrue(lateTonight.isAfter(OffsetDateTime.now().plusMinutes(2)),
				"the last half hour of the day in Kiritimati");
		String yesterday = task(this.wen, "Yesterday", "\"dueOn\":\"" + today.minusDays(1) + "\"");
		String dueToday = task(this.wen, "Due today", "\"dueOn\":\"" + today + "\"");
		String tonight = task(this.wen, "Tonight", "\"startsAt\":\"" + lateTonight + "\"");
		String hourAgo = task(this.wen, "An hour ago",
				"\"startsAt\":\"" + OffsetDateTime.now(ZoneOffset.UTC).minusHours(1) + "\"");
		String nextWeek = task(this.wen, "Later", "\"dueOn\":\"" + today.plusDays(8) + "\"");
		// The same evening for a user in UTC is 09:30 UTC on Kiritimati's date: today for
		// them only while UTC is still on that date, and always still to come.
		String utcTonight = task(this.tom, "Tonight in Kiritimati", "\"startsAt\":\"" + lateTonight + "\"");

		assertThat(ids(this.wen, "overdue")).containsExactlyInAnyOrder(yesterday, hourAgo);
		assertThat(ids(this.wen, "today")).containsExactlyInAnyOrder(dueToday, tonight);
		assertThat(ids(this.wen, "week")).contains(dueToday, tonight).doesNotContain(yesterday, hourAgo, nextWeek);
		assertThat(ids(this.wen, "open")).contains(yesterday, dueToday, tonight, hourAgo, nextWeek);
		if (lateTonight.atZoneSameInstant(ZoneOffset.UTC).toLocalDate().equals(LocalDate.now(ZoneOffset.UTC))) {
			assertThat(ids(this.tom, "today")).contains(utcTonight);
		}
		else {
			assertThat(ids(this.tom, "today")).doesNotContain(utcTonight);
		}
		assertThat(ids(this.tom, "open")).containsExactly(utcTonight);
	}

	@Test
	void completingAMonthlyTaskOnThe31stComesBackOnTheLastDayOfShorterMonths() throws Exception {
		String first = task(this.wen, "Invoice", "\"dueOn\":\"2031-01-31\",\"recurrence\":\"monthly:1\"");
		String second = nextOf(first, first, "1");
		this.mvc.perform(get("/api/v1/activities/" + second).header("Authorization", bearer(this.wen)))
			.andExpect(jsonPath("$.dueOn").value("2031-02-28"))
			.andExpect(jsonPath("$.status").value("open"))
			.andExpect(jsonPath("$.seriesId").value(first));
		String third = nextOf(first, second, "1");
		this.mvc.perform(get("/api/v1/activities/" + third).header("Authorization", bearer(this.wen)))
			.andExpect(jsonPath("$.dueOn").value("2031-03-31"))
			.andExpect(jsonPath("$.seriesId").value(first));

		String weekly = task(this.wen, "Stand-up notes",
				"\"startsAt\":\"2031-06-02T07:00:00Z\",\"recurrence\":\"weekly:2\",\"reminders\":[15]");
		String later = nextOf(weekly, weekly, "1");
		this.mvc.perform(get("/api/v1/activities/" + later).header("Authorization", bearer(this.wen)))
			.andExpect(jsonPath("$.startsAt").value("2031-06-16T07:00:00Z"))
			.andExpect(jsonPath("$.reminders", contains(15)));
		// Stopping the series: this occurrence is the last.
		send(patch("/api/v1/activities/" + later).header("If-Match", "\"1\""), this.wen, "{\"recurrence\":null}")
			.andExpect(status().isOk());
		send(post("/api/v1/activities/" + later + "/complete").header("If-Match", "\"2\""), this.wen, "{}")
			.andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/activities?status=open&kind=task").header("Authorization", bearer(this.wen)))
			.andExpect(jsonPath("$.items[*].title", contains("Invoice")));
	}

	@Test
	void completingACallLogsItsOutcomeOnThePersonsTimeline() throws Exception {
		String call = id(send(post("/api/v1/activities"), this.wen, """
				{"kind":"call","title":"Renewal call","startsAt":"2020-03-02T09:00:00Z",
				 "endsAt":"2020-03-02T09:20:00Z","personId":"%s"}""".formatted(this.person))
			.andExpect(status().isCreated()));
		String task = task(this.wen, "No person", "\"dueOn\":\"2030-01-01\"");
		send(post("/api/v1/activities/" + task + "/complete").header("If-Match", "\"1\""), this.wen,
				"{\"logInteraction\":true}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("logInteraction"));
		MvcResult done = send(post("/api/v1/activities/" + call + "/complete").header("If-Match", "\"1\""), this.wen,
				"{\"outcome\":\"Renews for two years\",\"logInteraction\":true}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("done"))
			.andExpect(jsonPath("$.outcome").value("Renews for two years"))
			.andExpect(jsonPath("$.interactionId").isNotEmpty())
			.andReturn();
		String interaction = JsonPath.read(done.getResponse().getContentAsString(), "$.interactionId");
		this.mvc.perform(get("/api/v1/people/" + this.person + "/timeline").header("Authorization", bearer(this.wen)))
			.andExpect(jsonPath("$.items[?(@.kind == 'interaction')].sourceId", contains(interaction)))
			.andExpect(jsonPath("$.items[?(@.kind == 'interaction')].summary", contains("Renews for two years")))
			.andExpect(jsonPath("$.items[?(@.kind == 'call')]").isEmpty());
		send(post("/api/v1/activities/" + call + "/complete").header("If-Match", "\"2\""), this.wen, "{}")
			.andExpect(status().isUnprocessableContent());
	}

	@Test
	void reminderRowsAreWrittenRewrittenAndCanceled() throws Exception {
		OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).truncatedTo(ChronoUnit.MINUTES);
		String meeting = id(send(post("/api/v1/activities"), this.wen,
				"""
						{"kind":"meeting","title":"Review","startsAt":"%s","attendeeUserIds":["%s"],"reminders":[60,15]}"""
					.formatted(start, this.tomId))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.reminders", contains(15, 60))));
		List<UUID> ids = List.of(this.wenId, this.tomId);
		assertThat(rows(meeting)).extracting(Row::user, Row::minutes, Row::at, Row::status)
			.containsExactlyInAnyOrder(row(ids.get(0), 15, start, "pending"), row(ids.get(0), 60, start, "pending"),
					row(ids.get(1), 15, start, "pending"), row(ids.get(1), 60, start, "pending"));
		// The delivery job delivered Wen's hour-before reminder.
		this.dsl.update(REMINDER)
			.set(REMINDER.STATUS, "delivered")
			.where(REMINDER.ACTIVITY_ID.eq(UUID.fromString(meeting)))
			.and(REMINDER.USER_ID.eq(this.wenId))
			.and(REMINDER.MINUTES_BEFORE.eq(60))
			.execute();
		OffsetDateTime moved = start.plusHours(3);
		send(patch("/api/v1/activities/" + meeting).header("If-Match", "\"1\""), this.wen,
				"{\"startsAt\":\"%s\"}".formatted(moved))
			.andExpect(status().isOk());
		assertThat(rows(meeting)).extracting(Row::user, Row::minutes, Row::at, Row::status)
			.containsExactlyInAnyOrder(row(ids.get(0), 60, start, "delivered"), row(ids.get(0), 15, moved, "pending"),
					row(ids.get(0), 60, moved, "pending"), row(ids.get(1), 15, moved, "pending"),
					row(ids.get(1), 60, moved, "pending"));
		send(post("/api/v1/activities/" + meeting + "/complete").header("If-Match", "\"2\""), this.wen, "{}")
			.andExpect(status().isOk());
		assertThat(rows(meeting)).extracting(Row::status)
			.containsExactlyInAnyOrder("delivered", "canceled", "canceled", "canceled", "canceled");

		String call = id(send(post("/api/v1/activities"), this.wen, """
				{"kind":"call","title":"Check-in","startsAt":"%s","reminders":[1440]}""".formatted(start))
			.andExpect(status().isCreated()));
		assertThat(rows(call)).extracting(Row::at).containsExactly(start.minusDays(1).toInstant());
		send(delete("/api/v1/activities/" + call).header("If-Match", "\"1\""), this.wen, "")
			.andExpect(status().isNoContent());
		// Deleted, the call is out of reach of the API; its row is read directly.
		assertThat(this.dsl.select(REMINDER.STATUS)
			.from(REMINDER)
			.where(REMINDER.ACTIVITY_ID.eq(UUID.fromString(call)))
			.fetch(REMINDER.STATUS)).containsExactly("canceled");
	}

	@Test
	void aTaskAboutAPersonIsOnTheirTimelineUntilDeleted() throws Exception {
		String task = task(this.wen, "Call back about the quote",
				"\"dueOn\":\"2030-02-01\",\"personId\":\"" + this.person + "\"");
		this.mvc
			.perform(get("/api/v1/people/" + this.person + "/timeline?kind=task").header("Authorization",
					bearer(this.wen)))
			.andExpect(jsonPath("$.items[*].title", contains("Call back about the quote")))
			.andExpect(jsonPath("$.items[0].data.status").value("open"))
			.andExpect(jsonPath("$.items[0].occurredAt").value("2030-02-01T00:00:00Z"));
		send(patch("/api/v1/activities/" + task).header("If-Match", "\"1\""), this.wen,
				"{\"title\":\"Call back about the new quote\"}")
			.andExpect(status().isOk());
		this.mvc
			.perform(get("/api/v1/people/" + this.person + "/timeline?kind=task").header("Authorization",
					bearer(this.wen)))
			.andExpect(jsonPath("$.items[*].title", contains("Call back about the new quote")));
		send(delete("/api/v1/activities/" + task).header("If-Match", "\"2\""), this.wen, "")
			.andExpect(status().isNoContent());
		this.mvc
			.perform(get("/api/v1/people/" + this.person + "/timeline?kind=task").header("Authorization",
					bearer(this.wen)))
			.andExpect(jsonPath("$.items[0]").doesNotExist());
	}

	@Test
	void listsArePagedWithACursor() throws Exception {
		for (int i = 1; i <= 3; i++) {
			task(this.wen, "Step " + i, "\"dueOn\":\"2030-04-0" + i + "\"");
		}
		task(this.wen, "Someday", null);
		MvcResult first = this.mvc
			.perform(get("/api/v1/activities?assignee=me&limit=2").header("Authorization", bearer(this.wen)))
			.andExpect(jsonPath("$.items[*].title", contains("Step 1", "Step 2")))
			.andExpect(jsonPath("$.next").isNotEmpty())
			.andReturn();
		String next = JsonPath.read(first.getResponse().getContentAsString(), "$.next");
		this.mvc
			.perform(get("/api/v1/activities?assignee=me&limit=2&cursor=" + next).header("Authorization",
					bearer(this.wen)))
			.andExpect(jsonPath("$.items[*].title", contains("Step 3", "Someday")))
			.andExpect(jsonPath("$.next").value(nullValue()));
	}

	/** Completes an occurrence and answers the next one of its series. */
	private String nextOf(String series, String id, String version) throws Exception {
		send(post("/api/v1/activities/" + id + "/complete").header("If-Match", "\"" + version + "\""), this.wen, "{}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("done"));
		MvcResult open = this.mvc
			.perform(get("/api/v1/activities?status=open&kind=task").header("Authorization", bearer(this.wen)))
			.andReturn();
		List<String> ids = JsonPath.read(open.getResponse().getContentAsString(),
				"$.items[?(@.seriesId == '" + series + "')].id");
		assertThat(ids).hasSize(1).doesNotContain(id);
		return ids.get(0);
	}

	private String task(String token, String title, String when) throws Exception {
		String body = "{\"kind\":\"task\",\"title\":\"" + title + "\"" + ((when != null) ? "," + when : "") + "}";
		return id(send(post("/api/v1/activities"), token, body).andExpect(status().isCreated()));
	}

	private List<String> ids(String token, String view) throws Exception {
		MvcResult result = this.mvc
			.perform(get("/api/v1/activities?assignee=me&view=" + view).header("Authorization", bearer(token)))
			.andExpect(status().isOk())
			.andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.items[*].id");
	}

	record Row(UUID user, int minutes, java.time.Instant at, String status) {
	}

	private static org.assertj.core.groups.Tuple row(UUID user, int minutes, OffsetDateTime start, String status) {
		return org.assertj.core.groups.Tuple.tuple(user, minutes, start.minusMinutes(minutes).toInstant(), status);
	}

	private List<Row> rows(String activity) throws Exception {
		MvcResult result = this.mvc
			.perform(get("/api/v1/activities/" + activity + "/reminders").header("Authorization", bearer(this.wen)))
			.andExpect(status().isOk())
			.andReturn();
		List<java.util.Map<String, Object>> items = JsonPath.read(result.getResponse().getContentAsString(), "$");
		return items.stream()
			.map((m) -> new Row(UUID.fromString((String) m.get("userId")), (Integer) m.get("minutesBefore"),
					OffsetDateTime.parse((String) m.get("remindAt")).toInstant(), (String) m.get("status")))
			.toList();
	}

	private static String id(ResultActions created) throws Exception {
		return JsonPath.read(created.andReturn().getResponse().getContentAsString(), "$.id");
	}

	private ResultActions send(MockHttpServletRequestBuilder request, String token, String json) throws Exception {
		return this.mvc.perform(
				request.header("Authorization", bearer(token)).contentType(MediaType.APPLICATION_JSON).content(json));
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

}
