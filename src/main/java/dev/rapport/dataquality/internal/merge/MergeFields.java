package dev.rapport.dataquality.internal.merge;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.rapport.customers.CompanyChange;
import dev.rapport.customers.CompanyView;
import dev.rapport.customers.ContactInput.AddressInput;
import dev.rapport.customers.ContactInput.EmailInput;
import dev.rapport.customers.ContactInput.PhoneInput;
import dev.rapport.customers.LifecycleStage;
import dev.rapport.customers.PersonChange;
import dev.rapport.customers.PersonView;

/**
 * The values of a person or a company field by field, as a merge compares, chooses,
 * stores (JSON) and restores them: texts, ids and dates as strings, custom values as
 * {@code custom.<key>}, and e-mails, phones, addresses and tags as lists.
 */
final class MergeFields {

	/** Fields whose value is a list, merged item by item (union) by default. */
	static final Set<String> LISTS = Set.of("emails", "phones", "addresses", "tags");

	static final List<String> PERSON = List.of("givenName", "familyName", "displayName", "birthday", "jobTitle",
			"companyId", "source", "ownerId", "teamId", "lifecycleStage", "preferredChannel", "notes", "emails",
			"phones", "addresses", "tags");

	static final List<String> COMPANY = List.of("name", "domain", "industry", "sizeBand", "parentId", "ownerId",
			"teamId", "notes", "addresses", "tags");

	private MergeFields() {
	}

	/** Which record a chosen value comes from; {@code BOTH} joins two lists. */
	enum Source {

		SURVIVOR, MERGED, BOTH;

		static @Nullable Source of(@Nullable String text) {
			if (text == null) {
				return null;
			}
			for (Source source : values()) {
				if (source.name().equalsIgnoreCase(text.strip())) {
					return source;
				}
			}
			return null;
		}

		String code() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	static Map<String, @Nullable Object> of(PersonView p) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put("givenName", p.givenName());
		values.put("familyName", p.familyName());
		values.put("displayName", p.displayName());
		values.put("birthday", (p.birthday() != null) ? p.birthday().toString() : null);
		values.put("jobTitle", p.jobTitle());
		values.put("companyId", string(p.companyId()));
		values.put("source", p.source());
		values.put("ownerId", p.ownerId().toString());
		values.put("teamId", string(p.teamId()));
		values.put("lifecycleStage", p.lifecycleStage().code());
		values.put("preferredChannel", p.preferredChannel());
		values.put("notes", p.notes());
		values.put("emails", p.emails().stream().map((e) -> {
			Map<String, Object> email = new LinkedHashMap<>();
			email.put("address", e.address());
			email.put("label", e.label().code());
			email.put("primary", e.primary());
			return email;
		}).toList());
		values.put("phones", p.phones().stream().map((ph) -> {
			Map<String, Object> phone = new LinkedHashMap<>();
			phone.put("number", ph.typed());
			phone.put("e164", ph.e164());
			phone.put("label", ph.label().code());
			phone.put("primary", ph.primary());
			return phone;
		}).toList());
		values.put("addresses", addresses(p.addresses()));
		values.put("tags", List.copyOf(p.tags()));
		new java.util.TreeMap<>(p.custom()).forEach((k, v) -> values.put("custom." + k, v));
		return values;
	}

