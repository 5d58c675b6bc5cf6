package dev.rapport.dataquality;

import static dev.rapport.dataquality.internal.db.Tables.DUPLICATE_KEY;
import static dev.rapport.dataquality.internal.db.Tables.DUPLICATE_PAIR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.jayway.jsonpath.JsonPath;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.customers.CustomerKind;
import dev.rapport.dataquality.internal.DuplicatePairs;
import dev.rapport.dataquality.internal.DuplicateScans;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Duplicate detection against a real database: the check at create time, the keys kept in
 * step with every change, the scan, the recheck, the queue with its access rule,
 * dismissing, merge events and the rules.
 *
 * <pre>
 * workspace "Duplicates"
 *   admin ─ Sales manager Mina ─┬─ Sales rep Ravi
 *                               └─ Sales rep Lotte
 * </pre>
 */
@IntegrationTest
class DuplicatesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	DuplicateScans scans;

	@Autowired
	DuplicatePairs pairs;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	DSLContext dsl;

	private Fixtures.Workspace workspace;

	private String admin;

	private String ravi;

	private String lotte;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Duplicates");
		UUID minaId = this.fixtures.user(this.workspace.id(), "Mina Manager", "Sales manager", null);
		UUID raviId = this.fixtures.user(this.workspace.id(), "Ravi Rep", "Sales rep", minaId);
		UUID lotteId = this.fixtures.user(this.workspace.id(), "Lotte Rep", "Sales rep", minaId);
		this.admin = this.fixtures.token(this.workspace.id(), this.workspace.adminId(), "read", "write");
		this.ravi = this.fixtures.token(this.workspace.id(), raviId, "read", "write");
		this.lotte = this.fixtures.token(this.workspace.id(), lotteId, "read", "write");
	}

	@Test
	void checkFindsANicknameWithTheSameEmailAndSaysWhy() throws Exception {
		String robert = createPerson(this.ravi, """
				{"givenName":"Robert","familyName":"Smith","emails":[{"address":"robert.smith@acme.com"}]}""");
		createPerson(this.ravi, """
				{"givenName":"Mary","familyName":"Jones","emails":[{"address":"mary@jones.org"}]}""");
		send(post("/api/v1/duplicates/check"), this.ravi, """
				{"kind":"person","givenName":"Bob","familyName":"Smith","emails":["Robert.Smith+crm@ACME.com"]}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items", hasSize(1)))
			.andExpect(jsonPath("$.items[0].id").value(robert))
			.andExpect(jsonPath("$.items[0].level").value("likely"))
			.andExpect(jsonPath("$.items[0].reasons[*].code", hasItem("name.nickname")))
			.andExpect(jsonPath("$.items[0].reasons[*].code", hasItem("email.same")));
		send(post("/api/v1/duplicates/check"), this.ravi, """
				{"kind":"person","id":"%s","givenName":"Robert","familyName":"Smith"}""".formatted(robert))
			.andExpect(jsonPath("$.items", hasSize(0)));
	}

	@Test
	void checkFindsTransliteratedNamesAndReformattedPhones() throws Exception {
		String ivan = createPerson(this.ravi, """
				{"givenName":"Иван","familyName":"Петров","phones":[{"number":"+31 6 12345678"}]}""");
		send(post("/api/v1/duplicates/check"), this.ravi, """
				{"givenName":"Ivan","familyName":"Petrov","phones":["+31 612 345 678"]}""")
			.andExpect(jsonPath("$.items[0].id").value(ivan))
			.andExpect(jsonPath("$.items[0].level").value("likely"))
			.andExpect(jsonPath("$.items[0].reasons[*].code", hasItem("name.transliterated")))
			.andExpect(jsonPath("$.items[0].reasons[*].code", hasItem("phone.same")));
	}

	@Test
	void checkAnswersOnlyRecordsTheUserMayRead() throws Exception {
		createPerson(this.ravi, """
				{"givenName":"Anna","familyName":"de Vries","emails":[{"address":"anna@devries.nl"}]}""");
		String probe = """
				{"givenName":"Anna","familyName":"de Vries","emails":["anna@devries.nl"]}""";
		send(post("/api/v1/duplicates/check"), this.lotte, probe).andExpect(jsonPath("$.items", hasSize(0)));
		send(post("/api/v1/duplicates/check"), this.admin, probe).andExpect(jsonPath("$.items", hasSize(1)));
	}

	@Test
	void aPersonMovedToTheTrashIsNoLongerACandidateAndComesBackWhenRestored() throws Exception {
		String id = createPerson(this.ravi, """
				{"givenName":"Jan","familyName":"Jansen","emails":[{"address":"jan@jansen.nl"}]}""");
		String probe = """
				{"givenName":"Johannes","familyName":"Jansen","emails":["jan@jansen.nl"]}""";
		send(post("/api/v1/duplicates/check"), this.ravi, probe).andExpect(jsonPath("$.items", hasSize(1)));
		this.mvc
			.perform(delete("/api/v1/people/" + id).header("Authorization", bearer(this.ravi)).header("If-Match", "*"))
			.andExpect(status().isNoContent());
		send(post("/api/v1/duplicates/check"), this.ravi, probe).andExpect(jsonPath("$.items", hasSize(0)));
		this.mvc.perform(post("/api/v1/people/" + id + "/restore").header("Authorization", bearer(this.ravi)))
			.andExpect(status().isNoContent());
		send(post("/api/v1/duplicates/check"), this.ravi, probe).andExpect(jsonPath("$.items", hasSize(1)));
	}

	@Test
	void companiesMatchWithoutTheirLegalForm() throws Exception {
		String acme = createCompany(this.ravi, "{\"name\":\"ACME B.V.\",\"domain\":\"acme.nl\"}");
		send(post("/api/v1/duplicates/check"), this.ravi, """
				{"kind":"company","name":"Acme BV","domain":"https://www.acme.nl"}""")
			.andExpect(jsonPath("$.items[0].id").value(acme))
			.andExpect(jsonPath("$.items[0].level").value("likely"))
			.andExpect(jsonPath("$.items[0].reasons[*].code", hasItem("domain.same")));
		send(post("/api/v1/duplicates/check"), this.ravi, "{\"kind\":\"company\"}").andExpect(status().is(422))
			.andExpect(jsonPath("$.errors[0].field").value("name"));
	}

	@Test
	void aChangeIsRecheckedIntoTheQueueAndLeavesItWhenNoLongerAlike() throws Exception {
		String a = createPerson(this.ravi, """
				{"givenName":"Pepe","familyName":"García","phones":[{"number":"+34 612 34 56 78"}]}""");
		String b = createPerson(this.ravi, """
				{"givenName":"José","familyName":"Garcia","phones":[{"number":"+34612345678"}]}""");
		awaitRecheck(() -> queueSize(this.ravi) == 1);
		this.mvc.perform(get("/api/v1/duplicates").header("Authorization", bearer(this.ravi)))
			.andExpect(jsonPath("$.items[0].kind").value("person"))
			.andExpect(jsonPath("$.items[0].level").value("likely"))
			.andExpect(jsonPath("$.items[0].reasons[*].code", hasItem("name.nickname")))
			.andExpect(jsonPath("$.items[0].mergeUrl").value(org.hamcrest.Matchers
				.allOf(org.hamcrest.Matchers.containsString(a), org.hamcrest.Matchers.containsString(b))));
		this.mvc.perform(get("/api/v1/duplicates").header("Authorization", bearer(this.lotte)))
			.andExpect(jsonPath("$.items", hasSize(0)));
		send(put("/api/v1/people/" + b).header("If-Match", "\"1\""), this.ravi, """
				{"givenName":"Lucía","familyName":"Romero","phones":[{"number":"+34 699 00 11 22"}]}""")
			.andExpect(status().isOk());
		awaitRecheck(() -> queueSize(this.ravi) == 0);
	}

	@Test
	void aScanFindsPairsAndNeverRaisesADismissedOneAgain() throws Exception {
		createPerson(this.ravi, """
				{"givenName":"William","familyName":"Brown","emails":[{"address":"w.brown@gmail.com"}]}""");
		createPerson(this.ravi, """
				{"givenName":"Bill","familyName":"Brown","emails":[{"address":"wbrown+news@googlemail.com"}]}""");
		createPerson(this.ravi, """
				{"givenName":"Mary","familyName":"Jones","emails":[{"address":"mary@jones.org"}]}""");
		this.mvc.perform(post("/api/v1/duplicates/scans").header("Authorization", bearer(this.ravi)))
			.andExpect(status().isForbidden());
		scanNow();
		MvcResult listed = this.mvc.perform(get("/api/v1/duplicates").header("Authorization", bearer(this.ravi)))
			.andExpect(jsonPath("$.items", hasSize(1)))
			.andExpect(jsonPath("$.items[0].reasons[*].code", hasItem("email.same")))
			.andReturn();
		String pair = JsonPath.read(listed.getResponse().getContentAsString(), "$.items[0].id");
		this.mvc.perform(post("/api/v1/duplicates/" + pair + "/dismiss").header("Authorization", bearer(this.lotte)))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/api/v1/duplicates/" + pair + "/dismiss").header("Authorization", bearer(this.ravi)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("dismissed"));
		scanNow();
		this.mvc.perform(get("/api/v1/duplicates").header("Authorization", bearer(this.ravi)))
			.andExpect(jsonPath("$.items", hasSize(0)));
		this.mvc.perform(get("/api/v1/duplicates/scans").header("Authorization", bearer(this.admin)))
			.andExpect(jsonPath("$[0].status").value("done"))
			.andExpect(jsonPath("$[0].recordsScanned").value(3));
	}

	@Test
	void aMergeMarksThePairMergedAndItsUndoReopensIt() throws Exception {
		String a = createPerson(this.ravi, """
				{"givenName":"Thomas","familyName":"Müller","emails":[{"address":"thomas@mueller.de"}]}""");
		String b = createPerson(this.ravi, """
				{"givenName":"Tom","familyName":"Muller","emails":[{"address":"thomas@mueller.de"}]}""");
		awaitRecheck(() -> queueSize(this.ravi) == 1);
		UUID mergeId = UUID.randomUUID();
		Actors.runAs(new Actor(this.workspace.id(), this.workspace.adminId()),
				() -> this.transactions.executeWithoutResult((s) -> this.events.publishEvent(
						new CustomersMerged(mergeId, CustomerKind.PERSON, UUID.fromString(a), UUID.fromString(b)))));
		assertThat(queueSize(this.ravi)).isZero();
		Actors.runAs(new Actor(this.workspace.id(), this.workspace.adminId()), () -> this.transactions
			.executeWithoutResult((s) -> this.events
				.publishEvent(new MergeUndone(mergeId, CustomerKind.PERSON, UUID.fromString(a), UUID.fromString(b)))));
		assertThat(queueSize(this.ravi)).isEqualTo(1);
	}

	@Test
	void administratorsChangeTheRulesWithOptimisticLocking() throws Exception {
		this.mvc.perform(get("/api/v1/duplicates/rules/person").header("Authorization", bearer(this.ravi)))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/v1/duplicates/rules/person").header("Authorization", bearer(this.admin)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.weights.name").value(0.5))
			.andExpect(jsonPath("$.likely").value(0.65));
		send(put("/api/v1/duplicates/rules/person").header("If-Match", "\"0\""), this.admin,
				"{\"weights\":{\"name\":1.5},\"possible\":0.8,\"likely\":0.6}")
			.andExpect(status().is(422))
			.andExpect(jsonPath("$.errors[*].field", hasItem("weights.name")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("likely")));
		send(put("/api/v1/duplicates/rules/person").header("If-Match", "\"0\""), this.admin,
				"{\"weights\":{\"name\":0.6},\"possible\":0.5,\"likely\":0.8}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.weights.name").value(0.6))
			.andExpect(jsonPath("$.version").value(1));
		send(put("/api/v1/duplicates/rules/person").header("If-Match", "\"0\""), this.admin, "{\"likely\":0.9}")
			.andExpect(status().isPreconditionFailed());
	}

	@Test
	void anErasedPersonLeavesNoKeysNorPairsNamingThem() throws Exception {
		String kept = createPerson(this.ravi, """
				{"givenName":"Thomas","familyName":"Müller","emails":[{"address":"thomas@mueller.de"}]}""");
		String erased = createPerson(this.ravi, """
				{"givenName":"Tom","familyName":"Muller","emails":[{"address":"thomas@mueller.de"}]}""");
		awaitRecheck(() -> queueSize(this.ravi) == 1);
		String pair = JsonPath
			.read(this.mvc.perform(get("/api/v1/duplicates").header("Authorization", bearer(this.ravi)))
				.andReturn()
				.getResponse()
				.getContentAsString(), "$.items[0].id");
		// A dismissed pair is never rechecked: the erasure itself must remove it.
		this.mvc.perform(post("/api/v1/duplicates/" + pair + "/dismiss").header("Authorization", bearer(this.ravi)))
			.andExpect(status().isOk());
		assertThat(pairsOf(erased)).isEqualTo(1);

		send(post("/api/v1/people/" + erased + "/erasure"), this.ravi, "{\"reason\":\"Request\"}")
			.andExpect(status().isOk());

		assertThat(pairsOf(erased)).isZero();
		assertThat(keysOf(erased)).isZero();
		assertThat(keysOf(kept)).isPositive();
		scanNow();
		assertThat(pairsOf(erased)).isZero();
		assertThat(keysOf(erased)).isZero();
	}

	private int pairsOf(String id) {
		UUID uuid = UUID.fromString(id);
		return this.dsl.fetchCount(DUPLICATE_PAIR, DUPLICATE_PAIR.WORKSPACE_ID.eq(this.workspace.id())
			.and(DUPLICATE_PAIR.RECORD_A.eq(uuid).or(DUPLICATE_PAIR.RECORD_B.eq(uuid))));
	}

	private int keysOf(String id) {
		return this.dsl.fetchCount(DUPLICATE_KEY, DUPLICATE_KEY.WORKSPACE_ID.eq(this.workspace.id())
			.and(DUPLICATE_KEY.RECORD_ID.eq(UUID.fromString(id))));
	}

	private void scanNow() throws Exception {
		MvcResult requested = this.mvc
			.perform(post("/api/v1/duplicates/scans").header("Authorization", bearer(this.admin)))
			.andExpect(status().isAccepted())
			.andReturn();
		String id = JsonPath.read(requested.getResponse().getContentAsString(), "$.id");
		long until = System.currentTimeMillis() + 20_000;
		while (System.currentTimeMillis() < until) {
			this.scans.runQueued();
			List<DuplicateScans.Scan> recent = Actors.callAs(Actor.system(this.workspace.id()),
					() -> this.scans.recent(5));
			if (recent.stream().anyMatch((s) -> s.id().toString().equals(id) && s.status().equals("done"))) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("the scan did not finish");
	}

	private void awaitRecheck(BooleanSupplier condition) throws InterruptedException {
		long until = System.currentTimeMillis() + 20_000;
		while (System.currentTimeMillis() < until) {
			this.scans.recheckQueued();
			if (condition.getAsBoolean()) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("the recheck did not come to the expected queue");
	}

	private int queueSize(String token) {
		try {
			MvcResult result = this.mvc.perform(get("/api/v1/duplicates").header("Authorization", bearer(token)))
				.andReturn();
			List<?> items = JsonPath.read(result.getResponse().getContentAsString(), "$.items");
			return items.size();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String createPerson(String token, String json) throws Exception {
		MvcResult result = send(post("/api/v1/people"), token, json).andExpect(status().isCreated()).andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
	}

	private String createCompany(String token, String json) throws Exception {
		MvcResult result = send(post("/api/v1/companies"), token, json).andExpect(status().isCreated()).andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
	}

	private ResultActions send(MockHttpServletRequestBuilder request, String token, String json) throws Exception {
		return this.mvc.perform(
				request.header("Authorization", bearer(token)).contentType(MediaType.APPLICATION_JSON).content(json));
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

}
