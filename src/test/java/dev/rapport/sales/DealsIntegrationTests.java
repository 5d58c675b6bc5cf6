package dev.rapport.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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
 * Deals through the API: created in the default pipeline, changed with If-Match, moved
 * through stages with their history, lost only with a reason, won making people active
 * customers when the workspace wants it, custom fields, line items driving the amount,
 * and the access policy.
 *
 * <pre>
 * workspace "DealDesk": Administrator; Sales rep Ana (owns the deals); Sales rep Bo (no relation)
 * </pre>
 */
@IntegrationTest
class DealsIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Deals deals;

	private Fixtures.Workspace workspace;

	private UUID anaId;

	private String admin;

	private String ana;

	private String bo;

	private UUID boId;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("DealDesk");
		this.anaId = this.fixtures.user(this.workspace.id(), "Ana Rep", "Sales rep", null);
		this.boId = this.fixtures.user(this.workspace.id(), "Bo Rep", "Sales rep", null);
		this.admin = this.fixtures.token(this.workspace.id(), this.workspace.adminId(), "read", "write");
		this.ana = this.fixtures.token(this.workspace.id(), this.anaId, "read", "write");
		this.bo = this.fixtures.token(this.workspace.id(), this.boId, "read", "write");
	}

	@Test
	void aNewWorkspaceHasTheDefaultPipelineAndADealStartsInItsFirstStage() throws Exception {
		send(get("/api/v1/pipelines"), this.ana, null).andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].name").value("New business"))
			.andExpect(jsonPath("$[0].stages[*].name",
					org.hamcrest.Matchers.contains("Qualified", "Meeting", "Proposal", "Negotiation", "Won", "Lost")))
			.andExpect(jsonPath("$[0].stages[*].probability", org.hamcrest.Matchers.contains(10, 25, 50, 75, 100, 0)))
			.andExpect(jsonPath("$[0].stages[*].kind",
					org.hamcrest.Matchers.contains("open", "open", "open", "open", "won", "lost")));
		send(post("/api/v1/deals"), this.ana, "{\"name\":\"Gym chain roll-out\",\"amount\":12000}")
			.andExpect(status().isCreated())
			.andExpect(header().string("ETag", "\"1\""))
			.andExpect(jsonPath("$.stageName").value("Qualified"))
			.andExpect(jsonPath("$.pipelineName").value("New business"))
			.andExpect(jsonPath("$.status").value("open"))
			.andExpect(jsonPath("$.currency").value("EUR"))
			.andExpect(jsonPath("$.amount").value(12000.00))
			.andExpect(jsonPath("$.ownerId").value(this.anaId.toString()))
			.andExpect(jsonPath("$.closedAt").value(nullValue()))
			.andExpect(jsonPath("$.salesCycleSeconds").isNumber())
			.andExpect(jsonPath("$.secondsInStage").isNumber());
	}

	@Test
	void aRepHandsADealOverToAColleagueAndNoLongerSeesIt() throws Exception {
		String id = create(this.ana, "{\"name\":\"Spa renovation\",\"amount\":900}");
		send(patch("/api/v1/deals/" + id).header("If-Match", "\"1\""), this.ana, "{\"ownerId\":\"" + this.boId + "\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.ownerId").value(this.boId.toString()));
		send(get("/api/v1/deals/" + id), this.ana, null).andExpect(status().isNotFound());
		send(get("/api/v1/deals/" + id), this.bo, null).andExpect(status().isOk());
	}

	@Test
	void aDealOnTheTimelineOfACustomerIsShownOnlyToThoseWhoMayReadTheDeal() throws Exception {
		// The administrator puts Bo's customer on Ana's deal (also checks that a rep may
		// not change the settings).
		MvcResult created = send(post("/api/v1/people"), this.admin,
				"{\"displayName\":\"Bea Both\",\"ownerId\":\"" + this.boId + "\"}")
			.andExpect(status().isCreated())
			.andReturn();
		String bea = JsonPath.read(created.getResponse().getContentAsString(), "$.id");
		create(this.admin, "{\"name\":\"Shared interest\",\"ownerId\":\"" + this.anaId
				+ "\",\"people\":[{\"personId\":\"" + bea + "\"}]}");
		send(get("/api/v1/people/" + bea + "/timeline?kind=deal"), this.admin, null)
			.andExpect(jsonPath("$.items", hasSize(1)));
		send(get("/api/v1/people/" + bea + "/timeline?kind=deal"), this.bo, null).andExpect(status().isOk())
			.andExpect(jsonPath("$.items", hasSize(0)));
		send(put("/api/v1/sales/settings").header("If-Match", "\"1\""), this.ana, "{\"winActivatesPeople\":false}")
			.andExpect(status().isForbidden());
	}

	@Test
	void timeInStageAndTheSalesCycleAreReadPerPipeline() throws Exception {
		String proposal = stage("Proposal");
		String won = stage("Won");
		String id = create(this.ana, "{\"name\":\"Quick win\",\"amount\":100}");
		create(this.ana, "{\"name\":\"Still open\",\"amount\":100}");
		send(post("/api/v1/deals/" + id + "/stage").header("If-Match", "\"1\""), this.ana,
				"{\"stageId\":\"" + proposal + "\"}")
			.andExpect(status().isOk());
		send(post("/api/v1/deals/" + id + "/stage").header("If-Match", "\"2\""), this.ana,
				"{\"stageId\":\"" + won + "\"}")
			.andExpect(status().isOk());
		String pipeline = JsonPath.read(
				send(get("/api/v1/deals/" + id), this.ana, null).andReturn().getResponse().getContentAsString(),
				"$.pipelineId");
		send(get("/api/v1/pipelines/" + pipeline + "/stage-times?days=30"), this.ana, null).andExpect(status().isOk())
			.andExpect(jsonPath("$.won").value(1))
			.andExpect(jsonPath("$.averageSalesCycleDays").value(0.0))
			.andExpect(jsonPath("$.stages[0].name").value("Qualified"))
			.andExpect(jsonPath("$.stages[0].left").value(1))
			.andExpect(jsonPath("$.stages[0].openNow").value(1))
			.andExpect(jsonPath("$.stages[0].averageDaysSoFar").value(0.0))
			.andExpect(jsonPath("$.stages[2].name").value("Proposal"))
			.andExpect(jsonPath("$.stages[2].left").value(1))
			.andExpect(jsonPath("$.stages[1].left").value(0));
		send(get("/api/v1/pipelines/" + pipeline + "/stage-times"), this.bo, null).andExpect(jsonPath("$.won").value(0))
			.andExpect(jsonPath("$.stages[0].openNow").value(0));
		send(get("/api/v1/pipelines/" + pipeline + "/stage-times?days=0"), this.ana, null)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("days"));
	}

	@Test
	void aStaleChangeIsRefusedWith412AndADeletedDealIsGone() throws Exception {
		String id = create(this.ana, "{\"name\":\"Yoga studio\",\"amount\":500}");
		send(patch("/api/v1/deals/" + id).header("If-Match", "\"1\""), this.ana,
				"{\"amount\":650,\"source\":\"referral\"}")
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"2\""))
			.andExpect(jsonPath("$.amount").value(650.00))
			.andExpect(jsonPath("$.source").value("referral"))
			.andExpect(jsonPath("$.name").value("Yoga studio"));
		send(patch("/api/v1/deals/" + id).header("If-Match", "\"1\""), this.ana, "{\"amount\":1}")
			.andExpect(status().isPreconditionFailed());
		send(put("/api/v1/deals/" + id).header("If-Match", "\"1\""), this.ana, "{\"name\":\"Other\"}")
			.andExpect(status().isPreconditionFailed());
		send(patch("/api/v1/deals/" + id), this.ana, "{\"amount\":1}").andExpect(status().isPreconditionRequired());
		send(put("/api/v1/deals/" + id).header("If-Match", "\"2\""), this.ana, "{\"name\":\"\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("name"));
		send(get("/api/v1/deals/" + id), this.ana, null).andExpect(jsonPath("$.amount").value(650.00))
			.andExpect(header().string("ETag", "\"2\""));
		send(delete("/api/v1/deals/" + id).header("If-Match", "\"2\""), this.ana, null)
			.andExpect(status().isNoContent());
		send(get("/api/v1/deals/" + id), this.ana, null).andExpect(status().isNotFound());
	}

	@Test
	void movingThroughStagesKeepsTheHistoryAndLosingNeedsAReason() throws Exception {
		String id = create(this.ana, "{\"name\":\"Spa\"}");
		String meeting = stage("Meeting");
		String lost = stage("Lost");
		send(post("/api/v1/deals/" + id + "/stage").header("If-Match", "\"1\""), this.ana,
				"{\"stageId\":\"" + meeting + "\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.stageName").value("Meeting"))
			.andExpect(header().string("ETag", "\"2\""));
		send(post("/api/v1/deals/" + id + "/stage").header("If-Match", "\"2\""), this.ana,
				"{\"stageId\":\"" + lost + "\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("lostReason"));
		send(post("/api/v1/deals/" + id + "/stage").header("If-Match", "\"1\""), this.ana,
				"{\"stageId\":\"" + lost + "\",\"lostReason\":\"Price\"}")
			.andExpect(status().isPreconditionFailed());
		send(post("/api/v1/deals/" + id + "/stage").header("If-Match", "\"2\""), this.ana,
				"{\"stageId\":\"" + lost + "\",\"lostReason\":\"Chose a cheaper offer\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("lost"))
			.andExpect(jsonPath("$.lostReason").value("Chose a cheaper offer"))
			.andExpect(jsonPath("$.closedAt").isNotEmpty());
		send(get("/api/v1/deals/" + id + "/stage-changes"), this.ana, null).andExpect(status().isOk())
			.andExpect(jsonPath("$[*].toStageName", org.hamcrest.Matchers.contains("Qualified", "Meeting", "Lost")))
			.andExpect(jsonPath("$[0].fromStageId").value(nullValue()))
			.andExpect(jsonPath("$[1].fromStageName").value("Qualified"))
			.andExpect(jsonPath("$[2].fromStageName").value("Meeting"))
			.andExpect(jsonPath("$[1].secondsInFromStage").isNumber())
			.andExpect(jsonPath("$[2].changedBy").value(this.anaId.toString()));
	}

	@Test
	void winningMakesThePeopleActiveCustomersOnlyWhenTheWorkspaceWantsIt() throws Exception {
		String lead = person("Lena Lead", "lead");
		String loyal = person("Lars Loyal", "loyal");
		String won = stage("Won");
		String first = create(this.ana, "{\"name\":\"Family pass\",\"people\":[{\"personId\":\"" + lead
				+ "\",\"role\":\"Decision maker\"},{\"personId\":\"" + loyal + "\"}]}");
		send(get("/api/v1/deals/" + first), this.ana, null)
			.andExpect(jsonPath("$.people[*].role", containsInAnyOrder("Decision maker", null)));
		send(post("/api/v1/deals/" + first + "/stage").header("If-Match", "\"1\""), this.ana,
				"{\"stageId\":\"" + won + "\"}")
			.andExpect(jsonPath("$.status").value("won"));
		send(get("/api/v1/people/" + lead), this.ana, null).andExpect(jsonPath("$.lifecycleStage").value("active"));
		send(get("/api/v1/people/" + loyal), this.ana, null).andExpect(jsonPath("$.lifecycleStage").value("loyal"));
		send(get("/api/v1/people/" + lead + "/timeline?kind=deal"), this.ana, null)
			.andExpect(jsonPath("$.items", hasSize(1)))
			.andExpect(jsonPath("$.items[0].data.deal").value("won"));

		send(put("/api/v1/sales/settings").header("If-Match", "\"1\""), this.admin, "{\"winActivatesPeople\":false}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.winActivatesPeople").value(false));
		String other = person("Otto Other", "lead");
		String second = create(this.ana,
				"{\"name\":\"Single pass\",\"people\":[{\"personId\":\"" + other + "\",\"role\":\"Buyer\"}]}");
		send(post("/api/v1/deals/" + second + "/stage").header("If-Match", "\"1\""), this.ana,
				"{\"stageId\":\"" + won + "\"}")
			.andExpect(jsonPath("$.status").value("won"));
		send(get("/api/v1/people/" + other), this.ana, null).andExpect(jsonPath("$.lifecycleStage").value("lead"));
	}

	@Test
	void aRepCannotReadOrMoveAnotherRepsDeal() throws Exception {
		String id = create(this.ana, "{\"name\":\"Private deal\"}");
		send(get("/api/v1/deals/" + id), this.bo, null).andExpect(status().isNotFound());
		send(post("/api/v1/deals/" + id + "/stage").header("If-Match", "\"1\""), this.bo,
				"{\"stageId\":\"" + stage("Meeting") + "\"}")
			.andExpect(status().isNotFound());
		send(delete("/api/v1/deals/" + id).header("If-Match", "\"1\""), this.bo, null).andExpect(status().isNotFound());
		send(get("/api/v1/deals/" + id), this.admin, null).andExpect(status().isOk());
		Actors.runAs(new Actor(this.workspace.id(), this.anaId),
				() -> assertThat(this.deals.find(UUID.fromString(id))).isPresent());
	}

	@Test
	void customFieldsOfDealsAreValidated() throws Exception {
		send(post("/api/v1/custom-fields?object=deal"), this.admin,
				"{\"key\":\"seats\",\"label\":\"Seats\",\"type\":\"number\"}")
			.andExpect(status().isCreated());
		send(post("/api/v1/deals"), this.ana, "{\"name\":\"Seats\",\"custom\":{\"seats\":\"many\"}}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("custom.seats"));
		send(post("/api/v1/deals"), this.ana, "{\"name\":\"Seats\",\"custom\":{\"colour\":\"red\"}}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("custom.colour"));
		String id = create(this.ana, "{\"name\":\"Seats\",\"custom\":{\"seats\":40}}");
		send(get("/api/v1/deals/" + id), this.ana, null).andExpect(jsonPath("$.custom.seats").value(40));
	}

	@Test
	void lineItemsDriveTheAmountAndBumpTheVersion() throws Exception {
		String product = JsonPath.read(send(post("/api/v1/products"), this.admin,
				"{\"name\":\"Membership\",\"code\":\"MEM-1\",\"unitPrice\":100,\"currency\":\"EUR\"}")
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		String dollars = JsonPath.read(send(post("/api/v1/products"), this.admin,
				"{\"name\":\"US plan\",\"unitPrice\":50,\"currency\":\"USD\"}")
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		String id = create(this.ana, "{\"name\":\"Club\",\"amount\":5}");
		send(post("/api/v1/deals/" + id + "/line-items"), this.ana,
				"{\"productId\":\"" + product + "\",\"quantity\":3,\"discountPercent\":10}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.name").value("Membership"))
			.andExpect(jsonPath("$.unitPrice").value(100.00))
			.andExpect(jsonPath("$.total").value(270.00));
		String item = JsonPath.read(send(post("/api/v1/deals/" + id + "/line-items"), this.ana,
				"{\"name\":\"Set-up\",\"quantity\":1,\"unitPrice\":19.999}")
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		send(get("/api/v1/deals/" + id), this.ana, null).andExpect(jsonPath("$.amountFromItems").value(true))
			.andExpect(jsonPath("$.amount").value(290.00))
			.andExpect(header().string("ETag", "\"3\""));
		send(post("/api/v1/deals/" + id + "/line-items"), this.ana, "{\"productId\":\"" + dollars + "\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("productId"));
		send(patch("/api/v1/deals/" + id + "/line-items/" + item).header("If-Match", "\"1\""), this.ana,
				"{\"quantity\":2}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(40.00));
		send(get("/api/v1/deals/" + id), this.ana, null).andExpect(jsonPath("$.amount").value(310.00));
		send(delete("/api/v1/deals/" + id + "/line-items/" + item), this.ana, null).andExpect(status().isNoContent());
		send(get("/api/v1/deals/" + id), this.ana, null).andExpect(jsonPath("$.amount").value(270.00))
			.andExpect(header().string("ETag", "\"5\""));
		send(get("/api/v1/deals/" + id + "/line-items"), this.ana, null).andExpect(jsonPath("$", hasSize(1)));
		send(patch("/api/v1/deals/" + id).header("If-Match", "\"5\""), this.ana,
				"{\"amountFromItems\":false,\"amount\":250}")
			.andExpect(jsonPath("$.amount").value(250.00));
	}

	@Test
	void anActivityMovesLastActivityForwardOnlyWithoutChangingTheVersion() throws Exception {
		String id = create(this.ana, "{\"name\":\"Activity\"}");
		OffsetDateTime later = OffsetDateTime.of(2026, 11, 20, 10, 0, 0, 0, ZoneOffset.UTC);
		Actors.runAs(new Actor(this.workspace.id(), this.anaId), () -> {
			this.deals.recordActivity(UUID.fromString(id), later);
			this.deals.recordActivity(UUID.fromString(id), later.minusDays(3));
		});
		send(get("/api/v1/deals/" + id), this.ana, null).andExpect(header().string("ETag", "\"1\""))
			.andExpect(jsonPath("$.lastActivityAt").value("2026-11-20T10:00:00Z"));
	}

	private String create(String token, String json) throws Exception {
		MvcResult created = send(post("/api/v1/deals"), token, json).andExpect(status().isCreated()).andReturn();
		return JsonPath.read(created.getResponse().getContentAsString(), "$.id");
	}

	private String person(String name, String stage) throws Exception {
		MvcResult created = send(post("/api/v1/people"), this.ana,
				"{\"displayName\":\"" + name + "\",\"lifecycleStage\":\"" + stage + "\"}")
			.andExpect(status().isCreated())
			.andReturn();
		return JsonPath.read(created.getResponse().getContentAsString(), "$.id");
	}

	private String stage(String name) throws Exception {
		MvcResult pipelines = send(get("/api/v1/pipelines"), this.ana, null).andReturn();
		List<String> ids = JsonPath.read(pipelines.getResponse().getContentAsString(),
				"$[0].stages[?(@.name == '" + name + "')].id");
		return ids.get(0);
	}

	private ResultActions send(MockHttpServletRequestBuilder request, String token,
			@org.jspecify.annotations.Nullable String json) throws Exception {
		request.header("Authorization", "Bearer " + token);
		if (json != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json);
		}
		return this.mvc.perform(request);
	}

}
