package dev.rapport.sales;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Purchases and payments: a point-of-sale system retrying safely, bad input named by
 * field, the figures and the timeline on the customer's page, and the access policy.
 *
 * <pre>
 * workspace "Shop": Sales rep Wen (owns the customer); Sales rep Tom (no relation)
 * </pre>
 */
@IntegrationTest
class TransactionsIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsLoader loader;

	private Fixtures.Workspace workspace;

	private UUID wenId;

	private String wen;

	private String tom;

	private String person;

	@BeforeEach
	void workspace() throws Exception {
		this.workspace = this.fixtures.workspace("Shop");
		this.wenId = this.fixtures.user(this.workspace.id(), "Wen Rep", "Sales rep", null);
		UUID tomId = this.fixtures.user(this.workspace.id(), "Tom Rep", "Sales rep", null);
		this.wen = this.fixtures.token(this.workspace.id(), this.wenId, "read", "write");
		this.tom = this.fixtures.token(this.workspace.id(), tomId, "read", "write");
		MvcResult created = send(post("/api/v1/people"), this.wen, "{\"displayName\":\"李娜\"}")
			.andExpect(status().isCreated())
			.andReturn();
		this.person = JsonPath.read(created.getResponse().getContentAsString(), "$.id");
	}

	@Test
	void aPointOfSaleSystemRecordsEachPurchaseOnceAndTheCustomerPageAddsThemUp() throws Exception {
		String sale = """
				{"personId":"%s","amount":49.9,"currency":"eur","description":"10-class card","externalRef":"pos-1001",
				 "channel":"front desk","occurredOn":"2026-11-20"}""".formatted(this.person);
		MvcResult first = send(post("/api/v1/transactions"), this.wen, sale).andExpect(status().isCreated())
			.andExpect(jsonPath("$.amount").value(49.90))
			.andExpect(jsonPath("$.currency").value("EUR"))
			.andExpect(jsonPath("$.kind").value("purchase"))
			.andReturn();
		String id = JsonPath.read(first.getResponse().getContentAsString(), "$.id");
		send(post("/api/v1/transactions"), this.wen, sale).andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id));
		send(post("/api/v1/transactions"), this.wen,
				"{\"personId\":\"%s\",\"amount\":\"149.90\",\"currency\":\"EUR\",\"description\":\"Yearly pass\"}"
					.formatted(this.person))
			.andExpect(status().isCreated());
		send(post("/api/v1/transactions"), this.wen,
				"{\"personId\":\"%s\",\"kind\":\"payment\",\"amount\":100,\"currency\":\"EUR\"}".formatted(this.person))
			.andExpect(status().isCreated());
		this.mvc
			.perform(get("/api/v1/people/" + this.person + "/transactions").header("Authorization", bearer(this.wen)))
			.andExpect(jsonPath("$", hasSize(3)));
		this.mvc
			.perform(get("/api/v1/people/" + this.person + "/timeline?kind=purchase,payment").header("Authorization",
					bearer(this.wen)))
			.andExpect(jsonPath("$.items[*].kind", containsInAnyOrder("purchase", "purchase", "payment")));
		var page = this.mvc
			.perform(get("/people/" + this.person)
				.with(user(this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), this.wenId)))))
			.andExpect(status().isOk());
		page.andExpect(content().string(containsString("Lifetime revenue")))
			.andExpect(content().string(containsString("€199.80")))
			.andExpect(content().string(containsString("€99.90")))
			.andExpect(content().string(containsString("Purchase: EUR 49.90")))
			.andExpect(content().string(containsString("Record a purchase or payment")));
	}

	@Test
	void badTransactionsAreRefusedNamingTheFieldAndOthersCustomersAreNotFound() throws Exception {
		send(post("/api/v1/transactions"), this.wen,
				"{\"personId\":\"%s\",\"kind\":\"gift\",\"amount\":-5,\"currency\":\"EURO\",\"occurredOn\":\"2099-01-01\"}"
					.formatted(this.person))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("kind", "amount", "currency", "occurredOn")));
		send(post("/api/v1/transactions"), this.wen, "{\"amount\":5,\"currency\":\"EUR\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("personId"));
		send(post("/api/v1/transactions"), this.wen, "{\"personId\":\"%s\",\"amount\":\"abc\"}".formatted(this.person))
			.andExpect(status().isBadRequest());
		send(post("/api/v1/transactions"), this.tom,
				"{\"personId\":\"%s\",\"amount\":5,\"currency\":\"EUR\"}".formatted(this.person))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(get("/api/v1/people/" + this.person + "/transactions").header("Authorization", bearer(this.tom)))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(get("/api/v1/people/" + this.person + "/transactions").header("Authorization", bearer(this.wen)))
			.andExpect(jsonPath("$", hasSize(0)));
	}

	@Test
	void aCompanysPageShowsItsPurchasesAndRevenue() throws Exception {
		MvcResult company = send(post("/api/v1/companies"), this.wen, "{\"name\":\"Acme Foods\"}")
			.andExpect(status().isCreated())
			.andReturn();
		String companyId = JsonPath.read(company.getResponse().getContentAsString(), "$.id");
		send(post("/api/v1/transactions"), this.wen,
				"{\"companyId\":\"%s\",\"amount\":1200,\"currency\":\"USD\",\"description\":\"Catering contract\"}"
					.formatted(companyId))
			.andExpect(status().isCreated());
		var wenUser = this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), this.wenId));
		this.mvc.perform(get("/companies/" + companyId).with(user(wenUser)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Lifetime revenue")))
			.andExpect(content().string(containsString("$1,200.00")))
			.andExpect(content().string(containsString("Purchase: USD 1200.00")))
			.andExpect(content().string(containsString("Catering contract")));
		this.mvc.perform(get("/companies/" + companyId + "/timeline").param("kind", "purchase").with(user(wenUser)))
			.andExpect(content().string(containsString("Catering contract")));
	}

	@Test
	void theFormRecordsAPurchaseForAPerson() throws Exception {
		var wenUser = this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), this.wenId));
		this.mvc.perform(get("/sales/transactions/new").param("personId", this.person).with(user(wenUser)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("李娜")));
		this.mvc
			.perform(post("/sales/transactions").with(user(wenUser))
				.with(csrf())
				.param("personId", this.person)
				.param("kind", "purchase")
				.param("amount", "12.50")
				.param("currency", "EUR")
				.param("occurredOn", "2026-11-21")
				.param("description", "Protein bar"))
			.andExpect(status().is3xxRedirection());
		this.mvc
			.perform(post("/sales/transactions").with(user(wenUser))
				.with(csrf())
				.param("personId", this.person)
				.param("kind", "purchase")
				.param("amount", "0")
				.param("currency", "EUR"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The amount must be more than zero.")));
		this.mvc
			.perform(get("/api/v1/people/" + this.person + "/transactions").header("Authorization", bearer(this.wen)))
			.andExpect(jsonPath("$[0].description").value("Protein bar"));
	}

	private ResultActions send(MockHttpServletRequestBuilder request, String token, String json) throws Exception {
		return this.mvc.perform(
				request.header("Authorization", bearer(token)).contentType(MediaType.APPLICATION_JSON).content(json));
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

}
