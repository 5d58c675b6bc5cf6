package dev.rapport.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.sales.internal.DealBulk;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The deals list (filters, sort, keyset pages, saved views, bulk changes with a stale
 * deal skipped) and the forecast on a known set of deals.
 *
 * <pre>
 * workspace "Deals": Administrator; Sales rep Ana; Sales rep Ben
 * default pipeline: Qualified 10% · Meeting 25% · Proposal 50% · Negotiation 75% · Won · Lost
 * </pre>
 */
@IntegrationTest
class DealListIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsLoader loader;

	@Autowired
	Deals deals;

	@Autowired
	Pipelines pipelines;

	private Fixtures.Workspace workspace;

	private UUID ana;

	private UUID ben;

	private PipelineView pipeline;

	private String token;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Deals");
		this.ana = this.fixtures.user(this.workspace.id(), "Ana Rep", "Sales rep", null);
		this.ben = this.fixtures.user(this.workspace.id(), "Ben Rep", "Sales rep", null);
		this.pipeline = as(this.ana, () -> this.pipelines.list(false).get(0));
		this.token = this.fixtures.token(this.workspace.id(), this.ana, "read", "write");
	}

	@Test
	void theListFiltersSortsAndPagesWithACursor() throws Exception {
		deal(this.ana, "Apple", "300", stage(0), LocalDate.of(2027, 2, 1));
		deal(this.ana, "Banana", "100", stage(1), LocalDate.of(2027, 1, 1));
		deal(this.ana, "Cherry", "200", stage(1), null);
		deal(this.ana, "apricot", "50", stage(2), LocalDate.of(2027, 3, 1));
		deal(this.ben, "Ben only", "999", stage(0), null);
		list("").andExpect(jsonPath("$.items[*].name").value(contains("Apple", "apricot", "Banana", "Cherry")));
		list("?q=AP").andExpect(jsonPath("$.items[*].name").value(contains("Apple", "apricot")));
		list("?stage=" + stage(1)).andExpect(jsonPath("$.items[*].name").value(contains("Banana", "Cherry")));
		list("?sort=-amount")
			.andExpect(jsonPath("$.items[*].name").value(contains("Apple", "Cherry", "Banana", "apricot")));
		list("?sort=expectedClose")
			.andExpect(jsonPath("$.items[*].name").value(contains("Banana", "Apple", "apricot", "Cherry")));
		list("?amountFrom=100&amountTo=250&owner=me")
			.andExpect(jsonPath("$.items[*].name").value(contains("Banana", "Cherry")));
		list("?closeFrom=2027-01-15&closeTo=2027-02-28")
			.andExpect(jsonPath("$.items[*].name").value(contains("Apple")));
		list("?status=won").andExpect(jsonPath("$.items", hasSize(0)));
		String first = list("?sort=-amount&limit=3").andExpect(jsonPath("$.items", hasSize(3)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String next = JsonPath.read(first, "$.next");
		list("?sort=-amount&limit=3&cursor=" + next).andExpect(jsonPath("$.items[*].name").value(contains("apricot")))
			.andExpect(jsonPath("$.next").value(nullValue()));
		list("?sort=name&cursor=" + next).andExpect(status().isUnprocessableContent());
		list("?sort=size").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("sort"));
	}

	@Test
	void bulkActionsChangeEachDealWithItsVersionAndSkipTheStaleOne() throws Exception {
		DealView a = deal(this.ana, "One", "10", stage(0), null);
		DealView b = deal(this.ana, "Two", "20", stage(0), null);
		DealView c = deal(this.ana, "Three", "30", stage(0), null);
		// someone moves Three after the list was read
		as(this.ana, () -> this.deals.moveToStage(c.id(), stage(1), c.version(), null));
		String body = """
				{"action":"stage","stageId":"%s","items":[{"id":"%s","version":%d},{"id":"%s","version":%d},{"id":"%s","version":%d}]}"""
			.formatted(stage(2), a.id(), a.version(), b.id(), b.version(), c.id(), c.version());
		this.mvc
			.perform(post("/api/v1/deals/bulk").header("Authorization", "Bearer " + this.token)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.done").value(2))
			.andExpect(jsonPath("$.skipped[0].id").value(c.id().toString()))
			.andExpect(jsonPath("$.skipped[0].reason").value("stale"));
		assertThat(as(this.ana, () -> this.deals.find(c.id()).orElseThrow().stageId())).isEqualTo(stage(1));
		assertThat(as(this.ana, () -> this.deals.find(a.id()).orElseThrow().stageId())).isEqualTo(stage(2));
		// the page: the administrator gives One to Ben, then Ana deletes Two
		DealView a2 = as(this.ana, () -> this.deals.find(a.id()).orElseThrow());
		this.mvc
			.perform(post("/deals/bulk").with(web(this.workspace.adminId()))
				.with(csrf())
				.param("action", "owner")
				.param("ownerId", this.ben.toString())
				.param("selected", a2.id() + ":" + a2.version()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("bulkResult", new DealBulk.Result("owner", 1, java.util.List.of())));
		assertThat(as(this.ben, () -> this.deals.find(a.id()).orElseThrow().ownerId())).isEqualTo(this.ben);
		DealView b2 = as(this.ana, () -> this.deals.find(b.id()).orElseThrow());
		this.mvc
			.perform(post("/api/v1/deals/bulk").header("Authorization", "Bearer " + this.token)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"action\":\"delete\",\"items\":[{\"id\":\"%s\",\"version\":%d}]}".formatted(b2.id(),
						b2.version())))
			.andExpect(jsonPath("$.done").value(1));
		assertThat(as(this.ana, () -> this.deals.find(b.id()))).isEmpty();
		this.mvc
			.perform(post("/api/v1/deals/bulk").header("Authorization", "Bearer " + this.token)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"action\":\"stage\",\"items\":[]}"))
			.andExpect(status().isUnprocessableContent());
	}

	@Test
	void aSavedViewKeepsTheFiltersAndIsSharedOrPrivate() throws Exception {
		deal(this.ana, "Kept", "10", stage(1), null);
		deal(this.ana, "Other", "10", stage(0), null);
		String query = "stage=" + stage(1) + "&sort=-updated";
		this.mvc.perform(
				post("/deals/views").with(web(this.ana)).with(csrf()).param("name", "Meetings").param("query", query))
			.andExpect(status().is3xxRedirection());
		this.mvc
			.perform(post("/deals/views").with(web(this.ana))
				.with(csrf())
				.param("name", "Team view")
				.param("shared", "true")
				.param("query", "status=open"))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/deals").with(web(this.ana)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Meetings")))
			.andExpect(content().string(containsString("Team view")));
		this.mvc.perform(get("/deals").with(web(this.ben)))
			.andExpect(content().string(containsString("Team view")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("Meetings"))));
		this.mvc.perform(get("/deals?" + query).with(web(this.ana)))
			.andExpect(content().string(containsString(">Kept<")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString(">Other<"))));
	}

	@Test
	void theForecastWeighsOpenDealsByCloseMonthAndShowsWonBeside() throws Exception {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		YearMonth now = YearMonth.from(today);
		// this month: 1000 at 50% + 400 at 25%; next month: 200 at 75%; overdue: 100 at
		// 10%; no date: 80 at 50%
		deal(this.ana, "A", "1000", stage(2), now.atEndOfMonth());
		deal(this.ana, "B", "400", stage(1), now.atEndOfMonth());
		deal(this.ben, "C", "200", stage(3), now.plusMonths(1).atDay(1));
		deal(this.ana, "D", "100", stage(0), today.minusDays(40));
		deal(this.ana, "E", "80", stage(2), null);
		DealView won = deal(this.ana, "F", "300", stage(0), null);
		as(this.ana, () -> this.deals.moveToStage(won.id(), stage(4), won.version(), null));
		deal(this.ana, "Dollars", "100", "USD", stage(2), now.atEndOfMonth());
		String admin = this.fixtures.token(this.workspace.id(), this.workspace.adminId(), "read");
		this.mvc
			.perform(get("/api/v1/forecast?pipeline=" + this.pipeline.id() + "&months=6").header("Authorization",
					"Bearer " + admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.currencies").value(contains("EUR", "USD")))
			.andExpect(jsonPath("$.months", hasSize(9)))
			.andExpect(jsonPath("$.months[0].key").value("overdue"))
			.andExpect(jsonPath("$.months[0].amounts[0].weighted").value(10.00))
			.andExpect(jsonPath("$.months[1].key").value(now.toString()))
			.andExpect(jsonPath("$.months[1].amounts[0].currency").value("EUR"))
			.andExpect(jsonPath("$.months[1].amounts[0].weighted").value(600.00))
			.andExpect(jsonPath("$.months[1].amounts[0].won").value(300.00))
			.andExpect(jsonPath("$.months[1].amounts[1].currency").value("USD"))
			.andExpect(jsonPath("$.months[1].amounts[1].weighted").value(50.00))
			.andExpect(jsonPath("$.months[2].amounts[0].weighted").value(150.00))
			.andExpect(jsonPath("$.months[8].key").value("none"))
			.andExpect(jsonPath("$.months[8].amounts[0].weighted").value(40.00))
			.andExpect(jsonPath("$.owners[0].ownerName").value("Ana Rep"))
			.andExpect(jsonPath("$.owners[0].amounts[0].weighted").value(650.00))
			.andExpect(jsonPath("$.owners[0].amounts[0].won").value(300.00))
			.andExpect(jsonPath("$.owners[1].ownerName").value("Ben Rep"))
			.andExpect(jsonPath("$.owners[1].amounts[0].weighted").value(150.00));
		// a rep's forecast holds only what they may read
		this.mvc
			.perform(get("/api/v1/forecast").header("Authorization",
					"Bearer " + this.fixtures.token(this.workspace.id(), this.ben, "read")))
			.andExpect(jsonPath("$.owners", hasSize(1)))
			.andExpect(jsonPath("$.months[2].amounts[0].weighted").value(150.00));
		this.mvc.perform(get("/deals/forecast").with(web(this.workspace.adminId())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("chart.umd.min.js")))
			.andExpect(content().string(containsString("Weighted open amount")))
			.andExpect(content().string(containsString("data-bucket=\"overdue\"")));
	}

	private org.springframework.test.web.servlet.ResultActions list(String query) throws Exception {
		return this.mvc.perform(get("/api/v1/deals" + query).header("Authorization", "Bearer " + this.token));
	}

	private UUID stage(int index) {
		return this.pipeline.activeStages().get(index).id();
	}

	private DealView deal(UUID owner, String name, String amount, UUID stageId, LocalDate close) {
		return deal(owner, name, amount, "EUR", stageId, close);
	}

	private DealView deal(UUID owner, String name, String amount, String currency, UUID stageId, LocalDate close) {
		return as(owner, () -> this.deals.create(new DealInput(name, new BigDecimal(amount), currency, null, close,
				null, stageId, null, null, null, null, null, null, null, null)));
	}

	private <T> T as(UUID userId, java.util.function.Supplier<T> work) {
		return Actors.callAs(new Actor(this.workspace.id(), userId), work);
	}

	private RequestPostProcessor web(UUID userId) {
		return user(this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), userId)));
	}

}
