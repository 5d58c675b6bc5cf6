package dev.rapport.dataquality.internal.rules;

import static dev.rapport.dataquality.internal.db.Tables.VALIDATION_RULE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.rapport.customization.CustomFields;
import dev.rapport.customization.FieldDefinition;
import dev.rapport.dataquality.internal.db.tables.records.ValidationRuleRecord;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.RecordRules;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.WorkspaceScope;

/**
 * The validation rules of the workspace: administrators define them per object, every
 * write path of people, companies, deals, activities and transactions checks them
 * ({@link RecordRules}). The active rules of a workspace are kept compiled in memory and
 * read again after a change (on this node at once, on others within
 * {@link #CACHE_NANOS}).
 */
@Service
public class ValidationRules implements RecordRules {

	static final String KIND = "validation rule";

	/** The objects rules apply to. */
	public static final List<String> OBJECTS = List.of(PERSON, COMPANY, DEAL, ACTIVITY, TRANSACTION);

	/** How long another node's change may take to be seen here. */
	static final long CACHE_NANOS = 30_000_000_000L;

	static final int MAX_CONDITIONS = 10;

	private static final TypeReference<List<ValidationRule.Condition>> CONDITIONS = new TypeReference<>() {
	};

	private static final Pattern FIELD = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,59}(\\.[a-z][a-z0-9_]{0,49})?$");

	private final DSLContext dsl;

	private final JsonMapper json;

	private final CustomFields customFields;

	private final ObjectProvider<RecordRules.Subject> subjects;

	private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

	ValidationRules(DSLContext dsl, JsonMapper json, CustomFields customFields,
			ObjectProvider<RecordRules.Subject> subjects) {
		this.dsl = dsl;
		this.json = json;
		this.customFields = customFields;
		this.subjects = subjects;
	}

	/** What an administrator sets on a rule. */
	public record RuleInput(@Nullable String object, @Nullable String name,
			@Nullable List<ValidationRule.Condition> when, ValidationRule.@Nullable Condition then,
			@Nullable String message, @Nullable Boolean active) {
	}

	/** What trying a rule on a record found. */
	public enum TryOutcome {

		/** The conditions do not hold for the record. */
		NOT_APPLICABLE,

		/** The record meets the rule. */
		PASSES,

		/** Saving the record would be refused with the rule's message. */
		FAILS

	}

	/** The rules of an object (all objects when null), in name order. */
	@Transactional(readOnly = true)
	public List<ValidationRule> list(@Nullable String object) {
		var condition = WorkspaceScope.of(VALIDATION_RULE.WORKSPACE_ID);
		if (object != null) {
			condition = condition.and(VALIDATION_RULE.OBJECT_KIND.eq(object));
		}
		return this.dsl.selectFrom(VALIDATION_RULE)
			.where(condition)
			.orderBy(VALIDATION_RULE.OBJECT_KIND, VALIDATION_RULE.NAME, VALIDATION_RULE.ID)
			.fetch(this::view);
	}

	@Transactional(readOnly = true)
	public ValidationRule get(UUID id) {
		return view(load(id));
	}

	/** Adds a rule; rejects unknown objects, fields and operators, naming each. */
	@Transactional
	public ValidationRule create(RuleInput input) {
		Valid valid = validate(input, null);
		ValidationRuleRecord record = this.dsl.newRecord(VALIDATION_RULE);
		record.setId(Ids.newId());
		record.setObjectKind(valid.object());
		fill(record, valid);
		record.store();
		changed();
		return view(record);
	}

	/** Replaces a rule (its object stays); rejects a stale version. */
	@Transactional
	public ValidationRule update(UUID id, int version, RuleInput input) {
		ValidationRuleRecord record = load(id);
		StaleVersionException.check(KIND, version, record.getVersion());
		Valid valid = validate(input, record.getObjectKind());
		fill(record, valid);
		record.store();
		changed();
		return view(record);
	}

	/** Switches a rule on or off; rejects a stale version. */
	@Transactional
	public ValidationRule setActive(UUID id, int version, boolean active) {
		ValidationRuleRecord record = load(id);
		StaleVersionException.check(KIND, version, record.getVersion());
		record.setActive(active);
		record.store();
		changed();
		return view(record);
	}

	/** Deletes a rule; rejects a stale version. */
	@Transactional
	public void delete(UUID id, int version) {
		ValidationRuleRecord record = load(id);
		StaleVersionException.check(KIND, version, record.getVersion());
		record.delete();
		changed();
	}

	/**
	 * Tries a rule (saved or not) on an existing record the user may read: whether it
	 * applies, and whether the record meets it. 404 when the record is out of reach.
	 */
	@Transactional(readOnly = true)
	public TryOutcome tryOn(ValidationRule rule, UUID recordId) {
		Map<String, @Nullable Object> values = subject(rule.object()).flatMap((s) -> s.values(recordId))
			.orElseThrow(() -> new NotFoundException(rule.object(), recordId));
		return outcome(rule, values);
	}

	/** What a rule says about a record's values. */
	public TryOutcome outcome(ValidationRule rule, Map<String, ? extends @Nullable Object> values) {
		return evaluator(rule).apply(values);
	}

	/** A rule compiled once, to say what it makes of many records. */
	public Function<Map<String, ? extends @Nullable Object>, TryOutcome> evaluator(ValidationRule rule) {
		CompiledRule compiled = CompiledRule.of(rule);
		return (values) -> switch (compiled.apply(values)) {
			case NOT_APPLICABLE -> TryOutcome.NOT_APPLICABLE;
			case PASSES -> TryOutcome.PASSES;
			case FAILS -> TryOutcome.FAILS;
		};
	}

	/** A rule as the input describes it, checked but not saved, to try it. */
	public ValidationRule preview(RuleInput input, @Nullable ValidationRule saved) {
		Valid valid = validate(input, (saved != null) ? saved.object() : null);
		return new ValidationRule((saved != null) ? saved.id() : Ids.newId(), valid.object(), valid.name(),
				valid.when(), valid.then(), valid.message(), valid.active(),
				(saved != null) ? saved.updatedAt() : java.time.OffsetDateTime.now(),
				(saved != null) ? saved.version() : 0);
	}

	/**
	 * The fields a rule on an object can name: its standard fields, then
	 * {@code custom.<key>} for each custom field.
	 */
	@Transactional(readOnly = true)
	public List<String> fields(String object) {
		List<String> fields = new ArrayList<>(subject(object).map(RecordRules.Subject::fields).orElse(List.of()));
		customKeys(object).forEach((key) -> fields.add("custom." + key));
		return fields;
	}

	/** The labels of an object's custom fields, by {@code custom.<key>}. */
	@Transactional(readOnly = true)
	public Map<String, String> customLabels(String object) {
		Map<String, String> labels = new LinkedHashMap<>();
		if (List.of(CustomFields.PERSON, CustomFields.COMPANY, CustomFields.DEAL).contains(object)) {
			for (FieldDefinition field : this.customFields.fieldsOf(object, false)) {
				labels.put("custom." + field.key(), field.label());
			}
		}
		return labels;
	}

	@Override
	public void check(String object, Map<String, ? extends @Nullable Object> values) {
		checker(object).check(values);
	}

	@Override
	public Checker checker(String object) {
		List<CompiledRule> rules = active(object);
		if (rules.isEmpty()) {
			return (values) -> {
			};
		}
		return (values) -> {
			InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
			for (CompiledRule rule : rules) {
				if (!problems.has(rule.then().field()) && rule.apply(values) == CompiledRule.Outcome.FAILS) {
					problems.reject(rule.then().field(), "dataquality.rule.broken", rule.rule().message());
				}
			}
			problems.throwIfAny();
		};
	}

	/** The active rules of an object in the current workspace, compiled. */
	List<CompiledRule> active(String object) {
		UUID workspaceId = Actors.workspaceId();
		Cached cached = this.cache.get(workspaceId);
		if (cached == null || System.nanoTime() - cached.loadedAt() > CACHE_NANOS) {
			Map<String, List<CompiledRule>> byObject = new ConcurrentHashMap<>();
			long loadedAt = System.nanoTime();
			this.dsl.selectFrom(VALIDATION_RULE)
				.where(VALIDATION_RULE.WORKSPACE_ID.eq(workspaceId))
				.and(VALIDATION_RULE.ACTIVE.isTrue())
				.orderBy(VALIDATION_RULE.NAME, VALIDATION_RULE.ID)
				.fetch(this::view)
				.forEach((rule) -> byObject.computeIfAbsent(rule.object(), (o) -> new ArrayList<>())
					.add(CompiledRule.of(rule)));
			cached = new Cached(byObject, loadedAt);
			this.cache.put(workspaceId, cached);
		}
		return cached.rules().getOrDefault(object, List.of());
	}

	/**
	 * Forgets the compiled rules of the workspace now and again once the change commits.
	 */
	private void changed() {
		UUID workspaceId = Actors.workspaceId();
		this.cache.remove(workspaceId);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					ValidationRules.this.cache.remove(workspaceId);
				}
			});
		}
	}

	private record Cached(Map<String, List<CompiledRule>> rules, long loadedAt) {
	}

	private Optional<RecordRules.Subject> subject(String object) {
		return this.subjects.orderedStream().filter((s) -> s.object().equals(object)).findFirst();
	}

	private List<String> customKeys(String object) {
		if (!List.of(CustomFields.PERSON, CustomFields.COMPANY, CustomFields.DEAL).contains(object)) {
			return List.of();
		}
		return this.customFields.fieldsOf(object, true).stream().map(FieldDefinition::key).toList();
	}

	private record Valid(String object, String name, List<ValidationRule.Condition> when, ValidationRule.Condition then,
			String message, boolean active) {
	}

	private Valid validate(RuleInput input, @Nullable String fixedObject) {
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		String object = (fixedObject != null) ? fixedObject : trim(input.object());
		if (object == null || !OBJECTS.contains(object)) {
			problems.reject("object", "dataquality.rule.object.unknown", String.join(", ", OBJECTS));
			problems.throwIfAny();
		}
		String name = trim(input.name());
		if (name == null) {
			problems.reject("name", "dataquality.rule.name.required");
		}
		else if (name.length() > 200) {
			problems.reject("name", "dataquality.rule.too-long", 200);
		}
		String message = trim(input.message());
		if (message == null) {
			problems.reject("message", "dataquality.rule.message.required");
		}
		else if (message.length() > 500) {
			problems.reject("message", "dataquality.rule.too-long", 500);
		}
		List<String> known = fields(object);
		List<ValidationRule.Condition> when = new ArrayList<>();
		List<ValidationRule.Condition> given = (input.when() != null) ? input.when() : List.of();
		for (int i = 0; i < given.size(); i++) {
			ValidationRule.Condition c = given.get(i);
			if (c == null || (trim(c.field()) == null && trim(c.op()) == null && trim(c.value()) == null)) {
				continue;
			}
			ValidationRule.Condition checked = condition(problems, "when[" + i + "]", c, known);
			if (checked != null) {
				when.add(checked);
			}
		}
		if (when.size() > MAX_CONDITIONS) {
			problems.reject("when", "dataquality.rule.when.too-many", MAX_CONDITIONS);
		}
		ValidationRule.Condition then = condition(problems, "then",
				(input.then() != null) ? input.then() : new ValidationRule.Condition(null, null, null), known);
		problems.throwIfAny();
		return new Valid(object, name, when, then, message, input.active() == null || input.active());
	}

	private ValidationRule.@Nullable Condition condition(InvalidFieldsException.Collector problems, String prefix,
			ValidationRule.Condition c, List<String> known) {
		String field = trim(c.field());
		boolean ok = true;
		if (field == null || !FIELD.matcher(field).matches() || (!known.isEmpty() && !known.contains(field))) {
			problems.reject(prefix + ".field", "dataquality.rule.field.unknown", (field != null) ? field : "");
			ok = false;
		}
		Optional<RuleOperator> op = RuleOperator.fromCode(c.op());
		if (op.isEmpty()) {
			problems.reject(prefix + ".op", "dataquality.rule.op.unknown");
			return null;
		}
		String value = op.get().needsValue() ? trim(c.value()) : null;
		if (op.get().needsValue() && value == null) {
			problems.reject(prefix + ".value", "dataquality.rule.value.required");
			ok = false;
		}
		else if (value != null && value.length() > 1000) {
			problems.reject(prefix + ".value", "dataquality.rule.too-long", 1000);
			ok = false;
		}
		else if (op.get() == RuleOperator.MATCHES && value != null) {
			if (value.length() > 500) {
				problems.reject(prefix + ".value", "dataquality.rule.too-long", 500);
				ok = false;
			}
			else {
				try {
					Pattern.compile(value);
				}
				catch (PatternSyntaxException ex) {
					problems.reject(prefix + ".value", "dataquality.rule.pattern.invalid");
					ok = false;
				}
			}
		}
		return ok ? new ValidationRule.Condition(field, op.get().code(), value) : null;
	}

	private static @Nullable String trim(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	private void fill(ValidationRuleRecord record, Valid valid) {
		record.setName(valid.name());
		record.setConditions(this.json.writeValueAsString(valid.when()));
		record.setThenField(valid.then().field());
		record.setThenOp(valid.then().op());
		record.setThenValue(valid.then().value());
		record.setMessage(valid.message());
		record.setActive(valid.active());
	}

	private ValidationRuleRecord load(UUID id) {
		ValidationRuleRecord record = this.dsl.selectFrom(VALIDATION_RULE)
			.where(WorkspaceScope.of(VALIDATION_RULE.WORKSPACE_ID))
			.and(VALIDATION_RULE.ID.eq(id))
			.fetchOne();
		if (record == null) {
			throw new NotFoundException(KIND, id);
		}
		return record;
	}

	private ValidationRule view(ValidationRuleRecord r) {
		List<ValidationRule.Condition> when = this.json.readValue(r.getConditions(), CONDITIONS);
		return new ValidationRule(r.getId(), r.getObjectKind(), r.getName(), when,
				new ValidationRule.Condition(r.getThenField(), r.getThenOp(), r.getThenValue()), r.getMessage(),
				Boolean.TRUE.equals(r.getActive()), r.getUpdatedAt(), r.getVersion());
	}

}
