package dev.rapport.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.sales.internal.DealService;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The kanban board: columns with counts and totals per currency, filters, the access
 * policy on cards and totals, moving cards (also two users at once and into a lost stage)
 * and creating a deal in a column.
 *
 * <pre>
 * workspace "Board": Sales manager Mia
 *                      └── Sales rep Ana (team North with Ben)
 *                    Sales rep Ben (team North)   (Sales manager is above Sales rep in the role hierarchy)
 *                    Sales rep Tom (no team)
 * default pipeline: Qualified 10% · Meeting 25% · Proposal 50% · Negotiation 75% · Won · Lost
 * </pre>
 */
@IntegrationTest
class DealBoardIntegrationTests {

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

	@Autowired
	DealService dealService;

	private Fixtures.Workspace workspace;

	private UUID mia;

	private UUID ana;

	private UUID ben;

	private UUID tom;

	private UUID north;

	private PipelineView pipeline;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Board");
		this.mia = this.fixtures.user(this.workspace.id(), "Mia Manager", "Sales manager", null);
		this.ana = this.fixtures.user(this.workspace.id(), "Ana Rep", "Sales rep", this.mia);
		this.ben = this.fixtures.user(this.workspace.id(), "Ben Rep", "Sales rep", null);
		this.tom = this.fixtures.user(this.workspace.id(), "Tom Rep", "Sales rep", null);
		this.north = this.fixtures.team(this.workspace.id(), "North", this.ana, this.ben);
		this.pipeline = as(this.mia, () -> this.pipelines.list(false).get(0));
	}

	@Test
	void theBoardCountsAndTotalsEachColumnPerCurrencyAndWeighsOpenStages() throws Exception {
		UUID proposal = stage(2);
		deal(this.ana, "Alpha", "1000", "EUR", proposal, null, LocalDate.of(2027, 1, 10));
		deal(this.ana, "Beta", "500", "EUR", proposal, null, LocalDate.of(2027, 3, 1));
		deal(this.ana, "Gamma", "300", "USD", proposal, null, null);
		deal(this.tom, "Delta", "200", "EUR", stage(0), null, null);
		String token = this.fixtures.token(this.workspace.id(), this.workspace.adminId(), "read", "write");
		this.mvc
			.perform(get("/api/v1/pipelines/" + this.pipeline.id() + "/board").header("Authorization", bearer(token)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.columns", hasSize(6)))
			.andExpect(jsonPath("$.columns[2].stage.id").value(proposal.toString()))
			.andExpect(jsonPath("$.columns[2].count").value(3))
			.andExpect(jsonPath("$.columns[2].totals[0].currency").value("EUR"))
			.andExpect(jsonPath("$.columns[2].totals[0].amount").value(1500.00))
			.andExpect(jsonPath("$.columns[2].totals[0].weighted").value(750.00))
			.andExpect(jsonPath("$.columns[2].totals[1].currency").value("USD"))
			.andExpect(jsonPath("$.columns[2].totals[1].weighted").value(150.00))
			.andExpect(jsonPath("$.columns[2].cards", hasSize(3)))
			.andExpect(jsonPath("$.columns[2].cards[0].name").value("Gamma"))
			.andExpect(jsonPath("$.columns[2].cards[0].ownerInitials").value("AR"))
			.andExpect(jsonPath("$.columns[0].count").value(1))
			.andExpect(jsonPath("$.columns[0].totals[0].weighted").value(20.00))
			.andExpect(jsonPath("$.columns[1].count").value(0));
		// filters: owner and expected close range; the headers follow them
		this.mvc
			.perform(get("/api/v1/pipelines/" + this.pipeline.id() + "/board?owner=" + this.ana
					+ "&closeFrom=2027-01-01&closeTo=2027-01-31")
				.header("Authorization", bearer(token)))
			.andExpect(jsonPath("$.columns[2].count").value(1))
			.andExpect(jsonPath("$.columns[2].totals[0].amount").value(1000.00))
			.andExpect(jsonPath("$.columns[2].cards[0].name").value("Alpha"))
			.andExpect(jsonPath("$.columns[0].count").value(0));
	}

	@Test
	void aRepSeesOnlyTheirOwnAndTheirTeamsDealsAndTotalsOnTheBoard() throws Exception {
		UUID proposal = stage(2);
		deal(this.ana, "Ana own", "100", "EUR", proposal, null, null);
		deal(this.tom, "Tom shared", "200", "EUR", proposal, this.north, null);
		deal(this.tom, "Tom private", "400", "EUR", proposal, null, null);
		String ben = this.fixtures.token(this.workspace.id(), this.ben, "read", "write");
		this.mvc.perform(get("/api/v1/pipelines/" + this.pipeline.id() + "/board").header("Authorization", bearer(ben)))
			.andExpect(jsonPath("$.columns[2].count").value(1))
			.andExpect(jsonPath("$.columns[2].totals[0].amount").value(200.00))
			.andExpect(jsonPath("$.columns[2].cards[*].name").value(org.hamcrest.Matchers.contains("Tom shared")));
		String tom = this.fixtures.token(this.workspace.id(), this.tom, "read", "write");
		this.mvc.perform(get("/api/v1/pipelines/" + this.pipeline.id() + "/board").header("Authorization", bearer(tom)))
			.andExpect(jsonPath("$.columns[2].count").value(2))
			.andExpect(jsonPath("$.columns[2].totals[0].amount").value(600.00));
		// the sales manager role sits above the sales reps: Mia sees all three
		String mia = this.fixtures.token(this.workspace.id(), this.mia, "read", "write");
		this.mvc.perform(get("/api/v1/pipelines/" + this.pipeline.id() + "/board").header("Authorization", bearer(mia)))
			.andExpect(jsonPath("$.columns[2].count").value(3))
			.andExpect(jsonPath("$.columns[2].totals[0].weighted").value(350.00));
	}

	@Test
	void aColumnIsReadPageByPageNewestArrivalsFirst() throws Exception {
		UUID qualified = stage(0);
		for (int i = 0; i < 30; i++) {
			deal(this.ana, "Deal " + i, "10", "EUR", qualified, null, null);
		}
		String token = this.fixtures.token(this.workspace.id(), this.ana, "read");
		String board = this.mvc
			.perform(get("/api/v1/pipelines/" + this.pipeline.id() + "/board").header("Authorization", bearer(token)))
			.andExpect(jsonPath("$.columns[0].count").value(30))
			.andExpect(jsonPath("$.columns[0].cards", hasSize(15)))
			.andExpect(jsonPath("$.columns[0].cards[0].name").value("Deal 29"))
			.andExpect(jsonPath("$.columns[0].next").value(not(nullValue())))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String next = JsonPath.read(board, "$.columns[0].next");
		this.mvc
			.perform(get("/api/v1/pipelines/" + this.pipeline.id() + "/board/columns/" + qualified + "?limit=25&cursor="
					+ next)
				.header("Authorization", bearer(token)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items", hasSize(15)))
			.andExpect(jsonPath("$.items[0].name").value("Deal 14"))
			.andExpect(jsonPath("$.items[14].name").value("Deal 0"))
			.andExpect(jsonPath("$.next").value(nullValue()));
	}

	@Test
	void droppingACardMovesTheDealAndAnswersWithBothColumns() throws Exception {
		UUID qualified = stage(0);
		UUID meeting = stage(1);
		DealView deal = deal(this.ana, "Acme renewal", "1200", "EUR", qualified, null, null);
		this.mvc
			.perform(post("/deals/" + deal.id() + "/stage").with(web(this.ana))
				.with(csrf())
				.header("HX-Request", "true")
				.param("stageId", meeting.toString())
				.param("version", String.valueOf(deal.version()))
				.param("fromStageId", qualified.toString())
				.param("pipeline", this.pipeline.id().toString()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"column-" + qualified + "\"")))
			.andExpect(content().string(containsString("id=\"column-" + meeting + "\"")))
			.andExpect(content().string(containsString("hx-swap-oob=\"true\"")))
			.andExpect(content().string(containsString("data-deal-id=\"" + deal.id() + "\"")))
			.andExpect(content().string(containsString("alert-success")));
		assertThat(as(this.ana, () -> this.deals.find(deal.id()).orElseThrow().stageId())).isEqualTo(meeting);
	}

	@Test
	void ofTwoUsersMovingTheSameCardTheFirstWinsAndTheSecondSeesWhereItIsNow() throws Exception {
		UUID qualified = stage(0);
		UUID meeting = stage(1);
		UUID proposal = stage(2);
		DealView deal = deal(this.ana, "Contested", "100", "EUR", qualified, this.north, null);
		this.mvc
			.perform(post("/deals/" + deal.id() + "/stage").with(web(this.ana))
				.with(csrf())
				.header("HX-Request", "true")
				.param("stageId", proposal.toString())
				.param("version", String.valueOf(deal.version()))
				.param("fromStageId", qualified.toString()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("alert-success")));
		this.mvc
			.perform(post("/deals/" + deal.id() + "/stage").with(web(this.ben))
				.with(csrf())
				.header("HX-Request", "true")
				.param("stageId", meeting.toString())
				.param("version", String.valueOf(deal.version()))
				.param("fromStageId", qualified.toString()))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(containsString("Ana Rep moved this deal to Proposal a moment ago; your move was not saved.")))
			.andExpect(content().string(containsString("id=\"column-" + proposal + "\"")))
			.andExpect(content().string(containsString("id=\"column-" + meeting + "\"")));
		assertThat(as(this.ana, () -> this.deals.find(deal.id()).orElseThrow().stageId())).isEqualTo(proposal);
		assertThat(as(this.ana, () -> this.dealService.stageChanges(deal.id()))).hasSize(2);
	}

	@Test
	void movingACardDeletedMeanwhileSaysSoAndTheCardLeavesTheBoard() throws Exception {
		UUID qualified = stage(0);
		UUID meeting = stage(1);
		DealView deal = deal(this.ana, "Vanishing", "100", "EUR", qualified, null, null);
		as(this.ana, () -> {
			this.dealService.delete(deal.id(), deal.version());
			return null;
		});
		this.mvc
			.perform(post("/deals/" + deal.id() + "/stage").with(web(this.ana))
				.with(csrf())
				.header("HX-Request", "true")
				.param("stageId", meeting.toString())
				.param("version", String.valueOf(deal.version()))
				.param("fromStageId", qualified.toString()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("This deal was deleted or given to someone else")))
			.andExpect(content().string(containsString("id=\"column-" + qualified + "\"")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("data-deal-id=\"" + deal.id()))));
	}

	@Test
	void droppingIntoALostStageNeedsAReason() throws Exception {
		UUID qualified = stage(0);
		UUID lost = stage(5);
		DealView deal = deal(this.ana, "Long shot", "100", "EUR", qualified, null, null);
		this.mvc
			.perform(post("/deals/" + deal.id() + "/stage").with(web(this.ana))
				.with(csrf())
				.header("HX-Request", "true")
				.param("stageId", lost.toString())
				.param("version", String.valueOf(deal.version()))
				.param("fromStageId", qualified.toString()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-error-field=\"lostReason\"")))
			.andExpect(content().string(containsString("alert-error")));
		assertThat(as(this.ana, () -> this.deals.find(deal.id()).orElseThrow().status())).isEqualTo("open");
		this.mvc
			.perform(post("/deals/" + deal.id() + "/stage").with(web(this.ana))
				.with(csrf())
				.header("HX-Request", "true")
				.param("stageId", lost.toString())
				.param("version", String.valueOf(deal.version()))
				.param("lostReason", "Budget cut")
				.param("fromStageId", qualified.toString()))
			.andExpect(content().string(containsString("alert-success")));
		DealView after = as(this.ana, () -> this.deals.find(deal.id()).orElseThrow());
		assertThat(after.status()).isEqualTo("lost");
		assertThat(after.lostReason()).isEqualTo("Budget cut");
	}

	@Test
	void aDealIsCreatedInTheColumnWhereThePlusWasPressed() throws Exception {
		UUID negotiation = stage(3);
		this.mvc
			.perform(get("/deals/board/columns/" + negotiation + "/new").with(web(this.ana))
				.header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"name\"")));
		this.mvc
			.perform(post("/deals/board/columns/" + negotiation).with(web(this.ana))
				.with(csrf())
				.header("HX-Request", "true")
				.param("name", "")
				.param("amount", "10"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("field-error")));
		this.mvc
			.perform(post("/deals/board/columns/" + negotiation).with(web(this.ana))
				.with(csrf())
				.header("HX-Request", "true")
				.param("name", "Quick one")
				.param("amount", "750"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"column-" + negotiation + "\"")))
			.andExpect(content().string(containsString("Quick one")));
		String token = this.fixtures.token(this.workspace.id(), this.ana, "read");
		this.mvc
			.perform(get("/api/v1/pipelines/" + this.pipeline.id() + "/board").header("Authorization", bearer(token)))
			.andExpect(jsonPath("$.columns[3].count").value(1))
			.andExpect(jsonPath("$.columns[3].cards[0].name").value("Quick one"))
			.andExpect(jsonPath("$.columns[3].totals[0].weighted").value(562.50));
	}

	@Test
	void theBoardPageShowsColumnsCardsAndTheMoveFallback() throws Exception {
		DealView deal = deal(this.ana, "Visible", "100", "EUR", stage(0), null, null);
		this.mvc.perform(get("/deals/board").with(web(this.ana)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"column-" + stage(0) + "\"")))
			.andExpect(content().string(containsString("data-deal-id=\"" + deal.id() + "\"")))
			.andExpect(content().string(containsString("Sortable.min.js")))
			.andExpect(content().string(containsString("Move to")));
		this.mvc.perform(get("/webjars/sortablejs/Sortable.min.js")).andExpect(status().isOk());
	}

	private UUID stage(int index) {
		return this.pipeline.activeStages().get(index).id();
	}

	private DealView deal(UUID owner, String name, String amount, String currency, UUID stageId, UUID teamId,
			LocalDate close) {
		return as(owner, () -> this.deals.create(new DealInput(name, new BigDecimal(amount), currency, null, close,
				null, stageId, null, teamId, null, null, null, null, null, null)));
	}

	private <T> T as(UUID userId, java.util.function.Supplier<T> work) {
		return Actors.callAs(new Actor(this.workspace.id(), userId), work);
	}

	private RequestPostProcessor web(UUID userId) {
		return user(this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), userId)));
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

}
