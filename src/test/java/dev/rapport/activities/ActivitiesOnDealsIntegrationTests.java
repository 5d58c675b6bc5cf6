package dev.rapport.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.rapport.activities.internal.ReminderSchedule;
import dev.rapport.activities.internal.myday.MyDayActivities;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Activities meet deals and reminders: an activity about a deal needs a deal the user may
 * read and marks the deal as worked on; moving a task from "my day" moves its reminders.
 *
 * <pre>
 * workspace "Dealwork": Admin; Sales rep Lea (owns a deal); Sales rep Max (no relation)
 * </pre>
 */
@IntegrationTest
class ActivitiesOnDealsIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	MyDayActivities myDay;

	@Autowired
	ReminderSchedule reminders;

	private Fixtures.Workspace workspace;

	private UUID leaId;

	private String lea;

	private String max;

	private String deal;

	@BeforeEach
	void workspace() throws Exception {
		this.workspace = this.fixtures.workspace("Dealwork");
		this.leaId = this.fixtures.user(this.workspace.id(), "Lea Rep", "Sales rep", null);
		UUID maxId = this.fixtures.user(this.workspace.id(), "Max Rep", "Sales rep", null);
		this.lea = this.fixtures.token(this.workspace.id(), this.leaId, "read", "write");
		this.max = this.fixtures.token(this.workspace.id(), maxId, "read", "write");
		this.deal = id(send(post("/api/v1/deals"), this.lea, "{\"name\":\"Gym equipment\",\"amount\":1200}")
			.andExpect(status().isCreated()));
	}

	@Test
	void aTaskAboutADealMarksTheDealAsWorkedOn() throws Exception {
		this.mvc.perform(get("/api/v1/deals/" + this.deal).header("Authorization", "Bearer " + this.lea))
			.andExpect(jsonPath("$.lastActivityAt").doesNotExist());
		send(post("/api/v1/activities"), this.lea, """
				{"kind":"task","title":"Send the quote","dueOn":"2030-01-10","dealId":"%s"}""".formatted(this.deal))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.dealId").value(this.deal));
		this.mvc.perform(get("/api/v1/deals/" + this.deal).header("Authorization", "Bearer " + this.lea))
			.andExpect(jsonPath("$.lastActivityAt").isNotEmpty());
	}

	@Test
	void aDealTheUserCannotReadOrThatDoesNotExistIsRejectedByField() throws Exception {
		send(post("/api/v1/activities"), this.max, """
				{"kind":"task","title":"Peek","dueOn":"2030-01-10","dealId":"%s"}""".formatted(this.deal))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("dealId"));
		send(post("/api/v1/activities"), this.lea, """
				{"kind":"task","title":"Ghost","dueOn":"2030-01-10","dealId":"%s"}""".formatted(UUID.randomUUID()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("dealId"));
	}

	@Test
	void reschedulingFromMyDayMovesThePendingReminders() throws Exception {
		OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusHours(3).truncatedTo(ChronoUnit.MINUTES);
		String created = send(post("/api/v1/activities"), this.lea, """
				{"kind":"call","title":"Call back","startsAt":"%s","reminders":[15]}""".formatted(start))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		UUID call = UUID.fromString(JsonPath.read(created, "$.id"));
		int version = JsonPath.read(created, "$.version");
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		Actors.runAs(new Actor(this.workspace.id(), this.leaId),
				() -> this.myDay.rescheduleToTomorrow(call, version, today, ZoneOffset.UTC));
		OffsetDateTime moved = today.plusDays(1).atTime(start.toLocalTime()).atOffset(ZoneOffset.UTC);
		List<ReminderSchedule.Row> rows = this.reminders.rowsOf(this.workspace.id(), call);
		assertThat(rows).filteredOn((row) -> "pending".equals(row.status()))
			.singleElement()
			.satisfies((row) -> assertThat(row.remindAt().toInstant()).isEqualTo(moved.minusMinutes(15).toInstant()));
	}

	@Test
	void aCompletedCallShowsAsDoneTodayInTheDayTheManagerSees() throws Exception {
		String created = send(post("/api/v1/activities"), this.lea,
				"""
						{"kind":"call","title":"Call about the quote","startsAt":"%s"}"""
					.formatted(OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.MINUTES)))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String call = JsonPath.read(created, "$.id");
		int version = JsonPath.read(created, "$.version");
		this.mvc.perform(get("/api/v1/my-day").header("Authorization", "Bearer " + this.lea))
			.andExpect(jsonPath("$.sections[?(@.key == 'calls')].items[*].recordId").value(call));
		send(post("/api/v1/activities/" + call + "/complete").header("If-Match", "\"" + version + "\""), this.lea,
				"{\"outcome\":\"Agreed on the price\"}")
			.andExpect(status().isOk());
		String admin = this.fixtures.token(this.workspace.id(), this.workspace.adminId(), "read");
		this.mvc.perform(get("/api/v1/my-day?user=" + this.leaId).header("Authorization", "Bearer " + admin))
			.andExpect(jsonPath("$.sections[?(@.key == 'calls')].items[*].recordId").isEmpty())
			.andExpect(jsonPath("$.sections[?(@.key == 'done')].items[*].recordId").value(call))
			.andExpect(jsonPath("$.sections[?(@.key == 'done')].items[*].reasonText")
				.value(org.hamcrest.Matchers.contains(org.hamcrest.Matchers.containsString("Agreed on the price"))));
	}

	private static String id(ResultActions created) throws Exception {
		return JsonPath.read(created.andReturn().getResponse().getContentAsString(), "$.id");
	}

	private ResultActions send(MockHttpServletRequestBuilder request, String token, String json) throws Exception {
		return this.mvc.perform(request.header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

}
