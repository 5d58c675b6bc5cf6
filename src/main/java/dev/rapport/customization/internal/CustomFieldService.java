package dev.rapport.customization.internal;

import static dev.rapport.customization.internal.db.Tables.CUSTOM_FIELD;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customization.CustomFields;
import dev.rapport.customization.FieldDefinition.Option;
import dev.rapport.customization.FieldDefinition;
import dev.rapport.customization.FieldType;
import dev.rapport.customization.GuardedPattern;
import dev.rapport.customization.internal.db.tables.records.CustomFieldRecord;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.WorkspaceScope;

/**
 * Defining custom fields, and checking the values records give them. Definitions are
 * changed by administrators; values are checked on every write of every object.
 */
@Service
public class CustomFieldService implements CustomFields {

	static final String KIND = "custom field";

	/** The objects that carry custom fields today. */
	public static final List<String> OBJECTS = List.of(PERSON, COMPANY, DEAL);

	static final int MAX_FIELDS = 200;

	private static final Pattern KEY = Pattern.compile("^[a-z][a-z0-9_]{0,49}$");

	private static final Pattern EMAIL = Pattern.compile("^[^\\s@]{1,64}@[^\\s@]+\\.[^\\s@.]{2,}$");

	private static final TypeReference<List<Option>> OPTIONS = new TypeReference<>() {
	};

	private final DSLContext dsl;

	private final JsonMapper json;

	CustomFieldService(DSLContext dsl, JsonMapper json) {
		this.dsl = dsl;
		this.json = json;
	}

	/**
	 * What an administrator sets on a field. The key cannot change once the field exists.
	 */
	public record FieldChange(@Nullable String key, @Nullable String label, @Nullable String type, boolean required,
			@Nullable String defaultValue, @Nullable String helpText, @Nullable BigDecimal min,
			@Nullable BigDecimal max, @Nullable String pattern, @Nullable List<Option> options,
			@Nullable String currency, @Nullable Integer position) {
	}

	@Override
	@Transactional(readOnly = true)
	public List<FieldDefinition> fieldsOf(String objectKind, boolean withArchived) {
		return this.dsl.selectFrom(CUSTOM_FIELD)
			.where(WorkspaceScope.of(CUSTOM_FIELD.WORKSPACE_ID))
			.and(CUSTOM_FIELD.OBJECT_KIND.eq(objectKind))
			.and(withArchived ? DSL.trueCondition() : CUSTOM_FIELD.ARCHIVED.isFalse())
			.orderBy(CUSTOM_FIELD.POSITION, CUSTOM_FIELD.LABEL)
			.fetch(this::view);
	}

	@Transactional(readOnly = true)
	public FieldDefinition get(UUID id) {
		return this.dsl.selectFrom(CUSTOM_FIELD)
			.where(WorkspaceScope.of(CUSTOM_FIELD.WORKSPACE_ID))
			.and(CUSTOM_FIELD.ID.eq(id))
			.fetchOptional(this::view)
			.orElseThrow(() -> new NotFoundException(KIND, id));
	}

