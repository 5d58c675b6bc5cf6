package dev.rapport.exchange.internal.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.rapport.platform.BusinessRuleException;

/** The pure parts of reading a file: delimiters, encodings, values, guards, mapping. */
class ImportParsingTests {

	@Test
	void sniffsTheDelimiterRespectingQuotes() {
		assertThat(Sniffer.delimiter("a;b;c\n1;\"x,y,z\";3\n4;5;6\n")).isEqualTo(';');
		assertThat(Sniffer.delimiter("a\tb\n1\t2\n")).isEqualTo('\t');
		assertThat(Sniffer.delimiter("a|b|c\n1|2|3\n")).isEqualTo('|');
		assertThat(Sniffer.delimiter("name,notes\nx,\"a;b;c;d\"\n")).isEqualTo(',');
		assertThat(Sniffer.delimiter("one column\nvalue\n")).isEqualTo(',');
	}

	@Test
	void detectsEncodings() {
		byte[] utf8 = "Naam\nZoë\n".getBytes(StandardCharsets.UTF_8);
		assertThat(Decoding.detect(utf8, utf8.length)).isEqualTo(Decoding.UTF_8);
		byte[] ansi = "Naam\nZoë\n".getBytes(Charset.forName("windows-1252"));
		assertThat(Decoding.detect(ansi, ansi.length)).isEqualTo(Decoding.WINDOWS_1252);
		byte[] le = "Name\nZoë\n".getBytes(StandardCharsets.UTF_16LE);
		assertThat(Decoding.detect(le, le.length)).isEqualTo(Decoding.UTF_16LE);
		byte[] be = "Name\nZoë\n".getBytes(StandardCharsets.UTF_16BE);
		assertThat(Decoding.detect(be, be.length)).isEqualTo(Decoding.UTF_16BE);
		byte[] binary = { 'a', 0, 1, 2, 3, 0, 0, 0, 9, 0, (byte) 0xff, 0x7f, 0, 0 };
		assertThatThrownBy(() -> Decoding.detect(binary, binary.length)).isInstanceOf(BusinessRuleException.class);
	}

	@Test
	void readsDatesAndAmountsAsSpreadsheetsWriteThem() {
		assertThat(Values.date("2024-03-31")).contains(LocalDate.of(2024, 3, 31));
		assertThat(Values.date("31-03-2024")).contains(LocalDate.of(2024, 3, 31));
		assertThat(Values.date("1.3.2024")).contains(LocalDate.of(2024, 3, 1));
		assertThat(Values.date("03/31/2024")).contains(LocalDate.of(2024, 3, 31));
		assertThat(Values.date("2024-03-31T10:00:00")).contains(LocalDate.of(2024, 3, 31));
		assertThat(Values.date("31-31-2020")).isEmpty();
		assertThat(Values.date("soon")).isEmpty();
		assertThat(Values.amount("1.234,50")).contains(new BigDecimal("1234.50"));
		assertThat(Values.amount("$1,234.50")).contains(new BigDecimal("1234.50"));
		assertThat(Values.amount("1,234")).contains(new BigDecimal("1234"));
		assertThat(Values.amount("99,95")).contains(new BigDecimal("99.95"));
		assertThat(Values.amount("EUR 12")).contains(new BigDecimal("12"));
		assertThat(Values.amount("twelve")).isEmpty();
	}

	@Test
	void theGuardRefusesALongRecordButNotManyShortOnes() throws Exception {
		GuardedReader ok = new GuardedReader(new StringReader("a,b\n".repeat(10_000)), 100, true);
		assertThat(ok.transferTo(java.io.Writer.nullWriter())).isEqualTo(40_000);
		GuardedReader quoted = new GuardedReader(new StringReader("a,\"" + "x\n".repeat(100) + "\"\n"), 100, true);
		assertThatThrownBy(() -> quoted.transferTo(java.io.Writer.nullWriter()))
			.isInstanceOf(BusinessRuleException.class)
			.hasMessage("imports.file.line-too-long");
	}

	@Test
	void suggestsFieldsFromHubSpotHeadersAndCustomFieldLabels() {
		List<String> hubspot = List.of("Record ID", "First Name", "Last Name", "Email", "Phone Number",
				"Mobile Phone Number", "Company Name", "Job Title", "Street Address", "City", "State/Region",
				"Postal Code", "Country/Region", "Contact owner", "Lifecycle Stage");
		assertThat(ImportFields.suggest("person", hubspot, List.of()).values()).containsExactly("externalId",
				"givenName", "familyName", "email", "phone", "mobile", "company", "jobTitle", "street", "city",
				"region", "postalCode", "country", "owner");
		dev.rapport.customization.FieldDefinition loyalty = new dev.rapport.customization.FieldDefinition(
				java.util.UUID.randomUUID(), "company", "loyalty_level", "Loyalty level",
				dev.rapport.customization.FieldType.TEXT, false, null, null, null, null, null, List.of(), null, 0,
				false, 1);
		assertThat(ImportFields.suggest("company", List.of("Nombre de la empresa", "Sitio web", "Loyalty Level"),
				List.of(loyalty)))
			.containsEntry(0, "name")
			.containsEntry(1, "domain")
			.containsEntry(2, "custom.loyalty_level");
	}

	@Test
	void knowsCountriesByCodeAndName() {
		assertThat(Countries.code("nl")).isEqualTo("NL");
		assertThat(Countries.code("Nederland")).isEqualTo("NL");
		assertThat(Countries.code("España")).isEqualTo("ES");
		assertThat(Countries.code("United States")).isEqualTo("US");
		assertThat(Countries.code("Atlantis")).isNull();
	}

	@Test
	void remembersTheFirstRowOfAKey() {
		LongIntMap seen = new LongIntMap();
		for (int i = 1; i <= 5000; i++) {
			assertThat(seen.putIfAbsent(LongIntMap.hash("e:" + i), i)).isZero();
		}
		assertThat(seen.putIfAbsent(LongIntMap.hash("e:42"), 9999)).isEqualTo(42);
		assertThat(seen.get(LongIntMap.hash("e:none"))).isZero();
	}

}
