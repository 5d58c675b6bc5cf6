package dev.rapport.journeys;

import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.rapport.support.Fixtures;
import dev.rapport.support.ServerTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The customer database in a real browser, from the custom fields an administrator adds
 * to a sales rep's first customer with a call, a purchase and a stage move, and what
 * another rep cannot see.
 *
 * <pre>
 * workspace "Sportschool"
 * ├── administrator (Fixtures.workspace)    adds the custom fields
 * ├── Noor Visser, Sales rep, no manager    adds Sportschool Noord and Eva Jansen
 * └── Bas de Wit,  Sales rep, no manager    no team, no link to Noor: Eva is out of reach
 * </pre>
 */
@ServerTest
class CustomerJourneyTests {

	private static final String COMPANY = "Sportschool Noord";

	private static final String PERSON = "Eva Jansen";

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@BeforeAll
	static void chromium() {
		Browser.assumeInstalled();
	}

	@Test
	void adminAddsFieldsRepAddsCustomerWithCallPurchaseAndStageAndAnotherRepCannotSeeIt() {
		Fixtures.Workspace workspace = this.fixtures.workspace("Sportschool");
		UUID noor = this.fixtures.user(workspace.id(), "Noor Visser", "Sales rep", null);
		UUID bas = this.fixtures.user(workspace.id(), "Bas de Wit", "Sales rep", null);
		String base = "http://localhost:" + this.port;
		try (Browser browser = Browser.launch()) {
			Page admin = browser.newPage(base);
			adminAddsCustomFields(admin, workspace.adminEmail());
			admin.context().close();

			Page rep = browser.newPage(base);
			String personUrl = repAddsCompanyAndPerson(rep, this.fixtures.email(workspace.id(), noor));
			repLogsCallPurchaseAndStage(rep);
			rep.context().close();

			Page other = browser.newPage(base);
			signIn(other, this.fixtures.email(workspace.id(), bas));
			Response response = other.navigate(personUrl);
			Assertions.assertThat(response.status()).isEqualTo(404);
			assertThat(other.getByText(PERSON)).hasCount(0);
			Browser.screenshot(other, "customer-05-other-rep-not-found");
			assertThat(heading(other)).hasText("Page not found");
			assertThat(other.getByText("The page you asked for does not exist, or you do not have access to it."))
				.isVisible();
			assertThat(link(other, "Bas de Wit")).isVisible();
		}
	}

	private static void adminAddsCustomFields(Page page, String email) {
		signIn(page, email);
		Locator administration = navigation(page).locator(".nav-section")
			.filter(new Locator.FilterOptions().setHas(page.getByRole(AriaRole.HEADING,
					new Page.GetByRoleOptions().setName("Administration").setExact(true))));
		link(administration, "Custom fields").click();
		assertThat(page).hasURL(Pattern.compile(".*/admin/fields$"));
		assertThat(heading(page)).hasText("Custom fields");
		assertThat(page.getByText("No custom fields yet.")).isVisible();

		addField(page, "Membership end date", "membership_end_date", "Date", false, null);
		addField(page, "Membership type", "membership_type", "Choice", true, "Trial\nMonthly\nYearly");

		Locator endDate = row(page, "Membership end date");
		assertThat(endDate).containsText("membership_end_date");
		assertThat(endDate).containsText("Date");
		assertThat(endDate.getByRole(AriaRole.CELL).nth(3)).hasText("No");
		Locator type = row(page, "Membership type");
		assertThat(type).containsText("membership_type");
		assertThat(type).containsText("Choice");
		assertThat(type.getByRole(AriaRole.CELL).nth(3)).hasText("Yes");
		assertThat(type).containsText("In use");
		Browser.screenshot(page, "customer-01-custom-fields");
		button(page, "Sign out").click();
		assertThat(page).hasURL(Pattern.compile(".*/login\\?signedOut$"));
	}

	private static void addField(Page page, String label, String key, String type, boolean required, String choices) {
		link(page, "Add a field").click();
		assertThat(page).hasURL(Pattern.compile(".*/admin/fields/new\\?object=person$"));
		assertThat(heading(page)).hasText("Add a field");
		label(page, "Label").fill(label);
		// The key is suggested from the label as it is typed.
		assertThat(label(page, "Key")).hasValue(key);
		label(page, "Type").selectOption(new SelectOption().setLabel(type));
		if (required) {
			label(page, "Required").check();
		}
		if (choices != null) {
			label(page, "Choices").fill(choices);
		}
		button(page, "Save").click();
		assertThat(page).hasURL(Pattern.compile(".*/admin/fields\\?object=person$"));
		assertThat(page.getByText("Saved.")).isVisible();
	}

