package dev.rapport.activities;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.MockMvc;

import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * "My day": overdue tasks, calls, idle and stalled deals with their reasons; whose day
 * one may see; moving a task to tomorrow; the thresholds.
 *
 * <pre>
 * workspace "Day": Administrator
 *                  Sales manager Max
 *                    └ Sales rep Ana (owns the records)
 *                  Sales rep Bo (below Max by role, not in Ana's reach)
 * </pre>
 */
@IntegrationTest
class MyDayIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	UserDetailsLoader loader;

	private Fixtures.Workspace workspace;

	private UUID ana;

	private UUID bo;

	private UUID max;

	private String anaToken;

	private Instant now;

	private UUID stage;

	private UUID pipeline;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Day");
		this.max = this.fixtures.user(this.workspace.id(), "Max Manager", "Sales manager", null);
		this.ana = this.fixtures.user(this.workspace.id(), "Ana Rep", "Sales rep", this.max);
		this.bo = this.fixtures.user(this.workspace.id(), "Bo Rep", "Sales rep", null);
		this.anaToken = this.fixtures.token(this.workspace.id(), this.ana, "read", "write");
		this.now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.pipeline = UUID.randomUUID();
		this.stage = UUID.randomUUID();
		this.jdbc.update(
				"insert into pipeline (workspace_id, id, name, position, created_at, updated_at, version) "
						+ "values (?, ?, 'Sales', 0, current_timestamp, current_timestamp, 1)",
				this.workspace.id(), this.pipeline);
		this.jdbc
			.update("insert into pipeline_stage (workspace_id, id, pipeline_id, name, position, probability, kind, "
					+ "created_at, updated_at, version) values (?, ?, ?, 'Proposal', 0, 50, 'open', "
					+ "current_timestamp, current_timestamp, 1)", this.workspace.id(), this.stage, this.pipeline);
	}

	@Test
	void overdueTasksAndCallsToReturnShowWithHowLateTheyAre() throws Exception {
		UUID overdue = activity(this.ana, "task", "Send the quote",
				this.now.minus(2, ChronoUnit.DAYS).minusSeconds(3600), "open");
		activity(this.ana, "task", "Later task", this.now.plus(2, ChronoUnit.DAYS), "open");
		activity(this.ana, "task", "Done task", this.now.minus(3, ChronoUnit.DAYS), "done");
		activity(this.bo, "task", "Bo task", this.now.minus(3, ChronoUnit.DAYS), "open");
		UUID call = activity(this.ana, "call", "Call back Lena", this.now.minus(3, ChronoUnit.HOURS), "open");
		this.mvc.perform(get("/api/v1/my-day").header("Authorization", "Bearer " + this.anaToken))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.userId").value(this.ana.toString()))
			.andExpect(jsonPath("$.sections[?(@.key == 'tasks')].total").value(hasItem(1)))
			.andExpect(jsonPath("$.sections[?(@.key == 'tasks')].items[0].recordId").value(hasItem(overdue.toString())))
			.andExpect(jsonPath("$.sections[?(@.key == 'tasks')].items[0].reason.code")
				.value(hasItem("myday.reason.task.overdue.days")))
			.andExpect(
					jsonPath("$.sections[?(@.key == 'tasks')].items[0].reasonText").value(hasItem("Overdue by 2 days")))
			.andExpect(
					jsonPath("$.sections[?(@.key == 'tasks')].items[0].actions[*].kind").value(hasItem("reschedule")))
			.andExpect(jsonPath("$.sections[?(@.key == 'calls')].items[0].recordId").value(hasItem(call.toString())))
			.andExpect(jsonPath("$.sections[?(@.key == 'calls')].items[0].kind").value(hasItem("call-to-return")));
	}

	@Test
	void idleAndStalledDealsCarryTheirDaysAndStage() throws Exception {
		UUID idle = deal(this.ana, "Idle deal", this.now.minus(20, ChronoUnit.DAYS),
				this.now.minus(15, ChronoUnit.DAYS), this.now.minus(40, ChronoUnit.DAYS));
		deal(this.ana, "Busy deal", this.now.minus(2, ChronoUnit.DAYS), this.now.minus(1, ChronoUnit.DAYS),
				this.now.minus(40, ChronoUnit.DAYS));
		UUID never = deal(this.ana, "Untouched deal", this.now.minus(16, ChronoUnit.DAYS), null,
				this.now.minus(16, ChronoUnit.DAYS));
		UUID stalled = deal(this.ana, "Stuck deal", this.now.minus(31, ChronoUnit.DAYS),
				this.now.minus(1, ChronoUnit.DAYS), this.now.minus(40, ChronoUnit.DAYS));
		deal(this.ana, "Nearly stuck", this.now.minus(29, ChronoUnit.DAYS), this.now.minus(1, ChronoUnit.DAYS),
				this.now.minus(40, ChronoUnit.DAYS));
		deal(this.bo, "Bo's deal", this.now.minus(90, ChronoUnit.DAYS), null, this.now.minus(90, ChronoUnit.DAYS));
		this.mvc.perform(get("/api/v1/my-day").header("Authorization", "Bearer " + this.anaToken))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sections[?(@.key == 'deals-idle')].total").value(hasItem(2)))
			.andExpect(
					jsonPath("$.sections[?(@.key == 'deals-idle')].items[0].recordId").value(hasItem(never.toString())))
			.andExpect(jsonPath("$.sections[?(@.key == 'deals-idle')].items[0].reasonText")
				.value(hasItem("No activity since it was created 16 days ago (stage Proposal)")))
			.andExpect(
					jsonPath("$.sections[?(@.key == 'deals-idle')].items[1].recordId").value(hasItem(idle.toString())))
			.andExpect(jsonPath("$.sections[?(@.key == 'deals-idle')].items[1].reason.args[0]").value(hasItem(15)))
			.andExpect(jsonPath("$.sections[?(@.key == 'deals-stalled')].total").value(hasItem(1)))
			.andExpect(jsonPath("$.sections[?(@.key == 'deals-stalled')].items[0].recordId")
				.value(hasItem(stalled.toString())))
			.andExpect(jsonPath("$.sections[?(@.key == 'deals-stalled')].items[0].reasonText")
				.value(hasItem("In stage Proposal for 31 days")))
			.andExpect(jsonPath("$.sections[?(@.key == 'deals-stalled')].items[0].detail").value(hasItem("€1,200.00")));
	}

	@Test
	void aRepCannotSeeAnotherRepsDayButTheirManagerAndTheAdministratorCan() throws Exception {
		activity(this.ana, "task", "Ana's overdue task", this.now.minus(1, ChronoUnit.DAYS).minusSeconds(60), "open");
		String boToken = this.fixtures.token(this.workspace.id(), this.bo, "read");
		String maxToken = this.fixtures.token(this.workspace.id(), this.max, "read");
		this.mvc
			.perform(get("/api/v1/my-day").param("user", this.ana.toString())
				.header("Authorization", "Bearer " + boToken))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/my-day").param("user", this.ana.toString()).with(user(session(this.bo))))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(get("/api/v1/my-day").param("user", this.max.toString())
				.header("Authorization", "Bearer " + this.anaToken))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(get("/api/v1/my-day").param("user", this.ana.toString())
				.header("Authorization", "Bearer " + maxToken))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.userName").value("Ana Rep"))
			.andExpect(jsonPath("$.sections[?(@.key == 'tasks')].total").value(hasItem(1)));
		this.mvc.perform(get("/my-day").param("user", this.ana.toString()).with(user(session(this.max))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The day of Ana Rep")))
			.andExpect(content().string(containsString("Ana&#39;s overdue task")));
		this.mvc.perform(get("/my-day").param("user", this.bo.toString()).with(user(session(this.workspace.adminId()))))
			.andExpect(status().isOk());
	}

	@Test
	void thePageShowsEachItemWithItsReasonAndActionsAndMovesATaskToTomorrow() throws Exception {
		String body = this.mvc.perform(post("/api/v1/people").header("Authorization", "Bearer " + this.anaToken)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"displayName\":\"Lena Kunde\",\"phones\":[{\"number\":\"+49 30 1234567\",\"primary\":true}]}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		UUID person = UUID.fromString(JsonPath.read(body, "$.id"));
		Instant due = this.now.minus(3, ChronoUnit.DAYS);
		UUID task = activity(this.ana, "task", "Send the contract", due, "open");
		this.jdbc.update("update activity set person_id = ? where id = ?", person, task);
		UserDetails ana = session(this.ana);
		this.mvc.perform(get("/my-day").with(user(ana)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Overdue tasks")))
			.andExpect(content().string(containsString("Send the contract")))
			.andExpect(content().string(containsString("Overdue by 3 days")))
			.andExpect(content().string(containsString("href=\"tel:+49301234567\"")))
			.andExpect(content().string(containsString("href=\"/people/" + person + "#log\"")))
			.andExpect(content().string(containsString("/my-day/activities/" + task + "/reschedule")))
			.andExpect(content().string(containsString("href=\"/activities/" + task + "\"")))
			.andExpect(content().string(containsString("Nothing here.")));

		this.mvc
			.perform(post("/my-day/activities/" + task + "/reschedule").with(user(ana))
				.with(csrf())
				.header("HX-Request", "true")
				.param("version", "1"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Moved to")));
		Timestamp moved = this.jdbc.queryForObject("select starts_at from activity where id = ?", Timestamp.class,
				task);
		LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
		org.assertj.core.api.Assertions.assertThat(moved.toInstant())
			.isEqualTo(tomorrow.atTime(due.atOffset(ZoneOffset.UTC).toLocalTime()).toInstant(ZoneOffset.UTC));
		org.assertj.core.api.Assertions
			.assertThat(this.jdbc.queryForObject("select version from activity where id = ?", Integer.class, task))
			.isEqualTo(2);
		this.mvc
			.perform(post("/my-day/activities/" + task + "/reschedule").with(user(ana))
				.with(csrf())
				.header("HX-Request", "true")
				.param("version", "1"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Someone changed this in the meantime")));
		org.assertj.core.api.Assertions
			.assertThat(this.jdbc.queryForObject("select starts_at from activity where id = ?", Timestamp.class, task))
			.isEqualTo(moved);
		this.mvc.perform(get("/my-day").with(user(ana)))
			.andExpect(content().string(not(containsString("Send the contract"))));
		// Bo cannot move Ana's task.
		this.mvc
			.perform(post("/my-day/activities/" + task + "/reschedule").with(user(session(this.bo)))
				.with(csrf())
				.param("version", "2"))
			.andExpect(status().isNotFound());
	}

	@Test
	void anEmptyDaySaysThereIsNothingToDo() throws Exception {
		this.mvc.perform(get("/my-day").with(user(session(this.bo))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Nothing to do right now.")));
	}

	@Test
	void administratorsSetTheThresholdsWithValidationAndAVersionCheck() throws Exception {
		String admin = this.fixtures.token(this.workspace.id(), this.workspace.adminId(), "read", "write");
		this.mvc.perform(get("/api/v1/my-day/settings").header("Authorization", "Bearer " + admin))
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"0\""))
			.andExpect(jsonPath("$.dealIdleDays").value(14))
			.andExpect(jsonPath("$.dealStalledDays").value(30))
			.andExpect(jsonPath("$.atRiskDays").value(60))
			.andExpect(jsonPath("$.leadUntouchedHours").value(24))
			.andExpect(jsonPath("$.renewalWithinDays").value(30));
		String valid = "{\"dealIdleDays\":7,\"dealStalledDays\":21,\"atRiskDays\":45,\"leadUntouchedHours\":12,"
				+ "\"renewalFieldKey\":null,\"renewalWithinDays\":14}";
		this.mvc
			.perform(put("/api/v1/my-day/settings").header("Authorization", "Bearer " + admin)
				.header("If-Match", "\"0\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content(valid))
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"1\""))
			.andExpect(jsonPath("$.dealIdleDays").value(7));
		this.mvc
			.perform(put("/api/v1/my-day/settings").header("Authorization", "Bearer " + admin)
				.header("If-Match", "\"0\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content(valid))
			.andExpect(status().isPreconditionFailed());
		this.mvc
			.perform(put("/api/v1/my-day/settings").header("Authorization", "Bearer " + admin)
				.header("If-Match", "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"dealIdleDays\":0,\"dealStalledDays\":21,\"atRiskDays\":45,\"leadUntouchedHours\":9000,"
						+ "\"renewalFieldKey\":\"nope\",\"renewalWithinDays\":14}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field").value(
					org.hamcrest.Matchers.containsInAnyOrder("dealIdleDays", "leadUntouchedHours", "renewalFieldKey")));
		this.mvc
			.perform(put("/api/v1/my-day/settings").header("Authorization", "Bearer " + this.anaToken)
				.header("If-Match", "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content(valid))
			.andExpect(status().isForbidden());

		UserDetails adminSession = session(this.workspace.adminId());
		this.mvc.perform(get("/admin/my-day").with(user(adminSession)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Days without activity before a deal counts as idle")));
		this.mvc
			.perform(post("/admin/my-day").with(user(adminSession))
				.with(csrf())
				.param("dealIdleDays", "10")
				.param("dealStalledDays", "20")
				.param("atRiskDays", "30")
				.param("leadUntouchedHours", "40")
				.param("renewalFieldKey", "")
				.param("renewalWithinDays", "50")
				.param("version", "0"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Someone else saved this record")));
		this.mvc
			.perform(post("/admin/my-day").with(user(adminSession))
				.with(csrf())
				.param("dealIdleDays", "0")
				.param("dealStalledDays", "20")
				.param("atRiskDays", "30")
				.param("leadUntouchedHours", "40")
				.param("renewalFieldKey", "")
				.param("renewalWithinDays", "50")
				.param("version", "1"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Enter a whole number from 1 to 3650.")));
		this.mvc
			.perform(post("/admin/my-day").with(user(adminSession))
				.with(csrf())
				.param("dealIdleDays", "10")
				.param("dealStalledDays", "20")
				.param("atRiskDays", "30")
				.param("leadUntouchedHours", "40")
				.param("renewalFieldKey", "")
				.param("renewalWithinDays", "50")
				.param("version", "1"))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/api/v1/my-day/settings").header("Authorization", "Bearer " + admin))
			.andExpect(header().string("ETag", "\"2\""))
			.andExpect(jsonPath("$.dealIdleDays").value(10));
	}

	private UserDetails session(UUID userId) {
		return this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), userId));
	}

	private UUID activity(UUID assignee, String kind, String title, Instant startsAt, String status) {
		UUID id = UUID.randomUUID();
		this.jdbc.update(
				"insert into activity (workspace_id, id, kind, title, status, priority, starts_at, all_day, assignee_id, "
						+ "created_at, updated_at, version) values (?, ?, ?, ?, ?, 'normal', ?, false, ?, "
						+ "current_timestamp, current_timestamp, 1)",
				this.workspace.id(), id, kind, title, status, Timestamp.from(startsAt), assignee);
		return id;
	}

	private UUID deal(UUID owner, String name, Instant stageEnteredAt, Instant lastActivityAt, Instant createdAt) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("insert into deal (workspace_id, id, name, name_key, amount, currency, amount_from_items, "
				+ "pipeline_id, stage_id, status, stage_entered_at, owner_id, last_activity_at, created_at, updated_at, "
				+ "version) values (?, ?, ?, ?, 1200, 'EUR', false, ?, ?, 'open', ?, ?, ?, ?, ?, 1)",
				this.workspace.id(), id, name, name.toLowerCase(java.util.Locale.ROOT), this.pipeline, this.stage,
				Timestamp.from(stageEnteredAt), owner, (lastActivityAt != null) ? Timestamp.from(lastActivityAt) : null,
				Timestamp.from(createdAt), Timestamp.from(createdAt));
		return id;
	}

}
