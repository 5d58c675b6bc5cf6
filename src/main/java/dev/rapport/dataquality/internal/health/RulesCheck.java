package dev.rapport.dataquality.internal.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.dataquality.internal.rules.ValidationRule;
import dev.rapport.dataquality.internal.rules.ValidationRules;
import dev.rapport.platform.RecordRules;

/**
 * Stored people and companies checked against the active validation rules on demand: the
 * most recently changed records the user may read, up to a cap, so the check costs the
 * same at a thousand records or a million.
 */
@Component
public class RulesCheck {

	/** How many records of each object one check reads at most. */
	public static final int CAP = 500;

	/** How many failing records of each rule are named. */
	static final int SAMPLE = 20;

	private final ValidationRules rules;

	private final ObjectProvider<RecordRules.Subject> subjects;

	RulesCheck(ValidationRules rules, ObjectProvider<RecordRules.Subject> subjects) {
		this.rules = rules;
		this.subjects = subjects;
	}

	/** A failing record: its id, its name and where its page is. */
	public record Failing(UUID id, String name, String path) {
	}

	/** One rule and the checked records that break it. */
	public record RuleResult(ValidationRule rule, long failing, List<Failing> sample) {
	}

	/** What one check found, per object. */
	public record Result(Map<String, Integer> checked, List<RuleResult> rules) {

		public long failing() {
			return this.rules.stream().mapToLong(RuleResult::failing).sum();
		}

	}

	@Transactional(readOnly = true)
	public Result run() {
		Map<String, Integer> checked = new LinkedHashMap<>();
		List<RuleResult> results = new ArrayList<>();
		for (String object : List.of(RecordRules.PERSON, RecordRules.COMPANY)) {
			List<ValidationRule> active = this.rules.list(object).stream().filter(ValidationRule::active).toList();
			RecordRules.Subject subject = this.subjects.orderedStream()
				.filter((s) -> s.object().equals(object))
				.findFirst()
				.orElse(null);
			if (active.isEmpty() || subject == null) {
				continue;
			}
			List<UUID> ids = subject.recent(CAP);
			checked.put(object, ids.size());
			List<Function<Map<String, ? extends @Nullable Object>, ValidationRules.TryOutcome>> evaluators = active
				.stream()
				.map(this.rules::evaluator)
				.toList();
			long[] failing = new long[active.size()];
			List<List<Failing>> samples = new ArrayList<>();
			active.forEach((r) -> samples.add(new ArrayList<>()));
			for (UUID id : ids) {
				Map<String, @Nullable Object> values = subject.values(id).orElse(null);
				if (values == null) {
					continue;
				}
				for (int i = 0; i < active.size(); i++) {
					if (evaluators.get(i).apply(values) == ValidationRules.TryOutcome.FAILS) {
						failing[i]++;
						if (samples.get(i).size() < SAMPLE) {
							samples.get(i).add(new Failing(id, name(object, values), path(object, id)));
						}
					}
				}
			}
			for (int i = 0; i < active.size(); i++) {
				results.add(new RuleResult(active.get(i), failing[i], samples.get(i)));
			}
		}
		return new Result(checked, results);
	}

	private static String name(String object, Map<String, @Nullable Object> values) {
		return String.valueOf(
				Objects.requireNonNullElse(values.get(RecordRules.PERSON.equals(object) ? "displayName" : "name"), ""));
	}

	private static String path(String object, UUID id) {
		return (RecordRules.PERSON.equals(object) ? "/people/" : "/companies/") + id;
	}

}
