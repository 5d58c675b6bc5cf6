package dev.rapport.dataquality.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.rapport.dataquality.internal.merge.MergeFields.Source;

/** The values a merge proposes and how lists are joined. */
class MergeFieldsTests {

	@Test
	void proposesTheValueOfTheRecordChangedLastUnlessItIsEmpty() {
		assertThat(MergeFields.defaultSource("jobTitle", "Buyer", "Head buyer", true)).isEqualTo(Source.MERGED);
		assertThat(MergeFields.defaultSource("jobTitle", "Buyer", "Head buyer", false)).isEqualTo(Source.SURVIVOR);
		assertThat(MergeFields.defaultSource("jobTitle", "Buyer", " ", true)).isEqualTo(Source.SURVIVOR);
		assertThat(MergeFields.defaultSource("jobTitle", null, "Head buyer", false)).isEqualTo(Source.MERGED);
		assertThat(MergeFields.defaultSource("tags", List.of("VIP"), List.of(), false)).isEqualTo(Source.BOTH);
	}

	@Test
	void joinsListsWithoutTwiceTheSameAddressNumberOrTag() {
		List<Object> emails = MergeFields.union("emails",
				List.of(Map.of("address", "Ana@Example.org", "label", "work", "primary", true)),
				List.of(Map.of("address", "ana@example.org", "label", "home", "primary", true),
						Map.of("address", "ana@home.example", "label", "home", "primary", true)));
		assertThat(emails).extracting((e) -> (Object) ((Map<?, ?>) e).get("address"))
			.containsExactly("Ana@Example.org", "ana@home.example");
		assertThat(emails).extracting((e) -> (Object) ((Map<?, ?>) e).get("primary")).containsExactly(true, false);
		List<Object> phones = MergeFields.union("phones",
				List.of(Map.of("number", "06 12345678", "e164", "+31612345678")),
				List.of(Map.of("number", "+31 6 1234 5678", "e164", "+31612345678")));
		assertThat(phones).hasSize(1);
		assertThat(MergeFields.union("tags", List.of("VIP"), List.of("vip", "Golf"))).containsExactly("VIP", "Golf");
	}

	@Test
	void takesTheMergedListWhenTheSurvivorHasNone() {
		List<Object> emails = MergeFields.union("emails", List.of(),
				List.of(Map.of("address", "bo@example.org", "label", "work", "primary", true)));
		assertThat(emails).extracting((e) -> (Object) ((Map<?, ?>) e).get("primary")).containsExactly(true);
		assertThat(MergeFields.choose("emails", Source.MERGED, List.of("x"), List.of("y"))).isEqualTo(List.of("y"));
	}

}
