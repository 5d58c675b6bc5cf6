package dev.rapport.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The access policy as a matrix over read, list, update and delete, through the REST API
 * and the real security chain. The fixture:
 *
 * <pre>
 *   Ada (Administrator)                      everything in the workspace
 *    └─ Mia (Sales manager)                  manager of Ravi and Rosa
 *        ├─ Ravi (Sales rep)   team North ─┐
 *        └─ Rosa (Sales rep)               │
 *   Sam (Support agent)        team North ─┘ also
 *   Sue (Marketing)            team Service
 *
 *   records:  ravi's  owner Ravi, shared with North
 *             rosa's  owner Rosa
 *             mia's   owner Mia
 *             sam's   owner Sam,  shared with North
 *             ada's   owner Ada,  shared with Service
 * </pre>
 *
 * Owners and everyone above them (manager chain or role hierarchy) read, update and
 * delete; team members read and update, never delete; everyone else gets 404.
 */
@IntegrationTest
class AccessPolicyIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	DSLContext dsl;

	private UUID workspace;

	private final Map<String, UUID> users = new LinkedHashMap<>();

	private final Map<String, String> tokens = new LinkedHashMap<>();

	private final Map<String, UUID> records = new LinkedHashMap<>();

	private final Map<String, UUID[]> ownerAndTeam = new LinkedHashMap<>();

	@BeforeEach
	void drawTheFixture() {
		Fixtures.Workspace ws = this.fixtures.workspace("Matrix");
		this.workspace = ws.id();
		UUID ada = ws.adminId();
		UUID mia = this.fixtures.user(this.workspace, "Mia", "Sales manager", null);
		UUID ravi = this.fixtures.user(this.workspace, "Ravi", "Sales rep", mia);
		UUID rosa = this.fixtures.user(this.workspace, "Rosa", "Sales rep", mia);
		UUID sam = this.fixtures.user(this.workspace, "Sam", "Support agent", null);
		UUID sue = this.fixtures.user(this.workspace, "Sue", "Marketing", null);
		UUID north = this.fixtures.team(this.workspace, "North", ravi, sam);
		UUID service = this.fixtures.team(this.workspace, "Service", sue);
		Map.of("ada", ada, "mia", mia, "ravi", ravi, "rosa", rosa, "sam", sam, "sue", sue).forEach((label, id) -> {
			this.users.put(label, id);
			this.tokens.put(label, this.fixtures.token(this.workspace, id, "read", "write"));
		});
		record("ravi's", ravi, north);
		record("rosa's", rosa, null);
		record("mia's", mia, null);
		record("sam's", sam, north);
		record("ada's", ada, service);
	}

	/** Who may do what: R read and list, U update, D delete; absent means 404. */
	private static final Map<String, Map<String, String>> EXPECTED = Map.of("ada",
			Map.of("ravi's", "RUD", "rosa's", "RUD", "mia's", "RUD", "sam's", "RUD", "ada's", "RUD"), "mia",
			Map.of("ravi's", "RUD", "rosa's", "RUD", "mia's", "RUD"), "ravi", Map.of("ravi's", "RUD", "sam's", "RU"),
			"rosa", Map.of("rosa's", "RUD"), "sam", Map.of("sam's", "RUD", "ravi's", "RU"), "sue",
			Map.of("ada's", "RU"));

	@Test
	void listReadUpdateAndDeleteFollowThePolicy() throws Exception {
		List<String> wrong = new ArrayList<>();
		for (String user : this.users.keySet()) {
			Map<String, String> allowed = EXPECTED.get(user);
			List<String> listed = list(user);
			assertThat(listed).as("%s's list", user).containsExactlyInAnyOrderElementsOf(allowed.keySet());
			for (String label : this.records.keySet()) {
				String rights = allowed.getOrDefault(label, "");
				UUID id = this.records.get(label);
				expect(wrong, user, label, "read", rights.contains("R") ? 200 : 404, status(readProbe(id), user));
				expect(wrong, user, label, "update", rights.contains("U") ? 200 : (rights.contains("R") ? 403 : 404),
						status(updateProbe(id, label), user));
				UUID disposable = copyOf(label);
				expect(wrong, user, label, "delete", rights.contains("D") ? 204 : (rights.contains("R") ? 403 : 404),
						status(deleteProbe(disposable), user));
			}
		}
		assertThat(wrong).as("cells of the matrix that differ").isEmpty();
	}

	@Test
	void aRecordOutsideYourReachAnswers404WithoutItsData() throws Exception {
		MvcResult result = this.mvc.perform(get("/api/v1/test-probes/" + this.records.get("mia's"))
			.header("Authorization", "Bearer " + this.tokens.get("rosa"))).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(404);
		assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat(result.getResponse().getContentAsString()).doesNotContain("mia's");
	}

	@Test
	void aDeleteRefusedForATeamMemberCarriesNoData() throws Exception {
		MvcResult result = this.mvc.perform(delete("/api/v1/test-probes/" + this.records.get("sam's"))
			.header("Authorization", "Bearer " + this.tokens.get("ravi"))).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(403);
		assertThat(result.getResponse().getContentAsString()).doesNotContain("sam's");
	}

	@Test
	void aManagerSeesReportsOfReportsAtAnyDepth() throws Exception {
		UUID rosa = this.users.get("rosa");
		UUID intern = this.fixtures.user(this.workspace, "Ivo", "Sales rep", rosa);
		record("ivo's", intern, null);
		assertThat(list("mia")).contains("ivo's");
		assertThat(list("rosa")).contains("ivo's");
		assertThat(list("ravi")).doesNotContain("ivo's");
	}

	private void expect(List<String> wrong, String user, String label, String action, int expected, int actual) {
		if (expected != actual) {
			wrong.add(user + " " + action + " " + label + ": expected " + expected + " but was " + actual);
		}
	}

	private List<String> list(String user) throws Exception {
		MvcResult result = this.mvc
			.perform(get("/api/v1/test-probes").header("Authorization", "Bearer " + this.tokens.get(user)))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		String body = result.getResponse().getContentAsString();
		return List.of(body.replaceAll("[\\[\\]\"]", "").split(","))
			.stream()
			.filter((s) -> !s.isBlank() && !s.startsWith("copy of "))
			.toList();
	}

	private int status(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String user)
			throws Exception {
		return this.mvc.perform(request.header("Authorization", "Bearer " + this.tokens.get(user)))
			.andReturn()
			.getResponse()
			.getStatus();
	}

	private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder readProbe(UUID id) {
		return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/test-probes/" + id);
	}

	private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder updateProbe(UUID id,
			String title) {
		return put("/api/v1/test-probes/" + id).contentType(MediaType.APPLICATION_JSON)
			.content("{\"title\":\"" + title + "\"}");
	}

	private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder deleteProbe(UUID id) {
		return delete("/api/v1/test-probes/" + id);
	}

	private void record(String label, UUID owner, @Nullable UUID team) {
		this.records.put(label, insert(label, owner, team));
		this.ownerAndTeam.put(label, new UUID[] { owner, team });
	}

	private UUID copyOf(String label) {
		UUID[] ownerTeam = this.ownerAndTeam.get(label);
		return insert("copy of " + label, ownerTeam[0], ownerTeam[1]);
	}

	private UUID insert(String title, UUID owner, @Nullable UUID team) {
		return AccessProbeController.insert(this.dsl, this.workspace, title, owner, team);
	}

}
