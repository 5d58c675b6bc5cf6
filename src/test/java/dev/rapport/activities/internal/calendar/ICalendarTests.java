package dev.rapport.activities.internal.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Folding and escaping of iCalendar content lines (RFC 5545 sections 3.1 and 3.3.11). */
class ICalendarTests {

	@Test
	void foldsAtSeventyFiveOctetsWithoutSplittingACharacter() {
		String line = "SUMMARY:" + "a".repeat(66) + "语言😀مشتری" + "b".repeat(100);
		String folded = ICalendar.fold(line);
		for (String physical : folded.split("\r\n")) {
			byte[] octets = physical.getBytes(StandardCharsets.UTF_8);
			assertThat(octets.length).isLessThanOrEqualTo(75);
			assertThat(new String(octets, StandardCharsets.UTF_8)).isEqualTo(physical).doesNotContain("\uFFFD");
		}
		assertThat(folded.replace("\r\n ", "")).isEqualTo(line);
		// 8 + 66 ASCII octets leave one octet: the three-octet character starts the next
		// line.
		assertThat(folded.split("\r\n")[0]).hasSize(74);
	}

	@Test
	void escapesTextValues() {
		assertThat(ICalendar.text("a\\b;c,d\ne\r\nf\rg\u0007")).isEqualTo("a\\\\b\\;c\\,d\\ne\\nf\\ng");
		assertThat(ICalendar.fold("SHORT:line")).isEqualTo("SHORT:line");
	}

}
