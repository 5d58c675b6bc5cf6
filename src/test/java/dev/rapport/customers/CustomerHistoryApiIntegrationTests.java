package dev.rapport.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Interactions logged by people and by other systems, the timeline that shows them, and
 * the consent ledger that other modules ask before using a channel.
 *
 * <pre>
 * workspace "History": Sales rep Ines (owns the person); Sales rep Omar (no relation)
 * </pre>
 */
@IntegrationTest
class CustomerHistoryApiIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Customers customers;

	private Fixtures.Workspace workspace;

	private UUID inesId;

	private String ines;

	private String omar;

	private String person;

	@BeforeEach
	void workspace() throws Exception {
		this.workspace = this.fixtures.workspace("History");
		this.inesId = this.fixtures.user(this.workspace.id(), "Ines Rep", "Sales rep", null);
		UUID omarId = this.fixtures.user(this.workspace.id(), "Omar Rep", "Sales rep", null);
		this.ines = this.fixtures.token(this.workspace.id(), this.inesId, "read", "write");
		this.omar = this.fixtures.token(this.workspace.id(), omarId, "read", "write");
		MvcResult created = send(post("/api/v1/people"), this.ines, "{\"displayName\":\"Marta Gómez\"}")
			.andExpect(status().isCreated())
			.andReturn();
		this.person = JsonPath.read(created.getResponse().getContentAsString(), "$.id");
	}

	@Test
	void aTelephonySystemLogsACallOnceEvenWhenItRetries() throws Exception {
		String call = """
				{"personId":"%s","channel":"call","direction":"inbound","occurredAt":"2026-11-20T09:15:00+01:00",
				 "durationSeconds":185,"outcome":"Answered","summary":"Asked about opening hours","externalRef":"pbx-4711"}"""
			.formatted(this.person);
		MvcResult first = send(post("/api/v1/interactions"), this.ines, call).andExpect(status().isCreated())
			.andExpect(jsonPath("$.occurredAt").value("2026-11-20T08:15:00Z"))
			.andReturn();
		String id = JsonPath.read(first.getResponse().getContentAsString(), "$.id");
		send(post("/api/v1/interactions"), this.ines, call).andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id));
		this.mvc
			.perform(get("/api/v1/people/" + this.person + "/interactions").header("Authorization", bearer(this.ines)))
			.andExpect(jsonPath("$", hasSize(1)));
		this.mvc.perform(get("/api/v1/people/" + this.person + "/timeline").header("Authorization", bearer(this.ines)))
			.andExpect(jsonPath("$.items", hasSize(2)))
			.andExpect(jsonPath("$.items[0].kind").value("created"))
			.andExpect(jsonPath("$.items[1].kind").value("interaction"))
			.andExpect(jsonPath("$.items[1].data.channel").value("call"))
			.andExpect(jsonPath("$.items[1].title").value("Answered"));
		this.mvc
			.perform(get("/api/v1/people/" + this.person + "/timeline?kind=interaction&limit=1").header("Authorization",
					bearer(this.ines)))
			.andExpect(jsonPath("$.items", hasSize(1)))
			.andExpect(jsonPath("$.next").doesNotExist());
	}

	@Test
	void badInteractionsAreRefusedNamingTheField() throws Exception {
		send(post("/api/v1/interactions"), this.ines,
				"{\"personId\":\"%s\",\"channel\":\"fax\",\"direction\":\"sideways\",\"durationSeconds\":-1,\"occurredAt\":\"2099-01-01T00:00:00Z\"}"
					.formatted(this.person))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field").value(
					org.hamcrest.Matchers.containsInAnyOrder("channel", "direction", "durationSeconds", "occurredAt")));
		send(post("/api/v1/interactions"), this.ines, "{\"channel\":\"call\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("personId"));
		send(post("/api/v1/interactions"), this.omar,
				"{\"personId\":\"%s\",\"channel\":\"call\"}".formatted(this.person))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/people/" + this.person + "/timeline").header("Authorization", bearer(this.omar)))
			.andExpect(status().isNotFound());
	}

	@Test
	void theConsentLedgerKeepsEveryChoiceAndTheNewestCounts() throws Exception {
		send(post("/api/v1/people/" + this.person + "/consents"), this.ines,
				"{\"channel\":\"email\",\"status\":\"opt-in\",\"source\":\"Web form\",\"wording\":\"Send me offers\"}")
			.andExpect(status().isCreated());
		assertThat(permission("email")).isEqualTo(Consent.Permission.OPTED_IN);
		send(post("/api/v1/people/" + this.person + "/consents"), this.ines,
				"{\"channel\":\"email\",\"status\":\"opt-out\",\"source\":\"Unsubscribe link\"}")
			.andExpect(status().isCreated());
		assertThat(permission("email")).isEqualTo(Consent.Permission.OPTED_OUT);
		assertThat(permission("sms")).isEqualTo(Consent.Permission.UNKNOWN);
		this.mvc.perform(get("/api/v1/people/" + this.person + "/consents").header("Authorization", bearer(this.ines)))
			.andExpect(jsonPath("$", hasSize(2)))
			.andExpect(jsonPath("$[0].status").value("opt-out"))
			.andExpect(jsonPath("$[1].wording").value("Send me offers"));
		this.mvc
			.perform(get("/api/v1/people/" + this.person + "/consents/current").header("Authorization",
					bearer(this.ines)))
			.andExpect(jsonPath("$.email.status").value("opt-out"));
		send(post("/api/v1/people/" + this.person + "/consents"), this.ines,
				"{\"channel\":\"pigeon\",\"status\":\"maybe\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field")
				.value(org.hamcrest.Matchers.containsInAnyOrder("channel", "status", "source")));
		assertThat(Actors.callAs(new Actor(this.workspace.id(), this.workspace.adminId()),
				() -> this.customers.permission(UUID.randomUUID(), "email")))
			.isEmpty();
	}

	private Consent.Permission permission(String channel) {
		return Actors
			.callAs(new Actor(this.workspace.id(), this.inesId),
					() -> this.customers.permission(UUID.fromString(this.person), channel))
			.orElseThrow();
	}

	private ResultActions send(MockHttpServletRequestBuilder request, String token, String json) throws Exception {
		return this.mvc.perform(
				request.header("Authorization", bearer(token)).contentType(MediaType.APPLICATION_JSON).content(json));
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

}
