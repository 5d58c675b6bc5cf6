package dev.rapport.activities;

import static dev.rapport.activities.internal.db.Tables.CALENDAR_FEED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.identity.internal.UserService;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The private iCalendar feed: opened without a session by its token, valid RFC 5545
 * (CRLF, lines folded at 75 octets without splitting a character, escaped text), names in
 * any script kept, and a token that stops working when it is made anew or revoked.
 *
 * <pre>
 * workspace "Feeds": Sales rep Leila (Asia/Tehran); Sales rep Wang (UTC, no relation)
 * </pre>
 */
@IntegrationTest
@Import(CalendarTestData.class)
class CalendarFeedIntegrationTests {

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

	private static final String PERSIAN = "جلسه با مشتری درباره‌ی قرارداد سالانه و تمدید پشتیبانی فنی در دفتر تهران";

	private static final String CHINESE = "与客户讨论年度合同续签以及技术支持服务的详细安排和价格调整方案";

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	CalendarTestData data;

	@Autowired
	UserDetailsLoader loader;

	@Autowired
	UserService users;

	@Autowired
	DSLContext dsl;

	private Fixtures.Workspace workspace;

	private UUID leila;

	private UUID wang;

	@BeforeEach
	void people() {
		this.workspace = this.fixtures.workspace("Feeds");
		this.leila = this.data.user(this.workspace.id(), "Leila Rep", "Sales rep", null, "en", "Asia/Tehran");
		this.wang = this.data.user(this.workspace.id(), "Wang Rep", "Sales rep", null, "zh-CN", "UTC");
	}

	@Test
	void theFeedOpensWithoutASessionAsValidICalendarWithEveryScriptIntact() throws Exception {
		OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).plusDays(2);
		UUID meeting = this.data.activity(this.workspace.id(), this.leila, "meeting",
				"Review, plan; next \\ steps\nline two", soon, soon.plusHours(1), false, "open", "Room 4; floor 2",
				"Bring the contract,\r\nand the price list");
		UUID persian = this.data.activity(this.workspace.id(), this.leila, "call", PERSIAN, soon.plusDays(1), null,
				false, "open");
		UUID chinese = this.data.activity(this.workspace.id(), this.leila, "meeting", CHINESE, soon.plusDays(1),
				soon.plusDays(1).plusMinutes(45), false, "done");
		UUID task = this.data.activity(this.workspace.id(), this.leila, "task", "Send the offer", soon.plusDays(3),
				null, false, "open");
		LocalDate dueDay = soon.toLocalDate().plusDays(4);
		UUID allDay = this.data.activity(this.workspace.id(), this.leila, "task", "Renewal due",
				dueDay.atStartOfDay().atOffset(ZoneOffset.UTC), null, true, "open");
		UUID canceled = this.data.activity(this.workspace.id(), this.leila, "meeting", "Called off", soon.plusDays(5),
				null, false, "canceled");
		this.data.activity(this.workspace.id(), this.leila, "meeting", "Long ago", soon.minusDays(60), null, false,
				"open");
		this.data.activity(this.workspace.id(), this.leila, "note", "A note", soon, null, false, "open");
		this.data.activity(this.workspace.id(), this.wang, "meeting", "Wang alone", soon, null, false, "open");

		String token = subscribe(this.leila);
		MvcResult result = this.mvc.perform(get("/calendar/feed/" + token + ".ics"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "text/calendar;charset=UTF-8"))
			.andReturn();
		List<String> lines = contentLines(result.getResponse().getContentAsByteArray());

		assertThat(lines).startsWith("BEGIN:VCALENDAR")
			.endsWith("END:VCALENDAR")
			.contains("VERSION:2.0", "CALSCALE:GREGORIAN", "X-WR-CALNAME:Leila Rep · Rapport")
			.anyMatch((l) -> l.startsWith("PRODID:"));
		assertThat(String.join("\n", lines)).doesNotContain("Long ago", "A note", "Wang alone");

