package dev.rapport.exchange.internal.imports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tells the delimiter of a CSV file from its first lines. */
final class Sniffer {

	/** The delimiters tried, in order of preference on a tie. */
	static final List<Character> DELIMITERS = List.of(',', ';', '\t', '|');

	private Sniffer() {
	}

	/**
	 * The delimiter that splits the first records (quotes respected) into the same number
	 * of fields most often, with more than one field; a comma when none does.
	 */
	static char delimiter(String sample) {
		char best = ',';
		double bestScore = 0;
		for (char d : DELIMITERS) {
			Map<Integer, Integer> counts = new HashMap<>();
			int records = 0;
			int fields = 1;
			boolean quoted = false;
			for (int i = 0; i < sample.length() && records < 50; i++) {
				char c = sample.charAt(i);
				if (c == '"') {
					quoted = !quoted;
				}
				else if (!quoted && c == d) {
					fields++;
				}
				else if (!quoted && c == '\n') {
					if (i > 0) {
						counts.merge(fields, 1, Integer::sum);
						records++;
					}
					fields = 1;
				}
			}
			if (records == 0) {
				counts.merge(fields, 1, Integer::sum);
				records = 1;
			}
			int mode = 0;
			int modeCount = 0;
			for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
				if (e.getValue() > modeCount || (e.getValue() == modeCount && e.getKey() > mode)) {
					mode = e.getKey();
					modeCount = e.getValue();
				}
			}
			if (mode <= 1) {
				continue;
			}
			double score = (double) modeCount / records * Math.min(mode, 20);
			if (score > bestScore) {
				bestScore = score;
				best = d;
			}
		}
		return best;
	}

}
