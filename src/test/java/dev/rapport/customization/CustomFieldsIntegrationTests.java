package dev.rapport.customization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Custom fields: defined by an administrator, then checked on every write path (API and
 * forms), shown in forms and on pages, and kept when a client does not send them.
 *
 * <pre>
 * workspace "Fields": admin; Sales rep Sara
 * person fields: membership_type (choice, required), visits_per_month (number 0..60),
 *                membership_end (date), interests (several choices), vip (yes/no),
 *                locker_code (text, pattern [A-Z][0-9]{3})
 * </pre>
 */
@IntegrationTest
class CustomFieldsIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsLoader loader;

	private Fixtures.Workspace workspace;

	private String admin;

	private String sara;

	private UserDetails saraUser;

	@BeforeEach
	void workspace() throws Exception {
		this.workspace = this.fixtures.workspace("Fields");
		UUID saraId = this.fixtures.user(this.workspace.id(), "Sara Rep", "Sales rep", null);
		this.admin = this.fixtures.token(this.workspace.id(), this.workspace.adminId(), "read", "write");
		this.sara = this.fixtures.token(this.workspace.id(), saraId, "read", "write");
		this.saraUser = this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), saraId));
		field("""
				{"key":"membership_type","label":"Membership type","type":"picklist","required":true,
				 "options":[{"value":"basic","label":"Basic"},{"value":"gold","label":"Gold"}],"defaultValue":"basic"}""");
		field("""
				{"key":"visits_per_month","label":"Visits per month","type":"number","min":0,"max":60}""");
		field("""
				{"key":"membership_end","label":"Membership end date","type":"date"}""");
		field("""
				{"key":"interests","label":"Interests","type":"multi-picklist",
				 "options":[{"value":"yoga","label":"Yoga"},{"value":"spinning","label":"Spinning"},{"value":"pool","label":"Pool"}]}""");
		field("""
				{"key":"vip","label":"VIP","type":"boolean"}""");
		field("""
				{"key":"locker_code","label":"Locker code","type":"text","pattern":"[A-Z][0-9]{3}"}""");
	}

	@Test
	void administratorsDefineFieldsAndOthersReadThem() throws Exception {
		this.mvc.perform(get("/api/v1/custom-fields?object=person").header("Authorization", bearer(this.sara)))
			.andExpect(jsonPath("$[*].key", containsInAnyOrder("membership_type", "visits_per_month", "membership_end",
					"interests", "vip", "locker_code")));
		send(post("/api/v1/custom-fields?object=person"), this.sara,
				"{\"key\":\"x\",\"label\":\"X\",\"type\":\"text\"}")
			.andExpect(status().isForbidden());
		send(post("/api/v1/custom-fields?object=person"), this.admin,
				"{\"key\":\"Bad Key\",\"label\":\"\",\"type\":\"colour\",\"min\":5,\"max\":1}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("key", "type", "label", "max")));
		send(post("/api/v1/custom-fields?object=person"), this.admin,
				"{\"key\":\"membership_type\",\"label\":\"Again\",\"type\":\"text\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("key"));
		send(post("/api/v1/custom-fields?object=person"), this.admin,
				"{\"key\":\"tier\",\"label\":\"Tier\",\"type\":\"picklist\",\"options\":[]}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("options"));
	}

	@Test
	void valuesAreCheckedAndNormalisedOnEveryApiWrite() throws Exception {
		MvcResult created = send(post("/api/v1/people"), this.sara, """
				{"displayName":"Bram Peeters","custom":{"visits_per_month":"12.0","membership_end":"2027-03-31",
				 "interests":["yoga","pool","yoga"],"vip":true,"locker_code":"B204"}}""")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.custom.membership_type").value("basic"))
			.andExpect(jsonPath("$.custom.visits_per_month").value(12))
			.andExpect(jsonPath("$.custom.interests", containsInAnyOrder("yoga", "pool")))
			.andExpect(jsonPath("$.custom.vip").value(true))
			.andReturn();
		String id = JsonPath.read(created.getResponse().getContentAsString(), "$.id");
		send(post("/api/v1/people"), this.sara,
				"""
						{"displayName":"Wrong","custom":{"membership_type":"platinum","visits_per_month":99,"membership_end":"31/03/2027",
						 "interests":["chess"],"vip":"maybe","locker_code":"b2","colour":"red"}}""")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field",
					containsInAnyOrder("custom.membership_type", "custom.visits_per_month", "custom.membership_end",
							"custom.interests", "custom.vip", "custom.locker_code", "custom.colour")));
		send(put("/api/v1/people/" + id).header("If-Match", "\"1\""), this.sara, "{\"displayName\":\"Bram Peeters\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.custom.locker_code").value("B204"));
		send(put("/api/v1/people/" + id).header("If-Match", "\"2\""), this.sara,
				"{\"displayName\":\"Bram Peeters\",\"custom\":{\"membership_type\":\"\"}}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("custom.membership_type"))
			.andExpect(jsonPath("$.errors[0].message").value("Membership type is required."));
		send(put("/api/v1/people/" + id).header("If-Match", "\"2\""), this.sara,
				"{\"displayName\":\"Bram Peeters\",\"custom\":{\"membership_type\":\"gold\",\"interests\":[]}}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.custom.membership_type").value("gold"))
			.andExpect(jsonPath("$.custom.interests").doesNotExist())
			.andExpect(jsonPath("$.custom.vip").value(true));
	}

	@Test
	void listsFilterOnCustomAndStandardFieldsWithAllOrAny() throws Exception {
		send(post("/api/v1/people"), this.sara, """
				{"displayName":"Ann","source":"Website","custom":{"membership_type":"gold","visits_per_month":12,
				 "interests":["yoga"],"membership_end":"2026-12-01"}}""").andExpect(status().isCreated());
		send(post("/api/v1/people"), this.sara, """
				{"displayName":"Ben","source":"Walk-in","custom":{"membership_type":"basic","visits_per_month":3,
				 "interests":["pool","yoga"]}}""").andExpect(status().isCreated());
		send(post("/api/v1/people"), this.sara, """
				{"displayName":"Cas","source":"website","custom":{"membership_type":"basic","visits_per_month":8}}""")
			.andExpect(status().isCreated());
		assertThat(names("filter=custom.visits_per_month:gte:8")).containsExactlyInAnyOrder("Ann", "Cas");
		assertThat(names("filter=custom.visits_per_month:gte:8&filter=custom.membership_type:eq:gold"))
			.containsExactly("Ann");
		assertThat(names("filter=custom.visits_per_month:lt:5&filter=custom.membership_type:eq:gold&match=any"))
			.containsExactlyInAnyOrder("Ann", "Ben");
		// A picklist option by its label, as people see it, works too.
		assertThat(names("filter=custom.membership_type:eq:GOLD")).containsExactly("Ann");
		assertThat(names("filter=custom.interests:eq:yoga")).containsExactlyInAnyOrder("Ann", "Ben");
		assertThat(names("filter=custom.interests:unset")).containsExactly("Cas");
		assertThat(names("filter=custom.membership_end:lt:2027-01-01")).containsExactly("Ann");
		assertThat(names("filter=source:eq:WEBSITE")).containsExactlyInAnyOrder("Ann", "Cas");
		assertThat(names("filter=source:contains:walk")).containsExactly("Ben");
		this.mvc
			.perform(get("/api/v1/people?filter=custom.visits_per_month:gte:many").header("Authorization",
					bearer(this.sara)))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("filter"))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("Visits per month")));
		this.mvc
			.perform(get("/api/v1/people/count?filter=custom.visits_per_month:gte:8").header("Authorization",
					bearer(this.sara)))
			.andExpect(jsonPath("$.count").value(2));
		this.mvc
			.perform(get("/people").param("ff", "custom.visits_per_month", "", "")
				.param("fo", "gte", "eq", "eq")
				.param("fv", "8", "", "")
				.header("HX-Request", "true")
				.header("HX-Target", "people-results")
				.with(user(this.saraUser)))
			.andExpect(content().string(containsString("Ann")))
			.andExpect(content().string(containsString("Cas")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("Ben"))));
		this.mvc
			.perform(get("/people").param("ff", "custom.visits_per_month")
				.param("fo", "gte")
				.param("fv", "lots")
				.with(user(this.saraUser)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("needs a number")));
		for (String bad : new String[] { "custom.nope:eq:1", "custom.visits_per_month:contains:1",
				"custom.visits_per_month:gte:many", "source", "source:like:x", "custom.membership_end:gt:tomorrow" }) {
			this.mvc.perform(get("/api/v1/people").param("filter", bad).header("Authorization", bearer(this.sara)))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[0].field").value("filter"));
		}
	}

	private java.util.List<String> names(String query) throws Exception {
		MvcResult result = this.mvc.perform(get("/api/v1/people?" + query).header("Authorization", bearer(this.sara)))
			.andExpect(status().isOk())
			.andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.items[*].displayName");
	}

	@Test
	void aPatternThatBacktracksForeverFailsTheValueQuickly() throws Exception {
		field("{\"key\":\"slow\",\"label\":\"Slow\",\"type\":\"text\",\"pattern\":\"(a+)+$\"}");
		long start = System.nanoTime();
		send(post("/api/v1/people"), this.sara,
				"{\"displayName\":\"Slow\",\"custom\":{\"slow\":\"" + "a".repeat(40) + "!\"}}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("custom.slow"));
		assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(5_000);
	}

	@Test
	void theFormsShowFillAndCheckCustomFields() throws Exception {
		this.mvc.perform(get("/people/new").with(user(this.saraUser)))
			.andExpect(content().string(containsString("Membership type")))
			.andExpect(content().string(containsString("name=\"custom[interests]\"")));
		this.mvc
			.perform(post("/people").with(user(this.saraUser))
				.with(csrf())
				.param("displayName", "Eva Janssens")
				.param("custom[membership_type]", "")
				.param("custom[visits_per_month]", "eight")
				.param("custom[vip]", "false"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Membership type is required.")))
			.andExpect(content().string(containsString("Enter a number")));
		MvcResult saved = this.mvc
			.perform(post("/people").with(user(this.saraUser))
				.with(csrf())
				.param("displayName", "Eva Janssens")
				.param("custom[membership_type]", "gold")
				.param("custom[visits_per_month]", "8")
				.param("custom[interests]", "", "spinning", "pool")
				.param("custom[vip]", "false", "true")
				.param("custom[membership_end]", "2027-01-31"))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		this.mvc.perform(get(saved.getResponse().getRedirectedUrl()).with(user(this.saraUser)))
			.andExpect(content().string(containsString("Gold")))
			.andExpect(content().string(containsString("Spinning")))
			.andExpect(content().string(containsString("2027-01-31")));
		this.mvc.perform(get(saved.getResponse().getRedirectedUrl() + "/edit").with(user(this.saraUser)))
			.andExpect(content().string(containsString("value=\"8\"")));
	}

	private void field(String json) throws Exception {
		send(post("/api/v1/custom-fields?object=person"), this.admin, json).andExpect(status().isCreated());
	}

	private ResultActions send(MockHttpServletRequestBuilder request, String token, String json) throws Exception {
		return this.mvc.perform(
				request.header("Authorization", bearer(token)).contentType(MediaType.APPLICATION_JSON).content(json));
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

}