	/**
	 * Adds a field to an object. Rejects an unknown object or type, a key that is taken
	 * or not lower-case letters, digits and underscores, picklists without options,
	 * bounds the wrong way round, an invalid pattern and a default that breaks the
	 * field's rules.
	 */
	@Transactional
	public FieldDefinition create(String objectKind, FieldChange change) {
		if (!OBJECTS.contains(objectKind)) {
			throw new BusinessRuleException("objectKind", "customization.object.unknown", String.join(", ", OBJECTS));
		}
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		String key = (change.key() != null) ? change.key().strip() : "";
		if (!KEY.matcher(key).matches()) {
			problems.reject("key", "customization.key.invalid");
		}
		else if (this.dsl.fetchExists(CUSTOM_FIELD,
				WorkspaceScope.of(CUSTOM_FIELD.WORKSPACE_ID)
					.and(CUSTOM_FIELD.OBJECT_KIND.eq(objectKind))
					.and(CUSTOM_FIELD.FIELD_KEY.eq(key)))) {
			problems.reject("key", "customization.key.taken", key);
		}
		if (this.dsl.fetchCount(CUSTOM_FIELD, WorkspaceScope.of(CUSTOM_FIELD.WORKSPACE_ID)
			.and(CUSTOM_FIELD.OBJECT_KIND.eq(objectKind))) >= MAX_FIELDS) {
			problems.reject("key", "customization.too-many", MAX_FIELDS);
		}
		FieldType type = (change.type() != null) ? FieldType.fromCode(change.type()).orElse(null) : null;
		if (type == null) {
			problems.reject("type", "customization.type.unknown");
		}
		CustomFieldRecord record = this.dsl.newRecord(CUSTOM_FIELD);
		record.setId(Ids.newId());
		record.setObjectKind(objectKind);
		record.setFieldKey(key);
		record.setFieldType((type != null) ? type.code() : "text");
		record.setArchived(false);
		record.setPosition((change.position() != null) ? change.position() : nextPosition(objectKind));
		apply(record, (type != null) ? type : FieldType.TEXT, change, problems);
		problems.throwIfAny();
		record.store();
		return view(record);
	}

	/** Changes a field's label, rules, options and place; its key and type stay. */
	@Transactional
	public FieldDefinition update(UUID id, int version, FieldChange change) {
		CustomFieldRecord record = load(id);
		StaleVersionException.check(KIND, version, record.getVersion());
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		if (change.position() != null) {
			record.setPosition(change.position());
		}
		apply(record, FieldType.fromCode(record.getFieldType()).orElseThrow(), change, problems);
		problems.throwIfAny();
		record.store();
		return view(record);
	}

	/**
	 * Archives a field: it disappears from forms, lists and the API's validation, and the
	 * values records hold stay, so it can be restored.
	 */
	@Transactional
	public FieldDefinition setArchived(UUID id, int version, boolean archived) {
		CustomFieldRecord record = load(id);
		StaleVersionException.check(KIND, version, record.getVersion());
		record.setArchived(archived);
		record.store();
		return view(record);
	}

	@Override
	public Map<String, Object> validate(@Nullable Map<String, ?> input, @Nullable Map<String, Object> previous,
			List<FieldDefinition> all) {
		Map<String, Object> values = new LinkedHashMap<>();
		if (previous != null) {
			values.putAll(previous);
		}
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		Map<String, FieldDefinition> byKey = new LinkedHashMap<>();
		all.forEach((f) -> byKey.put(f.key(), f));
		if (input != null) {
			for (String key : input.keySet()) {
				FieldDefinition field = byKey.get(key);
				if (field == null) {
					problems.reject("custom." + key, "customization.value.unknown-field", key);
				}
			}
		}
		boolean checkRequired = previous == null || input != null;
		for (FieldDefinition field : all) {
			if (field.archived()) {
				continue;
			}
			String name = "custom." + field.key();
			if (input != null && input.containsKey(field.key())) {
				Object value = normalise(field, input.get(field.key()), name, problems);
				if (value == null) {
					values.remove(field.key());
				}
				else {
					values.put(field.key(), value);
				}
			}
			else if (previous == null && field.defaultValue() != null) {
				values.put(field.key(), field.defaultValue());
			}
			if (checkRequired && field.required() && !values.containsKey(field.key()) && !problems.has(name)) {
				problems.reject(name, "customization.value.required", field.label());
			}
		}
		problems.throwIfAny();
		return values;
	}

