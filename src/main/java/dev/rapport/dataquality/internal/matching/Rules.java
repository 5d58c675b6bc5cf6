package dev.rapport.dataquality.internal.matching;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.rapport.customers.CustomerKind;
import dev.rapport.dataquality.Duplicates.Level;

/**
 * The duplicate rule of one object: the weight of each comparison (a conflict weighs
 * against) and the scores from which a pair is a "possible" and a "likely" duplicate.
 */
public record Rules(CustomerKind kind, Map<String, Double> weights, double possible, double likely) {

	/** The comparisons of people, in the order the rule page shows them. */
	public static final List<String> PERSON_WEIGHTS = List.of("name", "email", "emailLocal", "phone", "company",
			"address", "city", "conflict");

	/** The comparisons of companies. */
	public static final List<String> COMPANY_WEIGHTS = List.of("name", "domain", "address", "city", "conflict");

	public Rules {
		weights = Map.copyOf(weights);
	}

	/** The rule a workspace starts with. */
	public static Rules defaults(CustomerKind kind) {
		Map<String, Double> weights = new LinkedHashMap<>();
		if (kind == CustomerKind.PERSON) {
			weights.put("name", 0.5);
			weights.put("email", 0.4);
			weights.put("emailLocal", 0.22);
			weights.put("phone", 0.35);
			weights.put("company", 0.1);
			weights.put("address", 0.2);
			weights.put("city", 0.04);
			weights.put("conflict", 0.15);
			return new Rules(kind, weights, 0.45, 0.65);
		}
		weights.put("name", 0.6);
		weights.put("domain", 0.4);
		weights.put("address", 0.25);
		weights.put("city", 0.05);
		weights.put("conflict", 0.15);
		return new Rules(kind, weights, 0.5, 0.75);
	}

	/** The comparisons of an object. */
	public static List<String> comparisons(CustomerKind kind) {
		return (kind == CustomerKind.PERSON) ? PERSON_WEIGHTS : COMPANY_WEIGHTS;
	}

	public double weight(String comparison) {
		Double weight = this.weights.get(comparison);
		return (weight != null) ? weight : defaults(this.kind).weights.getOrDefault(comparison, 0.0);
	}

	/** The level of a score, null below "possible". */
	public @Nullable Level level(double score) {
		if (score >= this.likely) {
			return Level.LIKELY;
		}
		return (score >= this.possible) ? Level.POSSIBLE : null;
	}

}
