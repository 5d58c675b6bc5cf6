package dev.rapport.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The week and month pages: items on the right day in the viewer's zone, the first day of
 * the week of the viewer's language, and whose calendar may be opened.
 *
 * <pre>
 * workspace "Calendar":
 *   Sales manager Mina (Persian, Asia/Tehran)
 *     └── Sales rep Ravi (English, America/Los_Angeles)
 *   Sales rep Tom (English, UTC, no relation)
 * </pre>
 */
@IntegrationTest
@Import(CalendarTestData.class)
class CalendarPagesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	CalendarTestData data;

	@Autowired
	UserDetailsLoader loader;

	private UUID workspace;

	private UUID mina;

	private UUID ravi;

	private UUID tom;

	@BeforeEach
	void people() {
		this.workspace = this.fixtures.workspace("Calendar").id();
		this.mina = this.data.user(this.workspace, "Mina Manager", "Sales manager", null, "fa", "Asia/Tehran");
		this.ravi = this.data.user(this.workspace, "Ravi Rep", "Sales rep", this.mina, "en", "America/Los_Angeles");
		this.tom = this.data.user(this.workspace, "Tom Other", "Sales rep", null, "en", "UTC");
	}

	@Test
	void theWeekShowsTheUsersItemsOnTheirDayInTheirZoneAndStartsOnTheirLanguagesFirstDay() throws Exception {
		UUID late = this.data.activity(this.workspace, this.mina, "meeting", "Late board call", at("2026-11-24T21:00Z"),
				at("2026-11-24T22:00Z"), false, "open");
		UUID offer = this.data.activity(this.workspace, this.mina, "task", "Send offer", at("2026-11-24T20:00Z"), null,
				false, "open");
		this.data.activity(this.workspace, this.mina, "call", "Finished call", at("2026-11-23T08:00Z"), null, false,
				"done");
		this.data.activity(this.workspace, this.mina, "meeting", "Canceled lunch", at("2026-11-24T09:00Z"), null, false,
				"canceled");
		this.data.activity(this.workspace, this.mina, "note", "Just a note", at("2026-11-24T09:00Z"), null, false,
				"open");
		UUID deleted = this.data.activity(this.workspace, this.mina, "meeting", "Deleted meeting",
				at("2026-11-24T09:00Z"), null, false, "open");
		this.data.delete(this.workspace, deleted);
		this.data.activity(this.workspace, this.mina, "meeting", "Next month", at("2026-12-05T09:00Z"), null, false,
				"open");
		this.data.activity(this.workspace, this.tom, "meeting", "Tom alone", at("2026-11-24T10:00Z"), null, false,
				"open");
		UUID joint = this.data.activity(this.workspace, this.tom, "meeting", "Joint review", at("2026-11-24T11:00Z"),
				null, false, "open");
		this.data.attendee(this.workspace, joint, this.mina);

		String page = page(this.mina, "/calendar?date=2026-11-24");

		// Persian weeks start on Saturday.
		assertThat(page.indexOf("id=\"day-2026-11-21\"")).isPositive()
			.isLessThan(page.indexOf("id=\"day-2026-11-27\""));
		assertThat(page).doesNotContain("id=\"day-2026-11-20\"").doesNotContain("id=\"day-2026-11-28\"");
		// 21:00 UTC is half past midnight of the next day in Tehran; 20:00 UTC is still
		// the 24th.
		assertThat(day(page, "2026-11-25")).contains("Late board call")
			.contains("href=\"/activities/" + late + "\"")
			.contains("datetime=\"2026-11-25T00:30+03:30\"");
		assertThat(day(page, "2026-11-24")).contains("Send offer")
			.contains("href=\"/activities/" + offer + "\"")
			.contains("datetime=\"2026-11-24T23:30+03:30\"")
			.contains("Joint review")
			.doesNotContain("Late board call");
		assertThat(day(page, "2026-11-23")).containsPattern("class=\"calendar-item kind-call done\"")
			.contains("Finished call");
		assertThat(page).doesNotContain("Canceled lunch")
			.doesNotContain("Just a note")
			.doesNotContain("Deleted meeting")
			.doesNotContain("Next month")
			.doesNotContain("Tom alone")
			.contains("Asia/Tehran");
	}

	@Test
	void theMonthShowsWeeksAroundTheMonthWithItemsNearMidnightOnTheRightDay() throws Exception {
		this.data.activity(this.workspace, this.ravi, "call", "Dawn standup", at("2026-11-25T07:30Z"), null, false,
				"open");
		this.data.activity(this.workspace, this.ravi, "task", "Renewal due", at("2026-11-30T00:00Z"), null, true,
				"open");

		String page = page(this.ravi, "/calendar?view=month&date=2026-11-10");

		// English (United States) weeks start on Sunday: 1 November 2026 is one, 5
		// December
		// the Saturday that ends the last week.
		assertThat(page).contains("id=\"day-2026-11-01\"")
			.contains("id=\"day-2026-12-05\"")
			.doesNotContain("id=\"day-2026-10-31\"")
			.doesNotContain("id=\"day-2026-12-06\"")
			.contains("November 2026");
		assertThat(day(page, "2026-11-24")).contains("Dawn standup").contains("datetime=\"2026-11-24T23:30-08:00\"");
		assertThat(day(page, "2026-11-25")).doesNotContain("Dawn standup");
		assertThat(day(page, "2026-11-30")).contains("Renewal due").contains("All day");
		assertThat(page).contains("href=\"/calendar?view=month&amp;date=2026-10-01\"")
			.contains("href=\"/calendar?view=month&amp;date=2026-12-01\"")
			.contains("href=\"/calendar/subscribe\"");
	}

	@Test
	void aManagerOpensAReportsCalendarButNobodyElsesAndRepsCannotOpenTheirManagers() throws Exception {
		this.data.activity(this.workspace, this.ravi, "meeting", "Ravi demo", at("2026-11-24T17:00Z"), null, false,
				"open");
		this.data.activity(this.workspace, this.mina, "meeting", "Mina planning", at("2026-11-24T08:00Z"), null, false,
				"open");

		String reports = page(this.mina, "/calendar?date=2026-11-24&user=" + this.ravi);
		assertThat(reports).contains("Ravi demo").contains("Calendar of Ravi Rep").doesNotContain("Mina planning");
		assertThat(reports).contains("<option value=\"" + this.ravi + "\" selected=\"selected\">Ravi Rep</option>");
		assertThat(page(this.ravi, "/calendar?date=2026-11-24")).contains("Ravi demo").doesNotContain("Mina planning");

		this.mvc.perform(get("/calendar?user=" + this.mina).with(as(this.ravi))).andExpect(status().isNotFound());
		this.mvc.perform(get("/calendar?user=" + this.ravi).with(as(this.tom))).andExpect(status().isNotFound());
		this.mvc.perform(get("/calendar?user=not-an-id").with(as(this.mina))).andExpect(status().isNotFound());
		this.mvc.perform(get("/calendar?user=" + UUID.randomUUID()).with(as(this.mina)))
			.andExpect(status().isNotFound());
	}

	@Test
	void theCalendarIsInTheMenuAndNeedsASignIn() throws Exception {
		assertThat(page(this.tom, "/calendar")).contains("href=\"/calendar\" aria-current=\"page\">Calendar</a>");
		this.mvc.perform(get("/calendar").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection());
	}

	private String page(UUID userId, String path) throws Exception {
		return this.mvc.perform(get(path).with(as(userId)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private RequestPostProcessor as(UUID userId) {
		return user(this.loader.loadUserByUsername(this.fixtures.email(this.workspace, userId)));
	}

	private static String day(String page, String date) {
		Matcher matcher = Pattern.compile("<section[^>]*id=\"day-" + date + "\".*?</section>", Pattern.DOTALL)
			.matcher(page);
		assertThat(matcher.find()).as("day %s on the page", date).isTrue();
		return matcher.group();
	}

	private static OffsetDateTime at(String time) {
		return OffsetDateTime.parse(time);
	}

}
