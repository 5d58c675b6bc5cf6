package dev.rapport.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Two businesses on one installation never see each other's users or records, neither in
 * the web UI nor through the API.
 */
@IntegrationTest
class WorkspaceIsolationIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsLoader loader;

	@Autowired
	DSLContext dsl;

	private Fixtures.Workspace acme;

	private Fixtures.Workspace globex;

	private UUID acmeRep;

	private UUID globexRep;

	@BeforeEach
	void twoWorkspaces() {
		this.acme = this.fixtures.workspace("Acme");
		this.globex = this.fixtures.workspace("Globex");
		this.acmeRep = this.fixtures.user(this.acme.id(), "Acme Rep 王芳", "Sales rep", null);
		this.globexRep = this.fixtures.user(this.globex.id(), "Globex Rep مریم", "Sales rep", null);
	}

	@Test
	void theAdminPagesShowOnlyTheirOwnWorkspace() throws Exception {
		String page = this.mvc
			.perform(get("/admin/users").with(user(this.loader.loadUserByUsername(this.acme.adminEmail()))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Acme Rep 王芳").doesNotContain("Globex Rep مریم").doesNotContain("Admin Globex");
		this.mvc
			.perform(get("/admin/users/" + this.globexRep)
				.with(user(this.loader.loadUserByUsername(this.acme.adminEmail()))))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post("/admin/users/" + this.globexRep + "/active").param("active", "false")
				.param("version", "1")
				.with(csrf())
				.with(user(this.loader.loadUserByUsername(this.acme.adminEmail()))))
			.andExpect(status().isNotFound());
		String roles = this.mvc
			.perform(get("/admin/roles").with(user(this.loader.loadUserByUsername(this.globex.adminEmail()))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(roles).contains("Sales rep");
	}

	@Test
	void theApiShowsOnlyTheTokensWorkspace() throws Exception {
		String token = this.fixtures.token(this.acme.id(), this.acme.adminId(), "read", "write");
		String list = this.mvc.perform(get("/api/v1/users?limit=200").header("Authorization", "Bearer " + token))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(list).contains(this.acmeRep.toString()).doesNotContain(this.globexRep.toString());
		this.mvc.perform(get("/api/v1/users/" + this.globexRep).header("Authorization", "Bearer " + token))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(put("/api/v1/users/" + this.globexRep).header("Authorization", "Bearer " + token)
				.header("If-Match", "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\":\"x@y.test\",\"displayName\":\"x\",\"roleId\":\"" + UUID.randomUUID()
						+ "\",\"locale\":\"en\",\"timeZone\":\"UTC\"}"))
			.andExpect(status().isNotFound());
	}

	@Test
	void recordsOfAnotherWorkspaceAreInvisibleEvenToItsAdministrators() throws Exception {
		AccessProbeController.insert(this.dsl, this.acme.id(), "acme deal", this.acmeRep, null);
		AccessProbeController.insert(this.dsl, this.globex.id(), "globex deal", this.globexRep, null);
		String acmeAdmin = this.fixtures.token(this.acme.id(), this.acme.adminId(), "read");
		String globexAdmin = this.fixtures.token(this.globex.id(), this.globex.adminId(), "read");
		String acmeView = this.mvc.perform(get("/api/v1/test-probes").header("Authorization", "Bearer " + acmeAdmin))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String globexView = this.mvc
			.perform(get("/api/v1/test-probes").header("Authorization", "Bearer " + globexAdmin))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(acmeView).contains("acme deal").doesNotContain("globex deal");
		assertThat(globexView).contains("globex deal").doesNotContain("acme deal");
	}

}
