package dev.rapport.exchange;

import static dev.rapport.exchange.internal.db.Tables.EXCHANGE_FILE;
import static dev.rapport.exchange.internal.db.Tables.EXPORT_JOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import ezvcard.Ezvcard;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.rapport.exchange.internal.exports.Exports;
import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Exports of the people, companies, deals and activities lists: the files read back with
 * commons-csv, POI and ez-vcard, the list's filters and columns, the access policy of the
 * user who exports, formula injection, the job's life and the expiry of its file.
 *
 * <pre>
 * workspace "Exports"
 *   admin ─ Sales manager Mina ─┬─ Sales rep Ravi   (owns what he creates)
 *                               └─ Sales rep Lotte  (owns what she creates)
 * </pre>
 */
@IntegrationTest
class ExportIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsLoader loader;

	@Autowired
	Exports exports;

	@Autowired
	DSLContext dsl;

	private Fixtures.Workspace workspace;

	private UUID raviId;

	private UUID lotteId;

	private String admin;

	private String ravi;

	private String lotte;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Exports");
		UUID minaId = this.fixtures.user(this.workspace.id(), "Mina Manager", "Sales manager", null);
		this.raviId = this.fixtures.user(this.workspace.id(), "Ravi Rep", "Sales rep", minaId);
		this.lotteId = this.fixtures.user(this.workspace.id(), "Lotte Rep", "Sales rep", minaId);
		this.admin = this.fixtures.token(this.workspace.id(), this.workspace.adminId(), "read", "write");
		this.ravi = this.fixtures.token(this.workspace.id(), this.raviId, "read", "write");
		this.lotte = this.fixtures.token(this.workspace.id(), this.lotteId, "read", "write");
	}

	@Test
	void exportsThePeopleListAsCsvWithItsFiltersColumnsAndOnlyTheRecordsOfTheUser() throws Exception {
		person(this.ravi, "{\"givenName\":\"José\",\"familyName\":\"Núñez\",\"jobTitle\":\"Coach\","
				+ "\"emails\":[{\"address\":\"jose@nunez.fit\"}],\"tags\":[\"vip\"]}");
		person(this.ravi, "{\"givenName\":\"伟\",\"familyName\":\"张\",\"jobTitle\":\"Owner\",\"tags\":[\"vip\"]}");
		person(this.ravi, "{\"displayName\":\"Not tagged\",\"jobTitle\":\"Clerk\"}");
		person(this.lotte, "{\"displayName\":\"Lotte's customer\",\"tags\":[\"vip\"]}");

		byte[] file = exportAndDownload(this.ravi, "people", "csv",
				"{\"tag\":\"vip\",\"sort\":\"name\",\"cols\":[\"email\",\"jobTitle\"]}");

		assertThat(file).startsWith(0xEF, 0xBB, 0xBF);
		List<CSVRecord> rows = csv(file);
		assertThat(rows.get(0).toList()).containsExactly("Name", "E-mail", "Job title");
		assertThat(rows.subList(1, rows.size()).stream().map(CSVRecord::toList))
			.containsExactlyInAnyOrder(List.of("José Núñez", "jose@nunez.fit", "Coach"), List.of("张伟", "", "Owner"));

		// The same list exported by the administrator has Lotte's customer too.
		assertThat(csv(exportAndDownload(this.admin, "people", "csv", "{\"tag\":\"vip\"}"))).hasSize(4);
	}

	@Test
	void writesCellsThatLookLikeFormulasAsTextInCsvAndExcel() throws Exception {
		person(this.ravi, "{\"displayName\":\"=HYPERLINK(\\\"http://evil\\\",\\\"x\\\")\",\"jobTitle\":\"+1+2\","
				+ "\"source\":\"@SUM(A1)\"}");
		person(this.ravi, "{\"displayName\":\"-2+3\",\"jobTitle\":\"-1\",\"source\":\"Plain\"}");
		String columns = "{\"sort\":\"name\",\"cols\":[\"jobTitle\",\"source\"]}";

		List<CSVRecord> rows = csv(exportAndDownload(this.ravi, "people", "csv", columns));
		assertThat(rows.subList(1, rows.size()).stream().map(CSVRecord::toList)).containsExactlyInAnyOrder(
				List.of("'-2+3", "'-1", "Plain"), List.of("'=HYPERLINK(\"http://evil\",\"x\")", "'+1+2", "'@SUM(A1)"));

		try (XSSFWorkbook book = new XSSFWorkbook(
				new ByteArrayInputStream(exportAndDownload(this.ravi, "people", "xlsx", columns)))) {
			Sheet sheet = book.getSheetAt(0);
			List<String> texts = new ArrayList<>();
			for (Row row : sheet) {
				for (Cell cell : row) {
					assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
					texts.add(cell.getStringCellValue());
				}
			}
			assertThat(texts).contains("=HYPERLINK(\"http://evil\",\"x\")", "+1+2", "@SUM(A1)", "-2+3", "-1");
			Cell risky = sheet.getRow(1).getCell(0);
			assertThat(risky.getCellStyle().getQuotePrefixed()).isTrue();
		}
	}

	@Test
	void exportsCompaniesDealsAndActivitiesToExcelAndCsvAsTheUserSeesThem() throws Exception {
		send(post("/api/v1/companies"), this.ravi, "{\"name\":\"Acme Fitness\",\"domain\":\"acme.fit\"}")
			.andExpect(status().isCreated());
		send(post("/api/v1/companies"), this.lotte, "{\"name\":\"Lotte Gym\"}").andExpect(status().isCreated());
		send(post("/api/v1/deals"), this.ravi, "{\"name\":\"Gym roll-out\",\"amount\":12000.50,\"currency\":\"EUR\"}")
			.andExpect(status().isCreated());
		send(post("/api/v1/deals"), this.lotte, "{\"name\":\"Other deal\",\"amount\":10}")
			.andExpect(status().isCreated());
		send(post("/api/v1/activities"), this.ravi, "{\"kind\":\"task\",\"title\":\"Send the offer\"}")
			.andExpect(status().isCreated());

		try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
				exportAndDownload(this.ravi, "companies", "xlsx", "{\"cols\":[\"domain\"]}")))) {
			Sheet sheet = book.getSheetAt(0);
			assertThat(sheet.getLastRowNum()).isEqualTo(1);
			assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("Web domain");
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("Acme Fitness");
			assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("acme.fit");
		}
		try (XSSFWorkbook book = new XSSFWorkbook(
				new ByteArrayInputStream(exportAndDownload(this.ravi, "deals", "xlsx", "{\"sort\":\"name\"}")))) {
			Sheet sheet = book.getSheetAt(0);
			assertThat(sheet.getLastRowNum()).isEqualTo(1);
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("Gym roll-out");
			assertThat(sheet.getRow(1).getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(sheet.getRow(1).getCell(3).getNumericCellValue()).isEqualTo(12000.50);
			assertThat(sheet.getRow(1).getCell(4).getStringCellValue()).isEqualTo("EUR");
		}
		List<CSVRecord> activities = csv(exportAndDownload(this.ravi, "activities", "csv", "{\"tab\":\"mine\"}"));
		assertThat(activities).hasSize(2);
		assertThat(activities.get(1).get(1)).isEqualTo("Send the offer");
		assertThat(activities.get(1).get(2)).isEqualTo("Task");
	}

	@Test
	void exportsPeopleAsVcardsThatReadBackInBothVersions() throws Exception {
		String zhang = person(this.ravi, "{\"givenName\":\"伟\",\"familyName\":\"张\",\"jobTitle\":\"Owner\","
				+ "\"emails\":[{\"address\":\"zhang.wei@bjtech.cn\"}],\"phones\":[{\"number\":\"+86 138 0013 8000\"}],"
				+ "\"addresses\":[{\"label\":\"work\",\"street\":\"长安街 1号\",\"city\":\"北京\",\"countryCode\":\"cn\"}],"
				+ "\"birthday\":\"1990-05-04\"}");
		person(this.ravi,
				"{\"givenName\":\"علي\",\"familyName\":\"رضایی\",\"emails\":[{\"address\":\"ali@example.ir\"}]}");

		List<VCard> cards = Ezvcard
			.parse(new String(exportAndDownload(this.ravi, "people", "vcf", "{\"sort\":\"name\"}"),
					StandardCharsets.UTF_8))
			.all();
		assertThat(cards).hasSize(2);
		assertThat(cards).allSatisfy((c) -> assertThat(c.getVersion()).isEqualTo(VCardVersion.V4_0));
		VCard card = cards.stream()
			.filter((c) -> c.getFormattedName().getValue().equals("张伟"))
			.findFirst()
			.orElseThrow();
		assertThat(card.getStructuredName().getFamily()).isEqualTo("张");
		assertThat(card.getStructuredName().getGiven()).isEqualTo("伟");
		assertThat(card.getEmails().get(0).getValue()).isEqualTo("zhang.wei@bjtech.cn");
		assertThat(card.getTelephoneNumbers().get(0).getText()).isEqualTo("+8613800138000");
		assertThat(card.getAddresses().get(0).getStreetAddress()).isEqualTo("长安街 1号");
		assertThat(card.getAddresses().get(0).getLocality()).isEqualTo("北京");
		assertThat(card.getTitles().get(0).getValue()).isEqualTo("Owner");
		assertThat(card.getBirthday().getDate()).hasToString("1990-05-04");

		List<VCard> three = Ezvcard
			.parse(new String(exportAndDownload(this.ravi, "people", "vcf3", "{}"), StandardCharsets.UTF_8))
			.all();
		assertThat(three).extracting((c) -> c.getVersion()).containsOnly(VCardVersion.V3_0);
		assertThat(three).extracting((c) -> c.getFormattedName().getValue())
			.containsExactlyInAnyOrder("张伟", "علي رضایی");

		// One person from their page.
		MvcResult one = this.mvc.perform(get("/exports/people/" + zhang + "/vcard?version=3.0").with(web(this.raviId)))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "text/vcard;charset=UTF-8"))
			.andReturn();
		VCard single = Ezvcard.parse(one.getResponse().getContentAsString(StandardCharsets.UTF_8)).first();
		assertThat(single.getVersion()).isEqualTo(VCardVersion.V3_0);
		assertThat(single.getFormattedName().getValue()).isEqualTo("张伟");
		// Lotte may not read Ravi's person.
		this.mvc.perform(get("/exports/people/" + zhang + "/vcard").with(web(this.lotteId)))
			.andExpect(status().isNotFound());
	}

	@Test
	void keepsTheFileForItsCreatorUntilItExpiresAndTheCleanupDeletesIt() throws Exception {
		person(this.ravi, "{\"displayName\":\"Ada\"}");
		String id = start(this.ravi, "people", "csv", "{}");
		awaitDone(this.ravi, id);
		this.mvc.perform(get("/api/v1/exports/" + id).header("Authorization", bearer(this.ravi)))
			.andExpect(jsonPath("$.status").value("done"))
			.andExpect(jsonPath("$.rowsWritten").value(1))
			.andExpect(jsonPath("$.downloadable").value(true))
			.andExpect(jsonPath("$.expiresAt").isNotEmpty());
		// Someone else's export is not found; an administrator may download it.
		this.mvc.perform(get("/api/v1/exports/" + id).header("Authorization", bearer(this.lotte)))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/exports/" + id + "/file").header("Authorization", bearer(this.lotte)))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/exports/" + id + "/file").header("Authorization", bearer(this.admin)))
			.andExpect(status().isOk());
		// The page of the export and the list of exports offer the download.
		this.mvc.perform(get("/exports/" + id).with(web(this.raviId)))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("/exports/" + id + "/file")));
		this.mvc.perform(get("/exports").with(web(this.raviId)))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("/exports/" + id + "/file")));

		// Its time has come: the cleanup job deletes the file.
		UUID fileId = this.dsl.select(EXPORT_JOB.FILE_ID)
			.from(EXPORT_JOB)
			.where(EXPORT_JOB.ID.eq(UUID.fromString(id)))
			.fetchSingle(EXPORT_JOB.FILE_ID);
		OffsetDateTime past = OffsetDateTime.now().minusMinutes(1);
		this.dsl.update(EXCHANGE_FILE).set(EXCHANGE_FILE.EXPIRES_AT, past).where(EXCHANGE_FILE.ID.eq(fileId)).execute();
		this.dsl.update(EXPORT_JOB)
			.set(EXPORT_JOB.EXPIRES_AT, past)
			.where(EXPORT_JOB.ID.eq(UUID.fromString(id)))
			.execute();
		assertThat(this.exports.cleanup()).isGreaterThanOrEqualTo(1);
		assertThat(this.dsl.fetchExists(EXCHANGE_FILE, EXCHANGE_FILE.ID.eq(fileId))).isFalse();
		this.mvc.perform(get("/api/v1/exports/" + id).header("Authorization", bearer(this.ravi)))
			.andExpect(jsonPath("$.downloadable").value(false));
		this.mvc.perform(get("/api/v1/exports/" + id + "/file").header("Authorization", bearer(this.ravi)))
			.andExpect(status().isNotFound());
	}

	@Test
	void startsAnExportFromTheListsButtonAndRefusesWhatItCannotRead() throws Exception {
		person(this.ravi, "{\"displayName\":\"Bea\"}");
		MvcResult started = this.mvc
			.perform(post("/exports").with(web(this.raviId))
				.with(csrf())
				.param("object", "people")
				.param("format", "xlsx")
				.param("query", "q=bea&cols=email&cursor=abc"))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		String location = started.getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/exports/");
		awaitDone(this.ravi, location.substring("/exports/".length()));

		send(post("/api/v1/exports"), this.ravi, "{\"object\":\"invoices\",\"format\":\"csv\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("object"));
		send(post("/api/v1/exports"), this.ravi, "{\"object\":\"deals\",\"format\":\"vcf\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("format"));
		send(post("/api/v1/exports"), this.ravi, "{\"object\":\"deals\",\"parameters\":{\"sort\":\"colour\"}}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("sort"));
	}

	private String person(String token, String json) throws Exception {
		return JsonPath.read(send(post("/api/v1/people"), token, json).andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
	}

	private String start(String token, String object, String format, String parameters) throws Exception {
		MvcResult result = send(post("/api/v1/exports"), token,
				"{\"object\":\"%s\",\"format\":\"%s\",\"parameters\":%s}".formatted(object, format, parameters))
			.andExpect(status().isAccepted())
			.andExpect(header().exists("Location"))
			.andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
	}

	private void awaitDone(String token, String id) throws Exception {
		long until = System.currentTimeMillis() + 30_000;
		String state = "";
		while (System.currentTimeMillis() < until) {
			state = JsonPath.read(this.mvc.perform(get("/api/v1/exports/" + id).header("Authorization", bearer(token)))
				.andReturn()
				.getResponse()
				.getContentAsString(), "$.status");
			if (state.equals("done") || state.equals("failed")) {
				break;
			}
			Thread.sleep(100);
		}
		assertThat(state).isEqualTo("done");
	}

	private byte[] exportAndDownload(String token, String object, String format, String parameters) throws Exception {
		String id = start(token, object, format, parameters);
		awaitDone(token, id);
		return this.mvc.perform(get("/api/v1/exports/" + id + "/file").header("Authorization", bearer(token)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
	}

	private static List<CSVRecord> csv(byte[] file) throws Exception {
		// The byte order mark is for Excel; skip it.
		ByteArrayInputStream in = new ByteArrayInputStream(file, 3, file.length - 3);
		return CSVFormat.DEFAULT.parse(new InputStreamReader(in, StandardCharsets.UTF_8)).getRecords();
	}

	private ResultActions send(MockHttpServletRequestBuilder request, String token, String json) throws Exception {
		return this.mvc.perform(
				request.header("Authorization", bearer(token)).contentType(MediaType.APPLICATION_JSON).content(json));
	}

	private org.springframework.test.web.servlet.request.RequestPostProcessor web(UUID userId) {
		return user(this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), userId)));
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

}
