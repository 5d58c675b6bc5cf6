package dev.rapport.dataquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
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

import dev.rapport.dataquality.internal.DuplicateScans;
import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The pages of duplicate detection: the hint in the person and company forms, the queue
 * with its actions, and the administrators' rules page.
 *
 * <pre>
 * workspace "Dedupe"
 *   admin ─ Sales rep Ravi
 * </pre>
 */
@IntegrationTest
class DuplicatePagesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsLoader loader;

	@Autowired
	DuplicateScans scans;

	private Fixtures.Workspace workspace;

	private UserDetails admin;

	private UserDetails ravi;

	private String raviToken;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Dedupe");
		UUID raviId = this.fixtures.user(this.workspace.id(), "Ravi Rep", "Sales rep", null);
		this.admin = this.loader.loadUserByUsername(this.workspace.adminEmail());
		this.ravi = this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), raviId));
		this.raviToken = this.fixtures.token(this.workspace.id(), raviId, "read", "write");
	}

	@Test
	void theFormsAskAndTheHintNamesTheCandidatesWithTheirReasons() throws Exception {
		String robert = createPerson("""
				{"givenName":"Robert","familyName":"Smith","emails":[{"address":"robert.smith@acme.com"}]}""");
		this.mvc.perform(get("/people/new").with(user(this.ravi)))
			.andExpect(content().string(containsString("/data-quality/duplicates/hint/person")));
		this.mvc.perform(get("/companies/new").with(user(this.ravi)))
			.andExpect(content().string(containsString("/data-quality/duplicates/hint/company")));
		this.mvc
			.perform(post("/data-quality/duplicates/hint/person").param("givenName", "Bob")
				.param("familyName", "Smith")
				.param("emails[0].address", "robert.smith@acme.com")
				.with(user(this.ravi))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("This may already exist")))
			.andExpect(content().string(containsString("/people/" + robert)))
			.andExpect(content().string(containsString("Likely")))
			.andExpect(content().string(containsString("Nickname of the same name")));
		this.mvc
			.perform(post("/data-quality/duplicates/hint/person").param("id", robert)
				.param("givenName", "Robert")
				.param("familyName", "Smith")
				.with(user(this.ravi))
				.with(csrf()))
			.andExpect(content().string(not(containsString("This may already exist"))));
	}

	@Test
	void theQueueShowsBothRecordsTheReasonsAndTheActions() throws Exception {
		String a = createPerson("""
				{"givenName":"Dolores","familyName":"Romero","phones":[{"number":"+34 612 00 11 22"}]}""");
		String b = createPerson("""
				{"givenName":"Lola","familyName":"Romero","phones":[{"number":"+34612001122"}]}""");
		long until = System.currentTimeMillis() + 20_000;
		String page = "";
		while (System.currentTimeMillis() < until && !page.contains("Lola Romero")) {
			this.scans.recheckQueued();
			page = this.mvc.perform(get("/data-quality/duplicates").with(user(this.ravi)))
				.andReturn()
				.getResponse()
				.getContentAsString();
		}
		assertThat(page).contains("Dolores Romero", "Lola Romero", "Same phone number", "Nickname of the same name",
				"/data-quality/merge?kind=person&amp;a=", "Not a duplicate");
		assertThat(page).contains(a).contains(b);
		String pairId = page.replaceAll("(?s).*/data-quality/duplicates/([0-9a-f-]{36})/dismiss.*", "$1");
		this.mvc.perform(post("/data-quality/duplicates/" + pairId + "/dismiss").with(user(this.ravi)).with(csrf()))
			.andExpect(redirectedUrl("/data-quality/duplicates"));
		this.mvc.perform(get("/data-quality/duplicates").with(user(this.ravi)))
			.andExpect(content().string(not(containsString("Lola Romero"))));
	}

	@Test
	void administratorsSaveRulesAndStartAScan() throws Exception {
		this.mvc.perform(get("/admin/duplicate-rules").with(user(this.ravi))).andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/duplicate-rules").with(user(this.admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Duplicate rules")))
			.andExpect(content().string(containsString("E-mail name at another domain")));
		this.mvc
			.perform(post("/admin/duplicate-rules/person").param("version", "0")
				.param("weights.name", "0.6")
				.param("possible", "0.5")
				.param("likely", "0.3")
				.with(user(this.admin))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("must be above")));
		this.mvc
			.perform(post("/admin/duplicate-rules/person").param("version", "0")
				.param("weights.name", "0.6")
				.param("possible", "0.5")
				.param("likely", "0.8")
				.with(user(this.admin))
				.with(csrf()))
			.andExpect(redirectedUrl("/admin/duplicate-rules"));
		this.mvc.perform(get("/admin/duplicate-rules").with(user(this.admin)))
			.andExpect(content().string(containsString("value=\"0.6\"")));
		this.mvc.perform(post("/admin/duplicate-rules/scan").with(user(this.admin)).with(csrf()))
			.andExpect(redirectedUrl("/admin/duplicate-rules"));
		this.mvc.perform(get("/admin/duplicate-rules").with(user(this.admin)))
			.andExpect(content().string(containsString("Started by an administrator")));
	}

	private String createPerson(String json) throws Exception {
		MvcResult result = this.mvc
			.perform(post("/api/v1/people").header("Authorization", "Bearer " + this.raviToken)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json))
			.andExpect(status().isCreated())
			.andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
	}

}