	static Map<String, @Nullable Object> of(CompanyView c) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put("name", c.name());
		values.put("domain", c.domain());
		values.put("industry", c.industry());
		values.put("sizeBand", c.sizeBand());
		values.put("parentId", string(c.parentId()));
		values.put("ownerId", c.ownerId().toString());
		values.put("teamId", string(c.teamId()));
		values.put("notes", c.notes());
		values.put("addresses", addresses(c.addresses()));
		values.put("tags", List.copyOf(c.tags()));
		new java.util.TreeMap<>(c.custom()).forEach((k, v) -> values.put("custom." + k, v));
		return values;
	}

	/** The fields to compare, in order: the standard ones, then the custom ones. */
	static List<String> fields(List<String> standard, Map<String, ?> a, Map<String, ?> b) {
		Set<String> custom = new TreeSet<>();
		a.keySet().stream().filter((k) -> k.startsWith("custom.")).forEach(custom::add);
		b.keySet().stream().filter((k) -> k.startsWith("custom.")).forEach(custom::add);
		List<String> fields = new ArrayList<>(standard);
		fields.addAll(custom);
		return fields;
	}

	static boolean empty(@Nullable Object value) {
		return value == null || (value instanceof String s && s.isBlank())
				|| (value instanceof java.util.Collection<?> c && c.isEmpty());
	}

	/**
	 * The value a merge gives a field by default: the same when both agree, the union of
	 * lists, otherwise the value of the record changed last unless it is empty.
	 */
	static Source defaultSource(String field, @Nullable Object survivor, @Nullable Object merged,
			boolean mergedIsNewer) {
		if (LISTS.contains(field)) {
			return Source.BOTH;
		}
		if (Objects.equals(survivor, merged)) {
			return Source.SURVIVOR;
		}
		if (mergedIsNewer) {
			return empty(merged) ? Source.SURVIVOR : Source.MERGED;
		}
		return empty(survivor) ? Source.MERGED : Source.SURVIVOR;
	}

	/** The value of a field taken from the chosen source. */
	static @Nullable Object choose(String field, Source source, @Nullable Object survivor, @Nullable Object merged) {
		return switch (source) {
			case SURVIVOR -> survivor;
			case MERGED -> merged;
			case BOTH -> LISTS.contains(field) ? union(field, list(survivor), list(merged)) : survivor;
		};
	}

	/**
	 * The survivor's items, then the merged record's that it lacks (e-mails by address,
	 * phones by number, tags by name, ignoring case); only the survivor's primary ones
	 * stay primary.
	 */
	static List<Object> union(String field, List<?> survivor, List<?> merged) {
		List<Object> items = new ArrayList<>(survivor);
		Set<String> seen = new LinkedHashSet<>();
		survivor.forEach((item) -> seen.add(identity(field, item)));
		for (Object item : merged) {
			if (seen.add(identity(field, item))) {
				if (item instanceof Map<?, ?> map && map.containsKey("primary")) {
					Map<Object, Object> copy = new LinkedHashMap<>(map);
					copy.put("primary", survivor.isEmpty() && Boolean.TRUE.equals(map.get("primary")));
					items.add(copy);
				}
				else {
					items.add(item);
				}
			}
		}
		return items;
	}

	private static String identity(String field, Object item) {
		if (item instanceof Map<?, ?> map) {
			return switch (field) {
				case "emails" -> String.valueOf(map.get("address")).toLowerCase(Locale.ROOT);
				case "phones" -> (map.get("e164") != null) ? String.valueOf(map.get("e164"))
						: String.valueOf(map.get("number")).replaceAll("[^0-9+]", "");
				default -> map.entrySet()
					.stream()
					.filter((e) -> !"label".equals(e.getKey()))
					.map((e) -> String.valueOf(e.getValue()).toLowerCase(Locale.ROOT))
					.toList()
					.toString();
			};
		}
		return String.valueOf(item).toLowerCase(Locale.ROOT);
	}

	static PersonChange personChange(Map<String, @Nullable Object> values) {
		return new PersonChange(text(values, "givenName"), text(values, "familyName"), text(values, "displayName"),
				maps(values, "emails").stream()
					.map((m) -> new EmailInput(text(m, "address"), text(m, "label"),
							Boolean.TRUE.equals(m.get("primary"))))
					.toList(),
				maps(values, "phones").stream()
					.map((m) -> new PhoneInput(text(m, "number"), text(m, "label"),
							Boolean.TRUE.equals(m.get("primary"))))
					.toList(),
				addressInputs(values), date(text(values, "birthday")), text(values, "jobTitle"),
				uuid(text(values, "companyId")), text(values, "source"), uuid(text(values, "ownerId")),
				uuid(text(values, "teamId")), strings(values, "tags"), text(values, "preferredChannel"),
				text(values, "notes"), custom(values));
	}

	static LifecycleStage stage(Map<String, @Nullable Object> values) {
		String code = text(values, "lifecycleStage");
		return (code != null) ? LifecycleStage.fromCode(code).orElse(LifecycleStage.LEAD) : LifecycleStage.LEAD;
	}

	static CompanyChange companyChange(Map<String, @Nullable Object> values) {
		return new CompanyChange(text(values, "name"), text(values, "domain"), text(values, "industry"),
				text(values, "sizeBand"), uuid(text(values, "parentId")), uuid(text(values, "ownerId")),
				uuid(text(values, "teamId")), strings(values, "tags"), addressInputs(values), text(values, "notes"),
				custom(values));
	}

	/**
	 * Every custom value, with {@code null} for the fields that have none, so that
	 * replacing with them clears what the other record brought.
	 */
	private static Map<String, @Nullable Object> custom(Map<String, @Nullable Object> values) {
		Map<String, @Nullable Object> custom = new LinkedHashMap<>();
		values.forEach((k, v) -> {
			if (k.startsWith("custom.")) {
				custom.put(k.substring("custom.".length()), number(v));
			}
		});
		return custom;
	}

	private static @Nullable Object number(@Nullable Object value) {
		return (value instanceof Number n && !(value instanceof BigDecimal)) ? new BigDecimal(n.toString()) : value;
	}

	private static List<AddressInput> addressInputs(Map<String, @Nullable Object> values) {
		return maps(values, "addresses").stream()
			.map((m) -> new AddressInput(text(m, "label"), text(m, "street"), text(m, "postalCode"), text(m, "city"),
					text(m, "region"), text(m, "countryCode")))
			.toList();
	}

	private static List<Map<String, Object>> addresses(List<PersonView.Address> addresses) {
		return addresses.stream().map((a) -> {
			Map<String, Object> address = new LinkedHashMap<>();
			address.put("label", a.label().code());
			address.put("street", a.street());
			address.put("postalCode", a.postalCode());
			address.put("city", a.city());
			address.put("region", a.region());
			address.put("countryCode", a.countryCode());
			return address;
		}).toList();
	}

	static List<?> list(@Nullable Object value) {
		return (value instanceof List<?> list) ? list : List.of();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> maps(Map<String, @Nullable Object> values, String field) {
		return list(values.get(field)).stream()
			.filter(Map.class::isInstance)
			.map((m) -> (Map<String, Object>) m)
			.toList();
	}

	private static List<String> strings(Map<String, @Nullable Object> values, String field) {
		return list(values.get(field)).stream().map(String::valueOf).toList();
	}

	private static @Nullable String text(Map<String, ? extends @Nullable Object> values, String field) {
		Object value = values.get(field);
		return (value != null) ? value.toString() : null;
	}

	private static @Nullable UUID uuid(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : UUID.fromString(text);
	}

	private static @Nullable LocalDate date(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : LocalDate.parse(text);
	}

	private static @Nullable String string(@Nullable UUID id) {
		return (id != null) ? id.toString() : null;
	}

}
