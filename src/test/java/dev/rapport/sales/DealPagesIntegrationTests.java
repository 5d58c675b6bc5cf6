package dev.rapport.sales;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.MockMvc;

import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The deal pages: "Add deal" on a person's page, the form creating a deal with the person
 * on it, the deal page, a stale edit kept in the form, and the administration of
 * pipelines and products.
 *
 * <pre>
 * workspace "DealPages": Administrator; Sales rep Eve
 * </pre>
 */
@IntegrationTest
class DealPagesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsLoader loader;

	private UserDetails eve;

	private UserDetails admin;

	private String eveToken;

	@BeforeEach
	void workspace() {
		Fixtures.Workspace workspace = this.fixtures.workspace("DealPages");
		UUID eveId = this.fixtures.user(workspace.id(), "Eve Rep", "Sales rep", null);
		this.eve = this.loader.loadUserByUsername(this.fixtures.email(workspace.id(), eveId));
		this.admin = this.loader.loadUserByUsername(workspace.adminEmail());
		this.eveToken = this.fixtures.token(workspace.id(), eveId, "read", "write");
	}

	@Test
	void aDealIsAddedFromAPersonsPageAndShownWithItsHistory() throws Exception {
		String person = JsonPath
			.read(this.mvc
				.perform(post("/api/v1/people").header("Authorization", "Bearer " + this.eveToken)
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"displayName\":\"Nora Buyer\"}"))
				.andReturn()
				.getResponse()
				.getContentAsString(), "$.id");
		this.mvc.perform(get("/people/" + person).with(user(this.eve)))
			.andExpect(content().string(containsString("/deals/new?personId=" + person)))
			.andExpect(content().string(containsString("Add deal")));
		this.mvc.perform(get("/deals/new").param("personId", person).with(user(this.eve)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Their role on the deal")));
		this.mvc.perform(post("/deals").with(user(this.eve)).with(csrf()).param("name", "").param("personId", person))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Enter a name.")));
		String location = this.mvc
			.perform(post("/deals").with(user(this.eve))
				.with(csrf())
				.param("name", "Annual membership")
				.param("amount", "900")
				.param("personId", person)
				.param("role", "Decision maker"))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		this.mvc.perform(get(location).with(user(this.eve)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Annual membership")))
			.andExpect(content().string(containsString("Nora Buyer")))
			.andExpect(content().string(containsString("Decision maker")))
			.andExpect(content().string(containsString("Created in Qualified")))
			.andExpect(content().string(containsString("/activities/fragment?deal=")));
		this.mvc
			.perform(post(location).with(user(this.eve)).with(csrf()).param("name", "Renamed").param("version", "0"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Someone else saved this record")))
			.andExpect(content().string(containsString("Renamed")));
	}

	@Test
	void administratorsKeepPipelinesAndProducts() throws Exception {
		this.mvc.perform(get("/admin/pipelines").with(user(this.admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("New business")))
			.andExpect(content().string(containsString("Negotiation")));
		this.mvc.perform(post("/admin/pipelines").with(user(this.admin)).with(csrf()).param("name", "Partners"))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/admin/pipelines").with(user(this.admin)))
			.andExpect(content().string(containsString("Partners")));
		this.mvc
			.perform(post("/products").with(user(this.admin))
				.with(csrf())
				.param("name", "Sauna pass")
				.param("code", "SAUNA")
				.param("unitPrice", "12.50")
				.param("active", "true"))
			.andExpect(status().is3xxRedirection());
		this.mvc
			.perform(post("/products").with(user(this.admin))
				.with(csrf())
				.param("name", "Other")
				.param("code", "SAUNA")
				.param("unitPrice", "1"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Another product has the code SAUNA")));
		this.mvc.perform(get("/products").param("q", "sau").with(user(this.eve)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Sauna pass")));
	}

}
