package dev.rapport.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The companies list has the people list's tools: filters on standard and custom fields,
 * sorting with keyset pages, fast counts, saved views, chosen columns and bulk actions,
 * in the API and in the htmx pages.
 *
 * <pre>
 * workspace "CompanyLists": Admin (custom fields)
 *   Sales manager Hana ─ Sales rep Ivo          (Hana reaches Ivo's companies)
 *   Marketing Jin, outside the sales hierarchy, member of team "Shared"
 *   Ivo's companies given to team "Shared": Jin reads and updates them, never deletes
 * </pre>
 */
@IntegrationTest
@TestPropertySource(properties = "rapport.customers.count-exact-limit=3")
class CompanyListIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsLoader loader;

	private String admin;

	private String hana;

	private String ivo;

	private String jin;

	private UUID hanaId;

	private UUID teamId;

	private UserDetails hanaUser;

	@BeforeEach
	void workspace() {
		Fixtures.Workspace workspace = this.fixtures.workspace("CompanyLists");
		this.hanaId = this.fixtures.user(workspace.id(), "Hana Manager", "Sales manager", null);
		UUID ivoId = this.fixtures.user(workspace.id(), "Ivo Rep", "Sales rep", this.hanaId);
		UUID jinId = this.fixtures.user(workspace.id(), "Jin Marketer", "Marketing", null);
		this.teamId = this.fixtures.team(workspace.id(), "Shared", jinId);
		this.admin = "Bearer " + this.fixtures.token(workspace.id(), workspace.adminId(), "read", "write");
		this.hana = "Bearer " + this.fixtures.token(workspace.id(), this.hanaId, "read", "write");
		this.ivo = "Bearer " + this.fixtures.token(workspace.id(), ivoId, "read", "write");
		this.jin = "Bearer " + this.fixtures.token(workspace.id(), jinId, "read", "write");
		this.hanaUser = this.loader.loadUserByUsername(this.fixtures.email(workspace.id(), this.hanaId));
		send(post("/api/v1/custom-fields?object=company"), this.admin,
				"{\"key\":\"employees\",\"label\":\"Employees\",\"type\":\"number\"}");
	}

	@Test
	void filtersOnStandardAndCustomFieldsCombineWithAllOrAny() throws Exception {
		company("Acme", "\"industry\":\"Retail\",\"sizeBand\":\"11-50\",\"custom\":{\"employees\":30}");
		company("Birch", "\"industry\":\"Software\",\"sizeBand\":\"51-200\",\"custom\":{\"employees\":120}");
		company("Cedar", "\"industry\":\"retail\",\"sizeBand\":\"1-10\",\"domain\":\"cedar.example\"");

		assertThat(names(list().param("filter", "industry:eq:RETAIL"))).containsExactly("Acme", "Cedar");
		assertThat(names(list().param("filter", "industry:eq:retail", "custom.employees:gte:20")))
			.containsExactly("Acme");
		assertThat(names(list().param("filter", "size:eq:51-200", "custom.employees:lt:50").param("match", "any")))
			.containsExactly("Acme", "Birch");
		assertThat(names(list().param("filter", "custom.employees:unset"))).containsExactly("Cedar");
		assertThat(names(list().param("filter", "domain:contains:cedar"))).containsExactly("Cedar");
		assertThat(names(list().param("q", "ced").param("filter", "industry:set"))).containsExactly("Cedar");

		for (String bad : List.of("shoe_size:eq:42", "industry:gte:Retail", "custom.employees:gte:many", "nonsense")) {
			this.mvc.perform(auth(list().param("filter", bad), this.ivo))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[0].field").value("filter"));
		}
		this.mvc.perform(auth(list().param("match", "some"), this.ivo))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("match"));

		this.mvc.perform(auth(get("/api/v1/companies/count").param("filter", "industry:eq:retail"), this.ivo))
			.andExpect(jsonPath("$.count").value(2))
			.andExpect(jsonPath("$.exact").value(true))
			.andExpect(jsonPath("$.estimated").value(false));

		// The page says what is wrong with a filter and shows the list without it.
		this.mvc.perform(
				get("/companies").param("ff", "industry").param("fo", "gte").param("fv", "x").with(user(this.hanaUser)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Text fields filter with eq")))
			.andExpect(content().string(containsString("Birch")));
		this.mvc
			.perform(get("/companies").param("ff", "custom.employees")
				.param("fo", "gt")
				.param("fv", "100")
				.with(user(this.hanaUser)))
			.andExpect(content().string(containsString("Birch")))
			.andExpect(content().string(not(containsString(">Acme<"))));
	}

	@Test
	void sortsByNameRecentChangeOrACustomFieldPageByPage() throws Exception {
		String[][] companies = { { "Delta", "12" }, { "alpha", "5" }, { "Echo", null }, { "Bravo", "12" },
				{ "Charlie", "1" } };
		List<String> ids = new ArrayList<>();
		for (String[] c : companies) {
			ids.add(company(c[0], (c[1] != null) ? "\"custom\":{\"employees\":" + c[1] + "}" : "\"industry\":\"x\""));
		}
		assertThat(pages("name")).containsExactly("alpha", "Bravo", "Charlie", "Delta", "Echo");
		assertThat(pages(null)).containsExactly("alpha", "Bravo", "Charlie", "Delta", "Echo");

		this.mvc
			.perform(auth(put("/api/v1/companies/" + ids.get(2)), this.ivo).header("If-Match", "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Echo\",\"industry\":\"Changed\"}"))
			.andExpect(status().isOk());
		List<String> recent = pages("-updatedAt");
		assertThat(recent.get(0)).isEqualTo("Echo");
		assertThat(recent).containsExactlyInAnyOrder("alpha", "Bravo", "Charlie", "Delta", "Echo");

		List<String> ascending = pages("custom.employees");
		assertThat(ascending.subList(0, 2)).containsExactly("Charlie", "alpha");
		assertThat(ascending.subList(2, 4)).containsExactlyInAnyOrder("Bravo", "Delta");
		assertThat(ascending.get(4)).isEqualTo("Echo");
		List<String> descending = pages("-custom.employees");
		assertThat(descending.subList(0, 2)).containsExactlyInAnyOrder("Bravo", "Delta");
		assertThat(descending.subList(2, 5)).containsExactly("alpha", "Charlie", "Echo");

		for (String bad : List.of("shoe size", "custom.shoe_size", "-name")) {
			this.mvc.perform(auth(list().param("sort", bad), this.ivo))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[0].field").value("sort"));
		}
		this.mvc.perform(auth(list().param("cursor", "not-a-cursor"), this.ivo))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("cursor"));
	}

	@Test
	void countsExactlyUpToTheLimitThenEstimatesOrSaysMoreThan() throws Exception {
		for (String name : List.of("North One", "North Two", "South One", "South Two", "West")) {
			company(name, "\"industry\":\"Shipping\"");
		}
		String exact = count("north");
		assertThat((Integer) JsonPath.read(exact, "$.count")).isEqualTo(2);
		assertThat((Boolean) JsonPath.read(exact, "$.exact")).isTrue();
		String beyond = count(null);
		assertThat((Boolean) JsonPath.read(beyond, "$.exact")).isFalse();
		boolean estimated = JsonPath.read(beyond, "$.estimated");
		if (estimated) {
			assertThat((Integer) JsonPath.read(beyond, "$.count")).isGreaterThan(3);
		}
		else {
			assertThat((Integer) JsonPath.read(beyond, "$.count")).isEqualTo(3);
		}

		this.mvc.perform(get("/companies").param("q", "north").with(user(this.hanaUser)))
			.andExpect(content().string(containsString("2 companies")));
		this.mvc.perform(get("/companies").with(user(this.hanaUser)))
			.andExpect(content().string(containsString(estimated ? "About " : "More than 3 companies")));
	}

	@Test
	void savedViewsOfCompaniesArePrivateOrShared() throws Exception {
		String mine = JsonPath.read(send(post("/api/v1/views"), this.ivo,
				"{\"object\":\"company\",\"name\":\"My retail\",\"query\":\"ff=industry&fv=retail\"}"), "$.id");
		send(post("/api/v1/views"), this.ivo,
				"{\"object\":\"company\",\"name\":\"Big ones\",\"shared\":true,\"query\":\"sort=-custom.employees\"}");
		send(post("/api/v1/views"), this.ivo, "{\"name\":\"People view\",\"shared\":true,\"query\":\"stage=lead\"}");

		this.mvc.perform(auth(get("/api/v1/views").param("object", "company"), this.ivo))
			.andExpect(jsonPath("$[*].name").value(org.hamcrest.Matchers.contains("Big ones", "My retail")))
			.andExpect(jsonPath("$[0].objectKind").value("company"));
		this.mvc.perform(auth(get("/api/v1/views").param("object", "company"), this.jin))
			.andExpect(jsonPath("$[*].name").value(org.hamcrest.Matchers.contains("Big ones")));
		this.mvc.perform(auth(get("/api/v1/views"), this.jin))
			.andExpect(jsonPath("$[*].name").value(org.hamcrest.Matchers.contains("People view")));
		this.mvc
			.perform(auth(post("/api/v1/views"), this.ivo).contentType(MediaType.APPLICATION_JSON)
				.content("{\"object\":\"deal\",\"name\":\"Deals\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("object"));
		this.mvc
			.perform(auth(
					org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/v1/views/" + mine),
					this.jin))
			.andExpect(status().isNotFound());

		this.mvc
			.perform(post("/companies/views").with(user(this.hanaUser))
				.with(csrf())
				.param("name", "Hana shipping")
				.param("query", "ff=industry&fo=eq&fv=shipping"))
			.andExpect(status().is3xxRedirection())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
				.string("Location",
						org.hamcrest.Matchers.startsWith("/companies?ff=industry&fo=eq&fv=shipping&view=")));
		this.mvc.perform(get("/companies").with(user(this.hanaUser)))
			.andExpect(content().string(containsString("Hana shipping")))
			.andExpect(content().string(containsString("Big ones")))
			.andExpect(content().string(not(containsString("My retail"))))
			.andExpect(content().string(not(containsString("People view"))));
		this.mvc.perform(get("/people").with(user(this.hanaUser)))
			.andExpect(content().string(not(containsString("Hana shipping"))));
	}

	@Test
	void theListShowsTheChosenColumns() throws Exception {
		company("Acme", "\"domain\":\"acme.example\",\"industry\":\"Retail\",\"sizeBand\":\"11-50\","
				+ "\"custom\":{\"employees\":30}");
		this.mvc.perform(get("/companies").with(user(this.hanaUser)))
			.andExpect(content().string(containsString("acme.example")))
			.andExpect(content().string(containsString("Retail")))
			.andExpect(content().string(containsString("Ivo Rep")))
			.andExpect(content().string(not(containsString(">11-50<"))));
		this.mvc.perform(get("/companies").param("cols", "size", "custom.employees").with(user(this.hanaUser)))
			.andExpect(content().string(containsString(">11-50<")))
			.andExpect(content().string(containsString(">30<")))
			.andExpect(content().string(containsString(">Employees<")))
			.andExpect(content().string(not(containsString("acme.example"))));
	}

	@Test
	void bulkActionsChangeWhatTheUserMayChangeAndReportTheRest() throws Exception {
		String shared = "\"teamId\":\"" + this.teamId + "\"";
		List<String> ivos = List.of(company("One", shared), company("Two", shared), company("Three", shared));
		String jins = JsonPath.read(send(post("/api/v1/companies"), this.jin, "{\"name\":\"Jin's own\"}"), "$.id");

		// Hana reaches Ivo's companies, not Jin's.
		String body = bulk(this.hana, "add_tag", "Fair 2026", ivos.get(0), ivos.get(1), jins);
		assertThat((Integer) JsonPath.read(body, "$.changed")).isEqualTo(2);
		assertThat((String) JsonPath.read(body, "$.skipped[0].id")).isEqualTo(jins);
		assertThat((String) JsonPath.read(body, "$.skipped[0].reasonKey"))
			.isEqualTo("customers.bulk.skipped.not-found");
		assertThat(names(list().param("tag", "fair 2026"))).containsExactly("One", "Two");
		bulk(this.hana, "remove_tag", "Fair 2026", ivos.get(0));
		assertThat(names(list().param("tag", "fair 2026"))).containsExactly("Two");

		bulk(this.hana, "assign_owner", this.hanaId.toString(), ivos.get(0));
		this.mvc.perform(auth(get("/api/v1/companies/" + ivos.get(0)), this.hana))
			.andExpect(jsonPath("$.ownerName").value("Hana Manager"));
		this.mvc.perform(auth(get("/api/v1/companies/" + ivos.get(0)), this.ivo)).andExpect(status().isNotFound());

		// Jin's team may update Ivo's shared companies but not delete them.
		body = bulk(this.jin, "delete", null, ivos.get(2), jins);
		assertThat((Integer) JsonPath.read(body, "$.changed")).isEqualTo(1);
		assertThat((String) JsonPath.read(body, "$.skipped[0].reasonKey"))
			.isEqualTo("customers.bulk.skipped.read-only");
		this.mvc.perform(auth(get("/api/v1/companies/" + jins), this.jin)).andExpect(status().isNotFound());

		for (String[] bad : new String[][] { { "move_stage", "active", "action" }, { "paint", null, "action" },
				{ "assign_owner", "nobody", "value" }, { "add_tag", " ", "value" } }) {
			this.mvc
				.perform(auth(post("/api/v1/companies/bulk"), this.hana).contentType(MediaType.APPLICATION_JSON)
					.content("{\"ids\":[\"%s\"],\"action\":\"%s\",\"value\":%s}".formatted(ivos.get(1), bad[0],
							(bad[1] != null) ? "\"" + bad[1] + "\"" : "null")))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[0].field").value(bad[2]));
		}
		this.mvc
			.perform(auth(post("/api/v1/companies/bulk"), this.hana).contentType(MediaType.APPLICATION_JSON)
				.content("{\"ids\":[],\"action\":\"delete\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("ids"));

		// The page's bulk bar answers with the list again, as an htmx partial.
		this.mvc
			.perform(post("/companies/bulk").with(user(this.hanaUser))
				.with(csrf())
				.header("HX-Request", "true")
				.header("HX-Target", "company-results")
				.param("ids", ivos.get(1), ivos.get(2))
				.param("action", "delete")
				.param("cols", "domain"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("2 companies changed")))
			.andExpect(content().string(not(containsString("<html"))));
		this.mvc
			.perform(post("/companies/bulk").with(user(this.hanaUser))
				.with(csrf())
				.header("HX-Request", "true")
				.header("HX-Target", "company-results")
				.param("action", "delete"))
			.andExpect(content().string(containsString("Tick the companies to change first.")));
		this.mvc
			.perform(post("/companies/bulk").with(user(this.hanaUser))
				.with(csrf())
				.param("ids", ivos.get(0))
				.param("action", "move_stage"))
			.andExpect(content().string(containsString("Companies have no lifecycle stage")));
		this.mvc.perform(auth(get("/api/v1/companies/" + ivos.get(1)), this.hana)).andExpect(status().isNotFound());
	}

	@Test
	void theListAnswersHtmxWithItsResultsOrItsNextRows() throws Exception {
		for (int i = 0; i < 52; i++) {
			company("Firm %02d".formatted(i), "\"industry\":\"Trade\"");
		}
		MvcResult full = this.mvc.perform(get("/companies").with(user(this.hanaUser)))
			.andExpect(content().string(containsString("<html")))
			.andExpect(content().string(containsString("id=\"more-companies\"")))
			.andReturn();
		assertThat(full.getResponse().getContentAsString()).contains("Firm 49")
			.doesNotContain("Firm 50")
			.contains("hx-post=\"/companies/bulk\"", "hx-target=\"#company-results\"",
					"hx-include=\"#company-filter\"");
		this.mvc.perform(get("/companies").param("sort", "-custom.employees").with(user(this.hanaUser)))
			.andExpect(content().string(containsString("value=\"-custom.employees\" selected=\"selected\"")));

		this.mvc
			.perform(get("/companies").param("q", "firm")
				.param("sort", "-updatedAt")
				.with(user(this.hanaUser))
				.header("HX-Request", "true")
				.header("HX-Target", "company-results"))
			.andExpect(content().string(not(containsString("<html"))))
			.andExpect(content().string(containsString("bulk-form")))
			.andExpect(content().string(containsString("More than 3 companies")))
			.andExpect(content().string(containsString("Firm 51")))
			.andExpect(content().string(containsString("Hana Manager")));

		String next = JsonPath.read(this.mvc.perform(auth(list().param("limit", "50"), this.hana))
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.next");
		this.mvc
			.perform(get("/companies").param("cursor", next)
				.with(user(this.hanaUser))
				.header("HX-Request", "true")
				.header("HX-Target", "more-companies"))
			.andExpect(content().string(containsString("Firm 50")))
			.andExpect(content().string(containsString("Firm 51")))
			.andExpect(content().string(not(containsString("Firm 49"))))
			.andExpect(content().string(not(containsString("id=\"bulk-form\""))))
			.andExpect(content().string(not(containsString("More than"))));
	}

	/** Every page of the list in the given order, two rows at a time. */
	private List<String> pages(String sort) throws Exception {
		List<String> names = new ArrayList<>();
		String cursor = null;
		do {
			MockHttpServletRequestBuilder request = list().param("limit", "2");
			if (sort != null) {
				request = request.param("sort", sort);
			}
			if (cursor != null) {
				request = request.param("cursor", cursor);
			}
			var response = this.mvc.perform(auth(request, this.ivo)).andReturn().getResponse();
			String body = response.getContentAsString();
			assertThat(response.getStatus()).as(body).isEqualTo(200);
			names.addAll(JsonPath.read(body, "$.items[*].name"));
			cursor = JsonPath.read(body, "$.next");
		}
		while (cursor != null);
		return names;
	}

	private List<String> names(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = this.mvc.perform(auth(request, this.hana)).andExpect(status().isOk()).andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.items[*].name");
	}

	private String count(String q) throws Exception {
		MockHttpServletRequestBuilder request = get("/api/v1/companies/count");
		if (q != null) {
			request = request.param("q", q);
		}
		return this.mvc.perform(auth(request, this.ivo))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private String bulk(String token, String action, String value, String... ids) throws Exception {
		String body = "{\"ids\":[\"%s\"],\"action\":\"%s\",\"value\":%s}".formatted(String.join("\",\"", ids), action,
				(value != null) ? "\"" + value + "\"" : "null");
		return this.mvc
			.perform(auth(post("/api/v1/companies/bulk"), token).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private static MockHttpServletRequestBuilder list() {
		return get("/api/v1/companies");
	}

	/** A company of Ivo's with the given name and more JSON fields. */
	private String company(String name, String fields) throws Exception {
		return JsonPath.read(send(post("/api/v1/companies"), this.ivo, "{\"name\":\"" + name + "\"," + fields + "}"),
				"$.id");
	}

	private String send(MockHttpServletRequestBuilder request, String token, String json) {
		try {
			MvcResult result = this.mvc
				.perform(auth(request, token).contentType(MediaType.APPLICATION_JSON).content(json))
				.andExpect(status().isCreated())
				.andReturn();
			return result.getResponse().getContentAsString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static MockHttpServletRequestBuilder auth(MockHttpServletRequestBuilder request, String token) {
		return request.header("Authorization", token);
	}

}
