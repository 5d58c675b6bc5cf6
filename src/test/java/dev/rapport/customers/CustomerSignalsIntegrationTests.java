package dev.rapport.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The signals "my day" reads from the customer database, with their boundaries.
 *
 * <pre>
 * workspace "Signals": Sales rep Ana (owns the people); Sales rep Bo (owns one person)
 * </pre>
 */
@IntegrationTest
class CustomerSignalsIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	CustomerSignals signals;

	@Autowired
	JdbcTemplate jdbc;

	private Fixtures.Workspace workspace;

	private UUID ana;

	private UUID bo;

	private String anaToken;

	private String boToken;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Signals");
		this.ana = this.fixtures.user(this.workspace.id(), "Ana Rep", "Sales rep", null);
		this.bo = this.fixtures.user(this.workspace.id(), "Bo Rep", "Sales rep", null);
		this.anaToken = this.fixtures.token(this.workspace.id(), this.ana, "read", "write");
		this.boToken = this.fixtures.token(this.workspace.id(), this.bo, "read", "write");
	}

	@Test
	void birthdaysAreTodaysInTheUsersZoneAndLeapDayBirthdaysShowOnTheLastOfFebruary() throws Exception {
		UUID today = person(this.anaToken, "{\"displayName\":\"Today Birthday\",\"birthday\":\"1986-11-25\"}");
		person(this.anaToken, "{\"displayName\":\"Tomorrow Birthday\",\"birthday\":\"1990-11-26\"}");
		UUID leap = person(this.anaToken, "{\"displayName\":\"Leap Birthday\",\"birthday\":\"1996-02-29\"}");
		person(this.boToken, "{\"displayName\":\"Bo Customer\",\"birthday\":\"1970-11-25\"}");
		UUID deleted = person(this.anaToken, "{\"displayName\":\"Gone Birthday\",\"birthday\":\"1980-11-25\"}");
		this.jdbc.update("update person set deleted_at = current_timestamp where id = ?", deleted);
		// 23:30 UTC on 24 November is already 25 November in Tokyo.
		Instant instant = Instant.parse("2026-11-24T23:30:00Z");
		LocalDate inTokyo = instant.atZone(ZoneId.of("Asia/Tokyo")).toLocalDate();
		CustomerSignals.Found found = as(this.ana, () -> this.signals.birthdays(Set.of(this.ana), inTokyo, 10));
		assertThat(found.items()).extracting(CustomerSignals.Signal::personId).containsExactly(today);
		assertThat(found.items().get(0).reason()).isEqualTo("signals.customers.birthday");
		assertThat(found.items().get(0).arguments()).containsExactly(40);
		assertThat(found.total()).isEqualTo(1);
		LocalDate inUtc = instant.atZone(ZoneId.of("UTC")).toLocalDate();
		assertThat(as(this.ana, () -> this.signals.birthdays(Set.of(this.ana), inUtc, 10)).items()).isEmpty();
		assertThat(as(this.ana, () -> this.signals.birthdays(Set.of(this.ana), LocalDate.of(2027, 2, 28), 10)).items())
			.extracting(CustomerSignals.Signal::personId)
			.containsExactly(leap);
		assertThat(as(this.ana, () -> this.signals.birthdays(Set.of(this.ana), LocalDate.of(2028, 2, 28), 10)).items())
			.isEmpty();
		assertThat(as(this.ana, () -> this.signals.birthdays(Set.of(this.ana), LocalDate.of(2028, 2, 29), 10)).items())
			.extracting(CustomerSignals.Signal::personId)
			.containsExactly(leap);
		// Bo's customer is not Ana's, and Ana cannot read it even when asking for Bo.
		assertThat(as(this.ana, () -> this.signals.birthdays(Set.of(this.bo), inTokyo, 10)).items()).isEmpty();
	}

	@Test
	void customersAreAtRiskFromTheThresholdOnAndLoggingAnInteractionClearsIt() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		UUID over = person(this.anaToken, "{\"displayName\":\"Over Threshold\",\"lifecycleStage\":\"active\"}");
		UUID under = person(this.anaToken, "{\"displayName\":\"Under Threshold\",\"lifecycleStage\":\"loyal\"}");
		UUID never = person(this.anaToken, "{\"displayName\":\"Never Called\",\"lifecycleStage\":\"loyal\"}");
		UUID fresh = person(this.anaToken, "{\"displayName\":\"Fresh Customer\",\"lifecycleStage\":\"active\"}");
		UUID lead = person(this.anaToken, "{\"displayName\":\"Old Lead\",\"lifecycleStage\":\"lead\"}");
		contact(over, now.minus(60, ChronoUnit.DAYS).minusSeconds(60));
		contact(under, now.minus(60, ChronoUnit.DAYS).plusSeconds(3600));
		enteredStage(never, now.minus(75, ChronoUnit.DAYS));
		enteredStage(lead, now.minus(200, ChronoUnit.DAYS));
		CustomerSignals.Found found = as(this.ana, () -> this.signals.atRisk(Set.of(this.ana), now, 60, 10));
		assertThat(found.items()).extracting(CustomerSignals.Signal::personId).containsExactly(never, over);
		assertThat(found.items().get(0).reason()).isEqualTo("signals.customers.at-risk.never");
		assertThat(found.items().get(0).arguments()).containsExactly(75L);
		assertThat(found.items().get(1).reason()).isEqualTo("signals.customers.at-risk");
		assertThat(found.items().get(1).arguments()).containsExactly(60L);
		assertThat(found.total()).isEqualTo(2);
		assertThat(fresh).isNotNull();

		this.mvc
			.perform(post("/api/v1/interactions").header("Authorization", "Bearer " + this.anaToken)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"personId\":\"%s\",\"channel\":\"call\"}".formatted(over)))
			.andExpect(status().isCreated());
		Timestamp lastContact = this.jdbc.queryForObject("select last_contact_at from person where id = ?",
				Timestamp.class, over);
		assertThat(lastContact.toInstant()).isAfter(now.minusSeconds(60));
		assertThat(as(this.ana, () -> this.signals.atRisk(Set.of(this.ana), Instant.now(), 60, 10)).items())
			.extracting(CustomerSignals.Signal::personId)
			.containsExactly(never);
		// An older interaction logged later does not move the last contact back.
		this.mvc
			.perform(post("/api/v1/interactions").header("Authorization", "Bearer " + this.anaToken)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"personId\":\"%s\",\"channel\":\"email\",\"occurredAt\":\"2020-01-01T10:00:00Z\"}"
					.formatted(over)))
			.andExpect(status().isCreated());
		assertThat(this.jdbc.queryForObject("select last_contact_at from person where id = ?", Timestamp.class, over))
			.isEqualTo(lastContact);
	}

	@Test
	void newLeadsShowAfterTheThresholdUntilContactedOrThirtyDaysOld() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		UUID waiting = person(this.anaToken, "{\"displayName\":\"Waiting Lead\"}");
		UUID recent = person(this.anaToken, "{\"displayName\":\"Recent Lead\"}");
		UUID old = person(this.anaToken, "{\"displayName\":\"Old Lead\"}");
		UUID called = person(this.anaToken, "{\"displayName\":\"Called Lead\"}");
		created(waiting, now.minus(30, ChronoUnit.HOURS));
		created(recent, now.minus(23, ChronoUnit.HOURS));
		created(old, now.minus(31, ChronoUnit.DAYS));
		created(called, now.minus(30, ChronoUnit.HOURS));
		contact(called, now.minus(2, ChronoUnit.HOURS));
		CustomerSignals.Found found = as(this.ana, () -> this.signals.untouchedLeads(Set.of(this.ana), now, 24, 10));
		assertThat(found.items()).extracting(CustomerSignals.Signal::personId).containsExactly(waiting);
		assertThat(found.items().get(0).reason()).isEqualTo("signals.customers.lead-untouched");
		assertThat(found.items().get(0).arguments()).containsExactly(30L);
	}

	@Test
	void renewalsAreTheDateFieldsEndingWithinTheWindow() throws Exception {
		this.mvc
			.perform(
					post("/api/v1/custom-fields?object=person")
						.header("Authorization",
								"Bearer " + this.fixtures.token(this.workspace.id(), this.workspace.adminId(), "read",
										"write"))
						.contentType(MediaType.APPLICATION_JSON)
						.content("{\"key\":\"member_until\",\"label\":\"Member until\",\"type\":\"date\"}"))
			.andExpect(status().isCreated());
		LocalDate today = LocalDate.of(2026, 11, 23);
		UUID soon = person(this.anaToken,
				"{\"displayName\":\"Ends Soon\",\"custom\":{\"member_until\":\"2026-11-28\"}}");
		UUID edge = person(this.anaToken,
				"{\"displayName\":\"Ends Edge\",\"custom\":{\"member_until\":\"2026-12-23\"}}");
		person(this.anaToken, "{\"displayName\":\"Ends Later\",\"custom\":{\"member_until\":\"2026-12-24\"}}");
		person(this.anaToken, "{\"displayName\":\"Ended\",\"custom\":{\"member_until\":\"2026-11-22\"}}");
		person(this.boToken, "{\"displayName\":\"Bo Member\",\"custom\":{\"member_until\":\"2026-11-25\"}}");
		CustomerSignals.Found found = as(this.ana,
				() -> this.signals.renewals(Set.of(this.ana), "member_until", today, 30, 10));
		assertThat(found.items()).extracting(CustomerSignals.Signal::personId).containsExactly(soon, edge);
		assertThat(found.items().get(0).arguments()).containsExactly(5L, "2026-11-28");
		assertThat(found.total()).isEqualTo(2);
	}

	private <T> T as(UUID userId, Supplier<T> work) {
		return Actors.callAs(new Actor(this.workspace.id(), userId), work);
	}

	private UUID person(String token, String json) throws Exception {
		String body = this.mvc
			.perform(post("/api/v1/people").header("Authorization", "Bearer " + token)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return UUID.fromString(JsonPath.read(body, "$.id"));
	}

	private void contact(UUID person, Instant at) {
		this.jdbc.update("update person set last_contact_at = ? where id = ?", Timestamp.from(at), person);
	}

	private void enteredStage(UUID person, Instant at) {
		this.jdbc.update("update person set lifecycle_entered_at = ?, created_at = ? where id = ?", Timestamp.from(at),
				Timestamp.from(at), person);
	}

	private void created(UUID person, Instant at) {
		enteredStage(person, at);
	}

}
