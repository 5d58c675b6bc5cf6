package dev.rapport.dataquality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.junit.jupiter.api.Test;

import dev.rapport.customers.CustomerKind;
import dev.rapport.dataquality.Duplicates.Level;
import dev.rapport.dataquality.Duplicates.Match;
import dev.rapport.dataquality.internal.matching.Matcher;
import dev.rapport.dataquality.internal.matching.Profile;
import dev.rapport.dataquality.internal.matching.Rules;

/**
 * The accuracy of duplicate detection with the default rules on a generated set with
 * known duplicates ({@link DuplicateSetGenerator}), compared as the scan compares them:
 * only records sharing a blocking key, blocks capped as in the scan. "Likely" must reach
 * a precision of 0.97 and a recall of 0.93.
 */
class DuplicateAccuracyTests {

	private static final int ORIGINALS = 10_000;

	private static final long SEED = 20261125L;

	@Test
	void likelyDuplicatesAreFoundWithHighPrecisionAndRecall() {
		List<DuplicateSetGenerator.Row> rows = new DuplicateSetGenerator(SEED).generate(ORIGINALS);
		List<Profile> profiles = rows.stream().map(DuplicateAccuracyTests::profile).toList();
		Rules rules = Rules.defaults(CustomerKind.PERSON);

		long truePairs = 0;
		Map<Integer, Integer> clusterSizes = new HashMap<>();
		rows.forEach((r) -> clusterSizes.merge(r.cluster(), 1, Integer::sum));
		for (int size : clusterSizes.values()) {
			truePairs += (long) size * (size - 1) / 2;
		}

		Map<String, List<Integer>> blocks = new HashMap<>();
		for (int i = 0; i < profiles.size(); i++) {
			for (String key : Matcher.blockingKeys(profiles.get(i))) {
				blocks.computeIfAbsent(key, (k) -> new ArrayList<>()).add(i);
			}
		}
		Set<Long> compared = new HashSet<>();
		int likelyTrue = 0;
		int likelyFalse = 0;
		int possibleTrue = 0;
		int possibleFalse = 0;
		for (Map.Entry<String, List<Integer>> entry : blocks.entrySet()) {
			List<Integer> block = entry.getValue();
			if (block.size() > Matcher.blockCap(entry.getKey())) {
				continue;
			}
			for (int x = 0; x < block.size(); x++) {
				for (int y = x + 1; y < block.size(); y++) {
					int a = block.get(x);
					int b = block.get(y);
					if (!compared.add((long) Math.min(a, b) * 1_000_000 + Math.max(a, b))) {
						continue;
					}
					Match match = Matcher.compare(profiles.get(a), profiles.get(b), rules);
					boolean same = rows.get(a).cluster() == rows.get(b).cluster();
					// DUP_DEBUG=1 prints what was missed and what was taken for a
					// duplicate.
					if (System.getenv("DUP_DEBUG") != null && same && match.level() != Level.LIKELY) {
						System.out.println("MISS " + rows.get(a) + "\n     " + rows.get(b) + "\n     " + match);
					}
					if (System.getenv("DUP_DEBUG") != null && !same && match.level() == Level.LIKELY) {
						System.out.println("FALSE " + rows.get(a) + "\n     " + rows.get(b) + "\n     " + match);
					}
					if (match.level() == Level.LIKELY) {
						if (same) {
							likelyTrue++;
						}
						else {
							likelyFalse++;
						}
					}
					if (match.level() != null) {
						if (same) {
							possibleTrue++;
						}
						else {
							possibleFalse++;
						}
					}
				}
			}
		}
		double precision = likelyTrue / (double) (likelyTrue + likelyFalse);
		double recall = likelyTrue / (double) truePairs;
		System.out.printf(
				"Duplicate accuracy (seed %d): %d people, %d true duplicate pairs, %d pairs compared (of %d possible)%n"
						+ "  likely:             precision %.4f, recall %.4f (%d right, %d wrong)%n"
						+ "  possible or likely: precision %.4f, recall %.4f (%d right, %d wrong)%n",
				SEED, rows.size(), truePairs, compared.size(), (long) rows.size() * (rows.size() - 1) / 2, precision,
				recall, likelyTrue, likelyFalse, possibleTrue / (double) (possibleTrue + possibleFalse),
				possibleTrue / (double) truePairs, possibleTrue, possibleFalse);
		assertThat(precision).isGreaterThanOrEqualTo(0.97);
		assertThat(recall).isGreaterThanOrEqualTo(0.93);
	}

	private static Profile profile(DuplicateSetGenerator.Row row) {
		List<String> phones = new ArrayList<>();
		for (String typed : row.phones()) {
			try {
				var util = PhoneNumberUtil.getInstance();
				phones.add(util.format(util.parse(typed, "NL"), PhoneNumberUtil.PhoneNumberFormat.E164));
			}
			catch (NumberParseException ex) {
				// left out, as the application leaves out a number it cannot read
			}
		}
		return Profile.person(null, row.givenName(), row.familyName(), null, row.emails(), phones, null,
				(row.street() != null || row.city() != null)
						? List.of(new Profile.Address(row.street(), row.postalCode(), row.city())) : List.of());
	}

}
