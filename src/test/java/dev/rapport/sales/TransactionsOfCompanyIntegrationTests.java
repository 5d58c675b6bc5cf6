package dev.rapport.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * A company's transactions and figures: its own and those of its people, with refunds,
 * and never those of a person the user may not read.
 *
 * <pre>
 * workspace "Shop":
 *   Administrator  records everything
 *   Sales rep Wen  owns the company Acme and its person Ana
 *   Sales rep Tom  owns Bo, who works at Acme too; Wen may not read Bo
 * </pre>
 */
@IntegrationTest
class TransactionsOfCompanyIntegrationTests {

	private static final Pattern FIGURE = Pattern.compile("<dt>([^<]+)</dt>\\s*<dd>([^<]*)</dd>");

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsLoader loader;

	private String admin;

	private String wen;

	private UserDetails wenUser;

	private UserDetails adminUser;

	private String acme;

	private String ana;

	private String bo;

	@BeforeEach
	void workspace() throws Exception {
		Fixtures.Workspace workspace = this.fixtures.workspace("Shop");
		UUID wenId = this.fixtures.user(workspace.id(), "Wen Rep", "Sales rep", null);
		UUID tomId = this.fixtures.user(workspace.id(), "Tom Rep", "Sales rep", null);
		this.admin = this.fixtures.token(workspace.id(), workspace.adminId(), "read", "write");
		this.wen = this.fixtures.token(workspace.id(), wenId, "read", "write");
		this.wenUser = this.loader.loadUserByUsername(this.fixtures.email(workspace.id(), wenId));
		this.adminUser = this.loader.loadUserByUsername(workspace.adminEmail());
		this.acme = create("/api/v1/companies", "{\"name\":\"Acme\",\"ownerId\":\"%s\"}".formatted(wenId));
		this.ana = create("/api/v1/people",
				"{\"displayName\":\"Ana\",\"companyId\":\"%s\",\"ownerId\":\"%s\"}".formatted(this.acme, wenId));
		this.bo = create("/api/v1/people",
				"{\"displayName\":\"Bo\",\"companyId\":\"%s\",\"ownerId\":\"%s\"}".formatted(this.acme, tomId));
	}

	@Test
	void aCompanyListsAndCountsOnlyWhatTheUserMayOpen() throws Exception {
		record("{\"companyId\":\"%s\",\"amount\":100,\"currency\":\"EUR\",\"description\":\"Team licence\"}"
			.formatted(this.acme));
		String anaPurchase = record(
				"{\"personId\":\"%s\",\"amount\":50,\"currency\":\"EUR\",\"description\":\"Course\"}"
					.formatted(this.ana));
		record("{\"kind\":\"refund\",\"originalId\":\"%s\",\"amount\":20}".formatted(anaPurchase));
		String boPurchase = record(
				"{\"personId\":\"%s\",\"amount\":1000,\"currency\":\"EUR\",\"description\":\"Secret deal\"}"
					.formatted(this.bo));

		// Bo's purchase is Acme's too, but Wen cannot open it: it is not listed for her.
		api(get("/sales/transactions/" + boPurchase).with(user(this.wenUser))).andExpect(status().isNotFound());
		api(get("/api/v1/companies/" + this.acme + "/transactions").header("Authorization", "Bearer " + this.wen))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(3)))
			.andExpect(jsonPath("$[*].kind", containsInAnyOrder("purchase", "purchase", "refund")))
			.andExpect(jsonPath("$[?(@.id == '%s')]".formatted(boPurchase), hasSize(0)));
		api(get("/sales/transactions").param("companyId", this.acme).with(user(this.wenUser)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Team licence")))
			.andExpect(content().string(containsString("Course")))
			.andExpect(content().string(not(containsString("Secret deal"))));
		api(get("/sales/transactions").param("companyId", this.acme)
			.param("kind", "purchase")
			.header("HX-Request", "true")
			.with(user(this.wenUser))).andExpect(content().string(not(containsString("Secret deal"))));
		// The figures add up what she sees: 100 + 50 - 20.
		assertThat(figures(this.wenUser)).containsEntry("Lifetime revenue", "€130.00")
			.containsEntry("Purchases", "2")
			.containsEntry("Average check", "€65.00");

		// The administrator sees all of it.
		api(get("/api/v1/companies/" + this.acme + "/transactions").header("Authorization", "Bearer " + this.admin))
			.andExpect(jsonPath("$", hasSize(4)));
		assertThat(figures(this.adminUser)).containsEntry("Lifetime revenue", "€1,130.00")
			.containsEntry("Purchases", "3");
	}

	@Test
	void aCompanysFiguresFollowRefundsAndVoidsOfItsPeople() throws Exception {
		String own = record("{\"companyId\":\"%s\",\"amount\":80,\"currency\":\"EUR\",\"occurredOn\":\"2026-11-01\"}"
			.formatted(this.acme));
		String anaPurchase = record(
				"{\"personId\":\"%s\",\"amount\":40,\"currency\":\"EUR\",\"occurredOn\":\"2026-11-05\"}"
					.formatted(this.ana));
		record("{\"kind\":\"refund\",\"originalId\":\"%s\",\"amount\":40}".formatted(anaPurchase));
		assertThat(figures(this.wenUser)).containsEntry("Lifetime revenue", "€80.00")
			.containsEntry("Purchases", "1")
			.containsEntry("Last purchase", "2026-11-01");
		api(post("/api/v1/transactions/" + own + "/void").header("If-Match", "\"1\"")
			.header("Authorization", "Bearer " + this.admin)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"Test\"}")).andExpect(status().isOk());
		assertThat(figures(this.wenUser)).containsEntry("Purchases", "0").containsEntry("Lifetime revenue", "—");
		api(get("/sales/transactions").param("companyId", this.acme).with(user(this.wenUser)))
			.andExpect(content().string(containsString("Voided")))
			.andExpect(content().string(containsString("Refunded")));
	}

	private Map<String, String> figures(UserDetails who) throws Exception {
		String html = this.mvc.perform(get("/companies/" + this.acme).with(user(who)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		Map<String, String> figures = new LinkedHashMap<>();
		Matcher matcher = FIGURE.matcher(html);
		while (matcher.find()) {
			figures.put(matcher.group(1), matcher.group(2));
		}
		assertThat(figures).containsKeys("Lifetime revenue", "Purchases", "Average check", "Last purchase");
		return figures;
	}

	private String record(String json) throws Exception {
		return create("/api/v1/transactions", json);
	}

	private String create(String path, String json) throws Exception {
		MvcResult result = api(post(path).header("Authorization", "Bearer " + this.admin)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)).andExpect(status().isCreated()).andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
	}

	private ResultActions api(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request);
	}

}
