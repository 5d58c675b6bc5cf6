package dev.rapport.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dev.rapport.customers.Customers;
import dev.rapport.exchange.internal.imports.ImportService;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Hostile and broken files are refused with a message naming the problem and leave the
 * database unchanged: no import, no file, no person. Every file is generated here.
 */
@IntegrationTest
class HostileImportsIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Customers customers;

	@Autowired
	ImportService imports;

	private Actor actor;

	private ImportApiSupport api;

	@BeforeEach
	void workspace() {
		Fixtures.Workspace workspace = this.fixtures.workspace("Hostile");
		UUID userId = this.fixtures.user(workspace.id(), "Hana Hostile", "Sales rep", null);
		this.actor = new Actor(workspace.id(), userId);
		this.api = new ImportApiSupport(this.mvc, this.fixtures.token(workspace.id(), userId, "read", "write"));
	}

	@AfterEach
	void nothingWasKept() {
		Actors.runAs(this.actor, () -> {
			assertThat(this.customers.anyPeople()).isFalse();
			assertThat(this.imports.recent(10)).isEmpty();
		});
	}

	@Test
	void refusesATruncatedWorkbook() throws Exception {
		byte[] workbook = Workbooks.of(new String[] { "People" }, new Object[][] { { "Name" }, { "Cut Off" } });
		refused("cut.xlsx", Arrays.copyOf(workbook, workbook.length / 2), "The Excel file is damaged or incomplete.");
	}

	@Test
	void refusesAZipBomb() throws Exception {
		byte[] workbook = Workbooks.of(new String[] { "People" }, new Object[][] { { "Name" }, { "Bomb" } });
		byte[] bomb = Workbooks.replacing(workbook, "xl/worksheets/sheet1.xml", (xml) -> {
			byte[] padding = new byte[30 * 1024 * 1024];
			Arrays.fill(padding, (byte) ' ');
			String start = xml.substring(0, xml.indexOf("<sheetData"));
			byte[] head = start.getBytes(StandardCharsets.UTF_8);
			byte[] tail = xml.substring(xml.indexOf("<sheetData")).getBytes(StandardCharsets.UTF_8);
			byte[] all = new byte[head.length + padding.length + tail.length];
			System.arraycopy(head, 0, all, 0, head.length);
			System.arraycopy(padding, 0, all, head.length, padding.length);
			System.arraycopy(tail, 0, all, head.length + padding.length, tail.length);
			return all;
		});
		refused("bomb.xlsx", bomb, "zip bomb");
	}

	@Test
	void refusesXmlEntitiesInAWorkbook() throws Exception {
		byte[] workbook = Workbooks.of(new String[] { "People" }, new Object[][] { { "Name" }, { "Entity" } });
		byte[] xxe = Workbooks.replacing(workbook, "xl/worksheets/sheet1.xml", (xml) -> xml
			.replaceFirst("<worksheet", "<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><worksheet")
			.replace("<sheetData>",
					"<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>")
			.getBytes(StandardCharsets.UTF_8));
		refused("xxe.xlsx", xxe, "DOCTYPE");
	}

	@Test
	void refusesALineLongerThanTheLimitBeforeReadingIt() throws Exception {
		byte[] line = new byte[2 * 1024 * 1024];
		Arrays.fill(line, (byte) 'a');
		refused("long.csv", line, "Line 1 is longer than 1,048,576 characters");
		byte[] quoted = ("Name,Notes\nx,\"" + "many short lines\n".repeat(80_000) + "\"\n")
			.getBytes(StandardCharsets.UTF_8);
		refused("quoted.csv", quoted, "is longer than 1,048,576 characters");
	}

	@Test
	void refusesInvalidUtf8WhenUtf8IsChosen() throws Exception {
		refused("ansi.csv", "Name\nJosé\n".getBytes(Charset.forName("windows-1252")), "Line 2 is not valid UTF-8",
				"encoding", "UTF-8");
	}

	@Test
	void refusesABinaryFilePosingAsCsv() throws Exception {
		byte[] binary = new byte[4096];
		new Random(7).nextBytes(binary);
		binary[10] = 0;
		binary[11] = 0;
		binary[100] = 0;
		refused("people.csv", binary, "This file is not text");
	}

	@Test
	void refusesTooManyColumns() throws Exception {
		refused("wide.csv", ("c,".repeat(600) + "c\n").getBytes(StandardCharsets.UTF_8), "more than 500 columns");
	}

	@Test
	void refusesAnUnclosedQuote() throws Exception {
		refused("quote.csv", "Name,Notes\nx,\"never closed\n".getBytes(StandardCharsets.UTF_8),
				"a quoted value is not closed");
	}

	@Test
	void refusesAnOldExcelFile() throws Exception {
		refused("old.xls", new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 1, 2, 3, 4 }, "(.xls)");
	}

	private void refused(String name, byte[] content, String message, String... params) throws Exception {
		String[] all = new String[params.length + 2];
		all[0] = "object";
		all[1] = "person";
		System.arraycopy(params, 0, all, 2, params.length);
		MvcResult result = this.api.upload(name, content, all);
		String body = ImportApiSupport.body(result);
		assertThat(result.getResponse().getStatus()).as(body).isEqualTo(422);
		assertThat((String) JsonPath.read(body, "$.detail")).contains(message);
		assertThat(body).contains("file");
	}

}
