package dev.rapport.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * A search shows its best matches first (the matched word, then the name), pages through
 * them without gaps or repeats, and finds people by their company's name as it is now.
 */
@IntegrationTest
@TestPropertySource(properties = "rapport.customers.count-exact-limit=4")
class SearchOrderIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	String token;

	@BeforeEach
	void workspace() {
		Fixtures.Workspace workspace = this.fixtures.workspace("SearchOrder");
		this.token = "Bearer " + this.fixtures.token(workspace.id(), workspace.adminId(), "read", "write");
	}

	@Test
	void bestMatchesComeFirstAndPagesHaveNoGapsOrRepeats() throws Exception {
		for (String name : List.of("Ans Jansen", "Jana Smit", "Jan Bakker", "Jan Alders", "Piet Janssen",
				"Other Person", "Jan Jansen")) {
			create("/api/v1/people", "{\"displayName\":\"" + name + "\"}");
		}
		// "jan" exactly first (by name), then "jana", then "jansen", then "janssen". Jan
		// Jansen matches twice but is listed once, at his best match.
		List<String> expected = List.of("Jan Alders", "Jan Bakker", "Jan Jansen", "Jana Smit", "Ans Jansen",
				"Piet Janssen");
		assertThat(search("jan", null)).containsExactlyElementsOf(expected);

		List<String> paged = new ArrayList<>();
		String cursor = null;
		do {
			MvcResult result = this.mvc.perform(auth(get("/api/v1/people").param("q", "jan").param("limit", "2"))
				.param("cursor", (cursor != null) ? cursor : "")).andExpect(status().isOk()).andReturn();
			String body = result.getResponse().getContentAsString();
			paged.addAll(JsonPath.read(body, "$.items[*].displayName"));
			cursor = JsonPath.read(body, "$.next");
		}
		while (cursor != null);
		assertThat(paged).containsExactlyElementsOf(expected);

		assertThat(search("jan", "name")).containsExactly("Ans Jansen", "Jan Alders", "Jan Bakker", "Jan Jansen",
				"Jana Smit", "Piet Janssen");
		assertThat(search("jansen jan", null)).containsExactly("Ans Jansen", "Jan Jansen");

		// Counted exactly up to the limit (4 here), then estimated where the database
		// can.
		String exact = count("jansen");
		assertThat((Integer) JsonPath.read(exact, "$.count")).isEqualTo(2);
		assertThat((Boolean) JsonPath.read(exact, "$.exact")).isTrue();
		String beyond = count("jan");
		assertThat((Boolean) JsonPath.read(beyond, "$.exact")).isFalse();
		if ((Boolean) JsonPath.read(beyond, "$.estimated")) {
			assertThat((Integer) JsonPath.read(beyond, "$.count")).isGreaterThan(4);
		}
		else {
			assertThat((Integer) JsonPath.read(beyond, "$.count")).isEqualTo(4);
		}

		this.mvc.perform(auth(get("/api/v1/people").param("q", "jan").param("sort", "shoe size")))
			.andExpect(status().isUnprocessableContent());
	}

	@Test
	void peopleAreFoundByTheirCompanysNameAsItIsNow() throws Exception {
		String acme = create("/api/v1/companies", "{\"name\":\"Acme Trading\",\"domain\":\"acme.example\"}");
		String other = create("/api/v1/companies", "{\"name\":\"Blue Harbour\"}");
		String wei = create("/api/v1/people", "{\"displayName\":\"王伟\",\"companyId\":\"" + acme + "\"}");
		create("/api/v1/people", "{\"displayName\":\"Acme Fan\"}");
		assertThat(search("acme", null)).containsExactly("Acme Fan", "王伟");
		assertThat(search("acme.example", null)).containsExactly("王伟");
		assertThat(search("trading", null)).containsExactly("王伟");

		this.mvc
			.perform(auth(put("/api/v1/companies/" + acme)).header("If-Match", "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Zenith Trading\",\"domain\":\"zenith.example\"}"))
			.andExpect(status().isOk());
		assertThat(search("acme", null)).containsExactly("Acme Fan");
		assertThat(search("zenith", null)).containsExactly("王伟");

		this.mvc
			.perform(auth(put("/api/v1/people/" + wei)).header("If-Match", "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"displayName\":\"王伟\",\"companyId\":\"" + other + "\"}"))
			.andExpect(status().isOk());
		assertThat(search("zenith", null)).isEmpty();
		assertThat(search("harbour", null)).containsExactly("王伟");
		assertThat(search("王", null)).containsExactly("王伟");
	}

	@Test
	@SuppressWarnings("unchecked")
	void aWordWithATypoFindsTheWordsOneTypoAway() throws Exception {
		for (String name : List.of("Anna Jansen", "Piet Janssen", "Lucía Fernández", "Sara Fernandes", "رضا محمدی",
				"Other Person")) {
			create("/api/v1/people", "{\"displayName\":\"" + name + "\"}");
		}
		assertThat(search("jansne", null)).containsExactly("Anna Jansen");
		assertThat(search("jansenn", null)).containsExactly("Anna Jansen");
		assertThat(search("jansen", null)).containsExactly("Anna Jansen");
		assertThat(search("fernandex", null)).containsExactly("Sara Fernandes", "Lucía Fernández");
		assertThat(search("anna jansne", null)).containsExactly("Anna Jansen");
		assertThat(search("piet jansne", null)).isEmpty();
		assertThat(search("محمودی", null)).containsExactly("رضا محمدی");
		// The first two letters count, short words are not corrected, prefixes still
		// work.
		assertThat(search("ajnsen", null)).isEmpty();
		assertThat(search("jnas", null)).isEmpty();
		assertThat(search("jans", null)).containsExactly("Anna Jansen", "Piet Janssen");

		String body = this.mvc.perform(auth(get("/api/v1/people").param("q", "jansne")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat((List<String>) JsonPath.read(body, "$.similar")).containsExactly("jansen");
		body = this.mvc.perform(auth(get("/api/v1/people").param("q", "jans")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat((List<String>) JsonPath.read(body, "$.similar")).isEmpty();
	}

	@Test
	void listsSortByACustomFieldWithEmptyValuesLast() throws Exception {
		create("/api/v1/custom-fields?object=person", "{\"key\":\"visits\",\"label\":\"Visits\",\"type\":\"number\"}");
		create("/api/v1/custom-fields?object=person", "{\"key\":\"since\",\"label\":\"Since\",\"type\":\"date\"}");
		String[][] people = { { "Ada", "12", "2024-03-01" }, { "Bea", "5", null }, { "Cas", null, "2023-01-15" },
				{ "Dirk", "12", "2025-07-30" }, { "Eva", "1", null } };
		for (String[] p : people) {
			StringBuilder custom = new StringBuilder();
			if (p[1] != null) {
				custom.append("\"visits\":").append(p[1]);
			}
			if (p[2] != null) {
				custom.append(custom.isEmpty() ? "" : ",").append("\"since\":\"").append(p[2]).append("\"");
			}
			create("/api/v1/people", "{\"displayName\":\"" + p[0] + "\",\"custom\":{" + custom + "}}");
		}
		List<String> ascending = pages("custom.visits");
		assertThat(ascending.subList(0, 2)).containsExactly("Eva", "Bea");
		assertThat(ascending.subList(2, 4)).containsExactlyInAnyOrder("Ada", "Dirk");
		assertThat(ascending.get(4)).isEqualTo("Cas");
		List<String> descending = pages("-custom.visits");
		assertThat(descending.subList(0, 2)).containsExactlyInAnyOrder("Ada", "Dirk");
		assertThat(descending.subList(2, 5)).containsExactly("Bea", "Eva", "Cas");
		List<String> bySince = pages("-custom.since");
		assertThat(bySince.subList(0, 3)).containsExactly("Dirk", "Ada", "Cas");
		assertThat(bySince.subList(3, 5)).containsExactlyInAnyOrder("Bea", "Eva");

		this.mvc.perform(auth(get("/api/v1/people").param("sort", "custom.shoe_size")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.errors[0].field")
				.value("sort"));
	}

	/** Every page of the list in the given order, two rows at a time. */
	private List<String> pages(String sort) throws Exception {
		List<String> names = new ArrayList<>();
		String cursor = null;
		do {
			MockHttpServletRequestBuilder request = get("/api/v1/people").param("sort", sort).param("limit", "2");
			if (cursor != null) {
				request = request.param("cursor", cursor);
			}
			var response = this.mvc.perform(auth(request)).andReturn().getResponse();
			String body = response.getContentAsString();
			assertThat(response.getStatus()).as(body).isEqualTo(200);
			names.addAll(JsonPath.read(body, "$.items[*].displayName"));
			cursor = JsonPath.read(body, "$.next");
		}
		while (cursor != null);
		return names;
	}

	private String count(String q) throws Exception {
		return this.mvc.perform(auth(get("/api/v1/people/count").param("q", q)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private List<String> search(String q, String sort) throws Exception {
		MockHttpServletRequestBuilder request = get("/api/v1/people").param("q", q);
		if (sort != null) {
			request = request.param("sort", sort);
		}
		MvcResult result = this.mvc.perform(auth(request)).andExpect(status().isOk()).andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.items[*].displayName");
	}

	private String create(String path, String body) throws Exception {
		MvcResult result = this.mvc.perform(auth(post(path)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated())
			.andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
	}

	private MockHttpServletRequestBuilder auth(MockHttpServletRequestBuilder request) {
		return request.header("Authorization", this.token);
	}

}
