package dev.rapport.dataquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.rapport.customers.ContactInput.EmailInput;
import dev.rapport.customers.Customers;
import dev.rapport.customers.LifecycleStage;
import dev.rapport.customers.PersonChange;
import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Validation rules an administrator defines, checked on every write path: the API, the
 * forms, a batch of people (createPeople, as imports use it), bulk changes, lifecycle
 * moves, deals and activities; the rule's message names the field; inactive rules do
 * nothing; a runaway pattern gives up; the rules API with If-Match.
 *
 * <pre>
 * workspace "Rules": admin; Sales rep Rosa
 * </pre>
 */
@IntegrationTest
class ValidationRulesIntegrationTests {

	private static final String ACTIVE_NEEDS_EMAIL = """
			{"object":"person","name":"Active people have an e-mail",
			 "when":[{"field":"lifecycleStage","op":"equals","value":"active"}],
			 "then":{"field":"emails","op":"not_empty"},
			 "message":"When lifecycle stage is Active, an e-mail is required"}""";

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Customers customers;

	@Autowired
	UserDetailsLoader loader;

	private Fixtures.Workspace workspace;

	private String admin;

	private String rosa;

	private UUID rosaId;

	private UserDetails rosaUser;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Rules");
		this.rosaId = this.fixtures.user(this.workspace.id(), "Rosa Rep", "Sales rep", null);
		this.admin = this.fixtures.token(this.workspace.id(), this.workspace.adminId(), "read", "write");
		this.rosa = this.fixtures.token(this.workspace.id(), this.rosaId, "read", "write");
		this.rosaUser = this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), this.rosaId));
	}

	@Test
	void aRuleRefusesAnApiWriteNamingTheFieldWithItsMessage() throws Exception {
		createRule(ACTIVE_NEEDS_EMAIL);
		send(post("/api/v1/people"), this.rosa, """
				{"givenName":"Ana","familyName":"Silva","lifecycleStage":"active"}""")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("emails"))
			.andExpect(jsonPath("$.errors[0].message").value("When lifecycle stage is Active, an e-mail is required"));
		assertThat(peopleNamed("Ana Silva")).isZero();
		// A lead needs no e-mail; an active person with one is fine.
		send(post("/api/v1/people"), this.rosa, """
				{"givenName":"Ana","familyName":"Silva","lifecycleStage":"lead"}""").andExpect(status().isCreated());
		send(post("/api/v1/people"), this.rosa, """
				{"givenName":"Bo","familyName":"Berg","lifecycleStage":"active","emails":[{"address":"bo@berg.se"}]}""")
			.andExpect(status().isCreated());
	}

	@Test
	void aRuleRefusesALifecycleMoveAndAnUpdateThatBreaksIt() throws Exception {
		createRule(ACTIVE_NEEDS_EMAIL);
		String id = JsonPath.read(send(post("/api/v1/people"), this.rosa, """
				{"givenName":"Li","familyName":"Wei","emails":[{"address":"li@wei.cn"}]}""")
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		send(post("/api/v1/people/" + id + "/lifecycle").header("If-Match", "\"1\""), this.rosa,
				"{\"stage\":\"active\"}")
			.andExpect(status().isOk());
		// Removing the e-mail of an active person breaks the rule.
		send(put("/api/v1/people/" + id).header("If-Match", "\"2\""), this.rosa,
				"{\"givenName\":\"Li\",\"familyName\":\"Wei\",\"emails\":[]}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("emails"));
		String other = JsonPath.read(send(post("/api/v1/people"), this.rosa, "{\"givenName\":\"Noa\"}").andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		send(post("/api/v1/people/" + other + "/lifecycle").header("If-Match", "\"1\""), this.rosa,
				"{\"stage\":\"active\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].message").value("When lifecycle stage is Active, an e-mail is required"));
	}

	@Test
	void theFormShowsTheMessageBesideTheField() throws Exception {
		createRule(ACTIVE_NEEDS_EMAIL);
		this.mvc
			.perform(post("/people").with(user(this.rosaUser))
				.with(csrf())
				.param("givenName", "Fatemeh")
				.param("familyName", "Karimi")
				.param("emails[0].address", "")
				.param("emails[0].label", "work")
				.param("ownerId", this.rosaId.toString())
				.param("lifecycleStage", "active"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("When lifecycle stage is Active, an e-mail is required")))
			.andExpect(content().string(containsString("aria-invalid=\"true\"")));
		assertThat(peopleNamed("Fatemeh Karimi")).isZero();
	}

	@Test
	void aBatchOfPeopleIsRefusedAsAWholeNamingThePersonAndField() throws Exception {
		createRule(ACTIVE_NEEDS_EMAIL);
		List<PersonChange> batch = List.of(person("One", "one@example.com"), person("Two", null),
				person("Three", "three@example.com"));
		assertThatThrownBy(() -> as(this.rosaId, () -> this.customers.createPeople(batch, LifecycleStage.ACTIVE)))
			.isInstanceOfSatisfying(InvalidFieldsException.class, (ex) -> {
				assertThat(ex.problems()).hasSize(1);
				assertThat(ex.problems().get(0).field()).isEqualTo("people[1].emails");
				assertThat(ex.problems().get(0).arguments())
					.containsExactly("When lifecycle stage is Active, an e-mail is required");
			});
		assertThat(peopleNamed("One")).isZero();
		assertThat(as(this.rosaId, () -> this.customers.createPeople(batch, LifecycleStage.LEAD))).hasSize(3);
	}

	@Test
	void bulkChangesSkipTheRecordsARuleRefuses() throws Exception {
		createRule("""
				{"object":"person","name":"No blocked tag","then":{"field":"tags","op":"not_equals","value":"blocked"},
				 "message":"The tag blocked is reserved"}""");
		String id = JsonPath.read(send(post("/api/v1/people"), this.rosa, "{\"givenName\":\"Kai\"}").andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		send(post("/api/v1/people/bulk"), this.rosa,
				"{\"ids\":[\"" + id + "\"],\"action\":\"add_tag\",\"value\":\"blocked\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.changed").value(0))
			.andExpect(jsonPath("$.skipped[0].reasonKey").value("customers.bulk.skipped.rules"));
		send(post("/api/v1/people/bulk"), this.rosa,
				"{\"ids\":[\"" + id + "\"],\"action\":\"add_tag\",\"value\":\"fine\"}")
			.andExpect(jsonPath("$.changed").value(1));
	}

	@Test
	void inactiveRulesDoNothingUntilSwitchedOnAgain() throws Exception {
		MvcResult rule = createRule(ACTIVE_NEEDS_EMAIL);
		String ruleId = JsonPath.read(rule.getResponse().getContentAsString(), "$.id");
		String body = ACTIVE_NEEDS_EMAIL.replace("\"message\"", "\"active\":false,\"message\"");
		send(put("/api/v1/validation-rules/" + ruleId).header("If-Match", "\"1\""), this.admin, body)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.active").value(false))
			.andExpect(header().string("ETag", "\"2\""));
		send(post("/api/v1/people"), this.rosa, "{\"givenName\":\"Eva\",\"lifecycleStage\":\"active\"}")
			.andExpect(status().isCreated());
		send(put("/api/v1/validation-rules/" + ruleId).header("If-Match", "\"2\""), this.admin, ACTIVE_NEEDS_EMAIL)
			.andExpect(jsonPath("$.active").value(true));
		send(post("/api/v1/people"), this.rosa, "{\"givenName\":\"Eve\",\"lifecycleStage\":\"active\"}")
			.andExpect(status().isUnprocessableContent());
	}

	@Test
	void theRulesApiNeedsAnAdministratorAndIfMatchAndNamesBadParts() throws Exception {
		send(post("/api/v1/validation-rules"), this.rosa, ACTIVE_NEEDS_EMAIL).andExpect(status().isForbidden());
		send(post("/api/v1/validation-rules"), this.admin, """
				{"object":"person","name":"","when":[{"field":"shoeSize","op":"equals","value":"42"}],
				 "then":{"field":"custom.x","op":"matches","value":"(unclosed"},"message":"m"}""")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field")
				.value(org.hamcrest.Matchers.containsInAnyOrder("name", "when[0].field", "then.field", "then.value")));
		String id = JsonPath.read(createRule(ACTIVE_NEEDS_EMAIL).getResponse().getContentAsString(), "$.id");
		this.mvc.perform(get("/api/v1/validation-rules?object=person").header("Authorization", "Bearer " + this.rosa))
			.andExpect(jsonPath("$[0].name").value("Active people have an e-mail"))
			.andExpect(jsonPath("$[0].when[0].field").value("lifecycleStage"));
		send(put("/api/v1/validation-rules/" + id), this.admin, ACTIVE_NEEDS_EMAIL)
			.andExpect(status().isPreconditionRequired());
		send(put("/api/v1/validation-rules/" + id).header("If-Match", "\"7\""), this.admin, ACTIVE_NEEDS_EMAIL)
			.andExpect(status().isPreconditionFailed());
		this.mvc
			.perform(delete("/api/v1/validation-rules/" + id).header("If-Match", "\"1\"")
				.header("Authorization", "Bearer " + this.admin))
			.andExpect(status().isNoContent());
		send(post("/api/v1/people"), this.rosa, "{\"givenName\":\"Ida\",\"lifecycleStage\":\"active\"}")
			.andExpect(status().isCreated());
	}

	@Test
	void aRunawayPatternGivesUpAndRefusesTheValueInsteadOfHoldingTheWrite() throws Exception {
		createRule(
				"""
						{"object":"person","name":"Job title pattern","then":{"field":"jobTitle","op":"matches","value":"(a+)+$"},
						 "when":[{"field":"jobTitle","op":"not_empty"}],"message":"Job title must be only a letters"}""");
		long start = System.nanoTime();
		send(post("/api/v1/people"), this.rosa, "{\"givenName\":\"Sam\",\"jobTitle\":\"" + "a".repeat(60) + "!\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("jobTitle"));
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
		send(post("/api/v1/people"), this.rosa, "{\"givenName\":\"Sam\",\"jobTitle\":\"aaa\"}")
			.andExpect(status().isCreated());
	}

	@Test
	void dealsAndActivitiesFollowTheirRulesToo() throws Exception {
		createRule(
				"""
						{"object":"deal","name":"Big deals need a close date",
						 "when":[{"field":"amount","op":"greater_than","value":"10000"}],
						 "then":{"field":"expectedCloseOn","op":"not_empty"},"message":"A deal over 10,000 needs a close date"}""");
		send(post("/api/v1/deals"), this.rosa, "{\"name\":\"Fleet\",\"amount\":25000}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("expectedCloseOn"))
			.andExpect(jsonPath("$.errors[0].message").value("A deal over 10,000 needs a close date"));
		send(post("/api/v1/deals"), this.rosa,
				"{\"name\":\"Fleet\",\"amount\":25000,\"expectedCloseOn\":\"2027-03-01\"}")
			.andExpect(status().isCreated());
		createRule("""
				{"object":"activity","name":"Calls have notes","when":[{"field":"kind","op":"equals","value":"call"}],
				 "then":{"field":"notes","op":"not_empty"},"message":"Say what the call is about"}""");
		send(post("/api/v1/activities"), this.rosa,
				"{\"kind\":\"call\",\"title\":\"Call Ana\",\"startsAt\":\"2027-01-10T10:00:00Z\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("notes"));
		send(post("/api/v1/activities"), this.rosa,
				"{\"kind\":\"task\",\"title\":\"Send offer\",\"dueOn\":\"2027-01-10\"}")
			.andExpect(status().isCreated());
	}

	@Test
	void aRuleCanBeTriedOnAnExistingRecord() throws Exception {
		String rule = JsonPath.read(createRule(ACTIVE_NEEDS_EMAIL).getResponse().getContentAsString(), "$.id");
		String lead = JsonPath.read(send(post("/api/v1/people"), this.rosa, "{\"givenName\":\"Lea\"}").andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		send(post("/api/v1/validation-rules/" + rule + "/try"), this.admin, "{\"recordId\":\"" + lead + "\"}")
			.andExpect(jsonPath("$.outcome").value("not_applicable"));
		send(put("/api/v1/validation-rules/" + rule).header("If-Match", "\"1\""), this.admin,
				"""
						{"name":"Everyone has an e-mail","then":{"field":"emails","op":"not_empty"},"message":"E-mail please"}""")
			.andExpect(status().isOk());
		send(post("/api/v1/validation-rules/" + rule + "/try"), this.admin, "{\"recordId\":\"" + lead + "\"}")
			.andExpect(jsonPath("$.outcome").value("fails"))
			.andExpect(jsonPath("$.message").value("E-mail please"));
		send(post("/api/v1/validation-rules/" + rule + "/try"), this.admin,
				"{\"recordId\":\"" + UUID.randomUUID() + "\"}")
			.andExpect(status().isNotFound());
		// The administration page tries it too, from the address of the record's page.
		UserDetails adminUser = this.loader.loadUserByUsername(this.workspace.adminEmail());
		this.mvc
			.perform(post("/admin/validation-rules/" + rule + "/try").with(user(adminUser))
				.with(csrf())
				.param("record", "http://localhost/people/" + lead))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Saving this record would be refused")));
		this.mvc.perform(get("/admin/validation-rules").with(user(adminUser)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Everyone has an e-mail")));
	}

	private MvcResult createRule(String json) throws Exception {
		return send(post("/api/v1/validation-rules"), this.admin, json).andExpect(status().isCreated()).andReturn();
	}

	/** How many people the administrator finds with exactly this name. */
	private long peopleNamed(String name) {
		try {
			String body = this.mvc
				.perform(get("/api/v1/people").param("q", name).header("Authorization", "Bearer " + this.admin))
				.andReturn()
				.getResponse()
				.getContentAsString();
			List<String> names = JsonPath.read(body, "$.items[*].displayName");
			return names.stream().filter(name::equals).count();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static PersonChange person(String name, String email) {
		return new PersonChange(name, null, null,
				(email != null) ? List.of(new EmailInput(email, null, true)) : List.of(), List.of(), List.of(), null,
				null, null, null, null, null, List.of(), null, null, null);
	}

	private <T> T as(UUID userId, java.util.function.Supplier<T> work) {
		return Actors.callAs(new Actor(this.workspace.id(), userId), work);
	}

	private ResultActions send(MockHttpServletRequestBuilder request, String token, String json) throws Exception {
		return this.mvc.perform(request.header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

}
