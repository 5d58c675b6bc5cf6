package dev.rapport.customers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Estimated counts are shown to two significant digits. */
class CountEstimateTests {

	@Test
	void estimatesAreRoundedToTwoSignificantDigits() {
		assertThat(ListCount.roughly(123_456)).isEqualTo(120_000);
		assertThat(ListCount.roughly(10_951)).isEqualTo(11_000);
		assertThat(ListCount.roughly(1_049_000)).isEqualTo(1_000_000);
		assertThat(ListCount.roughly(99)).isEqualTo(99);
	}

}
