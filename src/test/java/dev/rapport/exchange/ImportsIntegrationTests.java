package dev.rapport.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import dev.rapport.customers.CompanyView;
import dev.rapport.customers.ContactInput.EmailInput;
import dev.rapport.customers.ContactInput.PhoneInput;
import dev.rapport.customers.Customers;
import dev.rapport.customers.PersonChange;
import dev.rapport.customers.PersonView;
import dev.rapport.dataquality.Duplicates;
import dev.rapport.dataquality.PersonErasure;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Imports through the API: every format and encoding, the suggested mapping, the dry
 * run's report, the background job with its progress and summary, duplicate handling
 * against the database and within the file, and undo.
 *
 * <pre>
 * workspace "Imports"
 *   admin ─ Sales rep Ravi (imports as himself)
 * </pre>
 */
@IntegrationTest
class ImportsIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Customers customers;

	@Autowired
	ObjectProvider<Duplicates> duplicates;

	@Autowired
	PersonErasure erasure;

	@Autowired
	JdbcTemplate jdbc;

	private Fixtures.Workspace workspace;

	private UUID raviId;

	private ImportApiSupport api;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Imports");
		this.raviId = this.fixtures.user(this.workspace.id(), "Ravi Rep", "Sales rep", null);
		this.api = new ImportApiSupport(this.mvc,
				this.fixtures.token(this.workspace.id(), this.raviId, "read", "write"));
	}

	@Test
	void importsAHubSpotCsvWithBomSemicolonsAndQuotedNewlinesEndToEnd() throws Exception {
		String csv = "\uFEFFFirst Name;Last Name;Email;Phone Number;Notes\r\n"
				+ "Zoë;Müller;zoe@imports.test;+31 6 12345678;\"Met at the fair;\nwants a demo\"\r\n"
				+ "李;小龙;li@imports.test;;\r\n";
		String upload = ImportApiSupport
			.body(this.api.upload("hubspot.csv", csv.getBytes(StandardCharsets.UTF_8), "object", "person"));
		assertThat((String) JsonPath.read(upload, "$.delimiter")).isEqualTo(";");
		assertThat((String) JsonPath.read(upload, "$.encoding")).isEqualTo("UTF-8");
		assertThat((List<String>) JsonPath.read(upload, "$.columns[*].field")).containsExactly("givenName",
				"familyName", "email", "phone", "notes");
		assertThat((List<Object>) JsonPath.read(upload, "$.preview.rows")).hasSize(2);
		assertThat((String) JsonPath.read(upload, "$.preview.rows[0][4]")).isEqualTo("Met at the fair;\nwants a demo");
		String id = JsonPath.read(upload, "$.id");

		String checked = this.api.runAndWait(id, "dry-run");
		assertThat((String) JsonPath.read(checked, "$.status")).isEqualTo("checked");
		assertThat((Integer) JsonPath.read(checked, "$.summary.created")).isEqualTo(2);
		assertThat(people("zoe@imports.test")).isEmpty();

		String done = this.api.runAndWait(id, "run");
		assertThat((String) JsonPath.read(done, "$.status")).isEqualTo("done");
		assertThat((Integer) JsonPath.read(done, "$.summary.created")).isEqualTo(2);
		assertThat((Integer) JsonPath.read(done, "$.progress.rowsDone")).isEqualTo(2);
		assertThat((Double) JsonPath.read(done, "$.progress.fraction")).isEqualTo(1.0);
		assertThat((Boolean) JsonPath.read(done, "$.undoable")).isTrue();
		PersonView zoe = person("zoe@imports.test");
		assertThat(zoe.displayName()).isEqualTo("Zoë Müller");
		assertThat(zoe.notes()).isEqualTo("Met at the fair;\nwants a demo");
		assertThat(zoe.phones().get(0).e164()).isEqualTo("+31612345678");
		assertThat(zoe.ownerId()).isEqualTo(this.raviId);
		assertThat(person("li@imports.test").familyName()).isEqualTo("小龙");
	}

	@Test
	void suggestsTheMappingFromSalesforceAndGoogleContactsHeaders() throws Exception {
		String salesforce = "Contact ID,First Name,Last Name,Email,Mailing Street,Mailing City,Mailing Zip/Postal Code,"
				+ "Mailing Country,Account Name,Title,Lead Source,Birthdate\n1,a,b,c@d.test,,,,,,,,\n";
		String upload = ImportApiSupport
			.body(this.api.upload("sf.csv", salesforce.getBytes(StandardCharsets.UTF_8), "object", "person"));
		assertThat((List<String>) JsonPath.read(upload, "$.columns[*].field")).containsExactly("externalId",
				"givenName", "familyName", "email", "street", "city", "postalCode", "country", "company", "jobTitle",
				"source", "birthday");
		String google = "Name,Given Name,Family Name,E-mail 1 - Value,E-mail 2 - Value,Phone 1 - Value,"
				+ "Organization 1 - Name,Organization 1 - Title,Address 1 - City,Voornaam\nx,y,z,a@b.test,,,,,,\n";
		upload = ImportApiSupport
			.body(this.api.upload("google.csv", google.getBytes(StandardCharsets.UTF_8), "object", "person"));
		assertThat((List<String>) JsonPath.read(upload, "$.columns[*].field")).containsExactly("displayName",
				"givenName", "familyName", "email", "email2", "phone", "company", "jobTitle", "city", null);
	}

	@Test
	void theDryRunReportNamesTheRowColumnFieldAndProblemAndWritesNothing() throws Exception {
		String csv = "Name,Email,Phone,Birthday,Owner\n" + "Good Row,good@imports.test,,1980-02-01,\n"
				+ "Bad Mail,not-an-email,,,\n" + "Bad Date,date@imports.test,,31-31-2020,\n"
				+ "Bad Phone,phone@imports.test,12,,\n" + "Bad Owner,owner@imports.test,,,nobody@nowhere.test\n";
		String id = this.api.uploaded("messy.csv", csv.getBytes(StandardCharsets.UTF_8), "object", "person");
		String checked = this.api.runAndWait(id, "dry-run");
		assertThat((Integer) JsonPath.read(checked, "$.summary.created")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(checked, "$.summary.failed")).isEqualTo(4);
		String report = this.api.report(id);
		assertThat(report).startsWith("Row,Level,Column,Field,Message");
		assertThat(report)
			.contains("3,Error,Email,emails[0].address,\"\"\"not-an-email\"\" is not a valid e-mail address.\"");
		assertThat(report).contains("4,Error,Birthday,birthday,\"\"\"31-31-2020\"\" is not a date");
		assertThat(report).contains("5,Error,Phone,phones[0].number,");
		assertThat(report).contains("6,Error,Owner,owner,\"No active user has the e-mail address or name");
		assertThat(people("good@imports.test")).isEmpty();
	}

	@Test
	void matchesExistingPeopleByEmailAndUpdatesSkipsOrCreates() throws Exception {
		UUID existing = existingPerson("Anna Alt", "anna@imports.test", null);
		byte[] file = "Email,Job Title\nANNA@imports.test,Buyer\n".getBytes(StandardCharsets.UTF_8);

		String skip = this.api
			.runAndWait(this.api.uploaded("a.csv", file, "object", "person", "duplicateAction", "skip"), "run");
		assertThat((Integer) JsonPath.read(skip, "$.summary.skipped")).isEqualTo(1);
		assertThat(find(existing).jobTitle()).isNull();

		String update = this.api
			.runAndWait(this.api.uploaded("a.csv", file, "object", "person", "duplicateAction", "update"), "run");
		assertThat((Integer) JsonPath.read(update, "$.summary.updated")).isEqualTo(1);
		assertThat(find(existing).jobTitle()).isEqualTo("Buyer");
		assertThat(find(existing).displayName()).isEqualTo("Anna Alt");

		String create = this.api.runAndWait(this.api.uploaded("a.csv",
				"Name,Email\nAnna Again,anna@imports.test\n".getBytes(StandardCharsets.UTF_8), "object", "person",
				"duplicateAction", "create"), "run");
		assertThat((Integer) JsonPath.read(create, "$.summary.created")).isEqualTo(1);
		assertThat(people("anna@imports.test")).hasSize(2);
	}

	@Test
	void erasingAPersonAnImportUpdatedForgetsTheValuesKeptForTheUndo() throws Exception {
		UUID existing = existingPerson("Berta Böhm", "berta@imports.test", null);
		byte[] file = "Email,Name\nberta@imports.test,Bertha Boehm\n".getBytes(StandardCharsets.UTF_8);
		String id = this.api.uploaded("b.csv", file, "object", "person", "duplicateAction", "update");
		String done = this.api.runAndWait(id, "run");
		assertThat((Integer) JsonPath.read(done, "$.summary.updated")).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("select count(*) from import_record where record_id = ?", Integer.class,
				existing))
			.isEqualTo(1);

		Actors.runAs(new Actor(this.workspace.id(), this.raviId), () -> this.erasure.erase(existing, "Request"));

		assertThat(this.jdbc.queryForObject("select count(*) from import_record where record_id = ?", Integer.class,
				existing))
			.isZero();
		String undone = this.api.runAndWait(id, "undo");
		assertThat((String) JsonPath.read(undone, "$.status")).isEqualTo("undone");
		assertThat(find(existing).displayName()).isEqualTo("Erased person");
	}

	@Test
	void matchesExistingPeopleByPhoneInAnyFormat() throws Exception {
		UUID existing = existingPerson("Piet Phone", null, "+31 6 1234 5678");
		String done = this.api.runAndWait(
				this.api.uploaded("p.csv", "Mobile,City\n+31612345678,Utrecht\n".getBytes(StandardCharsets.UTF_8),
						"object", "person", "duplicateAction", "update"),
				"run");
		assertThat((Integer) JsonPath.read(done, "$.summary.updated")).isEqualTo(1);
		assertThat(find(existing).addresses().get(0).city()).isEqualTo("Utrecht");
		assertThat(find(existing).phones()).hasSize(1);
	}

	@Test
	void reimportingTheSameFileUpdatesByExternalIdInsteadOfDuplicating() throws Exception {
		byte[] first = "Record ID,First Name,Last Name,Job Title\nhs-1,Ext,One,Clerk\nhs-2,Ext,Two,Clerk\n"
			.getBytes(StandardCharsets.UTF_8);
		String done = this.api.runAndWait(this.api.uploaded("ids.csv", first, "object", "person"), "run");
		assertThat((Integer) JsonPath.read(done, "$.summary.created")).isEqualTo(2);
		byte[] again = "Record ID,First Name,Last Name,Job Title\nhs-1,Ext,One,Manager\nhs-2,Ext,Two,Manager\n"
			.getBytes(StandardCharsets.UTF_8);
		String second = this.api
			.runAndWait(this.api.uploaded("ids.csv", again, "object", "person", "duplicateAction", "update"), "run");
		assertThat((Integer) JsonPath.read(second, "$.summary.updated")).isEqualTo(2);
		assertThat((Integer) JsonPath.read(second, "$.summary.created")).isEqualTo(0);
		String report = this.api.report(JsonPath.read(second, "$.id"));
		assertThat(report).contains("Matches a record imported before with the same external id");
	}

	@Test
	void flagsRowsRepeatingAnEarlierRowAndTreatsThemByTheDuplicateHandling() throws Exception {
		byte[] file = ("Name,Email,Phone,Job Title\n" + "Dup One,dup@imports.test,,First\n"
				+ "Other,other@imports.test,+31 20 123 4567,\n" + "Dup Again,DUP@imports.test,,Second\n"
				+ "Other Again,,+31201234567,\n")
			.getBytes(StandardCharsets.UTF_8);
		String skipped = this.api.runAndWait(this.api.uploaded("dups.csv", file, "object", "person", "duplicateAction",
				"skip", "matchOn", "externalId"), "run");
		assertThat((Integer) JsonPath.read(skipped, "$.summary.created")).isEqualTo(2);
		assertThat((Integer) JsonPath.read(skipped, "$.summary.skipped")).isEqualTo(2);
		String report = this.api.report(JsonPath.read(skipped, "$.id"));
		assertThat(report).contains("4,Warning,,,\"Repeats row 2 ").contains("5,Warning,,,\"Repeats row 3 ");

		Actors.runAs(new Actor(this.workspace.id(), this.raviId), () -> {
			for (PersonView p : List.of(person("dup@imports.test"), person("other@imports.test"))) {
				this.customers.deletePerson(p.id(), p.version());
			}
		});
		String updated = this.api.runAndWait(this.api.uploaded("dups.csv", file, "object", "person", "duplicateAction",
				"update", "matchOn", "externalId"), "run");
		assertThat((Integer) JsonPath.read(updated, "$.summary.created")).isEqualTo(2);
		assertThat((Integer) JsonPath.read(updated, "$.summary.updated")).isEqualTo(2);
		assertThat(person("dup@imports.test").jobTitle()).isEqualTo("Second");
	}

	@Test
	void aDryRunCountsRowsRepeatingEarlierRowsAsUpdatesWithoutWriting() throws Exception {
		byte[] file = "Name,Email\nSame One,same@imports.test\nSame Again,same@imports.test\n"
			.getBytes(StandardCharsets.UTF_8);
		String checked = this.api.runAndWait(
				this.api.uploaded("same.csv", file, "object", "person", "duplicateAction", "update"), "dry-run");
		assertThat((String) JsonPath.read(checked, "$.status")).isEqualTo("checked");
		assertThat((Integer) JsonPath.read(checked, "$.summary.created")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(checked, "$.summary.updated")).isEqualTo(1);
		assertThat(people("same@imports.test")).isEmpty();
	}

	@Test
	void flagsRowsThatAreLikelyTheSamePersonAsAnEarlierRow() throws Exception {
		Assumptions.assumeTrue(this.duplicates.getIfAvailable() != null, "duplicate detection is not built in");
		String id = this.api.uploaded("similar.csv",
				"First Name,Last Name,City,Email\nRobert,Johnson,Utrecht,robert.johnson@acme.example\nBob,Johnson,Utrecht,robert.johnson@mail.example\n"
					.getBytes(StandardCharsets.UTF_8),
				"object", "person", "duplicateAction", "skip", "matchOn", "fuzzy");
		String done = this.api.runAndWait(id, "run");
		assertThat((Integer) JsonPath.read(done, "$.summary.skipped")).isEqualTo(1);
		assertThat(this.api.report(id)).contains("Likely the same person as row 2");
	}

	@Test
	void undoDeletesWhatWasCreatedAndRestoresWhatWasUpdatedUnlessChangedSince() throws Exception {
		UUID kept = existingPerson("Kept Person", "kept@imports.test", null);
		UUID restored = existingPerson("Restored Person", "restored@imports.test", null);
		byte[] file = ("Email,Job Title,Name\n" + "kept@imports.test,Imported,\n" + "restored@imports.test,Imported,\n"
				+ "new@imports.test,Imported,New Person\n")
			.getBytes(StandardCharsets.UTF_8);
		String id = this.api.uploaded("undo.csv", file, "object", "person", "duplicateAction", "update");
		String done = this.api.runAndWait(id, "run");
		assertThat((Integer) JsonPath.read(done, "$.summary.updated")).isEqualTo(2);
		assertThat((Integer) JsonPath.read(done, "$.summary.created")).isEqualTo(1);
		Actors.runAs(new Actor(this.workspace.id(), this.raviId), () -> {
			PersonView p = find(kept);
			this.customers.updatePerson(kept, p.version(),
					new PersonChange(p.givenName(), p.familyName(), p.displayName(),
							List.of(new EmailInput("kept@imports.test", null, true)), List.of(), List.of(), null,
							"Changed by hand", null, null, null, null, List.of(), null, null, null));
		});

		String undone = this.api.runAndWait(id, "undo");
		assertThat((String) JsonPath.read(undone, "$.status")).isEqualTo("undone");
		assertThat((String) JsonPath.read(undone, "$.undoSummary")).isEqualTo("2:1");
		assertThat(people("new@imports.test")).isEmpty();
		assertThat(find(restored).jobTitle()).isNull();
		assertThat(find(kept).jobTitle()).isEqualTo("Changed by hand");
		assertThat(this.api.report(id)).contains("Not undone").contains("Changed since the import");
	}

	@Test
	void readsUtf16AndWindows1252AndFlagsWindows1252LinesInAUtf8File() throws Exception {
		String text = "Name\tEmail\nJosé Núñez\tjose@imports.test\n";
		byte[] utf16le = concat(new byte[] { (byte) 0xFF, (byte) 0xFE }, text.getBytes(StandardCharsets.UTF_16LE));
		String le = ImportApiSupport.body(this.api.upload("le.csv", utf16le, "object", "person"));
		assertThat((String) JsonPath.read(le, "$.encoding")).isEqualTo("UTF-16LE");
		assertThat((String) JsonPath.read(le, "$.delimiter")).isEqualTo("\t");
		assertThat((String) JsonPath.read(le, "$.preview.rows[0][0]")).isEqualTo("José Núñez");

		String be = ImportApiSupport.body(this.api.upload("be.csv",
				"Name|Email\nJosé Núñez|jose@imports.test\n".getBytes(StandardCharsets.UTF_16BE), "object", "person"));
		assertThat((String) JsonPath.read(be, "$.encoding")).isEqualTo("UTF-16BE");
		assertThat((String) JsonPath.read(be, "$.delimiter")).isEqualTo("|");

		String cp = ImportApiSupport.body(this.api.upload("cp.csv",
				"Name,Email\nJosé Müller,cp@imports.test\n".getBytes(Charset.forName("windows-1252")), "object",
				"person"));
		assertThat((String) JsonPath.read(cp, "$.encoding")).isEqualTo("windows-1252");
		assertThat((String) JsonPath.read(cp, "$.preview.rows[0][0]")).isEqualTo("José Müller");

		byte[] mixed = concat("Name,Email\nZoë Utf,utf@imports.test\n".getBytes(StandardCharsets.UTF_8),
				"Zoë Ansi,ansi@imports.test\n".getBytes(Charset.forName("windows-1252")));
		String id = this.api.uploaded("mixed.csv", mixed, "object", "person");
		String done = this.api.runAndWait(id, "run");
		assertThat((Integer) JsonPath.read(done, "$.summary.created")).isEqualTo(2);
		assertThat((Integer) JsonPath.read(done, "$.summary.warnings")).isEqualTo(1);
		assertThat(person("ansi@imports.test").displayName()).isEqualTo("Zoë Ansi");
		assertThat(this.api.report(id)).contains("3,Warning,,,Line 3 is not UTF-8 and was read as Windows-1252");

		String forced = ImportApiSupport.body(
				this.api.upload("cp.csv", "Name,Email\nJosé,x@imports.test\n".getBytes(Charset.forName("windows-1252")),
						"object", "person", "encoding", "windows-1252", "delimiter", ","));
		assertThat((String) JsonPath.read(forced, "$.preview.rows[0][0]")).isEqualTo("José");
	}

	@Test
	void importsAChosenSheetOfAnXlsxFileAndReportsFormulaCells() throws Exception {
		byte[] workbook = Workbooks.of(new String[] { "Notes", "Contacts" }, new Object[][] { { "Nothing here" } },
				new Object[][] { { "Voornaam", "Achternaam", "E-mailadres", "Geboortedatum", "Score" },
						{ "Eva", "Jansen", "eva@imports.test", LocalDate.of(1990, 5, 17), 3 },
						{ "Formula", "Row", "f@imports.test", null, "=1+2" } });
		String upload = ImportApiSupport
			.body(this.api.upload("contacts.xlsx", workbook, "object", "person", "sheet", "Contacts"));
		assertThat((String) JsonPath.read(upload, "$.format")).isEqualTo("xlsx");
		assertThat((List<String>) JsonPath.read(upload, "$.preview.sheets")).containsExactly("Notes", "Contacts");
		assertThat((List<String>) JsonPath.read(upload, "$.columns[*].field")).containsExactly("givenName",
				"familyName", "email", "birthday", null);
		String id = JsonPath.read(upload, "$.id");
		this.api.map(id, "{\"columns\":[{\"index\":0,\"field\":\"givenName\"},{\"index\":1,\"field\":\"familyName\"},"
				+ "{\"index\":2,\"field\":\"email\"},{\"index\":3,\"field\":\"birthday\"},{\"index\":4,\"field\":\"notes\"}]}");
		String done = this.api.runAndWait(id, "run");
		assertThat((Integer) JsonPath.read(done, "$.summary.created")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(done, "$.summary.failed")).isEqualTo(1);
		assertThat(person("eva@imports.test").birthday()).isEqualTo(LocalDate.of(1990, 5, 17));
		assertThat(person("eva@imports.test").notes()).isEqualTo("3");
		assertThat(this.api.report(id)).contains(
				"3,Error,Score,notes,\"Cell E3 holds a formula: formulas are not imported, paste values instead.\"");
		assertThat(people("f@imports.test")).isEmpty();
	}

	@Test
	void importsVCards30And40() throws Exception {
		String vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Visser;Vera;;;\r\nFN:Vera Visser\r\nEMAIL;TYPE=INTERNET:vera@imports.test\r\n"
				+ "TEL;TYPE=CELL:+31 6 11112222\r\nORG:Visser BV\r\nTITLE:Owner\r\nBDAY:1975-04-03\r\n"
				+ "ADR;TYPE=WORK:;;Dorpsstraat 1;Delft;;2611 AA;Netherlands\r\nNOTE:Met at a fair\r\nEND:VCARD\r\n"
				+ "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Kenji Sato\r\nN:Sato;Kenji;;;\r\nEMAIL:kenji@imports.test\r\n"
				+ "TEL;VALUE=uri:tel:+81-3-1234-5678\r\nEND:VCARD\r\n";
		String upload = ImportApiSupport
			.body(this.api.upload("contacts.vcf", vcf.getBytes(StandardCharsets.UTF_8), "object", "person"));
		assertThat((String) JsonPath.read(upload, "$.format")).isEqualTo("vcf");
		String done = this.api.runAndWait(JsonPath.read(upload, "$.id"), "run");
		assertThat((Integer) JsonPath.read(done, "$.summary.created")).isEqualTo(2);
		PersonView vera = person("vera@imports.test");
		assertThat(vera.displayName()).isEqualTo("Vera Visser");
		assertThat(vera.jobTitle()).isEqualTo("Owner");
		assertThat(vera.companyName()).isEqualTo("Visser BV");
		assertThat(vera.birthday()).isEqualTo(LocalDate.of(1975, 4, 3));
		assertThat(vera.addresses().get(0).countryCode()).isEqualTo("NL");
		assertThat(vera.phones().get(0).e164()).isEqualTo("+31611112222");
		assertThat(person("kenji@imports.test").phones().get(0).e164()).isEqualTo("+81312345678");
	}

	@Test
	void savesAMappingAndReusesItForTheNextFile() throws Exception {
		byte[] file = "Klant,Mail\nSaved Map,saved@imports.test\n".getBytes(StandardCharsets.UTF_8);
		String id = this.api.uploaded("odd.csv", file, "object", "person");
		String mapped = ImportApiSupport.body(this.api.map(id,
				"{\"mapping\":{\"0\":\"displayName\",\"1\":\"email\"},\"saveAs\":\"Our shop export\"}"));
		assertThat((List<String>) JsonPath.read(mapped, "$.columns[*].field")).containsExactly("displayName", "email");
		String twice = ImportApiSupport.body(this.api.map(id, "{\"mapping\":{\"0\":\"email\",\"1\":\"email\"}}"));
		assertThat(twice).contains("mapping[1]");
	}

	@Test
	void importsCompaniesDealsActivitiesAndTransactionsLinkedByNameAndEmail() throws Exception {
		existingPerson("Buyer Bob", "bob@imports.test", null);
		String companies = this.api.runAndWait(this.api.uploaded("companies.csv",
				"Company Name,Website,Industry\nAcme BV,acme.test,Retail\n".getBytes(StandardCharsets.UTF_8), "object",
				"company"), "run");
		assertThat((Integer) JsonPath.read(companies, "$.summary.created")).isEqualTo(1);
		String deals = this.api.runAndWait(this.api.uploaded("deals.csv",
				"Deal Name,Amount,Company,Contact Email,Close Date\nBig order,\"1.234,50\",Acme BV,bob@imports.test,2030-01-31\n"
					.getBytes(StandardCharsets.UTF_8),
				"object", "deal"), "run");
		assertThat((Integer) JsonPath.read(deals, "$.summary.created")).isEqualTo(1);
		String activities = this.api.runAndWait(this.api.uploaded("tasks.csv",
				"Subject,Due Date,Email\nCall back,2030-02-01,bob@imports.test\nNo such,2030-02-01,nobody@imports.test\n"
					.getBytes(StandardCharsets.UTF_8),
				"object", "activity"), "run");
		assertThat((Integer) JsonPath.read(activities, "$.summary.created")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(activities, "$.summary.failed")).isEqualTo(1);
		String transactions = this.api.runAndWait(this.api.uploaded("orders.csv",
				"Order ID,Date,Amount,Currency,Email\nord-1,2024-05-01,99.95,EUR,bob@imports.test\n"
					.getBytes(StandardCharsets.UTF_8),
				"object", "transaction"), "run");
		assertThat((Integer) JsonPath.read(transactions, "$.summary.created")).isEqualTo(1);
		String again = this.api.runAndWait(this.api.uploaded("orders.csv",
				"Order ID,Date,Amount,Currency,Email\nord-1,2024-05-01,99.95,EUR,bob@imports.test\n"
					.getBytes(StandardCharsets.UTF_8),
				"object", "transaction"), "run");
		assertThat((Integer) JsonPath.read(again, "$.summary.skipped")).isEqualTo(1);
	}

	@Test
	void updatesACompanyItMatchesByNameAndUndoRestoresIt() throws Exception {
		this.api.runAndWait(this.api.uploaded("first.csv",
				"Company Name,Website,Industry,Notes\nUpdate Works BV,update-works.test,Retail,Kept note\n"
					.getBytes(StandardCharsets.UTF_8),
				"object", "company"), "run");
		byte[] file = "Company Name,Industry,Tags\nUpdate Works BV,Wholesale,Key account\nBrand New BV,Retail,\n"
			.getBytes(StandardCharsets.UTF_8);
		String checked = this.api.runAndWait(
				this.api.uploaded("again.csv", file, "object", "company", "duplicateAction", "update"), "dry-run");
		assertThat((Integer) JsonPath.read(checked, "$.summary.updated")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(checked, "$.summary.created")).isEqualTo(1);
		assertThat(company("Update Works BV").industry()).isEqualTo("Retail");

		String id = this.api.uploaded("again.csv", file, "object", "company", "duplicateAction", "update");
		String done = this.api.runAndWait(id, "run");
		assertThat((Integer) JsonPath.read(done, "$.summary.updated")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(done, "$.summary.created")).isEqualTo(1);
		CompanyView updated = company("Update Works BV");
		assertThat(updated.industry()).isEqualTo("Wholesale");
		assertThat(updated.domain()).isEqualTo("update-works.test");
		assertThat(updated.notes()).isEqualTo("Kept note");
		assertThat(updated.tags()).containsExactly("Key account");
		assertThat(this.api.report(id)).contains("Matches an existing company with the same name");

		String undone = this.api.runAndWait(id, "undo");
		assertThat((String) JsonPath.read(undone, "$.status")).isEqualTo("undone");
		CompanyView restored = company("Update Works BV");
		assertThat(restored.industry()).isEqualTo("Retail");
		assertThat(restored.tags()).isEmpty();
		assertThat(restored.domain()).isEqualTo("update-works.test");
	}

	private CompanyView company(String name) {
		return Actors.callAs(new Actor(this.workspace.id(), this.raviId), () -> {
			UUID id = this.customers.companiesByNames(List.of(name)).get(name);
			return this.customers.findCompany(id).orElseThrow();
		});
	}

	@Test
	void matchesLikelyDuplicatesWithTheFuzzyRules() throws Exception {
		Assumptions.assumeTrue(this.duplicates.getIfAvailable() != null, "duplicate detection is not built in");
		UUID robert = existingPerson("Robert Johnson", "robert@imports.test", null);
		String done = this.api.runAndWait(this.api.uploaded("fuzzy.csv",
				"First Name,Last Name,Email,Job Title\nBob,Johnson,robert@imports.test,Fuzzy\nRobbert,Jonson,,Fuzzy\n"
					.getBytes(StandardCharsets.UTF_8),
				"object", "person", "duplicateAction", "update", "matchOn", "fuzzy"), "run");
		assertThat((Integer) JsonPath.read(done, "$.summary.updated")).isGreaterThanOrEqualTo(1);
		assertThat(find(robert).jobTitle()).isEqualTo("Fuzzy");
	}

	private UUID existingPerson(String name, String email, String phone) {
		return Actors
			.callAs(new Actor(this.workspace.id(), this.raviId),
					() -> this.customers
						.createPerson(
								new PersonChange(null, null, name,
										(email != null) ? List.of(new EmailInput(email, null, true)) : List.of(),
										(phone != null) ? List.of(new PhoneInput(phone, null, true)) : List.of(),
										List.of(), null, null, null, null, null, null, List.of(), null, null, null),
								null)
						.id());
	}

	private List<UUID> people(String email) {
		return Actors.callAs(new Actor(this.workspace.id(), this.raviId),
				() -> this.customers.peopleByEmails(List.of(email)).getOrDefault(email.toLowerCase(), List.of()));
	}

	private PersonView person(String email) {
		List<UUID> ids = people(email);
		assertThat(ids).hasSize(1);
		return find(ids.get(0));
	}

	private PersonView find(UUID id) {
		return Actors.callAs(new Actor(this.workspace.id(), this.raviId), () -> this.customers.findPerson(id))
			.orElseThrow();
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] all = new byte[a.length + b.length];
		System.arraycopy(a, 0, all, 0, a.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}

}
