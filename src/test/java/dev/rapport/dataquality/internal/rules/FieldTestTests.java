package dev.rapport.dataquality.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** How one comparison of a validation rule reads a record's values. */
class FieldTestTests {

	@Test
	void emptyMeansNothingBlankOrNoItems() {
		FieldTest empty = FieldTest.compile("emails", RuleOperator.IS_EMPTY, null);
		assertThat(empty.holds(values("emails", List.of()))).isTrue();
		assertThat(empty.holds(values("emails", List.of(" ")))).isTrue();
		assertThat(empty.holds(values("emails", null))).isTrue();
		assertThat(empty.holds(values("emails", List.of("a@b.nl")))).isFalse();
		assertThat(FieldTest.compile("notes", RuleOperator.NOT_EMPTY, null).holds(values("notes", "  "))).isFalse();
	}

	@Test
	void textComparesWithoutCaseAndListsMatchWhenAnyItemDoes() {
		assertThat(FieldTest.compile("lifecycleStage", RuleOperator.EQUALS, "Active")
			.holds(values("lifecycleStage", "active"))).isTrue();
		assertThat(FieldTest.compile("tags", RuleOperator.CONTAINS, "vip")
			.holds(values("tags", List.of("Retail", "VIP gold")))).isTrue();
		assertThat(FieldTest.compile("tags", RuleOperator.NOT_EQUALS, "blocked")
			.holds(values("tags", List.of("x", "Blocked")))).isFalse();
		assertThat(
				FieldTest.compile("source", RuleOperator.IN_LIST, "web, fair ,phone").holds(values("source", "Fair")))
			.isTrue();
		assertThat(FieldTest.compile("source", RuleOperator.IN_LIST, "web,fair").holds(values("source", "mail")))
			.isFalse();
	}

	@Test
	void numbersAndDatesCompareAsSuch() {
		assertThat(FieldTest.compile("amount", RuleOperator.GREATER_THAN, "100")
			.holds(values("amount", new BigDecimal("99.50")))).isFalse();
		assertThat(FieldTest.compile("amount", RuleOperator.GREATER_THAN, "100")
			.holds(values("amount", new BigDecimal("1000")))).isTrue();
		assertThat(
				FieldTest.compile("amount", RuleOperator.EQUALS, "10").holds(values("amount", new BigDecimal("10.00"))))
			.isTrue();
		assertThat(FieldTest.compile("birthday", RuleOperator.LESS_THAN, "2000-01-01")
			.holds(values("birthday", LocalDate.of(1999, 12, 31)))).isTrue();
		// Not comparable: a text against a number never passes "greater than".
		assertThat(FieldTest.compile("name", RuleOperator.GREATER_THAN, "5").holds(values("name", "abc"))).isFalse();
	}

	@Test
	void patternsMatchTheWholeValueAndGiveUpAfterFiftyMilliseconds() {
		FieldTest postcode = FieldTest.compile("custom.postcode", RuleOperator.MATCHES, "[1-9][0-9]{3} ?[A-Z]{2}");
		assertThat(postcode.holds(values("custom.postcode", "1234 AB"))).isTrue();
		assertThat(postcode.holds(values("custom.postcode", "x1234 AB"))).isFalse();
		FieldTest evil = FieldTest.compile("notes", RuleOperator.MATCHES, "(a+)+$");
		long start = System.nanoTime();
		assertThat(evil.holds(values("notes", "a".repeat(40) + "!"))).isFalse();
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
	}

	private static Map<String, Object> values(String field, Object value) {
		Map<String, Object> values = new HashMap<>();
		values.put(field, value);
		return values;
	}

}
