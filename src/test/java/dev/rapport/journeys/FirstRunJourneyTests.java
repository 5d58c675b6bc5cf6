package dev.rapport.journeys;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.rapport.RapportApplication;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The first run in a real browser: the administrator signs in with the generated
 * password, chooses a new one, creates a sales rep, and the rep signs in and sees no
 * administration. The test starts the application itself, so that the startup log with
 * the password is captured and nothing starts when Chromium is missing.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstRunJourneyTests {

	private static final Pattern GENERATED_PASSWORD = Pattern.compile("password:\\s+(\\S+)");

	private static final String ADMIN_EMAIL = "admin@rapport.test";

	private static final String ADMIN_PASSWORD = "Harbour lights at dusk 7";

	private static final String REP_NAME = "Sara Ahmadi (سارا احمدی)";

	private static final String REP_EMAIL = "rep@rapport.test";

	private static final String REP_TEMPORARY_PASSWORD = "Ocean breeze morning 42";

	private static final String REP_PASSWORD = "Quiet river under stars 9";

	@Test
	void adminSignsInChangesPasswordCreatesRepAndRepSignsIn(CapturedOutput output) {
		Browser.assumeInstalled();
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RapportApplication.class)
			.run("--server.port=0", "--rapport.identity.admin.password="); Browser browser = Browser.launch()) {
			String generatedPassword = generatedPassword(output);
			Page page = browser.newPage("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));

			page.navigate("/login");
			signIn(page, ADMIN_EMAIL, "Not the password at all");
			assertThat(page.getByRole(AriaRole.ALERT)).hasText("The e-mail or password is not right.");
			Browser.screenshot(page, "01-login");

			signIn(page, ADMIN_EMAIL, generatedPassword);
			assertThat(page).hasURL(Pattern.compile(".*/account/password$"));
			assertThat(page.getByText("Choose your own password before you continue.")).isVisible();
			Browser.screenshot(page, "02-forced-password");
			changePassword(page, generatedPassword, ADMIN_PASSWORD);
			assertThat(page).hasURL(Pattern.compile(".*/$"));
			assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
				.hasText("Welcome, Administrator");
			assertThat(page.getByText("Your password has been changed.")).isVisible();

			navigation(page).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Users").setExact(true))
				.click();
			assertThat(page).hasURL(Pattern.compile(".*/admin/users$"));
			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New user").setExact(true)).click();
			assertThat(page).hasURL(Pattern.compile(".*/admin/users/new$"));
			label(page, "Name").fill(REP_NAME);
			label(page, "E-mail").fill(REP_EMAIL);
			label(page, "Role").selectOption(new SelectOption().setLabel("Sales rep"));
			label(page, "Temporary password").fill(REP_TEMPORARY_PASSWORD);
			Browser.screenshot(page, "03-new-user-form");
			button(page, "Save").click();
			assertThat(page).hasURL(Pattern.compile(".*/admin/users$"));
			assertThat(page.getByText("Saved.")).isVisible();
			Locator repRow = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(REP_EMAIL));
			assertThat(repRow).containsText(REP_NAME);
			assertThat(repRow).containsText("Sales rep");
			assertThat(repRow).containsText("Active");
			Browser.screenshot(page, "04-users-list");

			button(page, "Sign out").click();
			assertThat(page).hasURL(Pattern.compile(".*/login\\?signedOut$"));
			assertThat(page.getByText("You are signed out.")).isVisible();

			signIn(page, REP_EMAIL, REP_TEMPORARY_PASSWORD);
			assertThat(page).hasURL(Pattern.compile(".*/account/password$"));
			assertThat(page.getByText("Choose your own password before you continue.")).isVisible();
			changePassword(page, REP_TEMPORARY_PASSWORD, REP_PASSWORD);
			assertThat(page).hasURL(Pattern.compile(".*/$"));
			assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
				.hasText("Welcome, " + REP_NAME);
			assertThat(page.locator("a[href$='/admin/users']")).hasCount(0);
			assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Users").setExact(true)))
				.hasCount(0);
			Browser.screenshot(page, "05-rep-home");

			page.setViewportSize(375, 812);
			page.navigate("/");
			Locator menu = page.locator(".menu-toggle");
			assertThat(menu).isVisible();
			assertThat(menu).hasAccessibleName("Menu");
			assertThat(navigation(page)).isHidden();
			Assertions.assertThat((Integer) page.evaluate("document.documentElement.scrollWidth"))
				.as("page width at 375 px")
				.isLessThanOrEqualTo(375);
			Browser.screenshot(page, "06-phone-home");
			menu.click();
			assertThat(menu).hasAttribute("aria-expanded", "true");
			assertThat(navigation(page)).isVisible();
			assertThat(navigation(page).getByRole(AriaRole.LINK,
					new Locator.GetByRoleOptions().setName("Home").setExact(true)))
				.isVisible();
			Browser.screenshot(page, "07-phone-menu-open");

			page.setViewportSize(1280, 800);
			Response forbidden = page.navigate("/admin/users");
			Assertions.assertThat(forbidden.status()).isEqualTo(403);
			assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
				.hasText("Not allowed");
			Browser.screenshot(page, "08-rep-forbidden");
		}
	}

	private static String generatedPassword(CapturedOutput output) {
		Matcher matcher = GENERATED_PASSWORD.matcher(output.getAll());
		Assertions.assertThat(matcher.find()).as("generated administrator password in the startup log").isTrue();
		return matcher.group(1);
	}

	private static void signIn(Page page, String email, String password) {
		label(page, "E-mail").fill(email);
		label(page, "Password").fill(password);
		button(page, "Sign in").click();
	}

	private static void changePassword(Page page, String current, String chosen) {
		label(page, "Current password").fill(current);
		label(page, "New password").fill(chosen);
		label(page, "New password again").fill(chosen);
		button(page, "Change password").click();
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

}
