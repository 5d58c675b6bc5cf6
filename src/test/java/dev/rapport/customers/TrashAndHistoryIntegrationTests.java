package dev.rapport.customers;

import static dev.rapport.customers.internal.db.Tables.PERSON;
import static dev.rapport.customers.internal.db.Tables.SEARCH_TERM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dev.rapport.customers.internal.Trash;
import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Every change of a person is kept field by field; deleting moves a person to the trash,
 * from which those who may delete it restore it, until the trash is emptied for good.
 *
 * <pre>
 * workspace "Trash": Sales rep Yara (owns the person); Sales rep Zeno (no relation)
 * </pre>
 */
@IntegrationTest
class TrashAndHistoryIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsLoader loader;

	@Autowired
	Trash trash;

	@Autowired
	DSLContext db;

	private Fixtures.Workspace workspace;

	private UUID yaraId;

	private String yara;

	private String zeno;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Trash");
		this.yaraId = this.fixtures.user(this.workspace.id(), "Yara Rep", "Sales rep", null);
		UUID zenoId = this.fixtures.user(this.workspace.id(), "Zeno Rep", "Sales rep", null);
		this.yara = "Bearer " + this.fixtures.token(this.workspace.id(), this.yaraId, "read", "write");
		this.zeno = "Bearer " + this.fixtures.token(this.workspace.id(), zenoId, "read", "write");
	}

	@Test
	void everyChangeIsKeptFieldByField() throws Exception {
		String id = create("{\"displayName\":\"Olga Ivanova\",\"jobTitle\":\"Buyer\"}");
		this.mvc
			.perform(put("/api/v1/people/" + id).header("Authorization", this.yara)
				.header("If-Match", "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"displayName\":\"Olga Petrova\",\"jobTitle\":\"Head of purchasing\",\"tags\":[\"VIP\"]}"))
			.andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/people/" + id + "/history").header("Authorization", this.yara))
			.andExpect(jsonPath("$[?(@.field == 'displayName')].oldValue").value(hasItem("Olga Ivanova")))
			.andExpect(jsonPath("$[?(@.field == 'displayName')].newValue").value(hasItem("Olga Petrova")))
			.andExpect(jsonPath("$[?(@.field == 'jobTitle')].newValue").value(hasItem("Head of purchasing")))
			.andExpect(jsonPath("$[?(@.field == 'tags')].newValue").value(hasItem("VIP")))
			.andExpect(jsonPath("$[0].changedByName").value("Yara Rep"));
		this.mvc
			.perform(get("/people/" + id)
				.with(user(this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), this.yaraId)))))
			.andExpect(content().string(containsString("Display name: Olga Ivanova → Olga Petrova")));
		this.mvc.perform(get("/api/v1/people/" + id + "/history").header("Authorization", this.zeno))
			.andExpect(status().isNotFound());
	}

	@Test
	void deletedPeopleWaitInTheTrashUntilRestoredOrRemovedForGood() throws Exception {
		String id = create("{\"displayName\":\"Kwame Mensah\",\"emails\":[{\"address\":\"kwame@example.gh\"}]}");
		this.mvc.perform(delete("/api/v1/people/" + id).header("Authorization", this.yara).header("If-Match", "\"1\""))
			.andExpect(status().isNoContent());
		this.mvc.perform(get("/api/v1/people?q=kwame").header("Authorization", this.yara))
			.andExpect(jsonPath("$.items.length()").value(0));
		this.mvc.perform(get("/api/v1/trash").header("Authorization", this.yara))
			.andExpect(jsonPath("$[0].name").value("Kwame Mensah"));
		this.mvc.perform(get("/api/v1/trash").header("Authorization", this.zeno))
			.andExpect(jsonPath("$.length()").value(0));
		this.mvc.perform(post("/api/v1/people/" + id + "/restore").header("Authorization", this.zeno))
			.andExpect(status().isNotFound());
		var yaraUser = this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), this.yaraId));
		this.mvc.perform(get("/trash").with(user(yaraUser)))
			.andExpect(content().string(containsString("Kwame Mensah")));
		this.mvc.perform(post("/trash/person/" + id).param("name", "Kwame Mensah").with(user(yaraUser)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/api/v1/people?q=kwame").header("Authorization", this.yara))
			.andExpect(jsonPath("$.items[0].displayName").value("Kwame Mensah"));

		this.mvc.perform(delete("/api/v1/people/" + id).header("Authorization", this.yara).header("If-Match", "*"))
			.andExpect(status().isNoContent());
		this.db.update(PERSON)
			.set(PERSON.DELETED_AT, OffsetDateTime.now().minusDays(31))
			.where(PERSON.ID.eq(UUID.fromString(id)))
			.execute();
		assertThat(this.trash.emptyExpired()).isGreaterThanOrEqualTo(1);
		assertThat(this.db.fetchExists(PERSON, PERSON.ID.eq(UUID.fromString(id)))).isFalse();
		assertThat(this.db.fetchExists(SEARCH_TERM, SEARCH_TERM.RECORD_ID.eq(UUID.fromString(id)))).isFalse();
		this.mvc.perform(post("/api/v1/people/" + id + "/restore").header("Authorization", this.yara))
			.andExpect(status().isNotFound());
	}

	private String create(String json) throws Exception {
		MvcResult result = this.mvc
			.perform(post("/api/v1/people").header("Authorization", this.yara)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json))
			.andExpect(status().isCreated())
			.andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
	}

}
