package dev.rapport.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.customers.internal.TagService;
import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.platform.ChangeLog;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Administrators list the tags with their counts, rename, merge and delete them, in the
 * pages and over the API; everyone else is refused. Real database, real services.
 *
 * <pre>
 * workspace "Tags": admin (Administrator), Ada (Administrator too), Rosa (Sales rep, no reports)
 * </pre>
 */
@IntegrationTest
class TagManagementIntegrationTests {

	private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsLoader loader;

	@Autowired
	ChangeLog changeLog;

	@Autowired
	TagService tagService;

	@Autowired
	PlatformTransactionManager transactionManager;

	private Fixtures.Workspace workspace;

	private String admin;

	private String rosa;

	private UUID adaId;

	private UserDetails ada;

	private UserDetails rosaUser;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Tags");
		this.adaId = this.fixtures.user(this.workspace.id(), "Ada Admin", "Administrator", null);
		UUID rosaId = this.fixtures.user(this.workspace.id(), "Rosa Rep", "Sales rep", null);
		this.admin = "Bearer " + this.fixtures.token(this.workspace.id(), this.workspace.adminId(), "read", "write");
		this.rosa = "Bearer " + this.fixtures.token(this.workspace.id(), rosaId, "read", "write");
		this.ada = this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), this.adaId));
		this.rosaUser = this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), rosaId));
	}

	@Test
	void listsTheTagsWithHowManyPeopleAndCompaniesCarryEach() throws Exception {
		person(this.admin, "Anna", "VIP", "Gold");
		String bert = person(this.admin, "Bert", "vip");
		person(this.admin, "Carl", "Gold");
		company(this.admin, "Acme", "VIP");
		person(this.rosa, "Rosa's customer", "VIP");
		send(delete("/api/v1/people/" + bert).header("If-Match", "*"), this.admin).andExpect(status().isNoContent());

		this.mvc.perform(get("/api/v1/tags").header("Authorization", this.admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[*].name").value(containsInAnyOrder("Gold", "VIP")))
			.andExpect(jsonPath("$.items[?(@.name == 'VIP')].people").value(contains(2)))
			.andExpect(jsonPath("$.items[?(@.name == 'VIP')].companies").value(contains(1)))
			.andExpect(jsonPath("$.items[?(@.name == 'Gold')].people").value(contains(2)))
			.andExpect(jsonPath("$.items[?(@.name == 'Gold')].companies").value(contains(0)))
			.andExpect(jsonPath("$.next").doesNotExist());
		// A sales rep reads the tags too, counted among what she may see.
		this.mvc.perform(get("/api/v1/tags").param("q", "vi").header("Authorization", this.rosa))
			.andExpect(jsonPath("$.items", hasSize(1)))
			.andExpect(jsonPath("$.items[0].people").value(1))
			.andExpect(jsonPath("$.items[0].companies").value(0));
		MvcResult firstPage = this.mvc.perform(get("/api/v1/tags?limit=1").header("Authorization", this.admin))
			.andExpect(jsonPath("$.items[0].name").value("Gold"))
			.andReturn();
		String next = JsonPath.read(firstPage.getResponse().getContentAsString(), "$.next");
		this.mvc.perform(get("/api/v1/tags?limit=1").param("cursor", next).header("Authorization", this.admin))
			.andExpect(jsonPath("$.items[0].name").value("VIP"))
			.andExpect(jsonPath("$.next").doesNotExist());

		this.mvc.perform(get("/admin/tags").with(user(this.ada)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("VIP")))
			.andExpect(content().string(containsString("/people?tag=Gold")))
			.andExpect(content().string(containsString("href=\"/admin/tags\"")));
		this.mvc.perform(get("/admin/tags").param("q", "gol").header("HX-Target", "tag-results").with(user(this.ada)))
			.andExpect(content().string(containsString("Gold")))
			.andExpect(content().string(not(containsString("VIP"))));
	}

	@Test
	void renamesATagForEveryoneWhoCarriesIt() throws Exception {
		String anna = person(this.admin, "Anna", "VIP");
		String acme = company(this.admin, "Acme", "VIP");
		Map<String, String> tags = tagIds();

		this.mvc
			.perform(post("/admin/tags/" + tags.get("VIP")).with(user(this.ada))
				.with(csrf())
				.param("name", "  Very important ")
				.param("version", "1"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/admin/tags"))
			.andExpect(flash().attribute("notice", "customers.tags.renamed"));

		this.mvc.perform(get("/api/v1/people/" + anna).header("Authorization", this.admin))
			.andExpect(jsonPath("$.tags").value(contains("Very important")));
		this.mvc.perform(get("/api/v1/companies/" + acme).header("Authorization", this.admin))
			.andExpect(jsonPath("$.tags").value(contains("Very important")));
		this.mvc.perform(get("/api/v1/people").param("tag", "very important").header("Authorization", this.admin))
			.andExpect(jsonPath("$.items[*].id").value(contains(anna)));
		this.mvc.perform(get("/api/v1/people").param("tag", "VIP").header("Authorization", this.admin))
			.andExpect(jsonPath("$.items", hasSize(0)));
		// Only the case changes: the same tag, a new version.
		send(patch("/api/v1/tags/" + tags.get("VIP")).header("If-Match", "\"2\""), this.admin,
				"{\"name\":\"VERY important\"}")
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"3\""))
			.andExpect(jsonPath("$.name").value("VERY important"))
			.andExpect(jsonPath("$.people").value(1))
			.andExpect(jsonPath("$.companies").value(1));
		send(put("/api/v1/tags/" + tags.get("VIP")).header("If-Match", "\"3\""), this.admin,
				"{\"name\":\"Key account\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("Key account"));

		// The audit trail: who renamed it, from what, to what.
		List<ChangeLog.Entry> history = Actors.callAs(new Actor(this.workspace.id(), this.workspace.adminId()),
				() -> this.changeLog.of(UUID.fromString(tags.get("VIP")), 10));
		assertThat(history).extracting(ChangeLog.Entry::field).containsOnly("name");
		assertThat(history).extracting(ChangeLog.Entry::newValue)
			.containsExactly("Key account", "VERY important", "Very important");
		assertThat(history.get(2).oldValue()).isEqualTo("VIP");
		assertThat(history.get(2).changedBy()).isEqualTo(this.adaId);
		this.mvc.perform(get("/admin/tags/" + tags.get("VIP")).with(user(this.ada)))
			.andExpect(content().string(containsString("Key account")))
			.andExpect(content().string(containsString("Ada Admin")));
	}

	@Test
	void refusesToRenameToTheNameOfAnotherTagAndSuggestsMerging() throws Exception {
		person(this.admin, "Anna", "VIP", "Gold");
		Map<String, String> tags = tagIds();

		this.mvc
			.perform(post("/admin/tags/" + tags.get("VIP")).with(user(this.ada))
				.with(csrf())
				.param("name", "GÖLD")
				.param("version", "1"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("already exists")))
			.andExpect(content().string(containsString("merge this tag into")))
			.andExpect(content().string(containsString("id=\"name-error\"")))
			.andExpect(content().string(containsString("value=\"" + tags.get("Gold") + "\" dir=\"auto\" selected")));
		this.mvc
			.perform(post("/admin/tags/" + tags.get("VIP")).with(user(this.ada))
				.with(csrf())
				.param("name", "   ")
				.param("version", "1"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Enter the new name of the tag.")));

		send(patch("/api/v1/tags/" + tags.get("VIP")).header("If-Match", "\"1\""), this.admin, "{\"name\":\"gold\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().contentTypeCompatibleWith(PROBLEM))
			.andExpect(jsonPath("$.errors[0].field").value("name"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("merge this tag into \"Gold\"")));
		send(patch("/api/v1/tags/" + tags.get("VIP")).header("If-Match", "\"1\""), this.admin, "{\"name\":\"\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("name"));
		send(patch("/api/v1/tags/" + tags.get("VIP")).header("If-Match", "\"1\""), this.admin,
				"{\"name\":\"" + "x".repeat(101) + "\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("name"));
		send(patch("/api/v1/tags/" + tags.get("VIP")), this.admin, "{\"name\":\"Platinum\"}")
			.andExpect(status().isPreconditionRequired());
		send(patch("/api/v1/tags/" + tags.get("VIP")).header("If-Match", "\"7\""), this.admin,
				"{\"name\":\"Platinum\"}")
			.andExpect(status().isPreconditionFailed())
			.andExpect(content().contentTypeCompatibleWith(PROBLEM));
		send(patch("/api/v1/tags/" + UUID.randomUUID()).header("If-Match", "\"1\""), this.admin,
				"{\"name\":\"Platinum\"}")
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(PROBLEM));
		send(patch("/api/v1/tags/not-an-id").header("If-Match", "\"1\""), this.admin, "{\"name\":\"Platinum\"}")
			.andExpect(status().isNotFound());
		// Nothing changed.
		assertThat(tagIds()).containsOnlyKeys("Gold", "VIP");

		// A form opened before someone else deleted the tag.
		send(delete("/api/v1/tags/" + tags.get("VIP")).header("If-Match", "\"1\""), this.admin)
			.andExpect(status().isNoContent());
		this.mvc
			.perform(post("/admin/tags/" + tags.get("VIP")).with(user(this.ada))
				.with(csrf())
				.param("name", "Platinum")
				.param("version", "1"))
			.andExpect(redirectedUrl("/admin/tags"))
			.andExpect(flash().attribute("problem", "customers.tags.gone"));
		this.mvc.perform(get("/admin/tags/" + tags.get("VIP")).with(user(this.ada))).andExpect(status().isNotFound());
	}

	@Test
	void mergesATagIntoAnotherForPeopleAndCompaniesOnce() throws Exception {
		// Anna and Globex carry both tags; the others one of them.
		String anna = person(this.admin, "Anna", "Spring fair", "Summer fair");
		String bert = person(this.admin, "Bert", "Spring fair");
		String carl = person(this.admin, "Carl", "Summer fair");
		String acme = company(this.admin, "Acme", "Spring fair");
		String globex = company(this.admin, "Globex", "Summer fair", "Spring fair");
		Map<String, String> tags = tagIds();
		String spring = tags.get("Spring fair");
		String summer = tags.get("Summer fair");

		send(post("/api/v1/tags/" + spring + "/merge").header("If-Match", "\"1\""), this.admin,
				"{\"targetId\":\"" + summer + "\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(summer))
			.andExpect(jsonPath("$.name").value("Summer fair"))
			.andExpect(jsonPath("$.people").value(3))
			.andExpect(jsonPath("$.companies").value(2));

		assertThat(tagIds()).containsOnlyKeys("Summer fair");
		for (String person : List.of(anna, bert, carl)) {
			this.mvc.perform(get("/api/v1/people/" + person).header("Authorization", this.admin))
				.andExpect(jsonPath("$.tags").value(contains("Summer fair")));
		}
		for (String company : List.of(acme, globex)) {
			this.mvc.perform(get("/api/v1/companies/" + company).header("Authorization", this.admin))
				.andExpect(jsonPath("$.tags").value(contains("Summer fair")));
		}
		// The filter by the merged tag finds everyone who carried either.
		this.mvc.perform(get("/api/v1/people").param("tag", "summer fair").header("Authorization", this.admin))
			.andExpect(jsonPath("$.items[*].id").value(containsInAnyOrder(anna, bert, carl)));
		this.mvc.perform(get("/api/v1/people/count").param("tag", "Summer fair").header("Authorization", this.admin))
			.andExpect(jsonPath("$.count").value(3));
		this.mvc.perform(get("/api/v1/people").param("tag", "Spring fair").header("Authorization", this.admin))
			.andExpect(jsonPath("$.items", hasSize(0)));
		this.mvc.perform(get("/api/v1/companies").param("tag", "Summer fair").header("Authorization", this.admin))
			.andExpect(jsonPath("$.items[*].id").value(containsInAnyOrder(acme, globex)));
		this.mvc.perform(get("/people").param("tag", "Summer fair").with(user(this.ada)))
			.andExpect(content().string(containsString("Anna")))
			.andExpect(content().string(containsString("Bert")))
			.andExpect(content().string(containsString("Carl")));

		// The audit trail of both tags.
		List<ChangeLog.Entry> merged = Actors.callAs(new Actor(this.workspace.id(), this.workspace.adminId()),
				() -> this.changeLog.of(UUID.fromString(spring), 10));
		assertThat(merged).extracting(ChangeLog.Entry::field, ChangeLog.Entry::newValue)
			.contains(tuple("mergedInto", "Summer fair"));
		List<ChangeLog.Entry> target = Actors.callAs(new Actor(this.workspace.id(), this.workspace.adminId()),
				() -> this.changeLog.of(UUID.fromString(summer), 10));
		assertThat(target).extracting(ChangeLog.Entry::field, ChangeLog.Entry::oldValue, ChangeLog.Entry::newValue)
			.contains(tuple("mergedFrom", null, "Spring fair"), tuple("people", "2", "3"),
					tuple("companies", "1", "2"));

		// The same through the page, into a tag nobody else carries.
		person(this.admin, "Dora", "Autumn fair");
		String autumn = tagIds().get("Autumn fair");
		this.mvc.perform(get("/admin/tags/" + summer).with(user(this.ada)))
			.andExpect(content().string(containsString("Autumn fair")))
			.andExpect(content().string(containsString("data-confirm")));
		this.mvc
			.perform(post("/admin/tags/" + summer + "/merge").with(user(this.ada))
				.with(csrf())
				.param("targetId", autumn)
				.param("version", "1"))
			.andExpect(redirectedUrl("/admin/tags"))
			.andExpect(flash().attribute("notice", "customers.tags.merged"));
		this.mvc.perform(get("/api/v1/people").param("tag", "autumn fair").header("Authorization", this.admin))
			.andExpect(jsonPath("$.items", hasSize(4)));
	}

	@Test
	void refusesAMergeWithoutAValidTargetNamingTheField() throws Exception {
		person(this.admin, "Anna", "Spring fair", "Summer fair");
		Map<String, String> tags = tagIds();
		String spring = tags.get("Spring fair");
		for (String body : List.of("{}", "{\"targetId\":\"" + spring + "\"}",
				"{\"targetId\":\"" + UUID.randomUUID() + "\"}", "{\"targetId\":\"soon\"}")) {
			send(post("/api/v1/tags/" + spring + "/merge").header("If-Match", "\"1\""), this.admin, body)
				.andExpect(status().isUnprocessableContent())
				.andExpect(content().contentTypeCompatibleWith(PROBLEM))
				.andExpect(jsonPath("$.errors[0].field").value("targetId"));
		}
		send(post("/api/v1/tags/" + UUID.randomUUID() + "/merge").header("If-Match", "\"1\""), this.admin,
				"{\"targetId\":\"" + tags.get("Summer fair") + "\"}")
			.andExpect(status().isNotFound());
		send(post("/api/v1/tags/" + spring + "/merge").header("If-Match", "\"2\""), this.admin,
				"{\"targetId\":\"" + tags.get("Summer fair") + "\"}")
			.andExpect(status().isPreconditionFailed());
		this.mvc
			.perform(post("/admin/tags/" + spring + "/merge").with(user(this.ada))
				.with(csrf())
				.param("targetId", "")
				.param("version", "1"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"targetId-error\"")));
		assertThat(tagIds()).containsOnlyKeys("Spring fair", "Summer fair");
	}

	@Test
	void deletesATagFromEveryoneAfterConfirmation() throws Exception {
		String anna = person(this.admin, "Anna", "Old list", "Gold");
		String acme = company(this.admin, "Acme", "Old list");
		person(this.admin, "Bert", "Stale");
		Map<String, String> tags = tagIds();

		this.mvc.perform(get("/admin/tags/" + tags.get("Old list") + "/delete").with(user(this.ada)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("1 person and 1 company")))
			.andExpect(content().string(containsString("name=\"version\" value=\"1\"")));
		this.mvc
			.perform(post("/admin/tags/" + tags.get("Old list") + "/delete").with(user(this.ada))
				.with(csrf())
				.param("version", "1"))
			.andExpect(redirectedUrl("/admin/tags"))
			.andExpect(flash().attribute("deleted", "Old list"));
		this.mvc.perform(get("/api/v1/people/" + anna).header("Authorization", this.admin))
			.andExpect(jsonPath("$.tags").value(contains("Gold")));
		this.mvc.perform(get("/api/v1/companies/" + acme).header("Authorization", this.admin))
			.andExpect(jsonPath("$.tags", hasSize(0)));
		this.mvc.perform(get("/api/v1/people").param("tag", "Old list").header("Authorization", this.admin))
			.andExpect(jsonPath("$.items", hasSize(0)));

		send(delete("/api/v1/tags/" + tags.get("Stale")), this.admin).andExpect(status().isPreconditionRequired());
		send(delete("/api/v1/tags/" + tags.get("Stale")).header("If-Match", "\"1\""), this.admin)
			.andExpect(status().isNoContent());
		send(delete("/api/v1/tags/" + tags.get("Stale")).header("If-Match", "\"1\""), this.admin)
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(PROBLEM));
		assertThat(tagIds()).containsOnlyKeys("Gold");
		List<ChangeLog.Entry> history = Actors.callAs(new Actor(this.workspace.id(), this.workspace.adminId()),
				() -> this.changeLog.of(UUID.fromString(tags.get("Old list")), 10));
		assertThat(history).extracting(ChangeLog.Entry::field, ChangeLog.Entry::oldValue, ChangeLog.Entry::newValue)
			.containsExactlyInAnyOrder(tuple("name", "Old list", null), tuple("people", "1", "0"),
					tuple("companies", "1", "0"));
	}

	@Test
	void onlyAdministratorsManageTags() throws Exception {
		person(this.rosa, "Rosa's customer", "VIP", "Gold");
		Map<String, String> tags = tagIds();
		String vip = tags.get("VIP");

		send(patch("/api/v1/tags/" + vip).header("If-Match", "\"1\""), this.rosa, "{\"name\":\"Platinum\"}")
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(PROBLEM));
		send(post("/api/v1/tags/" + vip + "/merge").header("If-Match", "\"1\""), this.rosa,
				"{\"targetId\":\"" + tags.get("Gold") + "\"}")
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(PROBLEM));
		send(delete("/api/v1/tags/" + vip).header("If-Match", "\"1\""), this.rosa).andExpect(status().isForbidden());
		String readOnly = "Bearer " + this.fixtures.token(this.workspace.id(), this.workspace.adminId(), "read");
		send(delete("/api/v1/tags/" + vip).header("If-Match", "\"1\""), readOnly).andExpect(status().isForbidden());

		this.mvc.perform(get("/admin/tags").with(user(this.rosaUser))).andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/tags/" + vip).with(user(this.rosaUser))
				.with(csrf())
				.param("name", "Platinum")
				.param("version", "1"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(
					post("/admin/tags/" + vip + "/delete").with(user(this.rosaUser)).with(csrf()).param("version", "1"))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/").with(user(this.rosaUser)))
			.andExpect(content().string(not(containsString("/admin/tags"))));
		this.mvc.perform(get("/").with(user(this.ada))).andExpect(content().string(containsString("/admin/tags")));
		assertThat(tagIds()).containsOnlyKeys("Gold", "VIP");
	}

	@Test
	void mergeAndDeleteHistoriesCountAsThePagesDoWithoutTheTrash() throws Exception {
		person(this.admin, "Anna", "Spring fair");
		String bert = person(this.admin, "Bert", "Spring fair", "Summer fair");
		person(this.admin, "Carl", "Summer fair");
		person(this.admin, "Dora", "Old list");
		String emil = person(this.admin, "Emil", "Old list");
		send(delete("/api/v1/people/" + bert).header("If-Match", "*"), this.admin).andExpect(status().isNoContent());
		send(delete("/api/v1/people/" + emil).header("If-Match", "*"), this.admin).andExpect(status().isNoContent());
		Map<String, String> tags = tagIds();

		send(post("/api/v1/tags/" + tags.get("Spring fair") + "/merge").header("If-Match", "\"1\""), this.admin,
				"{\"targetId\":\"" + tags.get("Summer fair") + "\"}")
			.andExpect(jsonPath("$.people").value(2));
		send(delete("/api/v1/tags/" + tags.get("Old list")).header("If-Match", "\"1\""), this.admin)
			.andExpect(status().isNoContent());

		assertThat(history(tags.get("Spring fair"))).contains(tuple("people", "1", "0"));
		assertThat(history(tags.get("Summer fair"))).contains(tuple("people", "1", "2"));
		assertThat(history(tags.get("Old list"))).contains(tuple("people", "1", "0"));
	}

	@Test
	void savedViewsFollowARenamedMergedOrDeletedTag() throws Exception {
		person(this.admin, "Anna", "Spring fair", "Summer fair", "Old list");
		String fair = view("Fair leads", "tag=Spring+fair&stage=lead");
		String encoded = view("Fair search", "q=ann&tag=spring%20fair");
		String old = view("Old ones", "tag=Old+list&cols=jobTitle");
		String other = view("Summer", "tag=Summer+fair");
		Map<String, String> tags = tagIds();

		send(patch("/api/v1/tags/" + tags.get("Spring fair")).header("If-Match", "\"1\""), this.admin,
				"{\"name\":\"Spring fair 2027\"}")
			.andExpect(status().isOk());
		assertThat(views()).containsEntry(fair, "tag=Spring+fair+2027&stage=lead")
			.containsEntry(encoded, "q=ann&tag=Spring+fair+2027")
			.containsEntry(other, "tag=Summer+fair");

		send(post("/api/v1/tags/" + tags.get("Spring fair") + "/merge").header("If-Match", "\"2\""), this.admin,
				"{\"targetId\":\"" + tags.get("Summer fair") + "\"}")
			.andExpect(status().isOk());
		assertThat(views()).containsEntry(fair, "tag=Summer+fair&stage=lead")
			.containsEntry(encoded, "q=ann&tag=Summer+fair");

		send(delete("/api/v1/tags/" + tags.get("Old list")).header("If-Match", "\"1\""), this.admin)
			.andExpect(status().isNoContent());
		assertThat(views()).containsEntry(old, "cols=jobTitle").containsEntry(other, "tag=Summer+fair");
	}

	/**
	 * A person saved with a tag while an administrator merges or deletes that tag: the
	 * merge is held open (not committed) while the save runs in another thread, so on
	 * PostgreSQL the save meets the tag row being deleted. The save succeeds and no link
	 * points at a tag that is gone.
	 */
	@Test
	void aSaveNamingATagMergedOrDeletedMeanwhileSucceeds() throws Exception {
		String anna = person(this.admin, "Anna", "Spring fair");
		String dora = person(this.admin, "Dora");
		person(this.admin, "Carl", "Summer fair", "Old list");
		String fritz = person(this.admin, "Fritz");
		Map<String, String> tags = tagIds();

		MvcResult saved = whileOpen(
				() -> this.tagService.merge(UUID.fromString(tags.get("Spring fair")), 1,
						UUID.fromString(tags.get("Summer fair"))),
				() -> send(put("/api/v1/people/" + dora).header("If-Match", "*"), this.admin,
						"{\"displayName\":\"Dora\",\"tags\":[\"Spring fair\"]}")
					.andReturn());
		assertThat(saved.getResponse().getStatus()).isEqualTo(200);
		// The save asked for the tag by name: it is there again, as a new tag.
		assertThat(tagIds()).containsKeys("Spring fair", "Summer fair")
			.doesNotContainEntry("Spring fair", tags.get("Spring fair"));
		this.mvc.perform(get("/api/v1/people/" + dora).header("Authorization", this.admin))
			.andExpect(jsonPath("$.tags").value(contains("Spring fair")));
		this.mvc.perform(get("/api/v1/people/" + anna).header("Authorization", this.admin))
			.andExpect(jsonPath("$.tags").value(contains("Summer fair")));

		// A save of someone who carries the tag, at the same time as the merge.
		String bert = person(this.admin, "Bert", "Autumn fair");
		String autumn = tagIds().get("Autumn fair");
		MvcResult carrier = whileOpen(
				() -> this.tagService.merge(UUID.fromString(autumn), 1, UUID.fromString(tags.get("Summer fair"))),
				() -> send(put("/api/v1/people/" + bert).header("If-Match", "*"), this.admin,
						"{\"displayName\":\"Bert B.\",\"tags\":[\"Autumn fair\"]}")
					.andReturn());
		assertThat(carrier.getResponse().getStatus()).isEqualTo(200);
		this.mvc.perform(get("/api/v1/people/" + bert).header("Authorization", this.admin))
			.andExpect(jsonPath("$.displayName").value("Bert B."))
			.andExpect(jsonPath("$.tags").value(contains("Autumn fair")));

		MvcResult deleted = whileOpen(() -> this.tagService.delete(UUID.fromString(tags.get("Old list")), 1),
				() -> send(put("/api/v1/people/" + fritz).header("If-Match", "*"), this.admin,
						"{\"displayName\":\"Fritz\",\"tags\":[\"Old list\",\"Gold\"]}")
					.andReturn());
		assertThat(deleted.getResponse().getStatus()).isEqualTo(200);
		this.mvc.perform(get("/api/v1/people/" + fritz).header("Authorization", this.admin))
			.andExpect(jsonPath("$.tags").value(contains("Gold", "Old list")));
		// Every tag shown is one the tag list knows.
		Map<String, String> after = tagIds();
		assertThat(after).containsKeys("Gold", "Old list", "Spring fair", "Summer fair", "Autumn fair");
		this.mvc.perform(get("/api/v1/tags/" + after.get("Old list")).header("Authorization", this.admin))
			.andExpect(jsonPath("$.people").value(1));
	}

	/**
	 * Runs a change as the administrator in a transaction held open for a while in a
	 * second thread, and meanwhile, in this thread, what should cope with it.
	 */
	private <T> T whileOpen(Runnable change, Callable<T> meanwhile) throws Exception {
		CountDownLatch changed = new CountDownLatch(1);
		ExecutorService thread = Executors.newSingleThreadExecutor();
		try {
			Future<?> admin = thread
				.submit(() -> Actors.callAs(new Actor(this.workspace.id(), this.workspace.adminId()),
						() -> new TransactionTemplate(this.transactionManager).execute((status) -> {
							change.run();
							changed.countDown();
							try {
								Thread.sleep(700);
							}
							catch (InterruptedException ex) {
								Thread.currentThread().interrupt();
							}
							return null;
						})));
			assertThat(changed.await(20, TimeUnit.SECONDS)).as("the change ran").isTrue();
			T result = meanwhile.call();
			admin.get(20, TimeUnit.SECONDS);
			return result;
		}
		finally {
			thread.shutdownNow();
		}
	}

	private List<org.assertj.core.groups.Tuple> history(String tagId) {
		return Actors
			.callAs(new Actor(this.workspace.id(), this.workspace.adminId()),
					() -> this.changeLog.of(UUID.fromString(tagId), 20))
			.stream()
			.map((e) -> tuple(e.field(), e.oldValue(), e.newValue()))
			.toList();
	}

	private String view(String name, String query) throws Exception {
		return create("/api/v1/views", this.admin, "{\"name\":\"%s\",\"query\":\"%s\"}".formatted(name, query));
	}

	/** The admin's saved views: query by id. */
	private Map<String, String> views() throws Exception {
		MvcResult result = this.mvc.perform(get("/api/v1/views").header("Authorization", this.admin))
			.andExpect(status().isOk())
			.andReturn();
		List<Map<String, Object>> items = JsonPath.read(result.getResponse().getContentAsString(), "$");
		return items.stream().collect(Collectors.toMap((v) -> (String) v.get("id"), (v) -> (String) v.get("query")));
	}

	private Map<String, String> tagIds() throws Exception {
		MvcResult result = this.mvc.perform(get("/api/v1/tags").header("Authorization", this.admin))
			.andExpect(status().isOk())
			.andReturn();
		List<Map<String, Object>> items = JsonPath.read(result.getResponse().getContentAsString(), "$.items");
		return items.stream().collect(Collectors.toMap((t) -> (String) t.get("name"), (t) -> (String) t.get("id")));
	}

	private String person(String token, String name, String... tags) throws Exception {
		return create("/api/v1/people", token, "{\"displayName\":\"%s\",\"tags\":%s}".formatted(name, json(tags)));
	}

	private String company(String token, String name, String... tags) throws Exception {
		return create("/api/v1/companies", token, "{\"name\":\"%s\",\"tags\":%s}".formatted(name, json(tags)));
	}

	private String create(String path, String token, String json) throws Exception {
		MvcResult result = send(post(path), token, json).andExpect(status().isCreated()).andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
	}

	private ResultActions send(MockHttpServletRequestBuilder request, String token, String json) throws Exception {
		return this.mvc
			.perform(request.header("Authorization", token).contentType(MediaType.APPLICATION_JSON).content(json));
	}

	private ResultActions send(MockHttpServletRequestBuilder request, String token) throws Exception {
		return this.mvc.perform(request.header("Authorization", token));
	}

	private static String json(String... values) {
		return Arrays.stream(values).map((v) -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
	}

}
