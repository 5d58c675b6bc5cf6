package dev.rapport.journeys;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.ReducedMotion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.rapport.activities.internal.reminders.ReminderDelivery;
import dev.rapport.support.Fixtures;
import dev.rapport.support.ServerTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * A sales rep's day in a real browser: a deal for a new person, a call with a reminder
 * that pops up in the notification area, the call completed and logged, and what the
 * rep's manager sees of it afterwards.
 *
 * <pre>
 * workspace "SalesDay"
 * └── Mila Bakker, Sales manager
 *     └── Tom Jansen, Sales rep    adds Lotte de Vries, her deal and a call with her
 * </pre>
 */
@ServerTest
class SalesDayJourneyTests {

	private static final String PERSON = "Lotte de Vries";

	private static final String DEAL = "Yearly plan for Lotte";

	private static final String CALL = "Call Lotte about the yearly plan";

	private static final String OUTCOME = "She takes the yearly plan from March";

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ReminderDelivery reminders;

	@BeforeAll
	static void chromium() {
		Browser.assumeInstalled();
	}

	@Test
	void repAddsDealCallsWithReminderCompletesItAndManagerSeesItInTheRepsDay() {
		Fixtures.Workspace workspace = this.fixtures.workspace("SalesDay");
		UUID mila = this.fixtures.user(workspace.id(), "Mila Bakker", "Sales manager", null);
		UUID tom = this.fixtures.user(workspace.id(), "Tom Jansen", "Sales rep", mila);
		String base = "http://localhost:" + this.port;
		try (Browser browser = Browser.launch()) {
			Page rep = browser.newPage(base);
			// Still charts, so a screenshot shows the forecast's bars at their height.
			rep.emulateMedia(new Page.EmulateMediaOptions().setReducedMotion(ReducedMotion.REDUCE));
			signIn(rep, this.fixtures.email(workspace.id(), tom));
			String personUrl = repAddsPerson(rep);
			String dealUrl = repAddsDeal(rep);
			repDragsTheDealAcrossTheBoardToWon(rep, dealUrl);

			rep.navigate(personUrl);
			String callUrl = repSchedulesCallWithReminder(rep);
			repIsRemindedAndCompletesTheCall(rep, callUrl);
			rep.context().close();

			Page manager = browser.newPage(base);
			signIn(manager, this.fixtures.email(workspace.id(), mila));
			managerSeesTheCallInTheRepsDayAndOnTheTimeline(manager, tom, personUrl);
			manager.context().close();
		}
	}

