package dev.rapport.dataquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.rapport.customers.CustomerFigure;
import dev.rapport.customers.CustomerFigures;
import dev.rapport.customers.CustomersChanged;
import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * A person's data export, their erasure on request, its audit and the consent report.
 * Each test marks its person with a word of its own, so that a scan of every text column
 * of the database finds what is left of them.
 *
 * <pre>
 * workspace "Privacy"
 *   admin ─ Sales manager Mina ─┬─ Sales rep Ravi   (owns the person)
 *                               └─ Sales rep Lotte
 * </pre>
 */
@IntegrationTest
@RecordApplicationEvents
class PrivacyIntegrationTests {

	private static final List<String> PARTS = List.of("activities.activities", "customers.consent", "customers.history",
			"customers.interactions", "customers.lifecycle", "customers.person", "customers.timeline",
			"dataquality.merges", "exchange.files", "sales.deals", "sales.transactions");

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsLoader loader;

	@Autowired
	DataSource dataSource;

	@Autowired
	List<CustomerFigures> figures;

	@Autowired
	ApplicationEvents events;

	private Fixtures.Workspace workspace;

	private UUID raviId;

	private UUID minaId;

	private String admin;

	private String ravi;

	private String lotte;

	private String mina;

	/** A word only this test's person carries. */
	private String mark;

	private String company;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Privacy");
		this.minaId = this.fixtures.user(this.workspace.id(), "Mina Manager", "Sales manager", null);
		this.raviId = this.fixtures.user(this.workspace.id(), "Ravi Rep", "Sales rep", this.minaId);
		UUID lotteId = this.fixtures.user(this.workspace.id(), "Lotte Rep", "Sales rep", this.minaId);
		this.admin = this.fixtures.token(this.workspace.id(), this.workspace.adminId(), "read", "write");
		this.ravi = this.fixtures.token(this.workspace.id(), this.raviId, "read", "write");
		this.lotte = this.fixtures.token(this.workspace.id(), lotteId, "read", "write");
		this.mina = this.fixtures.token(this.workspace.id(), this.minaId, "read", "write");
		this.mark = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

