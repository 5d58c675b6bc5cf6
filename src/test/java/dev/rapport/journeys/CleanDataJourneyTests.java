package dev.rapport.journeys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.SelectOption;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.rapport.customers.ContactInput.EmailInput;
import dev.rapport.customers.ContactInput.PhoneInput;
import dev.rapport.customers.Customers;
import dev.rapport.customers.PersonChange;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.ServerTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Clean data in and out in a real browser: an administrator imports a messy spreadsheet
 * (mixed encodings, names in four scripts, a bad e-mail address, a row repeated in the
 * file and a person already in the database), fixes the mapping, reads the dry run's
 * report, imports with a progress bar, finds a pair in the duplicates queue, merges it by
 * hand and undoes it, and erases a person on request.
 *
 * <pre>
 * workspace "Schoonmaak"
 * └── administrator (Fixtures.workspace)
 *     ├── Sanne de Vries    already in the database, the file has her e-mail address
 *     └── Robert Jansen     already in the database, the file adds "Bob Jansen"
 * </pre>
 */
@ServerTest
class CleanDataJourneyTests {

	private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Customers customers;

	@BeforeAll
	static void chromium() {
		Browser.assumeInstalled();
	}

	@Test
	void importsAMessySpreadsheetMergesAndUndoesAPairAndErasesAPersonOnRequest() throws IOException {
		Fixtures.Workspace workspace = this.fixtures.workspace("Schoonmaak");
		Actor admin = new Actor(workspace.id(), workspace.adminId());
		Actors.runAs(admin, () -> {
			this.customers.createPerson(person("Sanne", "de Vries", "sanne@devries.example", "+31 6 11112222"), null);
			this.customers.createPerson(person("Robert", "Jansen", "robert.jansen@gmail.example", "+31 6 55556666"),
					null);
		});
		String base = "http://localhost:" + this.port;
		try (Browser browser = Browser.launch()) {
			Page page = browser.newPage(base);
			signIn(page, workspace.adminEmail());
			String importUrl = uploadsTheSpreadsheet(page);
			fixesTheMappingAndChecksEveryRow(page);
			importsWithAProgressBar(page, importUrl);
			reviewsTheQueueMergesBobIntoRobertAndUndoesIt(page);
			erasesMehdiOnRequest(page);
		}
	}

	private static PersonChange person(String given, String family, String email, String phone) {
		return new PersonChange(given, family, null, List.of(new EmailInput(email, null, true)),
				List.of(new PhoneInput(phone, null, true)), List.of(), null, null, null, null, null, null, List.of(),
				null, null, null);
	}

