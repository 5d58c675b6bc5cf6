package dev.rapport.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
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

	@Autowired
	dev.rapport.customers.Customers customers;

	@Test
	void manyPeopleAreCreatedAtOnceWithTheSameRulesAndIndexes() throws Exception {
		Fixtures.Workspace workspace = this.fixtures.workspace("Bulk");
		dev.rapport.platform.Actor admin = new dev.rapport.platform.Actor(workspace.id(), workspace.adminId());
		java.util.List<dev.rapport.customers.PersonChange> good = java.util.List.of(
				person("Mei", "Chen", "mei@bulk.test", "+86 138 0013 8001", java.util.List.of("VIP")),
				person("Omid", "رضایی", "omid@bulk.test", "+98 912 555 1234", java.util.List.of("VIP", "Gym")));
		java.util.List<java.util.UUID> ids = dev.rapport.platform.Actors.callAs(admin,
				() -> this.customers.createPeople(good, dev.rapport.customers.LifecycleStage.ACTIVE));
		assertThat(ids).hasSize(2);
		String token = "Bearer " + this.fixtures.token(workspace.id(), workspace.adminId(), "read");
		this.mvc.perform(get("/api/v1/people?q=رضای").header("Authorization", token))
			.andExpect(jsonPath("$.items[0].id").value(ids.get(1).toString()));
		this.mvc.perform(get("/api/v1/people?q=138 0013").header("Authorization", token))
			.andExpect(jsonPath("$.items.length()").value(1));
		this.mvc.perform(get("/api/v1/people?tag=vip&stage=active").header("Authorization", token))
			.andExpect(jsonPath("$.items.length()").value(2));
		this.mvc.perform(get("/api/v1/people/" + ids.get(0) + "/timeline").header("Authorization", token))
			.andExpect(jsonPath("$.items[0].kind").value("created"));
		this.mvc.perform(get("/api/v1/people/" + ids.get(0)).header("Authorization", token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.phones[0].e164").value("+8613800138001"))
			.andExpect(header().string("ETag", "\"1\""));
		var bad = java.util.List.of(person("Ok", "One", "ok@bulk.test", null, java.util.List.of()),
				person("Bad", "Two", "not-an-email", null, java.util.List.of()));
		assertThatThrownBy(
				() -> dev.rapport.platform.Actors.callAs(admin, () -> this.customers.createPeople(bad, null)))
			.isInstanceOfSatisfying(dev.rapport.platform.InvalidFieldsException.class,
					(ex) -> assertThat(ex.problems().get(0).field()).isEqualTo("people[1].emails[0].address"));
		this.mvc.perform(get("/api/v1/people/count").header("Authorization", token))
			.andExpect(jsonPath("$.count").value(2));
	}

	private static dev.rapport.customers.PersonChange person(String given, String family, String email, String phone,
			java.util.List<String> tags) {
		return new dev.rapport.customers.PersonChange(given, family, null,
				java.util.List.of(new dev.rapport.customers.ContactInput.EmailInput(email, "work", true)),
				(phone != null)
						? java.util.List.of(new dev.rapport.customers.ContactInput.PhoneInput(phone, "mobile", true))
						: java.util.List.of(),
				java.util.List.of(), null, null, null, null, null, null, tags, null, null, null);
	}

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
