package dev.rapport.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The generator fills a workspace through the real services: people in several scripts
 * with valid contact data and custom values, companies, interactions and purchases, and
 * people with a 200-entry history for the benchmarks.
 */
@IntegrationTest
class DemoDataIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	DemoData demo;

	@Test
	void fillsAWorkspaceWithRealisticCustomers() throws Exception {
		Fixtures.Workspace workspace = this.fixtures.workspace("Demo");
		DemoData.Generated generated = this.demo.generate(workspace.id(), workspace.adminId(), 60, 2, 42);
		assertThat(generated.people()).isEqualTo(60);
		assertThat(generated.companies()).isEqualTo(6);
		String admin = "Bearer " + this.fixtures.token(workspace.id(), workspace.adminId(), "read");
		this.mvc.perform(get("/api/v1/people/count").header("Authorization", admin))
			.andExpect(jsonPath("$.count").value(60));
		MvcResult heavy = this.mvc.perform(get("/api/v1/people?tag=Long history").header("Authorization", admin))
			.andExpect(jsonPath("$.items.length()").value(2))
			.andReturn();
		String id = JsonPath.read(heavy.getResponse().getContentAsString(), "$.items[0].id");
		this.mvc.perform(get("/api/v1/people/" + id + "/timeline?limit=200").header("Authorization", admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(200));
		MvcResult all = this.mvc.perform(get("/api/v1/people?limit=60").header("Authorization", admin)).andReturn();
		List<String> names = JsonPath.read(all.getResponse().getContentAsString(), "$.items[*].displayName");
		assertThat(names).anyMatch(
				(n) -> n.codePoints().anyMatch((c) -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
		assertThat(names).anyMatch(
				(n) -> n.codePoints().anyMatch((c) -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC));
		this.mvc
			.perform(get("/api/v1/people?filter=custom.visits_per_month:gte:0&limit=1").header("Authorization", admin))
			.andExpect(jsonPath("$.items.length()").value(1));
	}

}
