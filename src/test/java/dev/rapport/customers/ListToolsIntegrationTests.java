package dev.rapport.customers;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Bulk actions change only what the user may change and say what they skipped; saved
 * views are private or shared; the list shows the chosen columns.
 *
 * <pre>
 * workspace "Lists": Sales manager Hana ─ Sales rep Ivo; Marketing Jin (outside the sales hierarchy)
 * </pre>
 */
@IntegrationTest
class ListToolsIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsLoader loader;

	private Fixtures.Workspace workspace;

	private String hana;

	private String ivo;

	private String jin;

	private UUID ivoId;

	private UserDetails hanaUser;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Lists");
		UUID hanaId = this.fixtures.user(this.workspace.id(), "Hana Manager", "Sales manager", null);
		this.ivoId = this.fixtures.user(this.workspace.id(), "Ivo Rep", "Sales rep", hanaId);
		UUID jinId = this.fixtures.user(this.workspace.id(), "Jin Marketer", "Marketing", null);
		this.hana = "Bearer " + this.fixtures.token(this.workspace.id(), hanaId, "read", "write");
		this.ivo = "Bearer " + this.fixtures.token(this.workspace.id(), this.ivoId, "read", "write");
		this.jin = "Bearer " + this.fixtures.token(this.workspace.id(), jinId, "read", "write");
		this.hanaUser = this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), hanaId));
	}

	@Test
	void bulkActionsChangeWhatTheUserMayChangeAndReportTheRest() throws Exception {
		List<String> ids = new ArrayList<>();
		for (String name : new String[] { "P1", "P2", "P3" }) {
			ids.add(create(this.ivo, "{\"displayName\":\"" + name + "\"}"));
		}
		String jins = create(this.jin, "{\"displayName\":\"Jin's own\"}");
		String body = "{\"ids\":[\"%s\",\"%s\",\"%s\",\"%s\"],\"action\":\"add_tag\",\"value\":\"Spring campaign\"}"
			.formatted(ids.get(0), ids.get(1), ids.get(2), jins);
		this.mvc
			.perform(post("/api/v1/people/bulk").header("Authorization", this.hana)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(jsonPath("$.changed").value(3))
			.andExpect(jsonPath("$.skipped", hasSize(1)))
			.andExpect(jsonPath("$.skipped[0].id").value(jins));
		this.mvc.perform(get("/api/v1/people?tag=spring campaign").header("Authorization", this.hana))
			.andExpect(jsonPath("$.items", hasSize(3)));
		this.mvc
			.perform(post("/api/v1/people/bulk").header("Authorization", this.hana)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"ids\":[\"%s\"],\"action\":\"move_stage\",\"value\":\"active\"}".formatted(ids.get(0))))
			.andExpect(jsonPath("$.changed").value(1));
		this.mvc.perform(get("/api/v1/people/" + ids.get(0)).header("Authorization", this.ivo))
			.andExpect(jsonPath("$.lifecycleStage").value("active"));
		this.mvc
			.perform(post("/api/v1/people/bulk").header("Authorization", this.hana)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"ids\":[\"%s\"],\"action\":\"paint\"}".formatted(ids.get(0))))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("action"));
		this.mvc
			.perform(post("/people/bulk").with(user(this.hanaUser))
				.with(csrf())
				.param("ids", ids.get(1), ids.get(2))
				.param("action", "assign_owner")
				.param("ownerValue", this.ivoId.toString())
				.param("cols", "company", "owner"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("2 people changed")));
		this.mvc
			.perform(post("/people/bulk").with(user(this.hanaUser))
				.with(csrf())
				.param("ids", ids.get(2))
				.param("action", "delete"))
			.andExpect(content().string(containsString("1 person changed")));
		this.mvc.perform(get("/api/v1/people/" + ids.get(2)).header("Authorization", this.ivo))
			.andExpect(status().isNotFound());
	}

	@Test
	void savedViewsArePrivateOrSharedAndColumnsAreChosen() throws Exception {
		create(this.ivo, "{\"displayName\":\"Columned\",\"jobTitle\":\"Chef\",\"source\":\"Fair\"}");
		MvcResult saved = this.mvc
			.perform(post("/api/v1/views").header("Authorization", this.ivo)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"My leads\",\"query\":\"stage=lead\"}"))
			.andExpect(status().isCreated())
			.andReturn();
		String mine = JsonPath.read(saved.getResponse().getContentAsString(), "$.id");
		this.mvc
			.perform(post("/api/v1/views").header("Authorization", this.ivo)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Team leads\",\"shared\":true,\"query\":\"stage=lead&cols=jobTitle\"}"))
			.andExpect(status().isCreated());
		this.mvc.perform(get("/api/v1/views").header("Authorization", this.jin))
			.andExpect(jsonPath("$[*].name").value(org.hamcrest.Matchers.contains("Team leads")));
		this.mvc.perform(delete("/api/v1/views/" + mine).header("Authorization", this.jin))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post("/api/v1/views").header("Authorization", this.ivo)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("name"));
		this.mvc.perform(get("/people").param("cols", "jobTitle", "source").with(user(this.hanaUser)))
			.andExpect(content().string(containsString("Chef")))
			.andExpect(content().string(containsString("Fair")))
			.andExpect(content().string(containsString("Team leads")));
		this.mvc
			.perform(post("/people/views").with(user(this.hanaUser))
				.with(csrf())
				.param("name", "Chefs")
				.param("query", "q=chef&cols=jobTitle"))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/people").with(user(this.hanaUser))).andExpect(content().string(containsString("Chefs")));
	}

	private String create(String token, String json) throws Exception {
		MvcResult result = this.mvc
			.perform(post("/api/v1/people").header("Authorization", token)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json))
			.andExpect(status().isCreated())
			.andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
	}

}