	/**
	 * The value in its stored form, or null for "no value"; records a problem when
	 * invalid.
	 */
	@Nullable Object normalise(FieldDefinition field, @Nullable Object raw, String name,
			InvalidFieldsException.Collector problems) {
		if (field.type() == FieldType.BOOLEAN && raw instanceof Collection<?> sent) {
			// A form sends a hidden "false" and, when ticked, the checkbox's "true".
			raw = sent.stream().anyMatch((v) -> Set.of("true", "on").contains(String.valueOf(v))) ? Boolean.TRUE
					: Boolean.FALSE;
		}
		if (field.type() != FieldType.MULTI_PICKLIST && raw instanceof Collection<?> single && single.size() == 1) {
			raw = single.iterator().next();
		}
		if (field.type() == FieldType.MULTI_PICKLIST && raw instanceof Collection<?> many) {
			raw = many.stream().map(String::valueOf).filter((v) -> !v.isBlank()).toList();
		}
		if (raw == null || (raw instanceof String s && s.isBlank())
				|| (raw instanceof Collection<?> c && c.isEmpty())) {
			return (field.type() == FieldType.BOOLEAN && raw instanceof String) ? Boolean.FALSE : null;
		}
		switch (field.type()) {
			case TEXT, LONG_TEXT -> {
				String text = scalar(raw).strip();
				int limit = (field.type() == FieldType.TEXT) ? 500 : 10000;
				if (text.length() > limit) {
					problems.reject(name, "customization.value.too-long", limit);
					return null;
				}
				if (field.min() != null && text.length() < field.min().intValue()) {
					problems.reject(name, "customization.value.too-short", field.min().intValue());
					return null;
				}
				if (field.max() != null && text.length() > field.max().intValue()) {
					problems.reject(name, "customization.value.too-long", field.max().intValue());
					return null;
				}
				if (field.pattern() != null && !matches(field.pattern(), text)) {
					problems.reject(name, "customization.value.pattern", field.label());
					return null;
				}
				return text;
			}
			case NUMBER, MONEY -> {
				BigDecimal number;
				try {
					number = (raw instanceof Number n) ? new BigDecimal(n.toString())
							: new BigDecimal(scalar(raw).strip().replace(" ", ""));
				}
				catch (NumberFormatException ex) {
					problems.reject(name, "customization.value.number");
					return null;
				}
				if (number.abs().compareTo(new BigDecimal("1e15")) >= 0 || number.scale() > 4) {
					problems.reject(name, "customization.value.number.digits");
					return null;
				}
				if (field.min() != null && number.compareTo(field.min()) < 0) {
					problems.reject(name, "customization.value.min", field.min().stripTrailingZeros().toPlainString());
					return null;
				}
				if (field.max() != null && number.compareTo(field.max()) > 0) {
					problems.reject(name, "customization.value.max", field.max().stripTrailingZeros().toPlainString());
					return null;
				}
				return number.stripTrailingZeros().scale() < 0 ? number.setScale(0) : number.stripTrailingZeros();
			}
			case DATE -> {
				try {
					return LocalDate.parse(scalar(raw).strip()).toString();
				}
				catch (DateTimeParseException ex) {
					problems.reject(name, "customization.value.date");
					return null;
				}
			}
			case BOOLEAN -> {
				if (raw instanceof Boolean b) {
					return b;
				}
				String text = scalar(raw).strip().toLowerCase(Locale.ROOT);
				if (Set.of("true", "on", "yes", "1").contains(text)) {
					return Boolean.TRUE;
				}
				if (Set.of("false", "off", "no", "0").contains(text)) {
					return Boolean.FALSE;
				}
				problems.reject(name, "customization.value.boolean");
				return null;
			}
			case PICKLIST -> {
				String value = scalar(raw).strip();
				if (field.options().stream().noneMatch((o) -> o.value().equals(value))) {
					problems.reject(name, "customization.value.option", value, optionList(field));
					return null;
				}
				return value;
			}
			case MULTI_PICKLIST -> {
				List<String> chosen = new ArrayList<>();
				Collection<?> items = (raw instanceof Collection<?> c) ? c
						: (raw instanceof Object[] array) ? List.of(array) : List.of(scalar(raw).split(","));
				for (Object item : items) {
					String value = String.valueOf(item).strip();
					if (value.isEmpty() || chosen.contains(value)) {
						continue;
					}
					if (field.options().stream().noneMatch((o) -> o.value().equals(value))) {
						problems.reject(name, "customization.value.option", value, optionList(field));
						return null;
					}
					chosen.add(value);
				}
				return chosen.isEmpty() ? null : chosen;
			}
			case EMAIL -> {
				String text = scalar(raw).strip();
				if (text.length() > 320 || !EMAIL.matcher(text).matches()) {
					problems.reject(name, "customization.value.email", abbreviate(text));
					return null;
				}
				return text;
			}
			case PHONE -> {
				String text = scalar(raw).strip();
				try {
					PhoneNumberUtil util = PhoneNumberUtil.getInstance();
					var number = util.parse(text, "ZZ");
					if (util.isValidNumber(number)) {
						return util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
					}
				}
				catch (NumberParseException ex) {
					// reported below
				}
				problems.reject(name, "customization.value.phone", abbreviate(text));
				return null;
			}
			case URL -> {
				String text = scalar(raw).strip();
				try {
					URI uri = new URI(text.contains("://") ? text : "https://" + text);
					if ((uri.getScheme().equals("http") || uri.getScheme().equals("https")) && uri.getHost() != null
							&& uri.getHost().contains(".") && text.length() <= 2000) {
						return uri.toString();
					}
				}
				catch (URISyntaxException ex) {
					// reported below
				}
				problems.reject(name, "customization.value.url", abbreviate(text));
				return null;
			}
			default -> throw new IllegalStateException("Unknown type " + field.type());
		}
	}