	/**
	 * <pre>
	 * workspace "DealRace"
	 * └── Mila Bakker, Sales manager    moves Tom's deal second, from a board she loaded before
	 *     └── Tom Jansen, Sales rep     owns the deal and moves it first
	 * </pre>
	 */
	@Test
	void twoPeopleDragTheSameCardAndTheSecondIsToldWhereItIs() {
		Fixtures.Workspace workspace = this.fixtures.workspace("DealRace");
		UUID mila = this.fixtures.user(workspace.id(), "Mila Bakker", "Sales manager", null);
		UUID tom = this.fixtures.user(workspace.id(), "Tom Jansen", "Sales rep", mila);
		String base = "http://localhost:" + this.port;
		try (Browser browser = Browser.launch()) {
			Page rep = browser.newPage(base);
			signIn(rep, this.fixtures.email(workspace.id(), tom));
			rep.navigate("/deals/new");
			label(rep, "Name").fill("Gym floor renovation");
			label(rep, "Amount").fill("5000");
			label(rep, "Currency").fill("EUR");
			button(rep, "Save").click();
			assertThat(rep).hasURL(Pattern.compile(".*/deals/[0-9a-f-]{36}$"));
			String dealUrl = rep.url();

			Page manager = browser.newPage(base);
			signIn(manager, this.fixtures.email(workspace.id(), mila));
			for (Page page : new Page[] { rep, manager }) {
				page.setViewportSize(1920, 1000);
				page.navigate("/deals/board");
				assertThat(column(page, "Qualified").locator(".deal-card")).hasCount(1);
			}

			drag(rep, card(rep, "Gym floor renovation"), column(rep, "Meeting"));
			assertThat(rep.locator("#board-message")).hasText("Gym floor renovation is now in Meeting.");
			// The manager's board still shows the card in Qualified.
			assertThat(column(manager, "Qualified").locator(".deal-card")).hasCount(1);
			Browser.screenshot(manager, "sales-10-race-stale-board");

			drag(manager, card(manager, "Gym floor renovation"), column(manager, "Proposal"));
			Locator message = manager.locator("#board-message");
			assertThat(message).hasText("Tom Jansen moved this deal to Meeting a moment ago; your move was not saved.");
			assertThat(column(manager, "Meeting").locator(".deal-card")).hasCount(1);
			assertThat(column(manager, "Proposal").locator(".deal-card")).hasCount(0);
			assertThat(column(manager, "Qualified").locator(".deal-card")).hasCount(0);
			Browser.screenshot(manager, "sales-11-race-told");

			manager.reload();
			assertThat(column(manager, "Meeting").locator(".deal-card")).hasCount(1);
			assertThat(column(manager, "Proposal").locator(".count")).hasText("no deals");
			manager.navigate(dealUrl);
			Locator history = manager.locator("section.card")
				.filter(new Locator.FilterOptions().setHas(manager.getByRole(AriaRole.HEADING,
						new Page.GetByRoleOptions().setName("Stage history").setExact(true))))
				.getByRole(AriaRole.LISTITEM);
			assertThat(history).hasCount(2);
			assertThat(history.nth(0)).containsText("Created in Qualified");
			assertThat(history.nth(1)).containsText("From Qualified to Meeting");
			Browser.screenshot(manager, "sales-12-race-history");

			// Without dragging: the card's "Move to" list, used from the keyboard.
			rep.navigate("/deals/board");
			Locator list = card(rep, "Gym floor renovation").getByLabel("Move to");
			list.focus();
			list.selectOption("Negotiation");
			assertThat(rep.locator("#board-message")).hasText("Gym floor renovation is now in Negotiation.");
			assertThat(column(rep, "Negotiation").locator(".deal-card")).hasCount(1);
			rep.context().close();
			manager.context().close();
		}
	}

	/** Returns the URL of the person's page. */
	private static String repAddsPerson(Page page) {
		link(navigation(page), "People").click();
		link(page, "Add a person").click();
		label(page, "Given name").fill("Lotte");
		label(page, "Family name").fill("de Vries");
		label(page, "E-mail").fill("lotte@devries.example");
		button(page, "Save").click();
		assertThat(page).hasURL(Pattern.compile(".*/people/[0-9a-f-]{36}$"));
		assertThat(heading(page)).hasText(PERSON);
		Browser.screenshot(page, "sales-01-person");
		return page.url();
	}

