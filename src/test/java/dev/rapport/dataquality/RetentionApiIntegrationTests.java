package dev.rapport.dataquality;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Retention over REST: the policies with optimistic locking and problem+json errors, the
 * preview, running now, and the reports of runs; for administrators only.
 *
 * <pre>
 * workspace "RetentionApi": admin (sets and runs the policies); Sales rep Ana (owns Dora)
 * </pre>
 */
@IntegrationTest
class RetentionApiIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	private String admin;

	private String ana;

	@BeforeEach
	void workspace() {
		Fixtures.Workspace workspace = this.fixtures.workspace("RetentionApi");
		UUID anaId = this.fixtures.user(workspace.id(), "Ana Rep", "Sales rep", null);
		this.admin = "Bearer " + this.fixtures.token(workspace.id(), workspace.adminId(), "read", "write");
		this.ana = "Bearer " + this.fixtures.token(workspace.id(), anaId, "read", "write");
	}

	@Test
	void administratorsSetAPolicyWithIfMatchAndOthersMayNot() throws Exception {
		send(get("/api/v1/retention/policies"), this.ana, null).andExpect(status().isForbidden());
		send(get("/api/v1/retention/policies"), this.admin, null).andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(4)))
			.andExpect(jsonPath("$[?(@.state == 'deceased')].action").value("keep"))
			.andExpect(jsonPath("$[?(@.state == 'closed')].actions[*]")
				.value(org.hamcrest.Matchers.contains("keep", "archive")));
		send(get("/api/v1/retention/policies/deceased"), this.admin, null).andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"0\""))
			.andExpect(jsonPath("$.kind").value("person"))
			.andExpect(jsonPath("$.version").value(0));

		String policy = "{\"action\":\"archive\",\"afterMonths\":6}";
		send(put("/api/v1/retention/policies/deceased"), this.admin, policy).andExpect(status().is(428));
		send(put("/api/v1/retention/policies/deceased").header("If-Match", "\"0\""), this.ana, policy)
			.andExpect(status().isForbidden());
		String saved = send(put("/api/v1/retention/policies/deceased").header("If-Match", "\"0\""), this.admin, policy)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.action").value("archive"))
			.andExpect(jsonPath("$.afterMonths").value(6))
			.andReturn()
			.getResponse()
			.getHeader("ETag");
		send(put("/api/v1/retention/policies/deceased").header("If-Match", "\"0\""), this.admin,
				"{\"action\":\"keep\",\"afterMonths\":0}")
			.andExpect(status().isPreconditionFailed());
		send(get("/api/v1/retention/policies/deceased"), this.admin, null).andExpect(header().string("ETag", saved))
			.andExpect(jsonPath("$.action").value("archive"));

		send(put("/api/v1/retention/policies/deceased").header("If-Match", saved), this.admin,
				"{\"action\":\"archive\",\"afterMonths\":2000}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("afterMonths"));
		send(put("/api/v1/retention/policies/closed").header("If-Match", "\"0\""), this.admin,
				"{\"action\":\"anonymise\",\"afterMonths\":1}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("action"));
		send(get("/api/v1/retention/policies/asleep"), this.admin, null).andExpect(status().isNotFound());
	}

	@Test
	void previewsRunsNowAndReadsTheReportOfARun() throws Exception {
		UUID dora = created("/api/v1/people", "{\"displayName\":\"Dora Due\"}");
		send(post("/api/v1/people/" + dora + "/end-of-life").header("If-Match", "\"1\""), this.ana,
				"{\"state\":\"deceased\"}")
			.andExpect(status().isOk());
		send(get("/api/v1/retention/preview?state=deceased&action=archive&afterMonths=0"), this.admin, null)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.count").value(1))
			.andExpect(jsonPath("$.first[0].recordId").value(dora.toString()))
			.andExpect(jsonPath("$.first[0].displayName").value("Dora Due"));
		send(get("/api/v1/retention/preview?state=deceased&action=melt&afterMonths=0"), this.admin, null)
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("action"));
		send(put("/api/v1/retention/policies/deceased").header("If-Match", "\"0\""), this.admin,
				"{\"action\":\"archive\",\"afterMonths\":0}")
			.andExpect(status().isOk());

		send(post("/api/v1/retention/runs"), this.ana, null).andExpect(status().isForbidden());
		String run = send(post("/api/v1/retention/runs"), this.admin, null).andExpect(status().isCreated())
			.andExpect(header().string("Location", startsWith("/api/v1/retention/runs/")))
			.andExpect(jsonPath("$.kind").value("manual"))
			.andExpect(jsonPath("$.archived").value(1))
			.andExpect(jsonPath("$.items[0].recordId").value(dora.toString()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String runId = JsonPath.read(run, "$.id");

		send(get("/api/v1/retention/runs"), this.admin, null).andExpect(status().isOk())
			.andExpect(jsonPath("$[0].id").value(runId))
			.andExpect(jsonPath("$[0].archived").value(1));
		send(get("/api/v1/retention/runs/" + runId), this.admin, null).andExpect(status().isOk())
			.andExpect(jsonPath("$.states[0].state").value("deceased"))
			.andExpect(jsonPath("$.states[0].done").value(1))
			.andExpect(jsonPath("$.items[0].displayName").value("Dora Due"))
			.andExpect(jsonPath("$.items[0].action").value("archive"))
			.andExpect(jsonPath("$.items[0].outcome").value("done"));
		send(get("/api/v1/retention/runs/" + UUID.randomUUID()), this.admin, null).andExpect(status().isNotFound());
		send(get("/api/v1/retention/runs/not-an-id"), this.admin, null).andExpect(status().isNotFound());
	}

	private UUID created(String url, String json) throws Exception {
		String body = send(post(url), this.ana, json).andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return UUID.fromString(JsonPath.read(body, "$.id"));
	}

	private ResultActions send(MockHttpServletRequestBuilder request, String token, String json) throws Exception {
		request.header("Authorization", token);
		if (json != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json);
		}
		return this.mvc.perform(request);
	}

}