	private void apply(CustomFieldRecord record, FieldType type, FieldChange change,
			InvalidFieldsException.Collector problems) {
		String label = (change.label() != null) ? change.label().strip() : "";
		if (label.isEmpty()) {
			problems.reject("label", "customization.label.required");
		}
		else if (label.length() > 100) {
			problems.reject("label", "customization.text.too-long", 100);
		}
		String help = (change.helpText() != null && !change.helpText().isBlank()) ? change.helpText().strip() : null;
		if (help != null && help.length() > 500) {
			problems.reject("helpText", "customization.text.too-long", 500);
		}
		if (change.min() != null && change.max() != null && change.min().compareTo(change.max()) > 0) {
			problems.reject("max", "customization.bounds");
		}
		String pattern = (change.pattern() != null && !change.pattern().isBlank()) ? change.pattern().strip() : null;
		if (pattern != null) {
			if (type != FieldType.TEXT && type != FieldType.LONG_TEXT) {
				problems.reject("pattern", "customization.pattern.text-only");
			}
			else if (pattern.length() > 500) {
				problems.reject("pattern", "customization.text.too-long", 500);
			}
			else {
				try {
					Pattern.compile(pattern);
				}
				catch (PatternSyntaxException ex) {
					problems.reject("pattern", "customization.pattern.invalid");
				}
			}
		}
		List<Option> options = cleanOptions(type, change.options(), problems);
		String currency = null;
		if (type == FieldType.MONEY) {
			currency = (change.currency() != null && !change.currency().isBlank())
					? change.currency().strip().toUpperCase(Locale.ROOT) : "EUR";
			try {
				java.util.Currency.getInstance(currency);
			}
			catch (IllegalArgumentException ex) {
				problems.reject("currency", "customization.currency.unknown", currency);
			}
		}
		record.setLabel(label);
		record.setFieldType(type.code());
		record.setRequired(change.required());
		record.setHelpText(help);
		record.setMinValue(change.min());
		record.setMaxValue(change.max());
		record.setPattern(pattern);
		record.setOptions(options.isEmpty() ? null : this.json.writeValueAsString(options));
		record.setCurrency(currency);
		record.setDefaultValue(null);
		if (change.defaultValue() != null && !change.defaultValue().isBlank() && !problems.hasProblems()) {
			FieldDefinition draft = view(record);
			InvalidFieldsException.Collector defaultProblems = new InvalidFieldsException.Collector();
			Object value = normalise(draft, (type == FieldType.MULTI_PICKLIST)
					? List.of(change.defaultValue().split(",")) : change.defaultValue(), "defaultValue",
					defaultProblems);
			if (defaultProblems.hasProblems()) {
				problems.reject("defaultValue", "customization.default.invalid");
			}
			else if (value != null) {
				record.setDefaultValue(this.json.writeValueAsString(value));
			}
		}
	}

