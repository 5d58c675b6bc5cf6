package dev.rapport.dataquality;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The rows a merge moves in tables where several people share a record (the people on a
 * deal, the attendees of a meeting): only the merged person's place moves, never the
 * others' on the same record, none where the survivor is already, and an undo moves back
 * exactly those.
 *
 * <pre>
 * workspace "Places": Sales rep Ana (owns Robert, Bob and Carol)
 * </pre>
 */
@IntegrationTest
class MergeParticipantsIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	private String ana;

	@BeforeEach
	void workspace() {
		Fixtures.Workspace workspace = this.fixtures.workspace("Places");
		UUID anaId = this.fixtures.user(workspace.id(), "Ana Rep", "Sales rep", null);
		this.ana = "Bearer " + this.fixtures.token(workspace.id(), anaId, "read", "write");
	}

	@Test
	void aMergeMovesOnlyTheMergedPersonsPlacesOnSharedDealsAndMeetingsAndUndoMovesThemBack() throws Exception {
		String robert = create("/api/v1/people", "{\"givenName\":\"Robert\",\"familyName\":\"Smith\"}");
		String bob = create("/api/v1/people", "{\"givenName\":\"Bob\",\"familyName\":\"Smith\"}");
		String carol = create("/api/v1/people", "{\"givenName\":\"Carol\",\"familyName\":\"Jones\"}");
		String deal = create("/api/v1/deals", "{\"name\":\"Shared with Carol\",\"people\":[{\"personId\":\"" + bob
				+ "\",\"role\":\"buyer\"},{\"personId\":\"" + carol + "\"}]}");
		String withCarol = create("/api/v1/activities", """
				{"kind":"meeting","title":"With Carol","startsAt":"2030-05-01T10:00:00Z",
				 "attendeePersonIds":["%s","%s"]}""".formatted(bob, carol));
		String withRobert = create("/api/v1/activities", """
				{"kind":"meeting","title":"With Robert","startsAt":"2030-05-02T10:00:00Z",
				 "attendeePersonIds":["%s","%s"]}""".formatted(bob, robert));

		MvcResult merged = send(post("/api/v1/merges").header("If-Match", "\"1\", \"1\""),
				"{\"kind\":\"person\",\"survivorId\":\"" + robert + "\",\"mergedId\":\"" + bob + "\",\"values\":{}}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.moved['sales.deals']", hasSize(1)))
			.andExpect(jsonPath("$.moved['activities.attendees']", hasSize(1)))
			.andReturn();
		String mergeId = JsonPath.read(merged.getResponse().getContentAsString(), "$.id");

		send(get("/api/v1/deals/" + deal), null)
			.andExpect(jsonPath("$.people[*].personId", containsInAnyOrder(robert, carol)));
		send(get("/api/v1/activities/" + withCarol), null)
			.andExpect(jsonPath("$.attendeePersonIds", containsInAnyOrder(robert, carol)));
		send(get("/api/v1/activities/" + withRobert), null)
			.andExpect(jsonPath("$.attendeePersonIds", containsInAnyOrder(robert, bob)));

		send(post("/api/v1/merges/" + mergeId + "/undo"), null).andExpect(status().isOk());

		send(get("/api/v1/deals/" + deal), null)
			.andExpect(jsonPath("$.people[*].personId", containsInAnyOrder(bob, carol)));
		send(get("/api/v1/activities/" + withCarol), null)
			.andExpect(jsonPath("$.attendeePersonIds", containsInAnyOrder(bob, carol)));
		send(get("/api/v1/activities/" + withRobert), null)
			.andExpect(jsonPath("$.attendeePersonIds", containsInAnyOrder(robert, bob)));
	}

	private String create(String path, String json) throws Exception {
		MvcResult result = send(post(path), json).andExpect(status().isCreated()).andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
	}

	private ResultActions send(MockHttpServletRequestBuilder request, @Nullable String json) throws Exception {
		request.header("Authorization", this.ana);
		if (json != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json);
		}
		return this.mvc.perform(request);
	}

}
