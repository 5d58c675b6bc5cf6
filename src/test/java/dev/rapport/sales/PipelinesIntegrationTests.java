package dev.rapport.sales;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.jspecify.annotations.Nullable;
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
 * Pipelines and stages kept by administrators: new pipelines, stages added, renamed,
 * reordered and archived; an archived stage keeps its deals but takes no new ones, and a
 * stage with open deals cannot be archived.
 *
 * <pre>
 * workspace "Pipes": Administrator; Sales rep Cy
 * </pre>
 */
@IntegrationTest
class PipelinesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	private String admin;

	private String cy;

	@BeforeEach
	void workspace() {
		Fixtures.Workspace workspace = this.fixtures.workspace("Pipes");
		UUID cyId = this.fixtures.user(workspace.id(), "Cy Rep", "Sales rep", null);
		this.admin = this.fixtures.token(workspace.id(), workspace.adminId(), "read", "write");
		this.cy = this.fixtures.token(workspace.id(), cyId, "read", "write");
	}

	@Test
	void administratorsCreatePipelinesAndAddRenameAndReorderStages() throws Exception {
		send(post("/api/v1/pipelines"), this.cy, "{\"name\":\"Renewals\"}").andExpect(status().isForbidden());
		send(post("/api/v1/pipelines"), this.admin,
				"{\"name\":\"Renewals\",\"stages\":[{\"name\":\"Won\",\"kind\":\"won\"}]}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("stages"));
		String body = send(post("/api/v1/pipelines"), this.admin, "{\"name\":\"Renewals\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.stages[*].kind", org.hamcrest.Matchers.contains("open", "won", "lost")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = JsonPath.read(body, "$.id");
		var response = send(post("/api/v1/pipelines/" + id + "/stages"), this.admin,
				"{\"name\":\"Contacted\",\"probability\":30}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.position").value(1))
			.andReturn()
			.getResponse();
		String added = JsonPath.read(response.getContentAsString(), "$.id");
		String etag = response.getHeader("ETag");
		send(post("/api/v1/pipelines/" + id + "/stages"), this.admin, "{\"name\":\"Odd\",\"probability\":130}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("probability"));
		send(patch("/api/v1/pipelines/" + id + "/stages/" + added).header("If-Match", etag), this.admin,
				"{\"name\":\"Called\",\"position\":0}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("Called"))
			.andExpect(jsonPath("$.position").value(0));
		send(patch("/api/v1/pipelines/" + id + "/stages/" + added).header("If-Match", etag), this.admin,
				"{\"name\":\"Stale\"}")
			.andExpect(status().isPreconditionFailed());
		send(get("/api/v1/pipelines/" + id), this.cy, null).andExpect(header().exists("ETag"))
			.andExpect(jsonPath("$.stages[*].name", org.hamcrest.Matchers.contains("Called", "New", "Won", "Lost")));
		send(patch("/api/v1/pipelines/" + id).header("If-Match", "\"1\""), this.admin, "{\"name\":\"Upsell\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("Upsell"));
		send(get("/api/v1/pipelines"), this.cy, null).andExpect(jsonPath("$", hasSize(2)));
		send(patch("/api/v1/pipelines/" + id).header("If-Match", "\"2\""), this.admin, "{\"archived\":true}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.archivedAt", notNullValue()));
		send(get("/api/v1/pipelines"), this.cy, null).andExpect(jsonPath("$", hasSize(1)));
		send(get("/api/v1/pipelines?archived=true"), this.cy, null).andExpect(jsonPath("$", hasSize(2)));
	}

	@Test
	void anArchivedStageKeepsItsDealsButTakesNoNewOnes() throws Exception {
		String pipelines = send(get("/api/v1/pipelines"), this.admin, null).andReturn()
			.getResponse()
			.getContentAsString();
		String meeting = JsonPath.<List<String>>read(pipelines, "$[0].stages[?(@.name == 'Meeting')].id").get(0);
		String lost = JsonPath.<List<String>>read(pipelines, "$[0].stages[?(@.name == 'Lost')].id").get(0);
		String pipeline = JsonPath.read(pipelines, "$[0].id");
		String open = deal("{\"name\":\"Open one\",\"stageId\":\"" + meeting + "\"}");
		String closed = deal("{\"name\":\"Closed one\",\"stageId\":\"" + lost + "\",\"lostReason\":\"No budget\"}");
		send(post("/api/v1/pipelines/" + pipeline + "/stages/" + meeting + "/archive").header("If-Match", "\"1\""),
				this.admin, null)
			.andExpect(status().isUnprocessableContent());
		send(post("/api/v1/pipelines/" + pipeline + "/stages/" + lost + "/archive").header("If-Match", "\"1\""),
				this.cy, null)
			.andExpect(status().isForbidden());
		send(post("/api/v1/pipelines/" + pipeline + "/stages/" + lost + "/archive").header("If-Match", "\"1\""),
				this.admin, null)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.archivedAt", notNullValue()));
		send(get("/api/v1/deals/" + closed), this.cy, null).andExpect(status().isOk())
			.andExpect(jsonPath("$.stageName").value("Lost"))
			.andExpect(jsonPath("$.status").value("lost"));
		send(post("/api/v1/deals/" + open + "/stage").header("If-Match", "\"1\""), this.cy,
				"{\"stageId\":\"" + lost + "\",\"lostReason\":\"Late\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("stageId"));
		send(get("/api/v1/pipelines/" + pipeline + "/stages"), this.cy, null)
			.andExpect(jsonPath("$[?(@.name == 'Lost')].archivedAt", hasSize(1)));
	}

	private String deal(String json) throws Exception {
		return JsonPath.read(send(post("/api/v1/deals"), this.cy, json).andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
	}

	private ResultActions send(MockHttpServletRequestBuilder request, String token, @Nullable String json)
			throws Exception {
		request.header("Authorization", "Bearer " + token);
		if (json != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json);
		}
		return this.mvc.perform(request);
	}

}