	private static List<Option> cleanOptions(FieldType type, @Nullable List<Option> input,
			InvalidFieldsException.Collector problems) {
		List<Option> options = new ArrayList<>();
		if (!type.choice()) {
			return options;
		}
		Set<String> values = new HashSet<>();
		if (input != null) {
			for (Option option : input) {
				if (option == null || ((option.value() == null || option.value().isBlank())
						&& (option.label() == null || option.label().isBlank()))) {
					continue;
				}
				String label = (option.label() != null && !option.label().isBlank()) ? option.label().strip()
						: option.value().strip();
				String value = (option.value() != null && !option.value().isBlank()) ? option.value().strip() : label;
				if (value.length() > 100 || label.length() > 100) {
					problems.reject("options", "customization.options.too-long", 100);
					continue;
				}
				if (!values.add(value)) {
					problems.reject("options", "customization.options.duplicate", value);
					continue;
				}
				options.add(new Option(value, label));
			}
		}
		if (options.isEmpty()) {
			problems.reject("options", "customization.options.required");
		}
		if (options.size() > 200) {
			problems.reject("options", "customization.options.too-many", 200);
		}
		return options;
	}

	private int nextPosition(String objectKind) {
		Integer max = this.dsl.select(DSL.max(CUSTOM_FIELD.POSITION))
			.from(CUSTOM_FIELD)
			.where(WorkspaceScope.of(CUSTOM_FIELD.WORKSPACE_ID))
			.and(CUSTOM_FIELD.OBJECT_KIND.eq(objectKind))
			.fetchOne(0, Integer.class);
		return (max != null) ? max + 10 : 10;
	}

	private CustomFieldRecord load(UUID id) {
		return this.dsl.selectFrom(CUSTOM_FIELD)
			.where(WorkspaceScope.of(CUSTOM_FIELD.WORKSPACE_ID))
			.and(CUSTOM_FIELD.ID.eq(id))
			.forUpdate()
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(KIND, id));
	}

	private FieldDefinition view(CustomFieldRecord r) {
		List<Option> options = (r.getOptions() != null) ? this.json.readValue(r.getOptions(), OPTIONS) : List.of();
		Object defaultValue = (r.getDefaultValue() != null) ? this.json.readValue(r.getDefaultValue(), Object.class)
				: null;
		if (defaultValue instanceof Number n) {
			defaultValue = new BigDecimal(n.toString());
		}
		return new FieldDefinition(r.getId(), r.getObjectKind(), r.getFieldKey(), r.getLabel(),
				FieldType.fromCode(r.getFieldType()).orElse(FieldType.TEXT), Boolean.TRUE.equals(r.getRequired()),
				defaultValue, r.getHelpText(), r.getMinValue(), r.getMaxValue(), r.getPattern(), options,
				r.getCurrency(), (r.getPosition() != null) ? r.getPosition() : 0, Boolean.TRUE.equals(r.getArchived()),
				(r.getVersion() != null) ? r.getVersion() : 0);
	}

	/**
	 * Matches an administrator's pattern against a value within 50 ms: a pattern that
	 * backtracks without end fails the value instead of holding the request.
	 */
	static boolean matches(String pattern, String text) {
		return new GuardedPattern(Pattern.compile(pattern)).matches(text);
	}

	private static String scalar(Object raw) {
		if (raw instanceof String[] array) {
			return (array.length > 0) ? array[0] : "";
		}
		if (raw instanceof Collection<?> c) {
			return c.isEmpty() ? "" : String.valueOf(c.iterator().next());
		}
		return String.valueOf(raw);
	}

	private static String optionList(FieldDefinition field) {
		return String.join(", ", field.options().stream().map(Option::value).toList());
	}

	private static String abbreviate(String text) {
		return (text.length() > 60) ? text.substring(0, 60) + "…" : text;
	}

}