	/**
	 * A HubSpot-like export with one column of its own ("Favourite sport"), UTF-8 except
	 * one line saved as Windows-1252 by an older tool.
	 */
	private static byte[] spreadsheet() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		utf8(out, "Record ID,First Name,Last Name,Email,Phone Number,Company Name,Favourite sport\n");
		utf8(out, "101,Sanne,de Vries,sanne@devries.example,+31 6 33334444,Fietsen Noord,Wielrennen\n");
		out.write(
				"102,José,García,jose.garcia@example.es,+34 612 345 678,Deportes Sol,Fútbol\n".getBytes(WINDOWS_1252));
		utf8(out, "103,伟,王,wang.wei@example.cn,+86 138 0013 8000,,乒乓球\n");
		utf8(out, "104,مهدی,رحیمی,mehdi@rahimi.example,+98 912 345 6789,,کشتی\n");
		utf8(out, "105,Bob,Jansen,robert.jansen@jansenbanden.example,,Jansen Banden,Tennis\n");
		utf8(out, "106,Pieter,Bakker,pieter.bakker(at)example.nl,,,Hockey\n");
		utf8(out, "107,Wei,Wang,wang.wei@example.cn,,,Table tennis\n");
		return out.toByteArray();
	}

	private static void utf8(ByteArrayOutputStream out, String line) throws IOException {
		out.write(line.getBytes(StandardCharsets.UTF_8));
	}

	/** Returns the URL of the import's page. */
	private static String uploadsTheSpreadsheet(Page page) throws IOException {
		link(navigation(page), "Import").click();
		assertThat(page).hasURL(Pattern.compile(".*/imports$"));
		assertThat(heading(page)).hasText("Import");
		assertThat(page.getByText("You have not imported anything yet.")).isVisible();
		label(page, "File").setInputFiles(new FilePayload("hubspot-contacts.csv", "text/csv", spreadsheet()));
		label(page, "What the rows are").selectOption(new SelectOption().setLabel("People"));
		label(page, "When a row matches an existing record")
			.selectOption(new SelectOption().setLabel("Update the existing record"));
		Browser.screenshot(page, "clean-data-01-upload");
		button(page, "Upload").click();
		assertThat(page).hasURL(Pattern.compile(".*/imports/[0-9a-f-]{36}$"));
		assertThat(heading(page)).hasText("hubspot-contacts.csv");
		assertThat(page.getByText("Read as People from csv, encoding UTF-8")).isVisible();
		return page.url();
	}

	private static void fixesTheMappingAndChecksEveryRow(Page page) throws IOException {
		// The preview shows every script as it was written, the Windows-1252 line too.
		Locator preview = page.locator("form.form table");
		assertThat(preview).containsText("García");
		assertThat(preview).containsText("Fútbol");
		assertThat(preview).containsText("王");
		assertThat(preview).containsText("رحیمی");
		// The suggestions from the HubSpot headers; the own column is not imported.
		assertThat(selected(page, "Record ID")).hasText("External id");
		assertThat(selected(page, "First Name")).hasText("Given name");
		assertThat(selected(page, "Last Name")).hasText("Family name");
		assertThat(selected(page, "Email")).hasText("E-mail");
		assertThat(selected(page, "Phone Number")).hasText("Phone (work)");
		assertThat(selected(page, "Company Name")).hasText("Company");
		assertThat(selected(page, "Favourite sport")).hasText("Do not import");

		field(page, "Phone Number").selectOption(new SelectOption().setLabel("Mobile"));
		field(page, "Favourite sport").selectOption(new SelectOption().setLabel("Notes"));
		label(page, "Save this mapping as (optional)").fill("HubSpot contacts");
		Browser.screenshot(page, "clean-data-02-mapping");
		button(page, "Save the mapping").click();
		assertThat(page.getByText("The mapping is saved.")).isVisible();
		assertThat(selected(page, "Phone Number")).hasText("Mobile");
		assertThat(selected(page, "Favourite sport")).hasText("Notes");

		button(page, "Check every row (dry run)").click();
		Locator progress = page.locator("#import-progress");
		waitFor(progress, "Checked (dry run)");
		assertThat(detail(progress, "Would be created")).hasText("4");
		assertThat(detail(progress, "Would be updated")).hasText("2");
		assertThat(detail(progress, "Failed")).hasText("1");

		Browser.screenshot(page, "clean-data-03-dry-run-report");
		Locator report = progress.locator("table");
		assertThat(reportRow(report, "pieter.bakker(at)example.nl"))
			.containsText("\"pieter.bakker(at)example.nl\" is not a valid e-mail address.");
		assertThat(reportRow(report, "Repeats row")).containsText("Repeats row 4");
		assertThat(reportRow(report, "Matches an existing person"))
			.containsText("Matches an existing person with the same e-mail address");
		assertThat(reportRow(report, "Windows-1252")).containsText("was read as Windows-1252");

		Download download = page.waitForDownload(() -> link(page, "Download the report (CSV)").click());
		String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
		Assertions.assertThat(csv)
			.contains("\"\"pieter.bakker(at)example.nl\"\" is not a valid e-mail address.")
			.contains("Repeats row 4")
			.contains("Matches an existing person with the same e-mail address");
	}

	private static void importsWithAProgressBar(Page page, String importUrl) {
		button(page, "Import").click();
		Locator progress = page.locator("#import-progress");
		assertThat(progress.getByRole(AriaRole.PROGRESSBAR)).isVisible();
		waitFor(progress, "Imported");
		assertThat(progress.getByRole(AriaRole.PROGRESSBAR)).hasAttribute("value", "100");
		assertThat(detail(progress, "Created")).hasText("4");
		assertThat(detail(progress, "Updated")).hasText("2");
		assertThat(detail(progress, "Skipped")).hasText("0");
		assertThat(detail(progress, "Failed")).hasText("1");
		assertThat(button(page, "Undo this import")).isVisible();
		Browser.screenshot(page, "clean-data-04-imported");

		page.navigate("/people?q=Sanne");
		Locator sanne = link(page, "Sanne de Vries");
		assertThat(sanne).hasCount(1);
		sanne.click();
		Locator contact = card(page, "Contact");
		assertThat(contact).containsText("sanne@devries.example");
		assertThat(contact).containsText("+31 6 33334444");
		page.navigate(importUrl);
		assertThat(heading(page)).hasText("hubspot-contacts.csv");
	}

	private static void reviewsTheQueueMergesBobIntoRobertAndUndoesIt(Page page) {
		page.navigate("/people?q=Jansen");
		link(page, "Bob Jansen").click();
		assertThat(heading(page)).hasText("Bob Jansen");
		Locator log = card(page, "Log an interaction");
		label(log, "Channel").selectOption(new SelectOption().setLabel("Call"));
		label(log, "Outcome").fill("Wants winter tyres fitted");
		label(log, "Summary").fill("Called about four winter tyres for the van.");
		button(log, "Log it").click();
		assertThat(page.getByText("Logged. It is on the timeline below.")).isVisible();

		// An administrator scans the database; the pair waits in the queue with its
		// reasons.
		link(navigation(page), "Duplicate rules").click();
		assertThat(heading(page)).hasText("Duplicate rules");
		button(page, "Scan now").click();
		assertThat(page.getByText("The scan was started; it runs in the background.")).isVisible();
		Locator done = page.locator(".badge").filter(new Locator.FilterOptions().setHasText("Done"));
		for (int i = 0; i < 60 && done.count() == 0; i++) {
			page.waitForTimeout(500);
			page.reload();
		}
		assertThat(done).hasCount(1);

		link(navigation(page), "Duplicates").click();
		assertThat(page).hasURL(Pattern.compile(".*/data-quality/duplicates$"));
		assertThat(heading(page)).hasText("Duplicates");
		Locator pair = page.locator("article.duplicate-pair")
			.filter(new Locator.FilterOptions().setHas(link(page, "Bob Jansen")))
			.filter(new Locator.FilterOptions().setHas(link(page, "Robert Jansen")));
		Browser.screenshot(page, "clean-data-05-duplicates-queue");
		assertThat(pair).hasCount(1);
		Locator reasons = pair.locator("ul.reasons");
		assertThat(reasons).containsText("Nickname of the same name");
		assertThat(reasons).containsText("Same e-mail name at another domain");
		assertThat(pair.locator(".badge")).hasText("Likely");
		link(pair, "Merge…").click();
		assertThat(heading(page)).hasText("Merge two records");
		page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Robert Jansen")).first().check();
		// The most recent values are chosen: Bob's names; Robert's are kept by hand.
		Locator given = compareRow(page, "Given name");
		assertThat(given.getByRole(AriaRole.RADIO, new Locator.GetByRoleOptions().setName("Bob").setExact(true)))
			.isChecked();
		given.getByRole(AriaRole.RADIO, new Locator.GetByRoleOptions().setName("Robert").setExact(true)).check();
		compareRow(page, "Display name")
			.getByRole(AriaRole.RADIO, new Locator.GetByRoleOptions().setName("Robert Jansen").setExact(true))
			.check();
		assertThat(compareRow(page, "Company").getByRole(AriaRole.RADIO,
				new Locator.GetByRoleOptions().setName("Jansen Banden").setExact(true)))
			.isChecked();
		Browser.screenshot(page, "clean-data-06-merge-compare");
		button(page, "Merge").click();

		assertThat(heading(page)).hasText("Bob Jansen merged into Robert Jansen");
		assertThat(page.getByText("Bob Jansen was merged into Robert Jansen.")).isVisible();
		assertThat(button(page, "Undo")).isVisible();
		Browser.screenshot(page, "clean-data-07-merged-with-undo");

		link(page, "Open the record that stayed").click();
		assertThat(heading(page)).hasText("Robert Jansen");
		Locator timeline = page.locator("#timeline-entries");
		assertThat(timeline).containsText("Called about four winter tyres for the van.");
		assertThat(card(page, "Contact")).containsText("robert.jansen@jansenbanden.example");
		assertThat(card(page, "Contact")).containsText("robert.jansen@gmail.example");
		assertThat(link(page, "Jansen Banden")).isVisible();
		page.goBack();

		button(page, "Undo").click();
		assertThat(page.getByText("The merge was undone: Bob Jansen is back.")).isVisible();
		page.navigate("/people?q=Jansen");
		assertThat(link(page, "Bob Jansen")).hasCount(1);
		assertThat(link(page, "Robert Jansen")).hasCount(1);
		link(page, "Bob Jansen").click();
		assertThat(page.locator("#timeline-entries")).containsText("Called about four winter tyres for the van.");
	}

	private static void erasesMehdiOnRequest(Page page) {
		page.navigate("/people?q=mehdi");
		Locator mehdi = page.locator("main").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("رحیمی"));
		assertThat(mehdi).hasCount(1);
		mehdi.click();
		link(page, "Personal data and erasure").click();
		assertThat(heading(page)).containsText("Personal data of");
		label(page, "Reason (for example, the request and its date)").fill("Request by e-mail of 2026-11-20");
		page.getByLabel(Pattern.compile("^Type ERASE or the name")).fill("ERASE");
		Browser.screenshot(page, "clean-data-08-erase");
		button(page, "Erase for good").click();
		assertThat(page.getByText("The person was erased.")).isVisible();

		for (String search : List.of("mehdi", "رحیمی", "rahimi.example")) {
			page.navigate("/people?q=" + search);
			assertThat(page.getByText("Nobody matches. Change the search or the filters, or add a person."))
				.isVisible();
		}
		page.navigate("/admin/erasures");
		assertThat(heading(page)).hasText("Erasures");
		Locator erasure = page.getByRole(AriaRole.ROW)
			.filter(new Locator.FilterOptions().setHasText("Request by e-mail of 2026-11-20"));
		assertThat(erasure).hasCount(1);
		assertThat(erasure).not().containsText("رحیمی");
		assertThat(erasure).not().containsText("mehdi");
		Browser.screenshot(page, "clean-data-09-erasures");
	}

	/**
	 * Waits for the background job to reach the status: htmx polls the progress every
	 * second, and the job starts when a scheduler thread is free.
	 */
	private static void waitFor(Locator progress, String status) {
		assertThat(progress.getByRole(AriaRole.HEADING)).hasText(status,
				new LocatorAssertions.HasTextOptions().setTimeout(30_000));
	}

	private static void signIn(Page page, String email) {
		page.navigate("/login");
		label(page, "E-mail").fill(email);
		label(page, "Password").fill(Fixtures.PASSWORD);
		button(page, "Sign in").click();
		assertThat(page).hasURL(Pattern.compile(".*/$"));
	}

	/** The field select of a column of the import, by the column's header. */
	private static Locator field(Page page, String column) {
		return page.getByLabel("Field for column " + column, new Page.GetByLabelOptions().setExact(true));
	}

	private static Locator selected(Page page, String column) {
		return field(page, column).locator("option:checked");
	}

	/** A row of the merge's compare table, by its field. */
	private static Locator compareRow(Page page, String field) {
		return page.getByRole(AriaRole.ROW)
			.filter(new Locator.FilterOptions().setHas(page.getByRole(AriaRole.ROWHEADER,
					new Page.GetByRoleOptions().setName(Pattern.compile("^" + field)))));
	}

	private static Locator reportRow(Locator report, String text) {
		return report.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(text)).first();
	}

	private static Locator heading(Page page) {
		return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
	}

	private static Locator card(Page page, String heading) {
		return page.locator("section.card")
			.filter(new Locator.FilterOptions().setHas(page.getByRole(AriaRole.HEADING,
					new Page.GetByRoleOptions().setName(heading).setExact(true).setLevel(2))));
	}

	/** The value beside a term of a definition list. */
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
