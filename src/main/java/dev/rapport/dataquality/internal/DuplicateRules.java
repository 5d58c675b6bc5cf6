package dev.rapport.dataquality.internal;

import static dev.rapport.dataquality.internal.db.Tables.DUPLICATE_RULE;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jooq.DSLContext;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.CustomerKind;
import dev.rapport.dataquality.internal.db.tables.records.DuplicateRuleRecord;
import dev.rapport.dataquality.internal.matching.Rules;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.WorkspaceScope;

/**
 * The duplicate rules of the current workspace, one per object: the defaults until an
 * administrator changes them.
 */
@Service
public class DuplicateRules {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DSLContext dsl;

	DuplicateRules(DSLContext dsl) {
		this.dsl = dsl;
	}

	/** A rule as the rule page and the API show it; version 0 while it is the default. */
	public record RuleView(CustomerKind kind, Map<String, Double> weights, double possible, double likely,
			int version) {
	}

	@Transactional(readOnly = true)
	public Rules current(CustomerKind kind) {
		DuplicateRuleRecord row = find(kind);
		if (row == null) {
			return Rules.defaults(kind);
		}
		return new Rules(kind, weights(kind, row.getWeights()), row.getPossibleThreshold().doubleValue(),
				row.getLikelyThreshold().doubleValue());
	}

	@Transactional(readOnly = true)
	public RuleView view(CustomerKind kind) {
		Rules rules = current(kind);
		DuplicateRuleRecord row = find(kind);
		Map<String, Double> ordered = new LinkedHashMap<>();
		Rules.comparisons(kind).forEach((c) -> ordered.put(c, rules.weight(c)));
		return new RuleView(kind, ordered, rules.possible(), rules.likely(), (row != null) ? row.getVersion() : 0);
	}

	/**
	 * Replaces a rule. Rejects a stale version, a weight outside 0 to 1 or of an unknown
	 * comparison (naming {@code weights.<comparison>}), and thresholds that are not
	 * {@code 0 < possible < likely <= 1}.
	 */
	@Transactional
	public RuleView update(CustomerKind kind, int version, Map<String, Double> weights, double possible,
			double likely) {
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		Map<String, Double> merged = new LinkedHashMap<>();
		Rules.comparisons(kind).forEach((c) -> merged.put(c, Rules.defaults(kind).weight(c)));
		weights.forEach((comparison, weight) -> {
			if (!merged.containsKey(comparison)) {
				problems.reject("weights." + comparison, "duplicates.rules.unknown-comparison", comparison);
			}
			else if (weight == null || weight < 0 || weight > 1 || weight.isNaN()) {
				problems.reject("weights." + comparison, "duplicates.rules.weight-range");
			}
			else {
				merged.put(comparison, weight);
			}
		});
		if (!(possible > 0 && possible < 1)) {
			problems.reject("possible", "duplicates.rules.threshold-range");
		}
		if (!(likely > possible && likely <= 1)) {
			problems.reject("likely", "duplicates.rules.likely-above-possible");
		}
		problems.throwIfAny();
		DuplicateRuleRecord row = find(kind);
		if (row == null) {
			if (version != 0) {
				throw new StaleVersionException("duplicate-rule", 0);
			}
			row = this.dsl.newRecord(DUPLICATE_RULE);
			row.setId(Ids.newId());
			row.setKind(code(kind));
		}
		else {
			StaleVersionException.check("duplicate-rule", version, row.getVersion());
		}
		row.setWeights(JSON.writeValueAsString(merged));
		row.setPossibleThreshold(BigDecimal.valueOf(possible).setScale(3, java.math.RoundingMode.HALF_UP));
		row.setLikelyThreshold(BigDecimal.valueOf(likely).setScale(3, java.math.RoundingMode.HALF_UP));
		row.store();
		return view(kind);
	}

	static String code(CustomerKind kind) {
		return (kind == CustomerKind.PERSON) ? "person" : "company";
	}

	static CustomerKind kind(String code) {
		return switch (code) {
			case "person" -> CustomerKind.PERSON;
			case "company" -> CustomerKind.COMPANY;
			default -> throw new BusinessRuleException("kind", "duplicates.kind.unknown", code);
		};
	}

	private DuplicateRuleRecord find(CustomerKind kind) {
		return this.dsl.selectFrom(DUPLICATE_RULE)
			.where(WorkspaceScope.of(DUPLICATE_RULE.WORKSPACE_ID))
			.and(DUPLICATE_RULE.KIND.eq(code(kind)))
			.fetchOne();
	}

	private static Map<String, Double> weights(CustomerKind kind, String json) {
		Map<String, Double> stored = JSON.readValue(json, new TypeReference<Map<String, Double>>() {
		});
		Map<String, Double> weights = new LinkedHashMap<>();
		Rules.comparisons(kind).forEach((c) -> weights.put(c, stored.getOrDefault(c, Rules.defaults(kind).weight(c))));
		return weights;
	}

}