		Map<String, String> first = event(lines, meeting);
		assertThat(first.get("SUMMARY")).isEqualTo("SUMMARY:Review\\, plan\\; next \\\\ steps\\nline two");
		assertThat(first.get("LOCATION")).isEqualTo("LOCATION:Room 4\\; floor 2");
		assertThat(first.get("DESCRIPTION")).startsWith("DESCRIPTION:Bring the contract\\,\\nand the price list\\n\\n")
			.endsWith("/activities/" + meeting);
		assertThat(first.get("URL")).endsWith("/activities/" + meeting);
		assertThat(first.get("DTSTART")).isEqualTo("DTSTART:" + UTC.format(soon));
		assertThat(first.get("DTEND")).isEqualTo("DTEND:" + UTC.format(soon.plusHours(1)));
		assertThat(first.get("DTSTAMP")).matches("DTSTAMP:\\d{8}T\\d{6}Z");
		assertThat(first.get("STATUS")).isEqualTo("STATUS:CONFIRMED");
		assertThat(first.get("SEQUENCE")).isEqualTo("SEQUENCE:1");

		assertThat(event(lines, persian).get("SUMMARY")).isEqualTo("SUMMARY:" + PERSIAN);
		assertThat(event(lines, chinese).get("SUMMARY")).isEqualTo("SUMMARY:" + CHINESE);
		assertThat(event(lines, task).get("DTEND")).isEqualTo("DTEND:" + UTC.format(soon.plusDays(3).plusMinutes(15)));
		Map<String, String> due = event(lines, allDay);
		assertThat(due.get("DTSTART"))
			.isEqualTo("DTSTART;VALUE=DATE:" + DateTimeFormatter.BASIC_ISO_DATE.format(dueDay));
		assertThat(due.get("DTEND"))
			.isEqualTo("DTEND;VALUE=DATE:" + DateTimeFormatter.BASIC_ISO_DATE.format(dueDay.plusDays(1)));
		assertThat(event(lines, canceled).get("STATUS")).isEqualTo("STATUS:CANCELLED");
	}

	@Test
	void aNewAddressRevokesTheOldOneAndARevokedOrUnknownAddressIsNotFound() throws Exception {
		String first = subscribe(this.leila);
		String second = subscribe(this.leila);
		assertThat(second).isNotEqualTo(first).hasSize(43).matches("[A-Za-z0-9_-]+");
		this.mvc.perform(get("/calendar/feed/" + first + ".ics")).andExpect(status().isNotFound());
		this.mvc.perform(get("/calendar/feed/" + second + ".ics")).andExpect(status().isOk());
		assertThat(this.dsl.fetchCount(CALENDAR_FEED, CALENDAR_FEED.TOKEN_HASH.eq(second))).isZero();

		this.mvc.perform(post("/calendar/subscribe/revoke").with(as(this.leila)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/calendar/feed/" + second + ".ics")).andExpect(status().isNotFound());
		this.mvc.perform(get("/calendar/feed/" + "A".repeat(43) + ".ics")).andExpect(status().isNotFound());
		this.mvc.perform(get("/calendar/feed/short.ics")).andExpect(status().isNotFound());
		assertThat(page(this.leila)).contains("You have no calendar subscription.");
	}

	@Test
	void aDeactivatedUsersFeedIsNotFound() throws Exception {
		String token = subscribe(this.leila);
		this.mvc.perform(get("/calendar/feed/" + token + ".ics")).andExpect(status().isOk());
		Actors.runAs(new Actor(this.workspace.id(), this.workspace.adminId()),
				() -> this.users.setActive(this.leila, this.users.get(this.leila).version(), false));
		this.mvc.perform(get("/calendar/feed/" + token + ".ics")).andExpect(status().isNotFound());
	}

	@Test
	void theLastUseIsNotedOnceAnHourAndAnUnchangedFeedAnswersNotModified() throws Exception {
		String token = subscribe(this.leila);
		assertThat(page(this.leila)).contains("No calendar app has read it yet.");
		MvcResult first = this.mvc.perform(get("/calendar/feed/" + token + ".ics"))
			.andExpect(status().isOk())
			.andReturn();
		OffsetDateTime used = lastUsed();
		assertThat(used).isNotNull();
		String etag = first.getResponse().getHeader("ETag");
		assertThat(etag).isNotBlank();
		this.mvc.perform(get("/calendar/feed/" + token + ".ics").header("If-None-Match", etag))
			.andExpect(status().isNotModified());
		assertThat(lastUsed()).isEqualTo(used);
		assertThat(page(this.leila)).contains("Last read by a calendar app on");
	}

	private OffsetDateTime lastUsed() {
		return this.dsl.select(CALENDAR_FEED.LAST_USED_AT)
			.from(CALENDAR_FEED)
			.where(CALENDAR_FEED.WORKSPACE_ID.eq(this.workspace.id()))
			.and(CALENDAR_FEED.USER_ID.eq(this.leila))
			.and(CALENDAR_FEED.REVOKED_AT.isNull())
			.fetchOne(CALENDAR_FEED.LAST_USED_AT);
	}

	/** Makes a subscription on the page and reads the token from the address shown. */
	private String subscribe(UUID userId) throws Exception {
		MvcResult result = this.mvc.perform(post("/calendar/subscribe").with(as(userId)).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		String url = (String) result.getFlashMap().get("feedUrl");
		assertThat(url).startsWith("http://localhost/calendar/feed/").endsWith(".ics");
		return url.substring(url.lastIndexOf('/') + 1, url.length() - ".ics".length());
	}

	private String page(UUID userId) throws Exception {
		return this.mvc.perform(get("/calendar/subscribe").with(as(userId)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private RequestPostProcessor as(UUID userId) {
		return user(this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), userId)));
	}

	/**
	 * The content lines of an iCalendar stream, unfolded, after checking that every line
	 * ends in CRLF, is at most 75 octets and is whole UTF-8 on its own.
	 */
	static List<String> contentLines(byte[] body) throws CharacterCodingException {
		List<String> physical = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < body.length; i++) {
			if (body[i] == '\n') {
				assertThat(i).as("LF at %d follows CR", i).isPositive();
				assertThat(body[i - 1]).as("LF at %d follows CR", i).isEqualTo((byte) '\r');
				int length = i - 1 - start;
				assertThat(length).as("octets of line %d", physical.size() + 1).isLessThanOrEqualTo(75);
				physical.add(StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(body, start, length))
					.toString());
				start = i + 1;
			}
			else if (body[i] == '\r') {
				assertThat(i + 1 < body.length && body[i + 1] == '\n').as("CR at %d precedes LF", i).isTrue();
			}
		}
		assertThat(start).as("the stream ends with CRLF").isEqualTo(body.length);
		List<String> lines = new ArrayList<>();
		for (String line : physical) {
			if (line.startsWith(" ") || line.startsWith("\t")) {
				lines.set(lines.size() - 1, lines.get(lines.size() - 1) + line.substring(1));
			}
			else {
				lines.add(line);
			}
		}
		return lines;
	}

	/** The properties of one event, by name (parameters left in the line). */
	static Map<String, String> event(List<String> lines, UUID activityId) {
		int uid = lines.indexOf("UID:" + activityId + "@rapport");
		assertThat(uid).as("event of %s", activityId).isPositive();
		int begin = lines.subList(0, uid).lastIndexOf("BEGIN:VEVENT");
		int end = uid + lines.subList(uid, lines.size()).indexOf("END:VEVENT");
		Map<String, String> properties = new LinkedHashMap<>();
		for (String line : lines.subList(begin + 1, end)) {
			String name = line.split("[:;]", 2)[0];
			properties.put(name, line);
		}
		return properties;
	}

}