	@Test
	void exportsEverythingHeldAboutAPersonOneKeyPerPart() throws Exception {
		String person = personWithHistory();
		this.mvc.perform(get("/api/v1/people/" + person + "/personal-data").header("Authorization", bearer(this.ravi)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.personId").value(person))
			.andExpect(jsonPath("$.parts.length()").value(PARTS.size()))
			.andExpect(jsonPath("$.parts['customers.person'][0].familyName").value("Núñez" + this.mark))
			.andExpect(jsonPath("$.parts['customers.person'][0].emails[0].address").value(email()))
			.andExpect(jsonPath("$.parts['customers.person'][0].phones", hasSize(1)))
			.andExpect(jsonPath("$.parts['customers.person'][0].addresses[0].city").value("Sevilla"))
			.andExpect(jsonPath("$.parts['customers.person'][0].tags", hasItem("vip")))
			.andExpect(jsonPath("$.parts['customers.consent'][0].source").value("web form"))
			.andExpect(jsonPath("$.parts['customers.interactions'][0].summary").value(containsString(this.mark)))
			.andExpect(jsonPath("$.parts['customers.timeline'].length()").value(org.hamcrest.Matchers.greaterThan(2)))
			.andExpect(jsonPath("$.parts['customers.lifecycle'][0].to").value("lead"))
			.andExpect(jsonPath("$.parts['sales.transactions'][0].amount").value("149.9000"))
			.andExpect(jsonPath("$.parts['sales.transactions'][0].description").value(containsString(this.mark)))
			.andExpect(jsonPath("$.parts['sales.deals'][0].role").value(containsString(this.mark)))
			.andExpect(jsonPath("$.parts['activities.activities'][0].title").value(containsString(this.mark)));
		for (String part : PARTS) {
			this.mvc
				.perform(get("/api/v1/people/" + person + "/personal-data").header("Authorization", bearer(this.admin)))
				.andExpect(jsonPath("$.parts['" + part + "']").isArray());
		}
		// The readable page and the download, for the owner.
		this.mvc.perform(get("/people/" + person + "/privacy").with(web(this.raviId)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(email())))
			.andExpect(content().string(containsString("Consent ledger")));
		this.mvc.perform(get("/people/" + person + "/personal-data.json").with(web(this.raviId)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.parts['customers.person'][0].displayName").value("José Núñez" + this.mark));
	}

	@Test
	void erasesThePersonEverywhereAndKeepsTheFigures() throws Exception {
		String person = personWithHistory();
		assertThat(tablesHolding(this.mark)).isNotEmpty();
		String export = JsonPath
			.read(send(post("/api/v1/exports"), this.ravi, "{\"object\":\"people\",\"format\":\"csv\"}")
				.andExpect(status().isAccepted())
				.andReturn()
				.getResponse()
				.getContentAsString(), "$.id");
		awaitExport(export);
		List<CustomerFigure> companyFigures = companyFigures();
		assertThat(companyFigures).isNotEmpty();

		send(post("/api/v1/people/" + person + "/erasure"), this.ravi,
				"{\"reason\":\"Request by e-mail of 2026-11-20\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.erasureId").isNotEmpty())
			.andExpect(jsonPath("$.changed['customers.person']").value(org.hamcrest.Matchers.greaterThan(3)))
			.andExpect(jsonPath("$.changed['customers.consent']").value(1))
			.andExpect(jsonPath("$.changed['exchange.files']").value(org.hamcrest.Matchers.greaterThan(0)));

		// No text column of any table holds the name or e-mail any more.
		assertThat(tablesHolding(this.mark)).isEmpty();
		assertThat(tablesHolding("Núñez" + this.mark)).isEmpty();
		this.mvc.perform(get("/api/v1/people?q=" + email()).header("Authorization", bearer(this.ravi)))
			.andExpect(jsonPath("$.items", hasSize(0)));
		this.mvc.perform(get("/api/v1/people?q=Núñez" + this.mark).header("Authorization", bearer(this.ravi)))
			.andExpect(jsonPath("$.items", hasSize(0)));
		this.mvc.perform(get("/api/v1/people/" + person).header("Authorization", bearer(this.ravi)))
			.andExpect(jsonPath("$.displayName").value("Erased person"))
			.andExpect(jsonPath("$.emails", hasSize(0)))
			.andExpect(jsonPath("$.tags", hasSize(0)));
		this.mvc.perform(get("/api/v1/people/" + person + "/timeline").header("Authorization", bearer(this.ravi)))
			.andExpect(content().string(not(containsString(this.mark))));
		// Amounts stay, so the company's revenue figures are what they were.
		this.mvc.perform(get("/api/v1/people/" + person + "/personal-data").header("Authorization", bearer(this.ravi)))
			.andExpect(jsonPath("$.parts['sales.transactions'][0].amount").value("149.9000"))
			.andExpect(jsonPath("$.parts['sales.transactions'][0].description").doesNotExist())
			.andExpect(jsonPath("$.erasedAt").isNotEmpty());
		assertThat(companyFigures()).isEqualTo(companyFigures);
		// Stored exports made before are gone.
		this.mvc.perform(get("/api/v1/exports/" + export + "/file").header("Authorization", bearer(this.ravi)))
			.andExpect(status().isNotFound());
		assertThat(this.events.stream(CustomersChanged.class))
			.anySatisfy((e) -> assertThat(e.ids()).contains(UUID.fromString(person)));

		// The audit: who, when, why and counts, for administrators.
		this.mvc.perform(get("/admin/erasures").with(web(this.workspace.adminId())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Request by e-mail of 2026-11-20")))
			.andExpect(content().string(containsString("Ravi Rep")));
		this.mvc.perform(get("/admin/erasures").with(web(this.raviId))).andExpect(status().isForbidden());
		// Irreversible, and only once.
		send(post("/api/v1/people/" + person + "/erasure"), this.ravi, "{\"reason\":\"again\"}")
			.andExpect(status().isUnprocessableContent());
	}

	@Test
	void refusesTheDataAndTheErasureToThoseWhoAreNeitherAdministratorNorOwner() throws Exception {
		String person = person();
		// Lotte may not even read the person; Mina, Ravi's manager, may read but not
		// erase.
		this.mvc.perform(get("/api/v1/people/" + person + "/personal-data").header("Authorization", bearer(this.lotte)))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/people/" + person + "/personal-data").header("Authorization", bearer(this.mina)))
			.andExpect(status().isForbidden());
		send(post("/api/v1/people/" + person + "/erasure"), this.lotte, "{\"reason\":\"x\"}")
			.andExpect(status().isNotFound());
		send(post("/api/v1/people/" + person + "/erasure"), this.mina, "{\"reason\":\"x\"}")
			.andExpect(status().isForbidden());
		send(post("/api/v1/people/" + person + "/erasure"), this.ravi, "{\"reason\":\" \"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		// In the UI the name or ERASE must be typed.
		this.mvc
			.perform(post("/people/" + person + "/erasure").with(web(this.raviId))
				.with(csrf())
				.param("reason", "Request")
				.param("confirm", "erase"))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/api/v1/people/" + person).header("Authorization", bearer(this.ravi)))
			.andExpect(jsonPath("$.displayName").value("José Núñez" + this.mark));
		this.mvc.perform(get("/people/" + person + "/privacy").with(web(this.minaId)))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/people/" + person + "/erasure").with(web(this.raviId))
				.with(csrf())
				.param("reason", "Request")
				.param("confirm", "ERASE"))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/api/v1/people/" + person).header("Authorization", bearer(this.admin)))
			.andExpect(jsonPath("$.displayName").value("Erased person"));
	}

	@Test
	void countsConsentPerChannelByTheNewestEntry() throws Exception {
		String ana = person("{\"displayName\":\"Ana\"}");
		String ben = person("{\"displayName\":\"Ben\"}");
		person("{\"displayName\":\"Cem\"}");
		consent(ana, "email", "opt-in", "web form");
		consent(ana, "email", "opt-out", "unsubscribe link");
		consent(ben, "email", "opt-in", "paper form");
		consent(ben, "sms", "opt-in", "paper form");

		this.mvc.perform(get("/api/v1/consent-report").header("Authorization", bearer(this.admin)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.channels[?(@.channel == 'email')].optedIn").value(hasItem(1)))
			.andExpect(jsonPath("$.channels[?(@.channel == 'email')].optedOut").value(hasItem(1)))
			.andExpect(jsonPath("$.channels[?(@.channel == 'email')].unknown").value(hasItem(1)))
			.andExpect(jsonPath("$.channels[?(@.channel == 'sms')].optedIn").value(hasItem(1)))
			.andExpect(jsonPath("$.channels[?(@.channel == 'sms')].unknown").value(hasItem(2)))
			.andExpect(jsonPath("$.channels[?(@.channel == 'post')].unknown").value(hasItem(3)));
		this.mvc
			.perform(get("/api/v1/consent-report?channel=email&status=opt-out").header("Authorization",
					bearer(this.admin)))
			.andExpect(jsonPath("$.people", hasSize(1)))
			.andExpect(jsonPath("$.people[0].displayName").value("Ana"))
			.andExpect(jsonPath("$.people[0].source").value("unsubscribe link"))
			.andExpect(jsonPath("$.people[0].recordedAt").isNotEmpty());
		this.mvc
			.perform(get("/api/v1/consent-report?channel=email&status=unknown").header("Authorization",
					bearer(this.admin)))
			.andExpect(jsonPath("$.people[*].displayName").value(org.hamcrest.Matchers.contains("Cem")));
		this.mvc.perform(get("/api/v1/consent-report").header("Authorization", bearer(this.ravi)))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/data-quality/consent?channel=email&status=opt-in").with(web(this.workspace.adminId())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("paper form")));
		// The list of people as CSV, through the exporter.
		String export = JsonPath.read(send(post("/api/v1/exports"), this.admin,
				"{\"object\":\"consent\",\"format\":\"csv\",\"parameters\":{\"channel\":\"email\",\"status\":\"opt-in\"}}")
			.andExpect(status().isAccepted())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		awaitExport(export);
		String csv = this.mvc
			.perform(get("/api/v1/exports/" + export + "/file").header("Authorization", bearer(this.admin)))
			.andReturn()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(csv).contains("Ben,email,opt-in").contains("paper form").doesNotContain("Ana");
	}

	/**
	 * A person with contact data, consent, an interaction, a purchase, a deal and a task.
	 */
	private String personWithHistory() throws Exception {
		this.company = JsonPath.read(send(post("/api/v1/companies"), this.ravi, "{\"name\":\"Acme Fitness\"}")
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		String json = """
				{"givenName":"José","familyName":"Núñez%s","emails":[{"address":"%s"}],
				 "phones":[{"number":"+34 612 34 56 78"}],"companyId":"%s","tags":["vip","%s"],
				 "addresses":[{"label":"home","street":"Calle %s 1","city":"Sevilla","countryCode":"es"}],
				 "birthday":"1980-02-03","notes":"Knee injury %s","jobTitle":"Coach %s"}""".formatted(this.mark,
				email(), this.company, this.mark, this.mark, this.mark, this.mark);
		String person = person(json);
		consent(person, "email", "opt-in", "web form");
		send(post("/api/v1/interactions"), this.ravi,
				"{\"personId\":\"%s\",\"channel\":\"call\",\"summary\":\"Talked with José %s about his knee\"}"
					.formatted(person, this.mark))
			.andExpect(status().isCreated());
		send(post("/api/v1/transactions"), this.ravi,
				"{\"personId\":\"%s\",\"amount\":\"149.90\",\"currency\":\"EUR\",\"description\":\"Yearly pass %s\"}"
					.formatted(person, this.mark))
			.andExpect(status().isCreated());
		send(post("/api/v1/deals"), this.ravi,
				"{\"name\":\"Gym roll-out\",\"amount\":100,\"companyId\":\"%s\",\"people\":[{\"personId\":\"%s\",\"role\":\"Decides %s\"}]}"
					.formatted(this.company, person, this.mark))
			.andExpect(status().isCreated());
		send(post("/api/v1/activities"), this.ravi,
				"{\"kind\":\"task\",\"title\":\"Call José %s back\",\"notes\":\"About %s\",\"personId\":\"%s\"}"
					.formatted(this.mark, email(), person))
			.andExpect(status().isCreated());
		// A correction, so the history has the old name.
		String etag = this.mvc.perform(get("/api/v1/people/" + person).header("Authorization", bearer(this.ravi)))
			.andReturn()
			.getResponse()
			.getHeader("ETag");
		send(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/people/" + person)
			.header("If-Match", etag), this.ravi, json.replace("\"Coach ", "\"Head coach ")).andExpect(status().isOk());
		return person;
	}

	private String person() throws Exception {
		return person("{\"givenName\":\"José\",\"familyName\":\"Núñez%s\",\"emails\":[{\"address\":\"%s\"}]}"
			.formatted(this.mark, email()));
	}

	private String person(String json) throws Exception {
		return JsonPath.read(send(post("/api/v1/people"), this.ravi, json).andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
	}

	private void consent(String person, String channel, String status, String source) throws Exception {
		send(post("/api/v1/people/" + person + "/consents"), this.ravi,
				"{\"channel\":\"%s\",\"status\":\"%s\",\"source\":\"%s\"}".formatted(channel, status, source))
			.andExpect(status().isCreated());
	}

	private String email() {
		return "jose." + this.mark + "@nunez.fit";
	}

	private List<CustomerFigure> companyFigures() {
		return Actors.callAs(new Actor(this.workspace.id(), this.raviId),
				() -> this.figures.stream()
					.flatMap((f) -> f.forCompany(UUID.fromString(this.company), Locale.ENGLISH).stream())
					.toList());
	}

	private void awaitExport(String id) throws Exception {
		long until = System.currentTimeMillis() + 30_000;
		String state = "";
		while (System.currentTimeMillis() < until && !state.equals("done") && !state.equals("failed")) {
			Thread.sleep(100);
			state = JsonPath
				.read(this.mvc.perform(get("/api/v1/exports/" + id).header("Authorization", bearer(this.admin)))
					.andReturn()
					.getResponse()
					.getContentAsString(), "$.status");
		}
		assertThat(state).isEqualTo("done");
	}

	/** Every table with a text column holding the word, in any case. */
	private List<String> tablesHolding(String word) throws Exception {
		List<String> found = new ArrayList<>();
		try (Connection connection = this.dataSource.getConnection()) {
			DatabaseMetaData meta = connection.getMetaData();
			List<String[]> columns = new ArrayList<>();
			// The application's schema: public on H2, one per test class on PostgreSQL.
			try (ResultSet rs = meta.getColumns(null, connection.getSchema(), "%", "%")) {
				while (rs.next()) {
					String type = rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT);
					if (type.contains("char") || type.contains("text") || type.contains("json")
							|| type.contains("clob")) {
						columns.add(new String[] { rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME") });
					}
				}
			}
			for (String[] c : columns) {
				String sql = "select count(*) from " + c[0] + " where lower(cast(" + c[1] + " as varchar)) like ?";
				try (PreparedStatement statement = connection.prepareStatement(sql)) {
					statement.setString(1, "%" + word.toLowerCase(Locale.ROOT) + "%");
					try (ResultSet rs = statement.executeQuery()) {
						if (rs.next() && rs.getLong(1) > 0) {
							found.add(c[0] + "." + c[1]);
						}
					}
				}
			}
		}
		return found;
	}

	private ResultActions send(MockHttpServletRequestBuilder request, String token, String json) throws Exception {
		return this.mvc.perform(
				request.header("Authorization", bearer(token)).contentType(MediaType.APPLICATION_JSON).content(json));
	}

	private RequestPostProcessor web(UUID userId) {
		return user(this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), userId)));
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

}
