package dev.rapport.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * Refunds, corrections and voids: the amounts a refund may give back, retries of a
 * point-of-sale system, corrections with If-Match and their history, voids kept out of
 * the figures, one timeline entry per transaction, and who may do what.
 *
 * <pre>
 * workspace "Shop":
 *   Sales rep Wen  owns the customer 李娜; tokens: read+write, and read only
 *   Sales rep Tom  no relation to Wen or the customer; token read+write
 * </pre>
 */
@IntegrationTest
class TransactionCorrectionsIntegrationTests {

	private static final Pattern FIGURE = Pattern.compile("<dt>([^<]+)</dt>\\s*<dd>([^<]*)</dd>");

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsLoader loader;

	private Fixtures.Workspace workspace;

	private UUID wenId;

	private String wen;

	private String wenReadOnly;

	private String tom;

	private UserDetails wenUser;

	private UserDetails tomUser;

	private String person;

	@BeforeEach
	void workspace() throws Exception {
		this.workspace = this.fixtures.workspace("Shop");
		this.wenId = this.fixtures.user(this.workspace.id(), "Wen Rep", "Sales rep", null);
		UUID tomId = this.fixtures.user(this.workspace.id(), "Tom Rep", "Sales rep", null);
		this.wen = this.fixtures.token(this.workspace.id(), this.wenId, "read", "write");
		this.wenReadOnly = this.fixtures.token(this.workspace.id(), this.wenId, "read");
		this.tom = this.fixtures.token(this.workspace.id(), tomId, "read", "write");
		this.wenUser = this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), this.wenId));
		this.tomUser = this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), tomId));
		MvcResult created = send(post("/api/v1/people"), this.wen, "{\"displayName\":\"李娜\"}")
			.andExpect(status().isCreated())
			.andReturn();
		this.person = JsonPath.read(created.getResponse().getContentAsString(), "$.id");
	}

	@Test
	void partialAndFullRefundsLowerTheFiguresAndAreRetriedSafely() throws Exception {
		String yearly = purchase("100", "EUR", "Yearly pass", "2026-11-02");
		String card = purchase("50", "EUR", "10-class card", "2026-11-03");
		assertThat(figures()).containsEntry("Lifetime revenue", "€150.00")
			.containsEntry("Purchases", "2")
			.containsEntry("Average check", "€75.00");

		String partial = """
				{"amount":30,"occurredOn":"2026-11-10","description":"Two months unused","externalRef":"pos-r-1"}""";
		MvcResult first = send(post("/api/v1/transactions/" + yearly + "/refunds"), this.wen, partial)
			.andExpect(status().isCreated())
			.andExpect(header().string("ETag", "\"1\""))
			.andExpect(jsonPath("$.kind").value("refund"))
			.andExpect(jsonPath("$.originalId").value(yearly))
			.andExpect(jsonPath("$.personId").value(this.person))
			.andExpect(jsonPath("$.amount").value(30.00))
			.andExpect(jsonPath("$.currency").value("EUR"))
			.andExpect(jsonPath("$.voided").value(nullValue()))
			.andReturn();
		String refundId = JsonPath.read(first.getResponse().getContentAsString(), "$.id");
		// The point-of-sale system did not get the answer and sends the refund again.
		send(post("/api/v1/transactions/" + yearly + "/refunds"), this.wen, partial).andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(refundId));
		api(get("/api/v1/transactions/" + yearly), this.wen).andExpect(jsonPath("$.refundedAmount").value(30.00))
			.andExpect(jsonPath("$.kind").value("purchase"));
		assertThat(figures()).containsEntry("Lifetime revenue", "€120.00")
			.containsEntry("Purchases", "2")
			.containsEntry("Average check", "€60.00");

		// The whole card, through the endpoint every transaction goes to.
		String full = """
				{"kind":"refund","originalId":"%s","amount":"50.00","currency":"eur","externalRef":"pos-r-2"}"""
			.formatted(card);
		MvcResult whole = send(post("/api/v1/transactions"), this.wen, full).andExpect(status().isCreated())
			.andExpect(jsonPath("$.originalId").value(card))
			.andReturn();
		String wholeId = JsonPath.read(whole.getResponse().getContentAsString(), "$.id");
		send(post("/api/v1/transactions"), this.wen, full).andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(wholeId));
		api(get("/api/v1/transactions/" + card + "/refunds"), this.wen).andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].amount").value(50.00));
		assertThat(figures()).containsEntry("Lifetime revenue", "€70.00")
			.containsEntry("Purchases", "1")
			.containsEntry("Average check", "€70.00")
			.containsEntry("Last purchase", "2026-11-02");

		api(get("/api/v1/people/" + this.person + "/timeline?kind=purchase,refund"), this.wen)
			.andExpect(jsonPath("$.items[*].kind", containsInAnyOrder("purchase", "purchase", "refund", "refund")))
			.andExpect(jsonPath("$.items[?(@.sourceId == '%s')].title".formatted(refundId)).value("Two months unused"))
			// A refund without a description shows its purchase's.
			.andExpect(jsonPath("$.items[?(@.sourceId == '%s')].title".formatted(wholeId)).value("10-class card"));
		this.mvc.perform(get("/people/" + this.person).with(user(this.wenUser)))
			.andExpect(content().string(containsString("Refund: EUR 30.00")))
			.andExpect(content().string(containsString("Refund: EUR 50.00")));
	}

	@Test
	void aRefundGivesBackAtMostWhatIsLeftInTheSameCurrencyNamingTheFieldOtherwise() throws Exception {
		String purchase = purchase("40", "EUR", "Shoes", "2026-11-05");
		String refunds = "/api/v1/transactions/" + purchase + "/refunds";
		send(post(refunds), this.wen, "{\"amount\":40.01}").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("amount"))
			.andExpect(jsonPath("$.errors[0].message").value("At most EUR 40.00 is left to refund."));
		send(post(refunds), this.wen, "{\"amount\":10,\"currency\":\"USD\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("currency"))
			.andExpect(jsonPath("$.errors[0].message").value("Refund in the currency of the purchase, EUR."));
		send(post(refunds), this.wen, "{\"amount\":-5,\"occurredOn\":\"2099-01-01\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("amount", "occurredOn")));
		send(post(refunds), this.wen, "{\"amount\":5,\"occurredOn\":\"2026-11-04\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("occurredOn"));
		send(post("/api/v1/transactions"), this.wen, "{\"kind\":\"refund\",\"amount\":5}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("originalId"));
		send(post("/api/v1/transactions"), this.wen,
				"{\"personId\":\"%s\",\"amount\":5,\"currency\":\"EUR\",\"originalId\":\"%s\"}".formatted(this.person,
						purchase))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("originalId"));
		String payment = record(
				"{\"personId\":\"%s\",\"kind\":\"payment\",\"amount\":40,\"currency\":\"EUR\"}".formatted(this.person));
		send(post("/api/v1/transactions/" + payment + "/refunds"), this.wen, "{\"amount\":5}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("originalId"))
			.andExpect(jsonPath("$.errors[0].message").value("Only a purchase can be refunded."));
		send(post("/api/v1/transactions/" + UUID.randomUUID() + "/refunds"), this.wen, "{\"amount\":5}")
			.andExpect(status().isNotFound());

		send(post(refunds), this.wen, "{\"amount\":25,\"externalRef\":\"pos-r-9\"}").andExpect(status().isCreated());
		send(post(refunds), this.wen, "{\"amount\":15.01}").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].message").value("At most EUR 15.00 is left to refund."));
		send(post(refunds), this.wen, "{\"amount\":15}").andExpect(status().isCreated());
		send(post(refunds), this.wen, "{\"amount\":0.01}").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("amount"))
			.andExpect(jsonPath("$.errors[0].message").value("This purchase has already been refunded in full."));
		// An external reference is one thing: a purchase's cannot name a refund.
		send(post("/api/v1/transactions"), this.wen,
				"{\"personId\":\"%s\",\"amount\":5,\"currency\":\"EUR\",\"externalRef\":\"pos-r-9\"}"
					.formatted(this.person))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("externalRef"));
		api(get("/api/v1/transactions/" + purchase), this.wen).andExpect(jsonPath("$.refundedAmount").value(40.00));
		assertThat(figures()).containsEntry("Purchases", "0").containsEntry("Lifetime revenue", "—");
	}

	@Test
	void aCorrectionNeedsTheCurrentVersionAndIsKeptFieldByFieldInTheHistory() throws Exception {
		String id = purchase("49.90", "EUR", "10-class card", "2026-11-20");
		String path = "/api/v1/transactions/" + id;
		api(get(path), this.wen).andExpect(header().string("ETag", "\"1\""));
		send(patch(path), this.wen, "{\"amount\":45}").andExpect(status().isPreconditionRequired());
		send(patch(path).header("If-Match", "\"1\""), this.wen,
				"{\"amount\":45,\"description\":\"10-class card (discount)\"}")
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"2\""))
			.andExpect(jsonPath("$.amount").value(45.00))
			.andExpect(jsonPath("$.description").value("10-class card (discount)"))
			.andExpect(jsonPath("$.occurredOn").value("2026-11-20"))
			.andExpect(jsonPath("$.version").value(2));
		// Someone who read version 1 cannot overwrite what was saved since.
		send(patch(path).header("If-Match", "\"1\""), this.wen, "{\"amount\":40}")
			.andExpect(status().isPreconditionFailed())
			.andExpect(jsonPath("$.currentVersion").value(2));
		api(get(path), this.wen).andExpect(jsonPath("$.amount").value(45.00));
		// What cannot be corrected is named; sending back what was read is fine.
		send(patch(path).header("If-Match", "\"2\""), this.wen, "{\"currency\":\"USD\",\"kind\":\"payment\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("currency", "kind")));
		api(patch(path).header("If-Match", "\"2\"")
			.contentType("application/merge-patch+json")
			.content(
					"{\"id\":\"%s\",\"kind\":\"purchase\",\"currency\":\"EUR\",\"channel\":\"web shop\",\"occurredOn\":\"2026-11-19\"}"
						.formatted(id)),
				this.wen)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.channel").value("web shop"));
		send(patch(path).header("If-Match", "\"3\""), this.wen, "{\"amount\":\"lots\",\"occurredOn\":null}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("amount")));
		send(patch(path).header("If-Match", "\"3\""), this.wen, "{\"occurredOn\":null}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("occurredOn"));

		api(get(path + "/history"), this.wen).andExpect(jsonPath("$", hasSize(4)))
			.andExpect(jsonPath("$[?(@.field == 'amount')].oldValue").value("49.90"))
			.andExpect(jsonPath("$[?(@.field == 'amount')].newValue").value("45.00"))
			.andExpect(jsonPath("$[?(@.field == 'description')].newValue").value("10-class card (discount)"))
			.andExpect(jsonPath("$[?(@.field == 'channel')].newValue").value("web shop"))
			.andExpect(jsonPath("$[?(@.field == 'occurredOn')].oldValue").value("2026-11-20"))
			.andExpect(jsonPath("$[0].changedByName").value("Wen Rep"));
		// One entry on the timeline, corrected, not one per change.
		api(get("/api/v1/people/" + this.person + "/timeline"), this.wen)
			.andExpect(jsonPath("$.items[?(@.sourceId == '%s')]".formatted(id), hasSize(1)))
			.andExpect(jsonPath("$.items[?(@.sourceId == '%s')].data.amount".formatted(id)).value("45.00"))
			.andExpect(jsonPath("$.items[?(@.sourceId == '%s')].title".formatted(id)).value("10-class card (discount)"))
			.andExpect(
					jsonPath("$.items[?(@.sourceId == '%s')].occurredAt".formatted(id)).value("2026-11-19T00:00:00Z"));
		assertThat(figures()).containsEntry("Lifetime revenue", "€45.00").containsEntry("Last purchase", "2026-11-19");

		// A purchase cannot drop below its refunds, nor a refund above what is left.
		MvcResult refund = send(post(path + "/refunds"), this.wen, "{\"amount\":20,\"occurredOn\":\"2026-11-21\"}")
			.andExpect(status().isCreated())
			.andReturn();
		String refundId = JsonPath.read(refund.getResponse().getContentAsString(), "$.id");
		send(patch(path).header("If-Match", "\"3\""), this.wen, "{\"amount\":10}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("amount"))
			.andExpect(jsonPath("$.errors[0].message")
				.value("Refunds of EUR 20.00 were recorded for this purchase: the amount cannot be less."));
		send(patch("/api/v1/transactions/" + refundId).header("If-Match", "\"1\""), this.wen, "{\"amount\":45.01}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].message").value("At most EUR 45.00 is left to refund."));
		send(patch("/api/v1/transactions/" + refundId).header("If-Match", "\"1\""), this.wen, "{\"amount\":45}")
			.andExpect(status().isOk());
		assertThat(figures()).containsEntry("Purchases", "0");
	}

	@Test
	void aVoidedTransactionIsKeptButCountsNoMore() throws Exception {
		String big = purchase("100", "EUR", "Personal training", "2026-11-01");
		purchase("60", "EUR", "Yoga mat", "2026-11-02");
		String refund = record("{\"kind\":\"refund\",\"originalId\":\"%s\",\"amount\":10}".formatted(big));

		send(post("/api/v1/transactions/" + big + "/void"), this.wen, "{\"reason\":\"Wrong customer\"}")
			.andExpect(status().isPreconditionRequired());
		send(post("/api/v1/transactions/" + big + "/void").header("If-Match", "\"1\""), this.wen,
				"{\"reason\":\"Wrong customer\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail").value("This purchase has refunds. Void its refunds first."));
		send(post("/api/v1/transactions/" + refund + "/void").header("If-Match", "\"1\""), this.wen, "{}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		send(post("/api/v1/transactions/" + refund + "/void").header("If-Match", "\"1\""), this.wen,
				"{\"reason\":\"Typed twice\"}")
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"2\""))
			.andExpect(jsonPath("$.voided.reason").value("Typed twice"))
			.andExpect(jsonPath("$.voided.by").value(this.wenId.toString()))
			.andExpect(jsonPath("$.voided.at").isNotEmpty());
		api(get("/api/v1/transactions/" + big), this.wen).andExpect(jsonPath("$.refundedAmount").value(0.00));

		send(post("/api/v1/transactions/" + big + "/void").header("If-Match", "\"1\""), this.wen,
				"{\"reason\":\"Wrong customer\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.voided.reason").value("Wrong customer"));
		send(post("/api/v1/transactions/" + big + "/void").header("If-Match", "\"2\""), this.wen,
				"{\"reason\":\"Again\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail").value("This transaction was already voided."));
		send(patch("/api/v1/transactions/" + big).header("If-Match", "\"2\""), this.wen, "{\"amount\":90}")
			.andExpect(status().isUnprocessableContent());
		send(post("/api/v1/transactions/" + big + "/refunds"), this.wen, "{\"amount\":5}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("originalId"));

		assertThat(figures()).containsEntry("Lifetime revenue", "€60.00")
			.containsEntry("Purchases", "1")
			.containsEntry("Average check", "€60.00")
			.containsEntry("Last purchase", "2026-11-02");
		// Kept: still listed, and readable with who voided it and why.
		api(get("/api/v1/people/" + this.person + "/transactions"), this.wen).andExpect(jsonPath("$", hasSize(3)));
		api(get("/api/v1/transactions/" + big + "/history"), this.wen)
			.andExpect(jsonPath("$[*].field", containsInAnyOrder("voided", "voidReason")))
			.andExpect(jsonPath("$[?(@.field == 'voidReason')].newValue").value("Wrong customer"));
		api(get("/api/v1/people/" + this.person + "/timeline"), this.wen)
			.andExpect(jsonPath("$.items[?(@.sourceId == '%s')].kind".formatted(big)).value("voided"))
			.andExpect(jsonPath("$.items[?(@.sourceId == '%s')].data.of".formatted(big)).value("purchase"))
			.andExpect(jsonPath("$.items[?(@.sourceId == '%s')].summary".formatted(big)).value("Wrong customer"))
			.andExpect(jsonPath("$.items[?(@.sourceId == '%s')].kind".formatted(refund)).value("voided"))
			.andExpect(jsonPath("$.items[?(@.sourceId == '%s')]".formatted(big), hasSize(1)));
		this.mvc.perform(get("/people/" + this.person).with(user(this.wenUser)))
			.andExpect(content().string(containsString("Voided purchase: EUR 100.00")))
			.andExpect(content().string(containsString("Voided refund: EUR 10.00")));
	}

	@Test
	void onlyThoseWhoMayChangeTheCustomerRefundCorrectOrVoid() throws Exception {
		String id = purchase("30", "EUR", "Massage", "2026-11-15");
		String path = "/api/v1/transactions/" + id;
		// Tom cannot see the customer: for him the transaction does not exist.
		api(get(path), this.tom).andExpect(status().isNotFound());
		api(get(path + "/history"), this.tom).andExpect(status().isNotFound());
		api(get(path + "/refunds"), this.tom).andExpect(status().isNotFound());
		send(patch(path).header("If-Match", "\"1\""), this.tom, "{\"amount\":1}").andExpect(status().isNotFound());
		send(post(path + "/void").header("If-Match", "\"1\""), this.tom, "{\"reason\":\"x\"}")
			.andExpect(status().isNotFound());
		send(post(path + "/refunds"), this.tom, "{\"amount\":1}").andExpect(status().isNotFound());
		send(post("/api/v1/transactions"), this.tom,
				"{\"kind\":\"refund\",\"originalId\":\"%s\",\"amount\":1}".formatted(id))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/sales/transactions/" + id).with(user(this.tomUser))).andExpect(status().isNotFound());
		this.mvc
			.perform(post("/sales/transactions/" + id + "/void").with(user(this.tomUser))
				.with(csrf())
				.param("version", "1")
				.param("reason", "x"))
			.andExpect(status().isNotFound());
		// Wen's read-only token reads it but changes nothing.
		api(get(path), this.wenReadOnly).andExpect(status().isOk());
		send(patch(path).header("If-Match", "\"1\""), this.wenReadOnly, "{\"amount\":1}")
			.andExpect(status().isForbidden());
		send(post(path + "/void").header("If-Match", "\"1\""), this.wenReadOnly, "{\"reason\":\"x\"}")
			.andExpect(status().isForbidden());
		send(post(path + "/refunds"), this.wenReadOnly, "{\"amount\":1}").andExpect(status().isForbidden());
		api(get(path), this.wen).andExpect(jsonPath("$.amount").value(30.00))
			.andExpect(jsonPath("$.version").value(1))
			.andExpect(jsonPath("$.refundedAmount").value(0.00));
	}

	@Test
	void theTransactionPageRefundsCorrectsAndVoidsWithMessagesBesideTheFields() throws Exception {
		String id = purchase("49.90", "EUR", "10-class card", "2026-11-20");
		String page = "/sales/transactions/" + id;
		this.mvc.perform(get("/people/" + this.person).with(user(this.wenUser)))
			.andExpect(content().string(containsString("/sales/transactions?personId=" + this.person)))
			.andExpect(content().string(containsString("href=\"" + page + "\"")));
		this.mvc.perform(get(page).with(user(this.wenUser)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("10-class card")))
			.andExpect(content().string(not(containsString("Record the refund"))))
			.andExpect(content().string(containsString(page + "/refund")))
			.andExpect(content().string(containsString(page + "/edit")))
			.andExpect(content().string(containsString("Void the transaction")));

		this.mvc.perform(get(page + "/refund").with(user(this.wenUser)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"49.90\"")));
		this.mvc
			.perform(post(page + "/refunds").with(user(this.wenUser))
				.with(csrf())
				.param("amount", "500")
				.param("occurredOn", "2026-11-21"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("At most EUR 49.90 is left to refund.")))
			.andExpect(content().string(containsString("value=\"500\"")));
		this.mvc
			.perform(post(page + "/refunds").with(user(this.wenUser))
				.with(csrf())
				.param("amount", "10")
				.param("occurredOn", "2026-11-21")
				.param("description", "One class missed"))
			.andExpect(redirectedUrl(page));
		this.mvc.perform(get(page).with(user(this.wenUser)))
			.andExpect(content().string(containsString("Refunded: €10.00")))
			.andExpect(content().string(containsString("One class missed")));

		this.mvc.perform(get(page + "/edit").with(user(this.wenUser)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"version\" value=\"1\"")));
		// Saved from a page read before someone else's save: the typed values stay.
		send(patch("/api/v1/transactions/" + id).header("If-Match", "\"1\""), this.wen, "{\"channel\":\"phone\"}")
			.andExpect(status().isOk());
		this.mvc
			.perform(post(page).with(user(this.wenUser))
				.with(csrf())
				.param("version", "1")
				.param("amount", "55")
				.param("occurredOn", "2026-11-20")
				.param("description", "10-class card, new price"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Someone else saved this record")))
			.andExpect(content().string(containsString("value=\"55\"")))
			.andExpect(content().string(containsString("10-class card, new price")))
			.andExpect(content().string(containsString("name=\"version\" value=\"2\"")));
		api(get("/api/v1/transactions/" + id), this.wen).andExpect(jsonPath("$.amount").value(49.90));
		this.mvc
			.perform(post(page).with(user(this.wenUser))
				.with(csrf())
				.param("version", "2")
				.param("amount", "5")
				.param("occurredOn", "2026-11-20"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(
					"Refunds of EUR 10.00 were recorded for this purchase: the amount cannot be less.")));
		this.mvc
			.perform(post(page).with(user(this.wenUser))
				.with(csrf())
				.param("version", "2")
				.param("amount", "55")
				.param("occurredOn", "2026-11-20")
				.param("description", "10-class card, new price")
				.param("channel", "phone"))
			.andExpect(redirectedUrl(page));
		this.mvc.perform(get(page).with(user(this.wenUser)))
			.andExpect(content().string(containsString("Amount: 49.90 → 55.00")));

		this.mvc.perform(
				post(page + "/void").with(user(this.wenUser)).with(csrf()).param("version", "3").param("reason", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Say why the transaction is voided.")));
		this.mvc
			.perform(post(page + "/void").with(user(this.wenUser))
				.with(csrf())
				.param("version", "3")
				.param("reason", "Test sale"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("This purchase has refunds. Void its refunds first.")))
			.andExpect(content().string(containsString("Test sale")));

		this.mvc.perform(get("/sales/transactions").param("personId", this.person).with(user(this.wenUser)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<html")))
			.andExpect(content().string(containsString("One class missed")))
			.andExpect(content().string(containsString("10-class card, new price")));
		this.mvc
			.perform(get("/sales/transactions").param("personId", this.person)
				.param("kind", "refund")
				.header("HX-Request", "true")
				.with(user(this.wenUser)))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("<html"))))
			.andExpect(content().string(containsString("One class missed")))
			.andExpect(content().string(not(containsString("10-class card, new price"))));
	}

	/**
	 * Two refunds of the same purchase sent at once, each of 60 of its 100: the purchase
	 * row is locked, so one is recorded and the other is told what is left.
	 */
	@Test
	void twoRefundsAtOnceNeverGiveBackMoreThanThePurchase() throws Exception {
		String purchase = purchase("100", "EUR", "Yearly pass", "2026-11-02");
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Future<MvcResult>> refunds = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				refunds.add(threads.submit(() -> {
					start.await();
					return send(post("/api/v1/transactions/" + purchase + "/refunds"), this.wen, "{\"amount\":60}")
						.andReturn();
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<MvcResult> refund : refunds) {
				statuses.add(refund.get(30, TimeUnit.SECONDS).getResponse().getStatus());
			}
			assertThat(statuses).containsExactlyInAnyOrder(201, 422);
		}
		finally {
			threads.shutdownNow();
		}
		api(get("/api/v1/transactions/" + purchase), this.wen).andExpect(jsonPath("$.refundedAmount").value(60.00));
		api(get("/api/v1/transactions/" + purchase + "/refunds"), this.wen).andExpect(jsonPath("$", hasSize(1)));
		assertThat(figures()).containsEntry("Lifetime revenue", "€40.00");
	}

	@Test
	void aRefundWithoutADescriptionFollowsACorrectionOfItsPurchase() throws Exception {
		String purchase = purchase("30", "EUR", "Massage", "2026-11-15");
		String plain = record("{\"kind\":\"refund\",\"originalId\":\"%s\",\"amount\":10}".formatted(purchase));
		String own = record("{\"kind\":\"refund\",\"originalId\":\"%s\",\"amount\":5,\"description\":\"Late\"}"
			.formatted(purchase));
		send(patch("/api/v1/transactions/" + purchase).header("If-Match", "\"1\""), this.wen,
				"{\"description\":\"Hot stone massage\"}")
			.andExpect(status().isOk());
		api(get("/api/v1/people/" + this.person + "/timeline"), this.wen)
			.andExpect(jsonPath("$.items[?(@.sourceId == '%s')].title".formatted(purchase)).value("Hot stone massage"))
			.andExpect(jsonPath("$.items[?(@.sourceId == '%s')].title".formatted(plain)).value("Hot stone massage"))
			.andExpect(jsonPath("$.items[?(@.sourceId == '%s')].title".formatted(own)).value("Late"))
			.andExpect(jsonPath("$.items[?(@.sourceId == '%s')]".formatted(plain), hasSize(1)));
	}

	@Test
	void whatCannotBeRefundedOrCorrectedSaysSoInsteadOfOfferingAForm() throws Exception {
		String payment = record(
				"{\"personId\":\"%s\",\"kind\":\"payment\",\"amount\":40,\"currency\":\"EUR\"}".formatted(this.person));
		String purchase = purchase("30", "EUR", "Massage", "2026-11-15");
		String refund = record("{\"kind\":\"refund\",\"originalId\":\"%s\",\"amount\":30}".formatted(purchase));
		String voided = purchase("20", "EUR", "Typo", "2026-11-15");
		send(post("/api/v1/transactions/" + voided + "/void").header("If-Match", "\"1\""), this.wen,
				"{\"reason\":\"Typed twice\"}")
			.andExpect(status().isOk());

		Map<String, String> refundForms = Map.of(payment, "Only a purchase can be refunded.", refund,
				"Only a purchase can be refunded.", voided, "This purchase was voided; there is nothing to refund.",
				purchase, "This purchase has already been refunded in full.");
		for (Map.Entry<String, String> form : refundForms.entrySet()) {
			this.mvc.perform(get("/sales/transactions/" + form.getKey() + "/refund").with(user(this.wenUser)))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString(form.getValue())))
				.andExpect(content().string(not(containsString("/refunds\""))));
		}
		this.mvc.perform(get("/sales/transactions/" + voided + "/edit").with(user(this.wenUser)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("This transaction was voided and cannot be corrected.")))
			.andExpect(content().string(not(containsString("name=\"version\""))));
		// Nor does the page of each offer what would fail.
		for (String id : List.of(payment, refund, voided, purchase)) {
			this.mvc.perform(get("/sales/transactions/" + id).with(user(this.wenUser)))
				.andExpect(content().string(not(containsString("/sales/transactions/" + id + "/refund\""))));
		}
		this.mvc.perform(get("/sales/transactions/" + voided).with(user(this.wenUser)))
			.andExpect(content().string(not(containsString("/sales/transactions/" + voided + "/edit\""))))
			.andExpect(content().string(not(containsString("Void the transaction"))))
			.andExpect(content().string(not(containsString("→ yes"))))
			.andExpect(content().string(containsString("Voided: (empty) → 20")));
		api(get("/api/v1/transactions/" + voided + "/history"), this.wen)
			.andExpect(jsonPath("$[?(@.field == 'voided')].newValue").value(org.hamcrest.Matchers
				.contains(org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"))));
		// Payments and refunds are corrected like purchases.
		this.mvc.perform(get("/sales/transactions/" + payment + "/edit").with(user(this.wenUser)))
			.andExpect(content().string(containsString("name=\"version\" value=\"1\"")));
	}

	private String purchase(String amount, String currency, String description, String date) throws Exception {
		return record(
				"{\"personId\":\"%s\",\"amount\":\"%s\",\"currency\":\"%s\",\"description\":\"%s\",\"occurredOn\":\"%s\"}"
					.formatted(this.person, amount, currency, description, date));
	}

	private String record(String json) throws Exception {
		MvcResult result = send(post("/api/v1/transactions"), this.wen, json).andExpect(status().isCreated())
			.andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
	}

	/** The figures on the person's page, by label. */
	private Map<String, String> figures() throws Exception {
		String html = this.mvc.perform(get("/people/" + this.person).with(user(this.wenUser)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		Map<String, String> figures = new java.util.LinkedHashMap<>();
		Matcher matcher = FIGURE.matcher(html);
		while (matcher.find()) {
			figures.put(matcher.group(1), matcher.group(2));
		}
		assertThat(figures).containsKeys("Lifetime revenue", "Purchases", "Average check", "Last purchase");
		return figures;
	}

	private ResultActions api(MockHttpServletRequestBuilder request, String token) throws Exception {
		return this.mvc.perform(request.header("Authorization", "Bearer " + token));
	}

	private ResultActions send(MockHttpServletRequestBuilder request, String token, String json) throws Exception {
		if (json.isEmpty()) {
			return api(request, token);
		}
		return api(request.contentType(MediaType.APPLICATION_JSON).content(json), token);
	}

}
