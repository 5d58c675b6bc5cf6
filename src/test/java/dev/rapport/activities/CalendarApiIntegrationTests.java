package dev.rapport.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The calendar over REST: a range of dates or instants of at most 100 days, whose
 * calendar may be read, and the subscription URL made and revoked.
 *
 * <pre>
 * workspace "Agenda": Sales manager Ana (America/Los_Angeles)
 *                       └── Sales rep Bo (UTC)
 * </pre>
 */
@IntegrationTest
@Import(CalendarTestData.class)
class CalendarApiIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	CalendarTestData data;

	private UUID workspace;

	private UUID ana;

	private UUID bo;

	private String anaToken;

	private String boToken;

	@BeforeEach
	void people() {
		this.workspace = this.fixtures.workspace("Agenda").id();
		this.ana = this.data.user(this.workspace, "Ana Manager", "Sales manager", null, "en", "America/Los_Angeles");
		this.bo = this.data.user(this.workspace, "Bo Rep", "Sales rep", this.ana, "en", "UTC");
		this.anaToken = this.fixtures.token(this.workspace, this.ana, "read", "write");
		this.boToken = this.fixtures.token(this.workspace, this.bo, "read", "write");
	}

	@Test
	void datesAreReadInTheCallersZoneAndInstantsAsGiven() throws Exception {
		// 07:30 UTC on the 25th is 23:30 on the 24th in Los Angeles.
		UUID late = this.data.activity(this.workspace, this.ana, "call", "Late call",
				OffsetDateTime.parse("2026-11-25T07:30Z"), null, false, "open");
		this.data.activity(this.workspace, this.ana, "meeting", "Called off", OffsetDateTime.parse("2026-11-24T18:00Z"),
				null, false, "canceled");
		this.data.activity(this.workspace, this.ana, "task", "Due Monday", OffsetDateTime.parse("2026-11-23T00:00Z"),
				null, true, "open");

		read(this.anaToken, "/api/v1/calendar?from=2026-11-24&to=2026-11-24").andExpect(status().isOk())
			.andExpect(jsonPath("$.timeZone").value("America/Los_Angeles"))
			.andExpect(jsonPath("$.items[*].title", contains("Late call")))
			.andExpect(jsonPath("$.items[0].id").value(late.toString()))
			.andExpect(jsonPath("$.items[0].kind").value("call"))
			.andExpect(jsonPath("$.items[0].startsAt").value("2026-11-25T07:30:00Z"))
			.andExpect(jsonPath("$.items[0].url").value("/activities/" + late));
		read(this.anaToken, "/api/v1/calendar?from=2026-11-25&to=2026-11-25")
			.andExpect(jsonPath("$.items", hasSize(0)));
		read(this.anaToken, "/api/v1/calendar?from=2026-11-25T00:00:00Z&to=2026-11-26T00:00:00Z")
			.andExpect(jsonPath("$.items[*].title", contains("Late call")));
		read(this.anaToken, "/api/v1/calendar?from=2026-11-23&to=2026-11-23")
			.andExpect(jsonPath("$.items[*].title", contains("Due Monday")))
			.andExpect(jsonPath("$.items[0].allDay").value(true))
			.andExpect(jsonPath("$.items[0].date").value("2026-11-23"));
	}

	@Test
	void aRangeOfMoreThanAHundredDaysOrAMissingOrMalformedBoundIsABadRequestNamingTheField() throws Exception {
		read(this.anaToken, "/api/v1/calendar?from=2026-01-01&to=2026-06-01").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("to"))
			.andExpect(jsonPath("$.errors[0].message").value("A calendar range is at most 100 days."));
		read(this.anaToken, "/api/v1/calendar?to=2026-06-01").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("from"));
		read(this.anaToken, "/api/v1/calendar?from=next-week&to=2026-06-01").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("from"));
		read(this.anaToken, "/api/v1/calendar?from=2026-06-02&to=2026-06-01").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("to"));
		read(this.anaToken, "/api/v1/calendar?from=2026-01-01&to=2026-04-10").andExpect(status().isOk());
	}

	@Test
	void aManagerReadsAReportsCalendarAndTheReportCannotReadTheManagers() throws Exception {
		this.data.activity(this.workspace, this.bo, "meeting", "Bo demo", OffsetDateTime.parse("2026-11-24T10:00Z"),
				null, false, "open");
		this.data.activity(this.workspace, this.ana, "meeting", "Ana review", OffsetDateTime.parse("2026-11-24T10:00Z"),
				null, false, "open");
		read(this.anaToken, "/api/v1/calendar?from=2026-11-24&to=2026-11-24&user=" + this.bo).andExpect(status().isOk())
			.andExpect(jsonPath("$.userId").value(this.bo.toString()))
			.andExpect(jsonPath("$.items[*].title", contains("Bo demo")));
		read(this.boToken, "/api/v1/calendar?from=2026-11-24&to=2026-11-24&user=" + this.ana)
			.andExpect(status().isNotFound());
		read(this.boToken, "/api/v1/calendar?from=2026-11-24&to=2026-11-24")
			.andExpect(jsonPath("$.items[*].title", contains("Bo demo")));
	}

	@Test
	void theSubscriptionUrlIsMadeOnceAndRevoked() throws Exception {
		String body = this.mvc.perform(post("/api/v1/calendar/feed").header("Authorization", "Bearer " + this.boToken))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String url = JsonPath.read(body, "$.url");
		assertThat(url).startsWith("http://localhost/calendar/feed/").endsWith(".ics");
		String path = url.substring("http://localhost".length());
		this.mvc.perform(get(path)).andExpect(status().isOk());

		String renewed = JsonPath
			.read(this.mvc.perform(post("/api/v1/calendar/feed").header("Authorization", "Bearer " + this.boToken))
				.andReturn()
				.getResponse()
				.getContentAsString(), "$.url");
		this.mvc.perform(get(path)).andExpect(status().isNotFound());
		this.mvc.perform(get(renewed.substring("http://localhost".length()))).andExpect(status().isOk());

		this.mvc.perform(delete("/api/v1/calendar/feed").header("Authorization", "Bearer " + this.boToken))
			.andExpect(status().isNoContent());
		this.mvc.perform(get(renewed.substring("http://localhost".length()))).andExpect(status().isNotFound());

		String readOnly = this.fixtures.token(this.workspace, this.bo, "read");
		this.mvc.perform(post("/api/v1/calendar/feed").header("Authorization", "Bearer " + readOnly))
			.andExpect(status().isForbidden());
	}

	private ResultActions read(String token, String path) throws Exception {
		return this.mvc.perform(get(path).header("Authorization", "Bearer " + token));
	}

}
