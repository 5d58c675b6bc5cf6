package dev.rapport.dataquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.rapport.customers.PersonalData;
import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Merging two people or two companies moves everything linked to the one merged away to
 * the survivor, gives the survivor the chosen values, and can be undone exactly; only
 * records the user may change can be merged, and a stale comparison changes nothing.
 *
 * <pre>
 * workspace "Merge": Sales rep Ana (owns the customers); Sales rep Cleo (no relation)
 * </pre>
 */
@IntegrationTest
class MergeIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsLoader loader;

	@Autowired
	List<PersonalData> personalData;

	private Fixtures.Workspace workspace;

	private UUID anaId;

	private String ana;

	private String cleo;

	private UUID cleoId;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Merge");
		this.anaId = this.fixtures.user(this.workspace.id(), "Ana Rep", "Sales rep", null);
		this.cleoId = this.fixtures.user(this.workspace.id(), "Cleo Rep", "Sales rep", null);
		this.ana = "Bearer " + this.fixtures.token(this.workspace.id(), this.anaId, "read", "write");
		this.cleo = "Bearer " + this.fixtures.token(this.workspace.id(), this.cleoId, "read", "write");
	}

	@Test
	void mergingTwoPeopleMovesEverythingToTheSurvivorAndUndoBringsItAllBack() throws Exception {
		String robert = create(this.ana, "/api/v1/people",
				"{\"givenName\":\"Robert\",\"familyName\":\"Smith\",\"jobTitle\":\"Buyer\","
						+ "\"emails\":[{\"address\":\"robert@old.example\"}],\"tags\":[\"VIP\"]}");
		String bob = create(this.ana, "/api/v1/people",
				"{\"givenName\":\"Bob\",\"familyName\":\"Smith\",\"jobTitle\":\"Head buyer\","
						+ "\"emails\":[{\"address\":\"bob@new.example\"}],\"phones\":[{\"number\":\"+31612345678\"}],"
						+ "\"tags\":[\"Golf\"]}");
		String interaction = create(this.ana, "/api/v1/interactions",
				"{\"personId\":\"" + bob + "\",\"channel\":\"call\",\"summary\":\"Asked for a quote\"}");
		create(this.ana, "/api/v1/people/" + bob + "/consents",
				"{\"channel\":\"email\",\"status\":\"opt-in\",\"source\":\"web form\"}");
		String purchase = create(this.ana, "/api/v1/transactions", "{\"personId\":\"" + bob
				+ "\",\"kind\":\"purchase\",\"amount\":120,\"currency\":\"EUR\",\"occurredOn\":\"2026-11-01\"}");
		String deal = create(this.ana, "/api/v1/deals",
				"{\"name\":\"Annual contract\",\"people\":[{\"personId\":\"" + bob + "\",\"role\":\"buyer\"}]}");
		String sharedDeal = create(this.ana, "/api/v1/deals", "{\"name\":\"Both on it\",\"people\":[{\"personId\":\""
				+ robert + "\"},{\"personId\":\"" + bob + "\"}]}");
		String task = create(this.ana, "/api/v1/activities",
				"{\"kind\":\"task\",\"title\":\"Send the quote\",\"dueOn\":\"2026-12-01\",\"personId\":\"" + bob
						+ "\"}");

		// The comparison proposes the older record as survivor and the newer job title.
		send(get("/api/v1/merges/preview?kind=person&a=" + bob + "&b=" + robert), this.ana, null)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.survivorId").value(robert))
			.andExpect(jsonPath("$.fields[?(@.field == 'jobTitle')].choice").value(hasItem("a")))
			.andExpect(jsonPath("$.fields[?(@.field == 'emails')].choice").value(hasItem("both")))
			.andExpect(jsonPath("$.fields[?(@.field == 'familyName')].same").value(hasItem(true)));

		MvcResult merged = send(post("/api/v1/merges").header("If-Match", "\"1\", \"1\""), this.ana,
				"{\"kind\":\"person\",\"survivorId\":\"" + robert + "\",\"mergedId\":\"" + bob
						+ "\",\"values\":{\"givenName\":\"survivor\",\"displayName\":\"survivor\"}}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.survivorName").value("Robert Smith"))
			.andExpect(jsonPath("$.mergedName").value("Bob Smith"))
			.andExpect(jsonPath("$.undoable").value(true))
			.andExpect(jsonPath("$.moved['customers.interactions']", hasSize(1)))
			.andExpect(jsonPath("$.moved['sales.deals']", hasSize(1)))
			.andReturn();
		String mergeId = JsonPath.read(merged.getResponse().getContentAsString(), "$.id");

		// The survivor has the chosen values and the union of contact points and tags.
		send(get("/api/v1/people/" + robert), this.ana, null).andExpect(status().isOk())
			.andExpect(jsonPath("$.givenName").value("Robert"))
			.andExpect(jsonPath("$.jobTitle").value("Head buyer"))
			.andExpect(jsonPath("$.emails[*].address", containsInAnyOrder("robert@old.example", "bob@new.example")))
			.andExpect(jsonPath("$.emails[?(@.primary == true)].address").value(hasItem("robert@old.example")))
			.andExpect(jsonPath("$.phones[0].e164").value("+31612345678"))
			.andExpect(jsonPath("$.tags", containsInAnyOrder("VIP", "Golf")));
		// Everything linked to Bob is Robert's now.
		send(get("/api/v1/people/" + robert + "/interactions"), this.ana, null)
			.andExpect(jsonPath("$[*].id", hasItem(interaction)));
		send(get("/api/v1/people/" + robert + "/consents"), this.ana, null)
			.andExpect(jsonPath("$[*].source", hasItem("web form")));
		send(get("/api/v1/people/" + robert + "/transactions"), this.ana, null)
			.andExpect(jsonPath("$[*].id", hasItem(purchase)));
		send(get("/api/v1/deals/" + deal), this.ana, null)
			.andExpect(jsonPath("$.people[*].personId", containsInAnyOrder(robert)))
			.andExpect(jsonPath("$.people[0].role").value("buyer"));
		send(get("/api/v1/deals/" + sharedDeal), this.ana, null)
			.andExpect(jsonPath("$.people[*].personId", containsInAnyOrder(robert, bob)));
		send(get("/api/v1/activities/" + task), this.ana, null).andExpect(jsonPath("$.personId").value(robert));
		send(get("/api/v1/people/" + robert + "/timeline"), this.ana, null)
			.andExpect(jsonPath("$.items[*].kind", hasItem("interaction")));
		// The deal's entry on the survivor's timeline is the deal's own: changing the
		// deal
		// replaces it rather than adding a second one.
		send(patch("/api/v1/deals/" + deal).header("If-Match", "\"1\""), this.ana, "{\"amount\":5000}")
			.andExpect(status().isOk());
		send(get("/api/v1/people/" + robert + "/timeline?kind=deal"), this.ana, null)
			.andExpect(jsonPath("$.items[?(@.title == 'Annual contract')]", hasSize(1)));
		// Bob is gone from reads, lists, search and the trash; his page leads to Robert.
		send(get("/api/v1/people/" + bob), this.ana, null).andExpect(status().isNotFound());
		send(get("/api/v1/people?q=smith"), this.ana, null).andExpect(jsonPath("$.items[*].id", hasSize(1)))
			.andExpect(jsonPath("$.items[0].id").value(robert));
		send(get("/api/v1/trash"), this.ana, null).andExpect(jsonPath("$[*].id", not(hasItem(bob))));
		send(post("/api/v1/people/" + bob + "/restore"), this.ana, null).andExpect(status().isNotFound());
		this.mvc.perform(get("/people/" + bob).with(user(ana())))
			.andExpect(redirectedUrl("/people/" + robert))
			.andExpect(flash().attribute("notice", "customers.merged.into"));
		send(get("/api/v1/people/" + robert + "/history"), this.ana, null)
			.andExpect(jsonPath("$[?(@.field == 'merged')].newValue").value(hasItem("Bob Smith")));

		MvcResult undone = send(post("/api/v1/merges/" + mergeId + "/undo"), this.ana, null).andExpect(status().isOk())
			.andExpect(jsonPath("$.undoneAt").isNotEmpty())
			.andExpect(jsonPath("$.keptFields", hasSize(0)))
			.andReturn();
		assertThat(undone.getResponse().getContentAsString()).contains(mergeId);

		send(get("/api/v1/people/" + bob), this.ana, null).andExpect(status().isOk())
			.andExpect(jsonPath("$.jobTitle").value("Head buyer"))
			.andExpect(jsonPath("$.tags", containsInAnyOrder("Golf")));
		send(get("/api/v1/people/" + robert), this.ana, null).andExpect(jsonPath("$.jobTitle").value("Buyer"))
			.andExpect(jsonPath("$.emails[*].address", containsInAnyOrder("robert@old.example")))
			.andExpect(jsonPath("$.phones", hasSize(0)))
			.andExpect(jsonPath("$.tags", containsInAnyOrder("VIP")));
		send(get("/api/v1/people/" + bob + "/interactions"), this.ana, null)
			.andExpect(jsonPath("$[*].id", hasItem(interaction)));
		send(get("/api/v1/people/" + robert + "/interactions"), this.ana, null).andExpect(jsonPath("$", hasSize(0)));
		send(get("/api/v1/people/" + bob + "/consents"), this.ana, null).andExpect(jsonPath("$", hasSize(1)));
		send(get("/api/v1/people/" + robert + "/consents"), this.ana, null).andExpect(jsonPath("$", hasSize(0)));
		send(get("/api/v1/people/" + bob + "/transactions"), this.ana, null)
			.andExpect(jsonPath("$[*].id", hasItem(purchase)));
		send(get("/api/v1/deals/" + deal), this.ana, null)
			.andExpect(jsonPath("$.people[*].personId", containsInAnyOrder(bob)));
		send(get("/api/v1/deals/" + sharedDeal), this.ana, null)
			.andExpect(jsonPath("$.people[*].personId", containsInAnyOrder(robert, bob)));
		send(get("/api/v1/activities/" + task), this.ana, null).andExpect(jsonPath("$.personId").value(bob));
		send(get("/api/v1/people/" + bob + "/timeline?kind=deal"), this.ana, null)
			.andExpect(jsonPath("$.items[?(@.title == 'Annual contract')]", hasSize(1)));
		send(get("/api/v1/people/" + robert + "/timeline?kind=deal"), this.ana, null)
			.andExpect(jsonPath("$.items[?(@.title == 'Annual contract')]", hasSize(0)));
		send(get("/api/v1/people?q=smith"), this.ana, null).andExpect(jsonPath("$.items", hasSize(2)));
		send(post("/api/v1/merges/" + mergeId + "/undo"), this.ana, null).andExpect(status().isUnprocessableContent());
	}

	@Test
	void undoKeepsTheFieldsChangedSinceTheMerge() throws Exception {
		String older = create(this.ana, "/api/v1/people", "{\"displayName\":\"Mia Wong\",\"jobTitle\":\"Owner\"}");
		String newer = create(this.ana, "/api/v1/people",
				"{\"displayName\":\"Mia Wong\",\"jobTitle\":\"Founder\",\"source\":\"fair\"}");
		MvcResult merged = send(post("/api/v1/merges").header("If-Match", "\"1\", \"1\""), this.ana,
				"{\"kind\":\"person\",\"survivorId\":\"" + older + "\",\"mergedId\":\"" + newer + "\"}")
			.andExpect(status().isCreated())
			.andReturn();
		String mergeId = JsonPath.read(merged.getResponse().getContentAsString(), "$.id");
		MvcResult survivor = send(get("/api/v1/people/" + older), this.ana, null)
			.andExpect(jsonPath("$.jobTitle").value("Founder"))
			.andExpect(jsonPath("$.source").value("fair"))
			.andReturn();
		String etag = survivor.getResponse().getHeader("ETag");
		send(put("/api/v1/people/" + older).header("If-Match", etag), this.ana,
				"{\"displayName\":\"Mia Wong\",\"jobTitle\":\"Chief executive\",\"source\":\"fair\"}")
			.andExpect(status().isOk());
		send(post("/api/v1/merges/" + mergeId + "/undo"), this.ana, null).andExpect(status().isOk())
			.andExpect(jsonPath("$.keptFields", containsInAnyOrder("jobTitle")));
		send(get("/api/v1/people/" + older), this.ana, null).andExpect(jsonPath("$.jobTitle").value("Chief executive"))
			.andExpect(jsonPath("$.source").isEmpty());
		send(get("/api/v1/people/" + newer), this.ana, null).andExpect(status().isOk());
	}

	@Test
	void aStaleComparisonChangesNothing() throws Exception {
		String one = create(this.ana, "/api/v1/people", "{\"displayName\":\"Lea Stale\"}");
		String two = create(this.ana, "/api/v1/people", "{\"displayName\":\"Lea Stale\",\"jobTitle\":\"Buyer\"}");
		send(put("/api/v1/people/" + two).header("If-Match", "\"1\""), this.ana,
				"{\"displayName\":\"Lea Stale\",\"jobTitle\":\"Chief buyer\"}")
			.andExpect(status().isOk());
		String body = "{\"kind\":\"person\",\"survivorId\":\"" + one + "\",\"mergedId\":\"" + two + "\"}";
		send(post("/api/v1/merges").header("If-Match", "\"1\", \"1\""), this.ana, body)
			.andExpect(status().isPreconditionFailed());
		send(post("/api/v1/merges"), this.ana, body).andExpect(status().is(428));
		send(get("/api/v1/people/" + two), this.ana, null).andExpect(status().isOk());

		// The compare page shows the records as they are now and says why.
		UserDetails ana = ana();
		this.mvc
			.perform(post("/data-quality/merge").with(user(ana))
				.with(csrf())
				.param("kind", "person")
				.param("a", one)
				.param("b", two)
				.param("aVersion", "1")
				.param("bVersion", "1")
				.param("survivor", "a")
				.param("v.jobTitle", "b"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("was changed by someone else")))
			.andExpect(content().string(containsString("Chief buyer")));
		send(get("/api/v1/people/" + two), this.ana, null).andExpect(status().isOk());
	}

	@Test
	void onlyRecordsTheUserMayChangeCanBeMerged() throws Exception {
		String anas = create(this.ana, "/api/v1/people", "{\"displayName\":\"Noor Haddad\"}");
		String anas2 = create(this.ana, "/api/v1/people", "{\"displayName\":\"Noor Hadad\"}");
		String cleos = create(this.cleo, "/api/v1/people", "{\"displayName\":\"Noor Haddad\"}");
		send(get("/api/v1/merges/preview?kind=person&a=" + anas + "&b=" + anas2), this.cleo, null)
			.andExpect(status().isNotFound());
		send(post("/api/v1/merges").header("If-Match", "\"1\", \"1\""), this.cleo,
				"{\"kind\":\"person\",\"survivorId\":\"" + cleos + "\",\"mergedId\":\"" + anas + "\"}")
			.andExpect(status().isNotFound());
		send(get("/api/v1/people/" + anas), this.ana, null).andExpect(status().isOk());
		MvcResult merged = send(post("/api/v1/merges").header("If-Match", "\"1\", \"1\""), this.ana,
				"{\"kind\":\"person\",\"survivorId\":\"" + anas + "\",\"mergedId\":\"" + anas2 + "\"}")
			.andExpect(status().isCreated())
			.andReturn();
		String mergeId = JsonPath.read(merged.getResponse().getContentAsString(), "$.id");
		send(get("/api/v1/merges/" + mergeId), this.cleo, null).andExpect(status().isNotFound());
		send(post("/api/v1/merges/" + mergeId + "/undo"), this.cleo, null).andExpect(status().isNotFound());
		send(get("/api/v1/merges"), this.cleo, null).andExpect(jsonPath("$", hasSize(0)));
		send(post("/api/v1/merges").header("If-Match", "\"1\", \"1\""), this.ana,
				"{\"kind\":\"person\",\"survivorId\":\"" + anas + "\",\"mergedId\":\"" + anas + "\"}")
			.andExpect(status().isUnprocessableContent());
		send(post("/api/v1/merges").header("If-Match", "\"2\", \"1\""), this.ana,
				"{\"kind\":\"person\",\"survivorId\":\"" + anas + "\",\"mergedId\":\"" + cleos
						+ "\",\"values\":{\"shoeSize\":\"merged\"}}")
			.andExpect(status().isNotFound());
	}

	@Test
	void mergingCompaniesMovesTheirPeopleAndDeals() throws Exception {
		String acme = create(this.ana, "/api/v1/companies", "{\"name\":\"Acme\",\"domain\":\"acme.example\"}");
		String acmeLtd = create(this.ana, "/api/v1/companies",
				"{\"name\":\"Zenith Acme Ltd\",\"industry\":\"Retail\"}");
		String pia = create(this.ana, "/api/v1/people",
				"{\"displayName\":\"Pia Berg\",\"companyId\":\"" + acmeLtd + "\"}");
		String deal = create(this.ana, "/api/v1/deals",
				"{\"name\":\"Shop fitting\",\"companyId\":\"" + acmeLtd + "\"}");
		send(get("/api/v1/people?q=zenith"), this.ana, null).andExpect(jsonPath("$.items[*].id", hasItem(pia)));

		MvcResult merged = send(post("/api/v1/merges").header("If-Match", "\"1\", \"1\""), this.ana,
				"{\"kind\":\"company\",\"survivorId\":\"" + acme + "\",\"mergedId\":\"" + acmeLtd
						+ "\",\"values\":{\"name\":\"survivor\"}}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.moved['customers.people']", hasSize(1)))
			.andReturn();
		String mergeId = JsonPath.read(merged.getResponse().getContentAsString(), "$.id");
		send(get("/api/v1/companies/" + acme), this.ana, null).andExpect(jsonPath("$.name").value("Acme"))
			.andExpect(jsonPath("$.industry").value("Retail"))
			.andExpect(jsonPath("$.domain").value("acme.example"));
		send(get("/api/v1/people/" + pia), this.ana, null).andExpect(jsonPath("$.companyId").value(acme));
		send(get("/api/v1/deals/" + deal), this.ana, null).andExpect(jsonPath("$.companyId").value(acme));
		send(get("/api/v1/companies/" + acmeLtd), this.ana, null).andExpect(status().isNotFound());
		// Pia is found by her company's name and domain, no longer by the old one's.
		send(get("/api/v1/people?q=acme.example"), this.ana, null).andExpect(jsonPath("$.items[*].id", hasItem(pia)));
		send(get("/api/v1/people?q=zenith"), this.ana, null).andExpect(jsonPath("$.items", hasSize(0)));
		send(get("/api/v1/merges"), this.ana, null).andExpect(jsonPath("$[0].id").value(mergeId));

		send(post("/api/v1/merges/" + mergeId + "/undo"), this.ana, null).andExpect(status().isOk());
		send(get("/api/v1/people/" + pia), this.ana, null).andExpect(jsonPath("$.companyId").value(acmeLtd));
		send(get("/api/v1/deals/" + deal), this.ana, null).andExpect(jsonPath("$.companyId").value(acmeLtd));
		send(get("/api/v1/companies/" + acme), this.ana, null).andExpect(jsonPath("$.industry").isEmpty());
		send(get("/api/v1/people?q=zenith"), this.ana, null).andExpect(jsonPath("$.items[*].id", hasItem(pia)));
	}

	@Test
	void aUserComparesMergesAndUndoesInTheBrowser() throws Exception {
		String first = create(this.ana, "/api/v1/people", "{\"displayName\":\"Olu Ade\",\"jobTitle\":\"Chef\"}");
		String second = create(this.ana, "/api/v1/people", "{\"displayName\":\"Olu Adeyemi\",\"jobTitle\":\"Cook\"}");
		UserDetails ana = ana();
		this.mvc.perform(get("/people/" + first).with(user(ana)))
			.andExpect(content().string(containsString("/data-quality/merge?kind=person&amp;a=" + first)));
		this.mvc.perform(
				get("/data-quality/merge").param("kind", "person").param("a", first).param("q", "olu").with(user(ana)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("b=" + second)));
		this.mvc.perform(
				get("/data-quality/merge").param("kind", "person").param("a", first).param("b", second).with(user(ana)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Olu Adeyemi")))
			.andExpect(content().string(containsString("Cook")));
		MvcResult merged = this.mvc
			.perform(post("/data-quality/merge").with(user(ana))
				.with(csrf())
				.param("kind", "person")
				.param("a", first)
				.param("b", second)
				.param("aVersion", "1")
				.param("bVersion", "1")
				.param("survivor", "a")
				.param("v.displayName", "b")
				.param("v.jobTitle", "a"))
			.andExpect(redirectedUrlPattern("/data-quality/merges/*"))
			.andExpect(flash().attribute("notice", "merge.done"))
			.andReturn();
		String page = merged.getResponse().getRedirectedUrl();
		this.mvc.perform(get(page).with(user(ana)))
			.andExpect(content().string(containsString("Olu Adeyemi merged into Olu Adeyemi")))
			.andExpect(content().string(containsString("/undo")));
		send(get("/api/v1/people/" + first), this.ana, null).andExpect(jsonPath("$.displayName").value("Olu Adeyemi"))
			.andExpect(jsonPath("$.jobTitle").value("Chef"));
		this.mvc.perform(get("/data-quality/merges").with(user(ana)))
			.andExpect(content().string(containsString("Olu Adeyemi")));
		this.mvc.perform(post(page + "/undo").with(user(ana)).with(csrf()))
			.andExpect(redirectedUrl(page))
			.andExpect(flash().attribute("notice", "merge.undone"));
		send(get("/api/v1/people/" + first), this.ana, null).andExpect(jsonPath("$.displayName").value("Olu Ade"));
		send(get("/api/v1/people/" + second), this.ana, null).andExpect(status().isOk());
	}

	@Test
	void erasingAPersonEmptiesTheValuesKeptByTheirMerges() throws Exception {
		String one = create(this.ana, "/api/v1/people",
				"{\"displayName\":\"Ida Erase\",\"emails\":[{\"address\":\"ida@erase.example\"}]}");
		String two = create(this.ana, "/api/v1/people", "{\"displayName\":\"Ida Erased\"}");
		MvcResult merged = send(post("/api/v1/merges").header("If-Match", "\"1\", \"1\""), this.ana,
				"{\"kind\":\"person\",\"survivorId\":\"" + one + "\",\"mergedId\":\"" + two + "\"}")
			.andExpect(status().isCreated())
			.andReturn();
		String mergeId = JsonPath.read(merged.getResponse().getContentAsString(), "$.id");
		PersonalData merges = this.personalData.stream()
			.filter((p) -> p.name().equals("dataquality.merges"))
			.findFirst()
			.orElseThrow();
		Actor actor = new Actor(this.workspace.id(), this.anaId);
		assertThat(Actors.callAs(actor, () -> merges.export(UUID.fromString(one)))).hasSize(1)
			.first()
			.satisfies((m) -> assertThat(m.get("valuesBefore").toString()).contains("ida@erase.example"));
		assertThat(Actors.callAs(actor, () -> merges.erase(UUID.fromString(one)))).isEqualTo(1);
		send(get("/api/v1/merges/" + mergeId), this.ana, null).andExpect(jsonPath("$.survivorName").value("—"))
			.andExpect(jsonPath("$.before").isEmpty())
			.andExpect(jsonPath("$.undoable").value(false));
		send(post("/api/v1/merges/" + mergeId + "/undo"), this.ana, null).andExpect(status().isUnprocessableContent());
	}

	private UserDetails ana() {
		return this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), this.anaId));
	}

	private String create(String token, String path, String json) throws Exception {
		MvcResult result = send(post(path), token, json).andExpect(status().isCreated()).andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
	}

	private ResultActions send(MockHttpServletRequestBuilder request, String token, @Nullable String json)
			throws Exception {
		request.header("Authorization", token);
		if (json != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json);
		}
		return this.mvc.perform(request);
	}

}
