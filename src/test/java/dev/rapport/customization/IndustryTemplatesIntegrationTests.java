package dev.rapport.customization;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Industry templates: previewed, applied once, and applying again changes nothing; what
 * the workspace set itself is kept.
 */
@IntegrationTest
class IndustryTemplatesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsLoader loader;

	private Fixtures.Workspace workspace;

	private String admin;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Templates");
		this.admin = "Bearer " + this.fixtures.token(this.workspace.id(), this.workspace.adminId(), "read", "write");
	}

	@Test
	void theFitnessClubTemplateIsPreviewedAppliedAndIdempotent() throws Exception {
		this.mvc.perform(get("/api/v1/industry-templates").header("Authorization", this.admin))
			.andExpect(jsonPath("$[*].id", containsInAnyOrder("b2b-services", "fitness-club", "real-estate")));
		this.mvc.perform(get("/api/v1/industry-templates/fitness-club/preview").header("Authorization", this.admin))
			.andExpect(jsonPath("$[*].present", everyItem(is(false))))
			.andExpect(jsonPath("$[*].name", hasItem("Membership end date")))
			.andExpect(jsonPath("$[*].name", hasItem("Trial member")));
		this.mvc.perform(post("/api/v1/industry-templates/fitness-club/apply").header("Authorization", this.admin))
			.andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/custom-fields?object=person").header("Authorization", this.admin))
			.andExpect(jsonPath("$[*].key",
					containsInAnyOrder("membership_type", "membership_end", "visits_per_month", "home_club", "goals")));
		this.mvc.perform(get("/api/v1/industry-templates/fitness-club/preview").header("Authorization", this.admin))
			.andExpect(jsonPath("$[*].present", everyItem(is(true))));
		this.mvc.perform(post("/api/v1/industry-templates/fitness-club/apply").header("Authorization", this.admin))
			.andExpect(jsonPath("$[*].present", everyItem(is(true))));
		this.mvc.perform(get("/api/v1/custom-fields?object=person").header("Authorization", this.admin))
			.andExpect(jsonPath("$.length()").value(5));
		var adminUser = this.loader.loadUserByUsername(this.workspace.adminEmail());
		this.mvc.perform(get("/people/new").with(user(adminUser)))
			.andExpect(content().string(containsString("Trial member")))
			.andExpect(content().string(containsString("Membership type")));
	}

	@Test
	void aStageTheWorkspaceNamedKeepsItsNameAndOnlyAdministratorsApply() throws Exception {
		var adminUser = this.loader.loadUserByUsername(this.workspace.adminEmail());
		this.mvc
			.perform(post("/admin/customers").with(user(adminUser))
				.with(csrf())
				.param("version", "0")
				.param("lifecycleRule", "free")
				.param("activeLabel", "Regular"))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/admin/templates/fitness-club").with(user(adminUser)))
			.andExpect(content().string(containsString("Already there, kept")));
		this.mvc.perform(post("/admin/templates/fitness-club").with(user(adminUser)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/people/new").with(user(adminUser)))
			.andExpect(content().string(containsString("Regular")))
			.andExpect(content().string(containsString("Trial member")));
		String rep = "Bearer " + this.fixtures.token(this.workspace.id(),
				this.fixtures.user(this.workspace.id(), "Rep Tpl", "Sales rep", null), "read", "write");
		this.mvc.perform(post("/api/v1/industry-templates/real-estate/apply").header("Authorization", rep))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/v1/industry-templates/nope/preview").header("Authorization", rep))
			.andExpect(status().isNotFound());
	}

}
