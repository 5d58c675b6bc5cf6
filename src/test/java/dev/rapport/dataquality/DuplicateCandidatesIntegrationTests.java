package dev.rapport.dataquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.rapport.customers.CustomerKind;
import dev.rapport.customers.CustomerRetention;
import dev.rapport.dataquality.internal.DuplicatePairs;
import dev.rapport.dataquality.internal.DuplicateScans;
import dev.rapport.dataquality.internal.health.OpenDuplicates;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * People who died, leads who were disqualified and archived records are no one's
 * duplicate: not offered by the check at create time, not in the queue, not counted as
 * open duplicates. Their pairs are kept, so undoing the state brings them back as they
 * were.
 *
 * <pre>
 * workspace "Candidates"
 *   admin ─ Sales rep Ravi (owns every person)
 * </pre>
 */
@IntegrationTest
class DuplicateCandidatesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	DuplicateScans scans;

	@Autowired
	DuplicatePairs pairs;

	@Autowired
	OpenDuplicates openDuplicates;

	@Autowired
	CustomerRetention retention;

	private Fixtures.Workspace workspace;

	private UUID raviId;

	private String ravi;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Candidates");
		this.raviId = this.fixtures.user(this.workspace.id(), "Ravi Rep", "Sales rep", null);
		this.ravi = this.fixtures.token(this.workspace.id(), this.raviId, "read", "write");
	}

	@Test
	void theCheckDoesNotOfferPeopleWhoDiedWereDisqualifiedOrAreArchived() throws Exception {
		String robert = createPerson("""
				{"givenName":"Robert","familyName":"Smith","emails":[{"address":"robert.smith@acme.com"}]}""");
		String probe = """
				{"kind":"person","givenName":"Bob","familyName":"Smith","emails":["robert.smith@acme.com"]}""";
		send(post("/api/v1/duplicates/check"), probe).andExpect(jsonPath("$.items", hasSize(1)));

		setState(robert, "{\"state\":\"deceased\"}");
		send(post("/api/v1/duplicates/check"), probe).andExpect(jsonPath("$.items", hasSize(0)));
		clearState(robert);
		send(post("/api/v1/duplicates/check"), probe).andExpect(jsonPath("$.items", hasSize(1)));

		setState(robert, "{\"state\":\"disqualified\",\"reasonCode\":\"no_budget\"}");
		send(post("/api/v1/duplicates/check"), probe).andExpect(jsonPath("$.items", hasSize(0)));
		clearState(robert);

		setState(robert, "{\"state\":\"left\"}");
		send(post("/api/v1/duplicates/check"), probe).andExpect(jsonPath("$.items", hasSize(1)));
		Actors.runAs(Actor.system(this.workspace.id()),
				() -> this.retention.archive(CustomerKind.PERSON, UUID.fromString(robert), "retention: left"));
		send(post("/api/v1/duplicates/check"), probe).andExpect(jsonPath("$.items", hasSize(0)));
	}

	@Test
	void aPairWithAPersonWhoDiedLeavesTheQueueAndTheCountsUntilTheStateIsUndone() throws Exception {
		createPerson("""
				{"givenName":"Pepe","familyName":"García","phones":[{"number":"+34 612 34 56 78"}]}""");
		String jose = createPerson("""
				{"givenName":"José","familyName":"Garcia","phones":[{"number":"+34612345678"}]}""");
		awaitRecheck(() -> queueSize() == 1);
		assertThat(openPairs()).isEqualTo(1);
		assertThat(admin(() -> this.pairs.openCounts()).values().stream().mapToInt(Integer::intValue).sum())
			.isEqualTo(1);

		setState(jose, "{\"state\":\"deceased\"}");
		awaitRecheck(() -> queueSize() == 0);
		assertThat(openPairs()).isZero();
		assertThat(admin(() -> this.pairs.openCounts()).values().stream().mapToInt(Integer::intValue).sum()).isZero();

		clearState(jose);
		awaitRecheck(() -> queueSize() == 1);
		assertThat(openPairs()).isEqualTo(1);
	}

	private long openPairs() {
		return Actors.callAs(new Actor(this.workspace.id(), this.raviId),
				() -> this.openDuplicates.openPairs(CustomerKind.PERSON));
	}

	private <T> T admin(Supplier<T> work) {
		return Actors.callAs(new Actor(this.workspace.id(), this.workspace.adminId()), work);
	}

	private void setState(String id, String json) throws Exception {
		send(post("/api/v1/people/" + id + "/end-of-life").header("If-Match", "*"), json).andExpect(status().isOk());
	}

	private void clearState(String id) throws Exception {
		this.mvc
			.perform(delete("/api/v1/people/" + id + "/end-of-life").header("Authorization", "Bearer " + this.ravi)
				.header("If-Match", "*"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("active"));
	}

	private void awaitRecheck(BooleanSupplier condition) throws InterruptedException {
		long until = System.currentTimeMillis() + 20_000;
		while (System.currentTimeMillis() < until) {
			this.scans.recheckQueued();
			if (condition.getAsBoolean()) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("the recheck did not come to the expected queue");
	}

	private int queueSize() {
		try {
			MvcResult result = this.mvc
				.perform(get("/api/v1/duplicates").header("Authorization", "Bearer " + this.ravi))
				.andReturn();
			List<?> items = JsonPath.read(result.getResponse().getContentAsString(), "$.items");
			return items.size();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String createPerson(String json) throws Exception {
		MvcResult result = send(post("/api/v1/people"), json).andExpect(status().isCreated()).andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
	}

	private ResultActions send(MockHttpServletRequestBuilder request, String json) throws Exception {
		return this.mvc.perform(request.header("Authorization", "Bearer " + this.ravi)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

}