	/** Returns the URL of the person's page. */
	private static String repAddsCompanyAndPerson(Page page, String email) {
		signIn(page, email);
		link(navigation(page), "Companies").click();
		link(page, "Add a company").click();
		label(page, "Name").fill(COMPANY);
		label(page, "Web domain").fill("sportschoolnoord.nl");
		button(page, "Save").click();
		assertThat(page).hasURL(Pattern.compile(".*/companies/[0-9a-f-]{36}$"));
		assertThat(heading(page)).hasText(COMPANY);
		assertThat(page.getByText("Saved.")).isVisible();
		assertThat(link(page, "sportschoolnoord.nl")).isVisible();

		link(navigation(page), "People").click();
		assertThat(page).hasURL(Pattern.compile(".*/people$"));
		link(page, "Add a person").click();
		assertThat(heading(page)).hasText("Add a person");
		label(page, "Given name").fill("Eva");
		label(page, "Family name").fill("Jansen");
		label(page, "E-mail").fill("eva.jansen.sportschoolnoord.nl");
		label(page, "Phone").fill("+31 6 12345678");
		page.getByRole(AriaRole.SEARCHBOX, new Page.GetByRoleOptions().setName("Find a company").setExact(true))
			.pressSequentially("noord");
		Locator company = page.getByRole(AriaRole.COMBOBOX,
				new Page.GetByRoleOptions().setName("Company").setExact(true));
		String choice = COMPANY + " (sportschoolnoord.nl)";
		assertThat(company.getByRole(AriaRole.OPTION, new Locator.GetByRoleOptions().setName(choice))).hasCount(1);
		company.selectOption(new SelectOption().setLabel(choice));
		page.getByLabel("Membership end date").fill("2026-12-31");
		page.getByLabel("Membership type").selectOption(new SelectOption().setLabel("Monthly"));
		button(page, "Save").click();

		assertThat(page.getByRole(AriaRole.ALERT)).containsText("Please correct the fields marked below.");
		Locator emailInput = label(page, "E-mail");
		assertThat(emailInput).hasAttribute("aria-invalid", "true");
		assertThat(emailInput)
			.hasAccessibleDescription("\"eva.jansen.sportschoolnoord.nl\" is not a valid e-mail address.");
		assertThat(emailInput).hasValue("eva.jansen.sportschoolnoord.nl");
		assertThat(label(page, "Given name")).hasValue("Eva");
		assertThat(company.locator("option:checked")).hasText(COMPANY);
		assertThat(page.getByLabel("Membership type").locator("option:checked")).hasText("Monthly");
		assertThat(page.getByLabel("Membership end date")).hasValue("2026-12-31");
		Browser.screenshot(page, "customer-02-person-form-invalid-email");

		emailInput.fill("eva.jansen@sportschoolnoord.nl");
		button(page, "Save").click();
		assertThat(page).hasURL(Pattern.compile(".*/people/[0-9a-f-]{36}$"));
		assertThat(heading(page)).hasText(PERSON);
		assertThat(page.getByText("Saved.")).isVisible();
		assertThat(link(page, COMPANY)).isVisible();
		assertThat(page.locator(".subtitle .stage")).hasText("Lead");
		Locator contact = card(page, "Contact");
		assertThat(link(contact, "eva.jansen@sportschoolnoord.nl")).hasAttribute("href",
				"mailto:eva.jansen@sportschoolnoord.nl");
		assertThat(link(contact, "+31 6 12345678")).hasAttribute("href", "tel:+31612345678");
		Locator relationship = card(page, "Relationship");
		assertThat(detail(relationship, "Owner")).hasText("Noor Visser");
		assertThat(detail(relationship, "Membership end date")).hasText("2026-12-31");
		assertThat(detail(relationship, "Membership type")).hasText("Monthly");
		Browser.screenshot(page, "customer-03-person-page");
		return page.url();
	}