	/** Returns the URL of the deal's page. */
	private static String repAddsDeal(Page page) {
		link(page, "Add deal").click();
		assertThat(heading(page)).hasText("Add deal");
		label(page, "Name").fill(DEAL);
		label(page, "Amount").fill("1200");
		label(page, "Currency").fill("EUR");
		// Closing this month, so the forecast counts it in the current month.
		label(page, "Expected close").fill(LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE));
		button(page, "Save").click();
		assertThat(page).hasURL(Pattern.compile(".*/deals/[0-9a-f-]{36}$"));
		assertThat(heading(page)).hasText(DEAL);
		assertThat(detail(page.locator("dl.details"), "Amount")).hasText("€1,200.00");
		assertThat(link(page, PERSON)).isVisible();
		Browser.screenshot(page, "sales-02-deal-page");
		Browser.screenshotViewport(page, "guide-deal-page");
		return page.url();
	}

	private static void repDragsTheDealAcrossTheBoardToWon(Page page, String dealUrl) {
		String month = YearMonth.now(ZoneOffset.UTC).toString();
		page.navigate("/deals/forecast");
		assertThat(heading(page)).hasText("Forecast");
		Locator thisMonth = forecastMonth(page, month);
		// Qualified weighs in at its probability; nothing is won yet.
		assertThat(thisMonth.getByRole(AriaRole.CELL).nth(0)).not().hasText("€0.00");
		assertThat(thisMonth.getByRole(AriaRole.CELL).nth(1)).hasText("€0.00");
		Browser.screenshot(page, "sales-03-forecast-before");

		page.setViewportSize(1920, 1000);
		page.navigate("/deals/board");
		assertThat(heading(page)).hasText("Board: New business");
		Locator card = card(page, DEAL);
		assertThat(column(page, "Qualified").locator(".deal-card")).hasCount(1);
		assertThat(total(column(page, "Qualified"))).hasText("€1,200.00");
		assertThat(column(page, "Won").locator(".count")).hasText("no deals");

		drag(page, card, column(page, "Proposal"));
		assertThat(page.locator("#board-message")).hasText(DEAL + " is now in Proposal.");
		assertThat(column(page, "Proposal").locator(".deal-card")).hasCount(1);
		assertThat(column(page, "Qualified").locator(".count")).hasText("no deals");
		drag(page, card(page, DEAL), column(page, "Won"));
		assertThat(page.locator("#board-message")).hasText(DEAL + " is now in Won.");

		page.reload();
		assertThat(column(page, "Won").locator(".deal-card")).hasCount(1);
		assertThat(card(page, DEAL)).hasAttribute("data-stage-id", column(page, "Won").getAttribute("data-stage-id"));
		assertThat(column(page, "Won").locator(".count")).hasText("1 deal");
		assertThat(total(column(page, "Won"))).hasText("€1,200.00");
		assertThat(column(page, "Proposal").locator(".count")).hasText("no deals");
		assertThat(column(page, "Qualified").locator(".count")).hasText("no deals");
		Browser.screenshot(page, "sales-04-board-won");
		page.setViewportSize(1280, 800);
		column(page, "Won").scrollIntoViewIfNeeded();
		Browser.screenshotViewport(page, "guide-board");

		page.navigate("/deals/forecast");
		thisMonth = forecastMonth(page, month);
		assertThat(thisMonth.getByRole(AriaRole.CELL).nth(0)).hasText("€0.00");
		assertThat(thisMonth.getByRole(AriaRole.CELL).nth(1)).hasText("€1,200.00");
		Browser.screenshot(page, "sales-04-forecast-after");
		Browser.screenshotViewport(page, "guide-forecast");

		page.navigate(dealUrl);
		assertThat(page.locator(".badge.status")).hasText("Won");
	}

	/** Returns the URL of the call's page. */
	private static String repSchedulesCallWithReminder(Page page) {
		link(page, "Schedule call").first().click();
		assertThat(heading(page)).hasText("Schedule call");
		assertThat(page.getByLabel("Call", new Page.GetByLabelOptions().setExact(true))).isChecked();
		// The call starts in a quarter of an hour, so its 15-minute reminder is due now.
		OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(15);
		label(page, "Title").fill(CALL);
		label(page, "Date").fill(start.format(DateTimeFormatter.ISO_LOCAL_DATE));
		label(page, "Time").fill(start.format(DateTimeFormatter.ofPattern("HH:mm")));
		page.getByLabel("15 minutes before", new Page.GetByLabelOptions().setExact(true)).check();
		Browser.screenshot(page, "sales-05-call-form");
		button(page, "Save").click();
		assertThat(page).hasURL(Pattern.compile(".*/activities/[0-9a-f-]{36}$"));
		assertThat(heading(page)).hasText(CALL);
		assertThat(detail(page.locator("dl.details"), "Reminders")).hasText("15 minutes before");
		assertThat(detail(page.locator("dl.details"), "Person")).hasText(PERSON);
		return page.url();
	}

	private void repIsRemindedAndCompletesTheCall(Page page, String callUrl) {
		// The job also runs on its own every 30 seconds: whichever comes first delivers
		// it, once.
		this.reminders.deliverDue();
		page.navigate("/");
		Locator notifications = page.locator("details.notifications");
		// The welcome notification and the reminder.
		assertThat(notifications.locator(".notification-badge .badge")).hasText("2");
		notifications.locator("summary").click();
		Locator reminder = notifications.locator(".notification-list")
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("^" + CALL + " at ")));
		assertThat(reminder).isVisible();
		Browser.screenshot(page, "sales-06-reminder");
		Browser.screenshotViewport(page, "guide-reminder");
		reminder.click();
		assertThat(page).hasURL(callUrl);
		assertThat(heading(page)).hasText(CALL);

		label(page, "Outcome").fill(OUTCOME);
		assertThat(page.getByLabel("Log the outcome as an interaction on the person's timeline")).isChecked();
		button(page, "Complete and log").click();
		assertThat(page.getByText("Completed.")).isVisible();
		Locator details = page.locator("dl.details");
		assertThat(detail(details, "Status")).hasText("Done");
		assertThat(detail(details, "Outcome")).hasText(OUTCOME);
		Browser.screenshot(page, "sales-07-call-completed");
	}

	private static void managerSeesTheCallInTheRepsDayAndOnTheTimeline(Page page, UUID rep, String personUrl) {
		page.navigate("/my-day?user=" + rep);
		assertThat(heading(page)).hasText("The day of Tom Jansen");
		Locator done = page.locator("#section-done");
		assertThat(done.getByRole(AriaRole.HEADING)).containsText("Done today");
		Locator call = done.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText(CALL));
		assertThat(call).hasCount(1);
		assertThat(call).containsText(OUTCOME);
		assertThat(call).containsText(PERSON);
		Browser.screenshot(page, "sales-08-manager-my-day");
		done.scrollIntoViewIfNeeded();
		Browser.screenshotViewport(page, "guide-my-day");

		page.navigate(personUrl);
		assertThat(heading(page)).hasText(PERSON);
		Locator timeline = page.locator("#timeline-entries");
		assertThat(timeline).containsText(CALL);
		assertThat(timeline).containsText(OUTCOME);
		Browser.screenshot(page, "sales-09-manager-timeline");
	}

	/** The row of a month in the forecast's table of months. */
	private static Locator forecastMonth(Page page, String month) {
		return page.locator("table.forecast-months[data-currency=EUR] tr[data-bucket='" + month + "']");
	}

	/** A column of the board, by its stage's name. */
	private static Locator column(Page page, String stage) {
		return page.locator("section.board-column")
			.filter(new Locator.FilterOptions().setHas(page.getByRole(AriaRole.HEADING,
					new Page.GetByRoleOptions().setName(stage).setExact(true).setLevel(2))));
	}

	private static Locator card(Page page, String deal) {
		return page.locator(".deal-card").filter(new Locator.FilterOptions().setHasText(deal));
	}

	private static Locator total(Locator column) {
		return column.locator(".totals li[data-currency=EUR] .total");
	}

	/**
	 * Drags a card into another column as a hand would (SortableJS listens to the
	 * pointer, not to synthetic drop events) and waits for the board's answer to the
	 * move.
	 */
	private static void drag(Page page, Locator card, Locator target) {
		card.scrollIntoViewIfNeeded();
		// Grab the card by its amount: links, buttons and lists on a card do not start a
		// drag.
		BoundingBox from = card.locator(".amount").boundingBox();
		BoundingBox to = target.locator(".column-cards").boundingBox();
		page.waitForResponse((r) -> r.request().method().equals("POST") && r.url().endsWith("/stage"), () -> {
			page.mouse().move(from.x + from.width / 2, from.y + from.height / 2);
			page.mouse().down();
			page.mouse()
				.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, new Mouse.MoveOptions().setSteps(5));
			page.mouse().move(to.x + to.width / 2, to.y + 20, new Mouse.MoveOptions().setSteps(20));
			page.mouse().up();
		});
	}

	private static void signIn(Page page, String email) {
		page.navigate("/login");
		label(page, "E-mail").fill(email);
		label(page, "Password").fill(Fixtures.PASSWORD);
		button(page, "Sign in").click();
		assertThat(page).hasURL(Pattern.compile(".*/$"));
	}

	private static Locator heading(Page page) {
		return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
	}

	/**
	 * The value beside a term (plain text, no regular expression) of a definition list.
	 */
	private static Locator detail(Locator scope, String term) {
		return scope.locator("dt")
			.filter(new Locator.FilterOptions().setHasText(Pattern.compile("^" + term + "$")))
			.locator("xpath=following-sibling::dd[1]");
	}

	private static Locator navigation(Page page) {
		return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Menu").setExact(true));
	}

	private static Locator label(Page page, String text) {
		return page.getByLabel(text, new Page.GetByLabelOptions().setExact(true));
	}

	private static Locator button(Page page, String name) {
		return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
	}

	private static Locator link(Page page, String name) {
		return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
	}

	private static Locator link(Locator scope, String name) {
		return scope.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name).setExact(true));
	}

}
