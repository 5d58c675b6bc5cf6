package dev.rapport.identity;

import static dev.rapport.identity.internal.db.Tables.APP_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The users API: bearer tokens with scopes, ETag and If-Match, and problem+json for every
 * kind of bad input, which changes nothing.
 */
@IntegrationTest
class UserApiIntegrationTests {

	private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	DSLContext db;

	private Fixtures.Workspace workspace;

	private String admin;

	private String adminReadOnly;

	private String rep;

	private UUID repId;

	private UUID salesRep;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Api");
		this.admin = this.fixtures.token(this.workspace.id(), this.workspace.adminId(), "read", "write");
		this.adminReadOnly = this.fixtures.token(this.workspace.id(), this.workspace.adminId(), "read");
		this.repId = this.fixtures.user(this.workspace.id(), "Rep Ortega", "Sales rep", null);
		this.rep = this.fixtures.token(this.workspace.id(), this.repId, "read", "write");
		this.salesRep = this.fixtures.role(this.workspace.id(), "Sales rep");
	}

	@Test
	void createsReadsAndUpdatesAUserWithETags() throws Exception {
		MvcResult created = this.mvc
			.perform(post("/api/v1/users").header("Authorization", bearer(this.admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(newUser("zhang.wei@api.test", "张伟", "Harbour lights at dusk 7")))
			.andExpect(status().isCreated())
			.andExpect(header().string("ETag", "\"1\""))
			.andExpect(jsonPath("$.displayName").value("张伟"))
			.andReturn();
		String id = created.getResponse().getHeader("Location").replace("/api/v1/users/", "");
		this.mvc.perform(get("/api/v1/users/" + id).header("Authorization", bearer(this.rep)))
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"1\""))
			.andExpect(jsonPath("$.email").value("zhang.wei@api.test"));
		this.mvc
			.perform(put("/api/v1/users/" + id).header("Authorization", bearer(this.admin))
				.header("If-Match", "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content(update("zhang.wei@api.test", "张伟 (Beijing)")))
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"2\""))
			.andExpect(jsonPath("$.displayName").value("张伟 (Beijing)"));
	}

	@Test
	void auditColumnsNameWhoCreatedAndChangedARecordAndWhen() throws Exception {
		MvcResult created = this.mvc
			.perform(post("/api/v1/users").header("Authorization", bearer(this.admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(newUser("audit@api.test", "Nasrin Ahmadi", "Harbour lights at dusk 7")))
			.andExpect(status().isCreated())
			.andReturn();
		UUID id = UUID.fromString(created.getResponse().getHeader("Location").replace("/api/v1/users/", ""));
		var inserted = this.db.selectFrom(APP_USER).where(APP_USER.ID.eq(id)).fetchSingle();
		assertThat(inserted.getWorkspaceId()).isEqualTo(this.workspace.id());
		assertThat(inserted.getCreatedBy()).isEqualTo(this.workspace.adminId());
		assertThat(inserted.getUpdatedBy()).isEqualTo(this.workspace.adminId());
		assertThat(inserted.getCreatedAt()).isNotNull().isEqualTo(inserted.getUpdatedAt());
		assertThat(inserted.getVersion()).isEqualTo(1);

		UUID secondAdmin = this.fixtures.user(this.workspace.id(), "Second Admin", "Administrator", null);
		String secondToken = this.fixtures.token(this.workspace.id(), secondAdmin, "read", "write");
		this.mvc
			.perform(put("/api/v1/users/" + id).header("Authorization", bearer(secondToken))
				.header("If-Match", "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content(update("audit@api.test", "Nasrin Ahmadi-Rad")))
			.andExpect(status().isOk());
		var changed = this.db.selectFrom(APP_USER).where(APP_USER.ID.eq(id)).fetchSingle();
		assertThat(changed.getCreatedBy()).isEqualTo(this.workspace.adminId());
		assertThat(changed.getCreatedAt()).isEqualTo(inserted.getCreatedAt());
		assertThat(changed.getUpdatedBy()).isEqualTo(secondAdmin);
		assertThat(changed.getUpdatedAt()).isAfterOrEqualTo(inserted.getUpdatedAt());
		assertThat(changed.getVersion()).isEqualTo(2);
	}

	@Test
	void aStaleIfMatchGets412AndChangesNothing() throws Exception {
		this.mvc
			.perform(put("/api/v1/users/" + this.repId).header("Authorization", bearer(this.admin))
				.header("If-Match", "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content(update(email(), "First change")))
			.andExpect(status().isOk());
		this.mvc
			.perform(put("/api/v1/users/" + this.repId).header("Authorization", bearer(this.admin))
				.header("If-Match", "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content(update(email(), "Blind overwrite")))
			.andExpect(status().isPreconditionFailed())
			.andExpect(content().contentTypeCompatibleWith(PROBLEM))
			.andExpect(jsonPath("$.currentVersion").value(2));
		this.mvc.perform(get("/api/v1/users/" + this.repId).header("Authorization", bearer(this.admin)))
			.andExpect(jsonPath("$.displayName").value("First change"));
	}

	@Test
	void ifMatchStarMatchesAnyVersion() throws Exception {
		this.mvc
			.perform(put("/api/v1/users/" + this.repId).header("Authorization", bearer(this.admin))
				.header("If-Match", "*")
				.contentType(MediaType.APPLICATION_JSON)
				.content(update("rep.star@api.test", "Rep Ortega")))
			.andExpect(status().isOk());
	}

	@Test
	void aRefusedDeactivationLeavesTheRestOfTheChangeUnsaved() throws Exception {
		UUID administrator = this.fixtures.role(this.workspace.id(), "Administrator");
		String body = update(this.workspace.adminEmail(), "Renamed Admin")
			.replace(this.salesRep.toString(), administrator.toString())
			.replace("}", ",\"active\":false}");
		this.mvc
			.perform(put("/api/v1/users/" + this.workspace.adminId()).header("Authorization", bearer(this.admin))
				.header("If-Match", "*")
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isUnprocessableContent());
		this.mvc.perform(get("/api/v1/users/" + this.workspace.adminId()).header("Authorization", bearer(this.admin)))
			.andExpect(jsonPath("$.displayName").value(org.hamcrest.Matchers.not("Renamed Admin")))
			.andExpect(jsonPath("$.active").value(true));
	}

	@Test
	void aMalformedCursorIsRefusedNamingIt() throws Exception {
		this.mvc.perform(get("/api/v1/users?cursor=not-a-cursor").header("Authorization", bearer(this.admin)))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("cursor"));
	}

	@Test
	void anUpdateWithoutIfMatchGets428() throws Exception {
		this.mvc
			.perform(put("/api/v1/users/" + this.repId).header("Authorization", bearer(this.admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(update(email(), "No precondition")))
			.andExpect(status().isPreconditionRequired())
			.andExpect(content().contentTypeCompatibleWith(PROBLEM));
	}

	@Test
	void invalidFieldsAreNamedInTheProblem() throws Exception {
		this.mvc
			.perform(post("/api/v1/users").header("Authorization", bearer(this.admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\":\"not-an-email\",\"displayName\":\"\",\"roleId\":\"" + this.salesRep
						+ "\",\"password\":\"Harbour lights at dusk 7\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(PROBLEM))
			.andExpect(jsonPath("$.errors[*].field", hasItem("email")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("displayName")));
	}

	@Test
	void aWeakPasswordIsRefusedNamingTheField() throws Exception {
		this.mvc
			.perform(post("/api/v1/users").header("Authorization", bearer(this.admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(newUser("weak@api.test", "Weak", "password1234")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("password"));
		this.mvc
			.perform(post("/api/v1/users").header("Authorization", bearer(this.admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(newUser("short@api.test", "Short", "tiny")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail", containsString("12")));
		this.mvc.perform(get("/api/v1/users?q=weak@api.test").header("Authorization", bearer(this.admin)))
			.andExpect(jsonPath("$.items").isEmpty());
	}

	@Test
	void aTakenEmailIsRefused() throws Exception {
		this.mvc
			.perform(post("/api/v1/users").header("Authorization", bearer(this.admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(newUser(email(), "Copy", "Harbour lights at dusk 7")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("email"));
	}

	@Test
	void malformedOrOversizedBodiesGet4xx() throws Exception {
		this.mvc
			.perform(post("/api/v1/users").header("Authorization", bearer(this.admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\": "))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(PROBLEM));
		String huge = "{\"displayName\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
		this.mvc
			.perform(post("/api/v1/users").header("Authorization", bearer(this.admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(huge))
			.andExpect(status().isContentTooLarge())
			.andExpect(content().contentTypeCompatibleWith(PROBLEM));
	}

	@Test
	void unknownOrMalformedIdsGet404() throws Exception {
		this.mvc.perform(get("/api/v1/users/" + UUID.randomUUID()).header("Authorization", bearer(this.rep)))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(PROBLEM));
		this.mvc.perform(get("/api/v1/users/not-an-id").header("Authorization", bearer(this.rep)))
			.andExpect(status().isNotFound());
	}

	@Test
	void tokensAreCheckedForShapeValidityScopeAndRole() throws Exception {
		this.mvc.perform(get("/api/v1/users")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/v1/users").header("Authorization", "Basic YWRtaW46YWRtaW4="))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(PROBLEM));
		this.mvc.perform(get("/api/v1/users").header("Authorization", "Bearer rpt_short"))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/v1/users").header("Authorization", "Bearer rpt_" + "A".repeat(43)))
			.andExpect(status().isUnauthorized())
			.andExpect(header().exists("WWW-Authenticate"));
		this.mvc
			.perform(post("/api/v1/users").header("Authorization", bearer(this.adminReadOnly))
				.contentType(MediaType.APPLICATION_JSON)
				.content(newUser("scope@api.test", "Scope", "Harbour lights at dusk 7")))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/api/v1/users").header("Authorization", bearer(this.rep))
				.contentType(MediaType.APPLICATION_JSON)
				.content(newUser("notadmin@api.test", "Not admin", "Harbour lights at dusk 7")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/v1/me").header("Authorization", bearer(this.rep)))
			.andExpect(jsonPath("$.id").value(this.repId.toString()));
	}

	@Test
	void listsPageWithACursor() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.fixtures.user(this.workspace.id(), "Paged " + i, "Sales rep", null);
		}
		MvcResult first = this.mvc.perform(get("/api/v1/users?limit=2").header("Authorization", bearer(this.rep)))
			.andExpect(jsonPath("$.items.length()").value(2))
			.andReturn();
		String next = com.jayway.jsonpath.JsonPath.read(first.getResponse().getContentAsString(), "$.next");
		assertThat(next).isNotBlank();
		this.mvc.perform(get("/api/v1/users?limit=2&cursor=" + next).header("Authorization", bearer(this.rep)))
			.andExpect(jsonPath("$.items.length()").value(2));
		this.mvc.perform(get("/api/v1/users?limit=500").header("Authorization", bearer(this.rep)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("limit"));
	}

	private String email() {
		return this.fixtures.email(this.workspace.id(), this.repId);
	}

	private String newUser(String email, String name, String password) {
		return "{\"email\":\"" + email + "\",\"displayName\":\"" + name + "\",\"roleId\":\"" + this.salesRep
				+ "\",\"password\":\"" + password + "\"}";
	}

	private String update(String email, String name) {
		return "{\"email\":\"" + email + "\",\"displayName\":\"" + name + "\",\"roleId\":\"" + this.salesRep
				+ "\",\"locale\":\"en\",\"timeZone\":\"Europe/Amsterdam\"}";
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

}