	private static void repLogsCallPurchaseAndStage(Page page) {
		Locator log = card(page, "Log an interaction");
		label(log, "Channel").selectOption(new SelectOption().setLabel("Call"));
		label(log, "Outcome").fill("Interested in a yearly membership");
		label(log, "Summary").fill("Asked about the group classes on Saturday morning.");
		button(log, "Log it").click();
		assertThat(page.getByText("Logged. It is on the timeline below.")).isVisible();

		link(page, "Record a purchase or payment").click();
		assertThat(heading(page)).hasText("Record a purchase or payment");
		assertThat(link(page, PERSON)).isVisible();
		assertThat(page.getByLabel("Purchase")).isChecked();
		label(page, "Amount").fill("49.95");
		label(page, "Currency (ISO code)").fill("EUR");
		label(page, "Product or description").fill("Monthly membership");
		button(page, "Save").click();
		assertThat(page).hasURL(Pattern.compile(".*/people/[0-9a-f-]{36}#timeline$"));
		assertThat(page.getByText("Saved.")).isVisible();

		Locator relationship = card(page, "Relationship");
		label(relationship, "Move to stage").selectOption(new SelectOption().setLabel("Active"));
		label(relationship, "Reason (optional)").fill("Signed up for a monthly membership");
		button(relationship, "Move").click();
		assertThat(page.getByText("Moved to Active.")).isVisible();
		assertThat(page.locator(".subtitle .stage")).hasText("Active");

		Locator timeline = page.locator("#timeline-entries");
		Locator call = entry(timeline, "Call, outbound");
		assertThat(call).containsText("Interested in a yearly membership");
		assertThat(call).containsText("Asked about the group classes on Saturday morning.");
		assertThat(call).containsText("by Noor Visser");
		Locator purchase = entry(timeline, "Purchase: EUR 49.95");
		assertThat(purchase).containsText("Monthly membership");
		Locator stage = entry(timeline, "Moved from Lead to Active");
		assertThat(stage).containsText("Signed up for a monthly membership");
		assertThat(entry(timeline, "Added as Lead")).isVisible();

		Locator figures = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Figures"));
		assertThat(detail(figures, "Lifetime revenue")).hasText("€49.95");
		assertThat(detail(figures, "Purchases")).hasText("1");
		Browser.screenshot(page, "customer-04-person-timeline-1280");

		page.setViewportSize(375, 812);
		page.reload();
		assertThat(heading(page)).hasText(PERSON);
		assertThat(entry(page.locator("#timeline-entries"), "Purchase: EUR 49.95")).isVisible();
		Assertions.assertThat((Integer) page.evaluate("document.documentElement.scrollWidth"))
			.as("person page width at 375 px")
			.isLessThanOrEqualTo(375);
		Browser.screenshot(page, "customer-04-person-timeline-375");
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

	/** A card of the page, by its heading. */
	private static Locator card(Page page, String heading) {
		return page.locator("section.card")
			.filter(new Locator.FilterOptions().setHas(page.getByRole(AriaRole.HEADING,
					new Page.GetByRoleOptions().setName(heading).setExact(true).setLevel(2))));
	}

	/**
	 * The value beside a term (plain text, no regular expression) of a definition list.
	 */
	private static Locator detail(Locator scope, String term) {
		return scope.locator("dt")
			.filter(new Locator.FilterOptions().setHasText(Pattern.compile("^" + term + "$")))
			.locator("xpath=following-sibling::dd[1]");
	}

	/** The one timeline entry with this headline. */
	private static Locator entry(Locator timeline, String headline) {
		Locator entry = timeline.getByRole(AriaRole.LISTITEM)
			.filter(new Locator.FilterOptions()
				.setHas(timeline.page().locator(".headline").filter(new Locator.FilterOptions().setHasText(headline))));
		assertThat(entry).hasCount(1);
		return entry;
	}

	private static Locator row(Page page, String text) {
		return page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(text));
	}

	private static Locator navigation(Page page) {
		return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Menu").setExact(true));
	}

	private static Locator label(Page page, String text) {
		return page.getByLabel(text, new Page.GetByLabelOptions().setExact(true));
	}

	private static Locator label(Locator scope, String text) {
		return scope.getByLabel(text, new Locator.GetByLabelOptions().setExact(true));
	}

	private static Locator button(Page page, String name) {
		return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
	}

	private static Locator button(Locator scope, String name) {
		return scope.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
	}

	private static Locator link(Page page, String name) {
		return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
	}

	private static Locator link(Locator scope, String name) {
		return scope.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name).setExact(true));
	}

}
