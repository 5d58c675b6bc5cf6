package dev.rapport.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import dev.rapport.customers.internal.Bulk;
import dev.rapport.customers.internal.EndOfLifeService;
import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * End-of-life states of people and companies: set and cleared with their history, what
 * each does (no contact and no greetings for the deceased, hidden from the default lists,
 * a departure to a new company), through the API, the pages and a bulk action, within the
 * access policy.
 *
 * <pre>
 * workspace "Ending": Sales rep Ana (owns the records); Sales rep Bo (no relation to Ana)
 * </pre>
 */
@IntegrationTest
class EndOfLifeIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	CustomerSignals signals;

	@Autowired
	Customers customers;

	@Autowired
	EndOfLifeService endOfLife;

	@Autowired
	UserDetailsLoader loader;

	private Fixtures.Workspace workspace;

	private UUID ana;

	private UUID bo;

	private String anaToken;

	private String boToken;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Ending");
		this.ana = this.fixtures.user(this.workspace.id(), "Ana Rep", "Sales rep", null);
		this.bo = this.fixtures.user(this.workspace.id(), "Bo Rep", "Sales rep", null);
		this.anaToken = "Bearer " + this.fixtures.token(this.workspace.id(), this.ana, "read", "write");
		this.boToken = "Bearer " + this.fixtures.token(this.workspace.id(), this.bo, "read", "write");
	}

	@Test
	void aDisqualifiedLeadKeepsTheReasonAndIsActiveAgainWithBothChangesInTheHistory() throws Exception {
		UUID lead = person("{\"displayName\":\"Lena Lead\"}");
		setState("people", lead, 1,
				"{\"state\":\"disqualified\",\"reasonCode\":\"no_budget\",\"reason\":\"Maybe 2028\"}")
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"2\""))
			.andExpect(jsonPath("$.state").value("disqualified"))
			.andExpect(jsonPath("$.reasonCode").value("no_budget"))
			.andExpect(jsonPath("$.reason").value("Maybe 2028"))
			.andExpect(jsonPath("$.changedBy").value("Ana Rep"));
		this.mvc.perform(get("/api/v1/people/" + lead).header("Authorization", this.anaToken))
			.andExpect(jsonPath("$.status").value("disqualified"));
		this.mvc
			.perform(delete("/api/v1/people/" + lead + "/end-of-life").header("Authorization", this.anaToken)
				.header("If-Match", "\"2\""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("active"));
		this.mvc.perform(get("/api/v1/people/" + lead + "/history").header("Authorization", this.anaToken))
			.andExpect(jsonPath("$[?(@.field == 'status')].newValue").value(hasItem("disqualified")))
			.andExpect(jsonPath("$[?(@.field == 'status')].newValue").value(hasItem("active")))
			.andExpect(jsonPath("$[?(@.field == 'statusReason')].newValue").value(hasItem("no_budget: Maybe 2028")));
	}

	@Test
	void aDisqualificationNeedsAReasonFromTheListAndAStaleVersionChangesNothing() throws Exception {
		UUID lead = person("{\"displayName\":\"Rex Reason\"}");
		setState("people", lead, 1, "{\"state\":\"disqualified\",\"reasonCode\":\"bored\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("reasonCode"));
		setState("people", lead, 1, "{\"state\":\"asleep\"}").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("state"));
		setState("people", lead, 1,
				"{\"state\":\"deceased\",\"on\":\"" + LocalDate.now(ZoneOffset.UTC).plusDays(5) + "\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("on"));
		setState("people", lead, 7, "{\"state\":\"deceased\"}").andExpect(status().isPreconditionFailed());
		this.mvc.perform(get("/api/v1/people/" + lead + "/end-of-life").header("Authorization", this.anaToken))
			.andExpect(jsonPath("$.state").value("active"))
			.andExpect(header().string("ETag", "\"1\""));
	}

	@Test
	void theDeceasedAreNeverContactedGetNoBirthdayGreetingAndTheirOpenTasksAreCanceled() throws Exception {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		UUID person = person("{\"displayName\":\"Dora Departed\",\"birthday\":\"" + today.minusYears(80) + "\"}");
		this.mvc
			.perform(post("/api/v1/people/" + person + "/consents").header("Authorization", this.anaToken)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"channel\":\"email\",\"status\":\"opt-in\",\"source\":\"form\"}"))
			.andExpect(status().is2xxSuccessful());
		String task = this.mvc
			.perform(post("/api/v1/activities").header("Authorization", this.anaToken)
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"kind":"call","title":"Call Dora","startsAt":"2030-03-02T09:00:00Z",
						 "endsAt":"2030-03-02T09:30:00Z","personId":"%s"}""".formatted(person)))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String taskId = JsonPath.read(task, "$.id");
		assertThat(as(this.ana, () -> this.signals.birthdays(Set.of(this.ana), today, 10)).items()).hasSize(1);
		assertThat(as(this.ana, () -> this.customers.permission(person, "email")))
			.contains(Consent.Permission.OPTED_IN);

		setState("people", person, 1, "{\"state\":\"deceased\",\"on\":\"" + today.minusDays(3) + "\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.on").value(today.minusDays(3).toString()));

		assertThat(as(this.ana, () -> this.signals.birthdays(Set.of(this.ana), today, 10)).items()).isEmpty();
		for (String channel : List.of("email", "sms", "phone", "chat", "post")) {
			assertThat(as(this.ana, () -> this.customers.permission(person, channel)))
				.contains(Consent.Permission.OPTED_OUT);
		}
		this.mvc.perform(get("/api/v1/activities/" + taskId).header("Authorization", this.anaToken))
			.andExpect(jsonPath("$.status").value("canceled"));
	}

	@Test
	void defaultListsHideTheDeceasedAndDisqualifiedUnlessTheFilterAsksForThem() throws Exception {
		UUID active = person("{\"displayName\":\"Hidden Active\"}");
		UUID deceased = person("{\"displayName\":\"Hidden Deceased\"}");
		UUID disqualified = person("{\"displayName\":\"Hidden Disqualified\"}");
		UUID left = person("{\"displayName\":\"Hidden Left\"}");
		setState("people", deceased, 1, "{\"state\":\"deceased\"}").andExpect(status().isOk());
		setState("people", disqualified, 1, "{\"state\":\"disqualified\",\"reasonCode\":\"spam\"}")
			.andExpect(status().isOk());
		setState("people", left, 1, "{\"state\":\"left\"}").andExpect(status().isOk());

		assertThat(ids("/api/v1/people?q=hidden")).containsExactlyInAnyOrder(active.toString(), left.toString());
		assertThat(ids("/api/v1/people?q=hidden&filter=status:eq:deceased")).containsExactly(deceased.toString());
		assertThat(ids("/api/v1/people?q=hidden&filter=status:ne:active"))
			.containsExactlyInAnyOrder(deceased.toString(), disqualified.toString(), left.toString());
		this.mvc.perform(get("/people").param("q", "hidden").with(user(web(this.ana))))
			.andExpect(content().string(containsString("Hidden Active")))
			.andExpect(content().string(not(containsString("Hidden Deceased"))));
	}

	@Test
	void aPersonWhoLeftMovesToTheNewCompanyAndStaysFormerlyAtTheOldOneUntilReactivated() throws Exception {
		UUID acme = company("Acme Anvils");
		UUID globex = company("Globex Gears");
		UUID person = person("{\"displayName\":\"Milo Mover\",\"companyId\":\"" + acme + "\"}");

		setState("people", person, 1,
				"{\"state\":\"left\",\"newCompanyId\":\"" + globex + "\",\"on\":\"2026-10-01\",\"reason\":\"New job\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("left"))
			.andExpect(jsonPath("$.companyId").value(globex.toString()))
			.andExpect(jsonPath("$.formerCompanyId").value(acme.toString()));
		assertThat(ids("/api/v1/people?q=globex")).containsExactly(person.toString());
		assertThat(ids("/api/v1/people?q=acme")).isEmpty();
		EndOfLifeView acmeState = as(this.ana, () -> this.endOfLife.ofCompany(acme));
		assertThat(acmeState.formerPeople()).extracting(EndOfLifeView.FormerPerson::displayName)
			.containsExactly("Milo Mover");
		this.mvc.perform(get("/companies/" + acme).with(user(web(this.ana))))
			.andExpect(content().string(containsString("Formerly here")))
			.andExpect(content().string(containsString("Milo Mover")));
		this.mvc.perform(get("/people/" + person).with(user(web(this.ana))))
			.andExpect(content().string(containsString("Left the company")))
			.andExpect(content().string(containsString("Formerly at")))
			.andExpect(content().string(containsString("Acme Anvils")));
		this.mvc.perform(get("/api/v1/people/" + person + "/history").header("Authorization", this.anaToken))
			.andExpect(jsonPath("$[?(@.field == 'company')].oldValue").value(hasItem("Acme Anvils")))
			.andExpect(jsonPath("$[?(@.field == 'company')].newValue").value(hasItem("Globex Gears")));

		this.mvc
			.perform(delete("/api/v1/people/" + person + "/end-of-life").header("Authorization", this.anaToken)
				.header("If-Match", "\"2\""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.companyId").value(acme.toString()));
		assertThat(ids("/api/v1/people?q=acme")).containsExactly(person.toString());
	}

	@Test
	void aCompanyIsClosedWithTheDayAndReasonAndOpenedAgain() throws Exception {
		UUID company = company("Bygone Bakery");
		setState("companies", company, 1, "{\"state\":\"closed\",\"on\":\"2026-06-30\",\"reason\":\"Owner retired\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("closed"))
			.andExpect(jsonPath("$.on").value("2026-06-30"));
		setState("companies", company, 2, "{\"state\":\"deceased\"}").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("state"));
		this.mvc.perform(get("/companies/" + company).with(user(web(this.ana))))
			.andExpect(content().string(containsString("Owner retired")));
		this.mvc.perform(get("/api/v1/companies?filter=status:eq:closed").header("Authorization", this.anaToken))
			.andExpect(jsonPath("$.items[*].id").value(hasItem(company.toString())));
		this.mvc
			.perform(delete("/api/v1/companies/" + company + "/end-of-life").header("Authorization", this.anaToken)
				.header("If-Match", "\"2\""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("active"));
		this.mvc.perform(get("/api/v1/companies/" + company + "/history").header("Authorization", this.anaToken))
			.andExpect(jsonPath("$[?(@.field == 'status')].newValue").value(hasItem("closed")))
			.andExpect(jsonPath("$[?(@.field == 'statusReason')].newValue").value(hasItem("Owner retired")));
	}

	@Test
	void theStateIsSetFromThePageAndByBulkAction() throws Exception {
		UUID one = person("{\"displayName\":\"Page Person\"}");
		UUID two = person("{\"displayName\":\"Bulk Person\"}");
		this.mvc
			.perform(post("/people/" + one + "/end-of-life").with(user(web(this.ana)))
				.with(csrf())
				.param("state", "deceased")
				.param("version", "1"))
			.andExpect(redirectedUrl("/people/" + one));
		this.mvc.perform(get("/people/" + one).with(user(web(this.ana))))
			.andExpect(content().string(containsString("Deceased")))
			.andExpect(content().string(containsString("Make active again")));
		this.mvc
			.perform(post("/people/bulk").with(user(web(this.ana)))
				.with(csrf())
				.param("ids", two.toString())
				.param("action", "end_of_life")
				.param("stateValue", "disqualified")
				.param("reasonCodeValue", "no_need"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("1 person changed")));
		this.mvc.perform(get("/api/v1/people/" + two + "/end-of-life").header("Authorization", this.anaToken))
			.andExpect(jsonPath("$.state").value("disqualified"))
			.andExpect(jsonPath("$.reasonCode").value("no_need"));
	}

	@Test
	void aRepCannotSetStatesOnRecordsTheyCannotChange() throws Exception {
		UUID person = person("{\"displayName\":\"Private Person\"}");
		UUID company = company("Private Company");
		this.mvc
			.perform(post("/api/v1/people/" + person + "/end-of-life").header("Authorization", this.boToken)
				.header("If-Match", "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"state\":\"deceased\"}"))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post("/api/v1/companies/" + company + "/end-of-life").header("Authorization", this.boToken)
				.header("If-Match", "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"state\":\"closed\"}"))
			.andExpect(status().isNotFound());
		Bulk.Result result = as(this.bo, () -> this.endOfLife.bulkPeople(List.of(person),
				new EndOfLifeChange("deceased", null, null, null, null)));
		assertThat(result.changed()).isZero();
		assertThat(result.skipped()).extracting(Bulk.Result.Skipped::reasonKey)
			.containsExactly("customers.bulk.skipped.not-found");
		this.mvc.perform(get("/api/v1/people/" + person + "/end-of-life").header("Authorization", this.anaToken))
			.andExpect(jsonPath("$.state").value("active"));
	}

	private ResultActions setState(String kind, UUID id, int version, String json) throws Exception {
		return this.mvc
			.perform(post("/api/v1/" + kind + "/" + id + "/end-of-life").header("Authorization", this.anaToken)
				.header("If-Match", "\"" + version + "\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content(json));
	}

	private List<String> ids(String url) throws Exception {
		String body = this.mvc.perform(get(url).header("Authorization", this.anaToken))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(body, "$.items[*].id");
	}

	private UUID person(String json) throws Exception {
		return created("/api/v1/people", json);
	}

	private UUID company(String name) throws Exception {
		return created("/api/v1/companies", "{\"name\":\"" + name + "\"}");
	}

	private UUID created(String url, String json) throws Exception {
		String body = this.mvc.perform(
				post(url).header("Authorization", this.anaToken).contentType(MediaType.APPLICATION_JSON).content(json))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return UUID.fromString(JsonPath.read(body, "$.id"));
	}

	private UserDetails web(UUID userId) {
		return this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), userId));
	}

	private <T> T as(UUID userId, Supplier<T> work) {
		return Actors.callAs(new Actor(this.workspace.id(), userId), work);
	}

}
