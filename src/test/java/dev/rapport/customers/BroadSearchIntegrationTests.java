package dev.rapport.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Search finds the same people when every prefix counts as broad (checked person by
 * person) as when it is narrow (its matches joined), which the other tests cover.
 */
@IntegrationTest
@TestPropertySource(properties = "rapport.customers.search-narrow-limit=0")
class BroadSearchIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Test
	void broadPrefixesFindPeopleByTheirOwnTermsAndTheirCompanys() throws Exception {
		Fixtures.Workspace workspace = this.fixtures.workspace("Broad");
		String token = "Bearer " + this.fixtures.token(workspace.id(), workspace.adminId(), "read", "write");
		MvcResult company = this.mvc
			.perform(post("/api/v1/companies").header("Authorization", token)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Núñez Fitness\"}"))
			.andExpect(status().isCreated())
			.andReturn();
		String companyId = JsonPath.read(company.getResponse().getContentAsString(), "$.id");
		for (String body : new String[] {
				"{\"displayName\":\"José Núñez\",\"phones\":[{\"number\":\"+34 612 34 56 78\"}]}",
				"{\"displayName\":\"Ana Trainer\",\"companyId\":\"" + companyId + "\"}",
				"{\"displayName\":\"Other Person\"}" }) {
			this.mvc
				.perform(post("/api/v1/people").header("Authorization", token)
					.contentType(MediaType.APPLICATION_JSON)
					.content(body))
				.andExpect(status().isCreated());
		}
		assertThat(search(token, "nune")).containsExactlyInAnyOrder("José Núñez", "Ana Trainer");
		assertThat(search(token, "fitness")).containsExactly("Ana Trainer");
		assertThat(search(token, "+34 612")).containsExactly("José Núñez");
		assertThat(search(token, "jose nun")).containsExactly("José Núñez");
		assertThat(search(token, "nobody")).isEmpty();
	}

	private List<String> search(String token, String q) throws Exception {
		MvcResult result = this.mvc.perform(get("/api/v1/people").param("q", q).header("Authorization", token))
			.andExpect(status().isOk())
			.andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.items[*].displayName");
	}

}
