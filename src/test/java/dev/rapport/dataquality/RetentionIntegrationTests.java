package dev.rapport.dataquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.MockMvc;

import dev.rapport.customers.Customers;
import dev.rapport.customers.PersonView;
import dev.rapport.dataquality.internal.retention.RetentionService;
import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Retention policies applied to people and companies in an end-of-life state: archive and
 * anonymise after N months (the runs are given the time, months ahead), the report of a
 * run, a second run doing nothing, the preview, the daily job's path as the system, and
 * the administrator's pages.
 *
 * <pre>
 * workspace "Retention": admin (runs the policies); Sales rep Ana (owns the records)
 * </pre>
 */
@IntegrationTest
class RetentionIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	RetentionService retention;

	@Autowired
	Customers customers;

	@Autowired
	UserDetailsLoader loader;

	private Fixtures.Workspace workspace;

	private UUID ana;

	private String anaToken;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Retention");
		this.ana = this.fixtures.user(this.workspace.id(), "Ana Rep", "Sales rep", null);
		this.anaToken = "Bearer " + this.fixtures.token(this.workspace.id(), this.ana, "read", "write");
	}

	@Test
	void deceasedPeopleAreArchivedOnlyOnceTheMonthsHavePassedAndTheReportListsThem() throws Exception {
		UUID dora = person("Dora Archive");
		UUID kept = person("Kim Kept");
		state("people", dora, "{\"state\":\"deceased\"}");
		admin(() -> this.retention.save("deceased", "archive", 6, 0));
		Instant now = Instant.now();

		RetentionService.Run early = admin(() -> this.retention.run(plusMonths(now, 5), "manual"));
		assertThat(early.archived()).isZero();
		assertThat(early.items()).isEmpty();

		RetentionService.Run run = admin(() -> this.retention.run(plusMonths(now, 7), "manual"));
		assertThat(run.archived()).isEqualTo(1);
		assertThat(run.items()).singleElement().satisfies((item) -> {
			assertThat(item.recordId()).isEqualTo(dora);
			assertThat(item.displayName()).isEqualTo("Dora Archive");
			assertThat(item.action()).isEqualTo(RetentionService.Action.ARCHIVE);
			assertThat(item.afterMonths()).isEqualTo(6);
			assertThat(item.outcome()).isEqualTo("done");
		});
		assertThat(run.states()).singleElement().satisfies((s) -> assertThat(s.done()).isEqualTo(1));

		// Archived: out of every list, even one that asks for the deceased, but on its
		// page.
		assertThat(ids("/api/v1/people?q=dora&filter=status:eq:deceased")).isEmpty();
		assertThat(ids("/api/v1/people?q=dora&filter=archived:set")).containsExactly(dora.toString());
		assertThat(ids("/api/v1/people?q=kim")).containsExactly(kept.toString());
		this.mvc.perform(get("/api/v1/people/" + dora + "/end-of-life").header("Authorization", this.anaToken))
			.andExpect(jsonPath("$.state").value("deceased"))
			.andExpect(jsonPath("$.archivedAt").isNotEmpty());
		this.mvc.perform(get("/admin/retention/runs/" + run.id()).with(user(adminUser())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Dora Archive")))
			.andExpect(content().string(containsString("Deceased: Archive after 6 months; 1 done, 0 skipped")));
	}

	@Test
	void aSecondRunDoesNothingAndARestoredPersonIsBackInTheLists() throws Exception {
		UUID lena = person("Lena Second");
		state("people", lena, "{\"state\":\"disqualified\",\"reasonCode\":\"spam\"}");
		admin(() -> this.retention.save("disqualified", "archive", 0, 0));
		Instant later = plusMonths(Instant.now(), 1);
		assertThat(admin(() -> this.retention.run(later, "manual")).archived()).isEqualTo(1);

		RetentionService.Run again = admin(() -> this.retention.run(later, "manual"));
		assertThat(again.archived()).isZero();
		assertThat(again.anonymised()).isZero();
		assertThat(again.items()).isEmpty();

		String version = this.mvc
			.perform(get("/api/v1/people/" + lena + "/end-of-life").header("Authorization", this.anaToken))
			.andReturn()
			.getResponse()
			.getHeader("ETag")
			.replace("\"", "");
		this.mvc
			.perform(post("/people/" + lena + "/archive/restore")
				.with(user(this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), this.ana))))
				.with(csrf())
				.param("version", version))
			.andExpect(status().is3xxRedirection());
		assertThat(ids("/api/v1/people?q=lena&filter=status:eq:disqualified")).containsExactly(lena.toString());
	}

	@Test
	void closedCompaniesAreArchivedButCannotBeAnonymised() throws Exception {
		UUID company = created("/api/v1/companies", "{\"name\":\"Shut Shop\"}");
		state("companies", company, "{\"state\":\"closed\"}");
		assertThat(admin(() -> {
			try {
				this.retention.save("closed", "anonymise", 12, 0);
				return null;
			}
			catch (InvalidFieldsException ex) {
				return ex.problems().get(0).field();
			}
		})).isEqualTo("action");
		admin(() -> this.retention.save("closed", "archive", 12, 0));
		RetentionService.Run run = admin(() -> this.retention.run(plusMonths(Instant.now(), 13), "manual"));
		assertThat(run.archived()).isEqualTo(1);
		this.mvc.perform(get("/api/v1/companies?q=shut").header("Authorization", this.anaToken))
			.andExpect(jsonPath("$.items").isEmpty());
	}

	@Test
	void aPreviewTellsWhatAPolicyWouldDoBeforeItIsSaved() throws Exception {
		UUID milo = person("Milo Preview");
		state("people", milo, "{\"state\":\"left\"}");
		RetentionService.Preview preview = admin(() -> this.retention.preview("left", "archive", 0));
		assertThat(preview.count()).isEqualTo(1);
		assertThat(preview.first()).extracting(RetentionService.Item::displayName).containsExactly("Milo Preview");
		assertThat(admin(() -> this.retention.preview("left", "archive", 3)).count()).isZero();
		assertThat(admin(this.retention::policies)).filteredOn((p) -> p.state().code().equals("left"))
			.singleElement()
			.satisfies((p) -> assertThat(p.action()).isEqualTo(RetentionService.Action.KEEP));
		this.mvc
			.perform(post("/admin/retention/preview").with(user(adminUser()))
				.with(csrf())
				.param("state", "left")
				.param("action", "archive")
				.param("afterMonths", "0"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("1 record would be touched now.")))
			.andExpect(content().string(containsString("Milo Preview")));
	}

	@Test
	void theDailyJobRunsEachWorkspaceAsTheSystem() throws Exception {
		UUID gone = person("Gus Daily");
		state("people", gone, "{\"state\":\"deceased\"}");
		admin(() -> this.retention.save("deceased", "archive", 1, 0));
		assertThat(this.retention.runAll(plusMonths(Instant.now(), 2))).isPositive();
		List<RetentionService.Run> runs = admin(() -> this.retention.runs(5));
		assertThat(runs).first().satisfies((r) -> {
			assertThat(r.kind()).isEqualTo("scheduled");
			assertThat(r.archived()).isEqualTo(1);
		});
	}

	@Test
	void disqualifiedLeadsAreAnonymisedThroughErasureAndReportedByIdOnly() throws Exception {
		UUID rex = person("Rex Anonymous");
		state("people", rex, "{\"state\":\"disqualified\",\"reasonCode\":\"no_need\"}");
		admin(() -> this.retention.save("disqualified", "anonymise", 1, 0));
		Instant later = plusMonths(Instant.now(), 2);

		RetentionService.Run run = admin(() -> this.retention.run(later, "manual"));
		assertThat(run.items()).singleElement().satisfies((item) -> {
			assertThat(item.recordId()).isEqualTo(rex);
			assertThat(item.displayName()).isNull();
			assertThat(item.message()).isNull();
			assertThat(item.outcome()).isEqualTo("done");
		});
		assertThat(run.anonymised()).isEqualTo(1);
		PersonView erased = admin(() -> this.customers.findPerson(rex)).orElse(null);
		assertThat((erased != null) ? erased.displayName() : "").doesNotContain("Rex");
		assertThat(admin(() -> this.retention.run(later, "manual")).anonymised()).isZero();
	}

	@Test
	void onlyAdministratorsSeeTheRetentionPages() throws Exception {
		this.mvc.perform(get("/admin/retention").with(user(adminUser())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Retention of ended records")));
		this.mvc
			.perform(get("/admin/retention")
				.with(user(this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), this.ana)))))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/retention/policies").with(user(adminUser()))
				.with(csrf())
				.param("state", "deceased")
				.param("action", "archive")
				.param("afterMonths", "24")
				.param("version", "0"))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(post("/admin/retention/run").with(user(adminUser())).with(csrf()))
			.andExpect(redirectedUrlPattern("/admin/retention/runs/*"));
		this.mvc.perform(get("/admin/retention").with(user(adminUser())))
			.andExpect(content().string(containsString("An administrator")))
			.andExpect(content().string(not(containsString("No run yet."))));
	}

	private static Instant plusMonths(Instant instant, int months) {
		return instant.atOffset(ZoneOffset.UTC).plusMonths(months).toInstant();
	}

	private void state(String kind, UUID id, String json) throws Exception {
		this.mvc
			.perform(post("/api/v1/" + kind + "/" + id + "/end-of-life").header("Authorization", this.anaToken)
				.header("If-Match", "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content(json))
			.andExpect(status().isOk());
	}

	private List<String> ids(String url) throws Exception {
		String body = this.mvc.perform(get(url).header("Authorization", this.anaToken))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(body, "$.items[*].id");
	}

	private UUID person(String name) throws Exception {
		return created("/api/v1/people", "{\"displayName\":\"" + name + "\"}");
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

	private UserDetails adminUser() {
		return this.loader.loadUserByUsername(this.workspace.adminEmail());
	}

	private <T> T admin(Supplier<T> work) {
		return Actors.callAs(new Actor(this.workspace.id(), this.workspace.adminId()), work);
	}

}
