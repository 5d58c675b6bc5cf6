package dev.rapport.journeys;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
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
			signIn(rep, this.fixtures.email(workspace.id(), tom));
			String personUrl = repAddsPerson(rep);
			repAddsDeal(rep);

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

	private static void repAddsDeal(Page page) {
		link(page, "Add deal").click();
		assertThat(heading(page)).hasText("Add deal");
		label(page, "Name").fill(DEAL);
		label(page, "Amount").fill("1200");
		label(page, "Currency").fill("EUR");
		button(page, "Save").click();
		assertThat(page).hasURL(Pattern.compile(".*/deals/[0-9a-f-]{36}$"));
		assertThat(heading(page)).hasText(DEAL);
		assertThat(detail(page.locator("dl.details"), "Amount")).hasText("€1,200.00");
		assertThat(link(page, PERSON)).isVisible();
		Browser.screenshot(page, "sales-02-deal-page");
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

		page.navigate(personUrl);
		assertThat(heading(page)).hasText(PERSON);
		Locator timeline = page.locator("#timeline-entries");
		assertThat(timeline).containsText(CALL);
		assertThat(timeline).containsText(OUTCOME);
		Browser.screenshot(page, "sales-09-manager-timeline");
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
