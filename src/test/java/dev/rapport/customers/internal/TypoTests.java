package dev.rapport.customers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which words count as one typo apart. */
class TypoTests {

	@Test
	void oneLetterChangedAddedLeftOutOrSwappedIsOneTypo() {
		assertThat(TextKeys.oneEditApart("jansen", "jansen")).isTrue();
		assertThat(TextKeys.oneEditApart("jansne", "jansen")).isTrue();
		assertThat(TextKeys.oneEditApart("jansen", "janssen")).isTrue();
		assertThat(TextKeys.oneEditApart("janssen", "jansen")).isTrue();
		assertThat(TextKeys.oneEditApart("jansan", "jansen")).isTrue();
		assertThat(TextKeys.oneEditApart("fernandes", "fernandez")).isTrue();
		assertThat(TextKeys.oneEditApart("محمدی", "محمودی")).isTrue();
		assertThat(TextKeys.oneEditApart("jansen", "jonsan")).isFalse();
		assertThat(TextKeys.oneEditApart("jansen", "jan")).isFalse();
		assertThat(TextKeys.oneEditApart("abcd", "badc")).isFalse();
	}

}
