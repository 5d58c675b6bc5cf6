package dev.rapport.dataquality.internal.rules;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** A rule ready to check records: its patterns compiled and its lists split once. */
record CompiledRule(ValidationRule rule, List<FieldTest> when, FieldTest then) {

	/** What a rule says about one record. */
	enum Outcome {

		/** The conditions do not hold: the rule says nothing. */
		NOT_APPLICABLE,

		/** The conditions hold and so does the requirement. */
		PASSES,

		/** The conditions hold and the requirement does not: the write is refused. */
		FAILS

	}

	static CompiledRule of(ValidationRule rule) {
		List<FieldTest> when = rule.when()
			.stream()
			.map((c) -> FieldTest.compile(Objects.requireNonNull(c.field()),
					RuleOperator.fromCode(c.op()).orElseThrow(), c.value()))
			.toList();
		FieldTest then = FieldTest.compile(Objects.requireNonNull(rule.then().field()),
				RuleOperator.fromCode(rule.then().op()).orElseThrow(), rule.then().value());
		return new CompiledRule(rule, when, then);
	}

	Outcome apply(Map<String, ? extends @Nullable Object> values) {
		for (FieldTest condition : this.when) {
			if (!condition.holds(values)) {
				return Outcome.NOT_APPLICABLE;
			}
		}
		return this.then.holds(values) ? Outcome.PASSES : Outcome.FAILS;
	}

}
