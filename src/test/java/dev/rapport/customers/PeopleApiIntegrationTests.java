package dev.rapport.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import dev.rapport.customers.internal.CustomerSettings;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * People and companies over the API: contact data in any script, normalised phones,
 * search by prefix, cursor pages, lifecycle moves, optimistic concurrency, the access
 * policy, and bad input that names the field and changes nothing.
 *
 * <pre>
 * workspace "People"
 *   admin ─ Sales manager Mina ─┬─ Sales rep Ravi   (owns what he creates)
 *                               └─ Sales rep Lotte
 * </pre>
 */
@IntegrationTest
class PeopleApiIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	CustomerSettings settings;

	private Fixtures.Workspace workspace;

	private String admin;

	private String ravi;

	private String lotte;

	private String mina;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("People");
		UUID minaId = this.fixtures.user(this.workspace.id(), "Mina Manager", "Sales manager", null);
		UUID raviId = this.fixtures.user(this.workspace.id(), "Ravi Rep", "Sales rep", minaId);
		UUID lotteId = this.fixtures.user(this.workspace.id(), "Lotte Rep", "Sales rep", minaId);
		this.admin = this.fixtures.token(this.workspace.id(), this.workspace.adminId(), "read", "write");
		this.mina = this.fixtures.token(this.workspace.id(), minaId, "read", "write");
		this.ravi = this.fixtures.token(this.workspace.id(), raviId, "read", "write");
		this.lotte = this.fixtures.token(this.workspace.id(), lotteId, "read", "write");
	}

	@Test
	void createsAPersonWithContactDataInAnyScriptAndNormalisedPhones() throws Exception {
		String company = createCompany(this.ravi, "{\"name\":\"北京科技有限公司\",\"domain\":\"https://www.Bjtech.CN/about\"}");
		send(post("/api/v1/people"), this.ravi,
				"""
						{"givenName":"伟","familyName":"张","emails":[{"address":"zhang.wei@bjtech.cn","label":"work"}],
						 "phones":[{"number":"+86 138 0013 8000","label":"mobile"},{"number":"+31 6 12345678","label":"work","primary":true}],
						 "addresses":[{"label":"work","street":"长安街 1号","city":"北京","countryCode":"cn"}],
						 "companyId":"%s","tags":["VIP","vip ","Beijing"],"birthday":"1990-05-04","preferredChannel":"email"}
						"""
					.formatted(company))
			.andExpect(status().isCreated())
			.andExpect(header().string("ETag", "\"1\""))
			.andExpect(jsonPath("$.displayName").value("张伟"))
			.andExpect(jsonPath("$.phones[0].e164").value("+8613800138000"))
			.andExpect(jsonPath("$.phones[0].number").value("+86 138 0013 8000"))
			.andExpect(jsonPath("$.phones[1].primary").value(true))
			.andExpect(jsonPath("$.emails[0].primary").value(true))
			.andExpect(jsonPath("$.addresses[0].countryCode").value("CN"))
			.andExpect(jsonPath("$.companyName").value("北京科技有限公司"))
			.andExpect(jsonPath("$.tags", containsInAnyOrder("Beijing", "VIP")))
			.andExpect(jsonPath("$.lifecycleStage").value("lead"));
		this.mvc.perform(get("/api/v1/companies/" + company).header("Authorization", bearer(this.ravi)))
			.andExpect(jsonPath("$.domain").value("bjtech.cn"))
			.andExpect(jsonPath("$.peopleCount").value(1));
	}

	@Test
	void findsPeopleByThePrefixOfANameEmailPhoneOrCompany() throws Exception {
		String company = createCompany(this.ravi, "{\"name\":\"Núñez Fitness Club\",\"domain\":\"nunez.fit\"}");
		createPerson(this.ravi, """
				{"givenName":"José","familyName":"Núñez","emails":[{"address":"jose@nunez.fit"}],
				 "phones":[{"number":"+34 612 34 56 78"}],"companyId":"%s"}""".formatted(company));
		createPerson(this.ravi, """
				{"givenName":"علي","familyName":"رضایی","phones":[{"number":"+98 912 345 6789"}]}""");
		createPerson(this.ravi, """
				{"displayName":"Anna de Vries","emails":[{"address":"anna@devries.nl"}]}""");
		assertThat(search(this.ravi, "jose")).containsExactly("José Núñez");
		assertThat(search(this.ravi, "NUNE")).containsExactly("José Núñez");
		assertThat(search(this.ravi, "jose@nu")).containsExactly("José Núñez");
		assertThat(search(this.ravi, "nunez.fit")).containsExactly("José Núñez");
		assertThat(search(this.ravi, "+34 612 34")).containsExactly("José Núñez");
		assertThat(search(this.ravi, "612 345")).containsExactly("José Núñez");
		assertThat(search(this.ravi, "fitness")).containsExactly("José Núñez");
		// Arabic yeh typed, Persian yeh stored: the same letter for the reader.
		assertThat(search(this.ravi, "رضاي")).containsExactly("علي رضایی");
		assertThat(search(this.ravi, "0912 345")).containsExactly("علي رضایی");
		assertThat(search(this.ravi, "anna vr")).containsExactly("Anna de Vries");
		assertThat(search(this.ravi, "anna x")).isEmpty();
		assertThat(search(this.ravi, "anna de")).containsExactly("Anna de Vries");
		assertThat(search(this.ravi, "zzz")).isEmpty();
	}

	@Test
	void listsPeopleInPagesWithACursorAndCounts() throws Exception {
		for (String name : new String[] { "Ada", "Bea", "Cem", "Dan", "Eva" }) {
			createPerson(this.ravi, "{\"displayName\":\"" + name + "\"}");
		}
		MvcResult first = this.mvc.perform(get("/api/v1/people?limit=2").header("Authorization", bearer(this.ravi)))
			.andExpect(jsonPath("$.items[*].displayName", containsInAnyOrder("Ada", "Bea")))
			.andReturn();
		String next = JsonPath.read(first.getResponse().getContentAsString(), "$.next");
		MvcResult second = this.mvc
			.perform(get("/api/v1/people?limit=2&cursor=" + next).header("Authorization", bearer(this.ravi)))
			.andExpect(jsonPath("$.items[*].displayName", containsInAnyOrder("Cem", "Dan")))
			.andReturn();
		String last = JsonPath.read(second.getResponse().getContentAsString(), "$.next");
		this.mvc.perform(get("/api/v1/people?limit=2&cursor=" + last).header("Authorization", bearer(this.ravi)))
			.andExpect(jsonPath("$.items[*].displayName", containsInAnyOrder("Eva")))
			.andExpect(jsonPath("$.next").doesNotExist());
		this.mvc.perform(get("/api/v1/people/count").header("Authorization", bearer(this.ravi)))
			.andExpect(jsonPath("$.count").value(5))
			.andExpect(jsonPath("$.exact").value(true));
		this.mvc.perform(get("/api/v1/people?cursor=garbage").header("Authorization", bearer(this.ravi)))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("cursor"));
	}

	@Test
	void badInputNamesEveryFieldAndChangesNothing() throws Exception {
		send(post("/api/v1/people"), this.ravi, """
				{"displayName":"Broken","emails":[{"address":"not-an-email"}],"phones":[{"number":"12"}],
				 "preferredChannel":"pigeon","ownerId":"%s"}""".formatted(UUID.randomUUID()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field",
					containsInAnyOrder("emails[0].address", "phones[0].number", "preferredChannel", "ownerId")));
		send(post("/api/v1/people"), this.ravi, "{\"emails\":[]}").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("displayName"));
		send(post("/api/v1/people"), this.ravi, "{\"displayName\":\"" + "x".repeat(301) + "\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("displayName"));
		send(post("/api/v1/people"), this.ravi, "{\"displayName\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}")
			.andExpect(status().isContentTooLarge());
		send(post("/api/v1/people"), this.ravi, "{\"displayName\":").andExpect(status().isBadRequest());
		send(post("/api/v1/people"), this.ravi, "{\"displayName\":\"X\",\"lifecycleStage\":\"famous\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("lifecycleStage"));
		this.mvc.perform(get("/api/v1/people/count").header("Authorization", bearer(this.ravi)))
			.andExpect(jsonPath("$.count").value(0));
	}

	@Test
	void aNumberWithoutCountryCodeNeedsTheWorkspaceCountry() throws Exception {
		send(post("/api/v1/people"), this.ravi, "{\"displayName\":\"Sanne\",\"phones\":[{\"number\":\"06 12345678\"}]}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("phones[0].number"))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("country")));
		Actors.runAs(new Actor(this.workspace.id(), this.workspace.adminId()),
				() -> this.settings.update(0, "NL", CustomerSettings.LifecycleRule.FREE));
		send(post("/api/v1/people"), this.ravi, "{\"displayName\":\"Sanne\",\"phones\":[{\"number\":\"06 12345678\"}]}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.phones[0].e164").value("+31612345678"));
	}

	@Test
	void aStaleIfMatchGets412AndAMissingOne428() throws Exception {
		String id = createPerson(this.ravi, "{\"displayName\":\"Version One\"}");
		send(put("/api/v1/people/" + id).header("If-Match", "\"1\""), this.ravi, "{\"displayName\":\"Version Two\"}")
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"2\""));
		send(put("/api/v1/people/" + id).header("If-Match", "\"1\""), this.ravi, "{\"displayName\":\"Lost Update\"}")
			.andExpect(status().isPreconditionFailed());
		send(put("/api/v1/people/" + id), this.ravi, "{\"displayName\":\"No Precondition\"}")
			.andExpect(status().isPreconditionRequired());
		this.mvc.perform(get("/api/v1/people/" + id).header("Authorization", bearer(this.ravi)))
			.andExpect(jsonPath("$.displayName").value("Version Two"));
	}

	@Test
	void theAccessPolicyHidesOtherRepsPeopleAsNotFound() throws Exception {
		String id = createPerson(this.ravi, "{\"displayName\":\"Ravi's Customer\"}");
		this.mvc.perform(get("/api/v1/people/" + id).header("Authorization", bearer(this.lotte)))
			.andExpect(status().isNotFound());
		send(put("/api/v1/people/" + id).header("If-Match", "\"1\""), this.lotte, "{\"displayName\":\"Taken\"}")
			.andExpect(status().isNotFound());
		this.mvc
			.perform(delete("/api/v1/people/" + id).header("Authorization", bearer(this.lotte)).header("If-Match", "*"))
			.andExpect(status().isNotFound());
		assertThat(search(this.lotte, "ravi")).isEmpty();
		assertThat(search(this.mina, "ravi")).containsExactly("Ravi's Customer");
		assertThat(search(this.admin, "ravi")).containsExactly("Ravi's Customer");
		this.mvc.perform(get("/api/v1/people/" + UUID.randomUUID()).header("Authorization", bearer(this.ravi)))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/people/not-a-uuid").header("Authorization", bearer(this.ravi)))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(delete("/api/v1/people/" + id).header("Authorization", bearer(this.mina))
				.header("If-Match", "\"1\""))
			.andExpect(status().isNoContent());
		this.mvc.perform(get("/api/v1/people/" + id).header("Authorization", bearer(this.ravi)))
			.andExpect(status().isNotFound());
	}

	@Test
	void lifecycleMovesAreRecordedAndForbiddenJumpsRefused() throws Exception {
		String id = createPerson(this.ravi, "{\"displayName\":\"Mover\"}");
		send(post("/api/v1/people/" + id + "/lifecycle").header("If-Match", "\"1\""), this.ravi,
				"{\"stage\":\"active\",\"reason\":\"Signed the yearly membership\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.lifecycleStage").value("active"));
		Actors.runAs(new Actor(this.workspace.id(), this.workspace.adminId()),
				() -> this.settings.update(0, null, CustomerSettings.LifecycleRule.FORWARD));
		send(post("/api/v1/people/" + id + "/lifecycle").header("If-Match", "\"2\""), this.ravi,
				"{\"stage\":\"potential\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("lifecycleStage"));
		send(post("/api/v1/people/" + id + "/lifecycle").header("If-Match", "\"2\""), this.ravi,
				"{\"stage\":\"lost\",\"reason\":\"Moved abroad\"}")
			.andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/people/" + id + "/lifecycle").header("Authorization", bearer(this.ravi)))
			.andExpect(jsonPath("$", hasSize(3)))
			.andExpect(jsonPath("$[0].from").value("active"))
			.andExpect(jsonPath("$[0].to").value("lost"))
			.andExpect(jsonPath("$[0].reason").value("Moved abroad"))
			.andExpect(jsonPath("$[0].byName").value("Ravi Rep"))
			.andExpect(jsonPath("$[2].to").value("lead"));
		this.mvc.perform(get("/api/v1/people?stage=lost").header("Authorization", bearer(this.ravi)))
			.andExpect(jsonPath("$.items[*].displayName", containsInAnyOrder("Mover")));
	}

	@Test
	void companiesRejectBadDomainsAndParentLoops() throws Exception {
		String parent = createCompany(this.ravi, "{\"name\":\"Holding\"}");
		String child = createCompany(this.ravi, "{\"name\":\"Daughter\",\"parentId\":\"" + parent + "\"}");
		send(put("/api/v1/companies/" + parent).header("If-Match", "\"1\""), this.ravi,
				"{\"name\":\"Holding\",\"parentId\":\"" + child + "\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("parentId"));
		send(post("/api/v1/companies"), this.ravi,
				"{\"name\":\"Bad\",\"domain\":\"not a domain\",\"sizeBand\":\"huge\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("domain", "sizeBand")));
		this.mvc.perform(get("/api/v1/companies?q=hold").header("Authorization", bearer(this.ravi)))
			.andExpect(jsonPath("$.items[*].name", containsInAnyOrder("Holding")));
		this.mvc.perform(get("/api/v1/companies/" + parent).header("Authorization", bearer(this.lotte)))
			.andExpect(status().isNotFound());
	}

	private java.util.List<String> search(String token, String q) throws Exception {
		MvcResult result = this.mvc.perform(get("/api/v1/people").param("q", q).header("Authorization", bearer(token)))
			.andExpect(status().isOk())
			.andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.items[*].displayName");
	}

	private String createPerson(String token, String json) throws Exception {
		MvcResult result = send(post("/api/v1/people"), token, json).andExpect(status().isCreated()).andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
	}

	private String createCompany(String token, String json) throws Exception {
		MvcResult result = send(post("/api/v1/companies"), token, json).andExpect(status().isCreated()).andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
	}

	private ResultActions send(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
			String token, String json) throws Exception {
		return this.mvc.perform(
				request.header("Authorization", bearer(token)).contentType(MediaType.APPLICATION_JSON).content(json));
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

}
