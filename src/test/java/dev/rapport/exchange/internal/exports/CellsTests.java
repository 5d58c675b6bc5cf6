package dev.rapport.exchange.internal.exports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which texts a spreadsheet could read as a formula, and how a CSV cell keeps them text.
 */
class CellsTests {

	@Test
	void prefixesTextsStartingWithAFormulaCharacterTabOrCarriageReturn() {
		assertThat(Cells.csv("=1+1")).isEqualTo("'=1+1");
		assertThat(Cells.csv("+31 6 1234")).isEqualTo("'+31 6 1234");
		assertThat(Cells.csv("-5")).isEqualTo("'-5");
		assertThat(Cells.csv("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(Cells.csv("\tcmd")).isEqualTo("'\tcmd");
		assertThat(Cells.csv("\rcmd")).isEqualTo("'\rcmd");
	}

	@Test
	void leavesOtherTextsAlone() {
		assertThat(Cells.csv("Ana = boss")).isEqualTo("Ana = boss");
		assertThat(Cells.csv("'quoted")).isEqualTo("'quoted");
		assertThat(Cells.csv("")).isEmpty();
		assertThat(Cells.csv(null)).isNull();
		assertThat(Cells.risky(" =1")).isFalse();
	}

}
