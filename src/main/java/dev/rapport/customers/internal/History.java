package dev.rapport.customers.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.rapport.customers.CompanyView;
import dev.rapport.customers.PersonView;
import dev.rapport.platform.ChangeLog.FieldChange;

/** The fields that differ between two versions of a person or a company, as text. */
final class History {

	private History() {
	}

	static List<FieldChange> diff(PersonView before, PersonView after) {
		List<FieldChange> changes = new ArrayList<>();
		add(changes, "givenName", before.givenName(), after.givenName());
		add(changes, "familyName", before.familyName(), after.familyName());
		add(changes, "displayName", before.displayName(), after.displayName());
		add(changes, "emails", emails(before), emails(after));
		add(changes, "phones", phones(before), phones(after));
		add(changes, "addresses", addresses(before.addresses()), addresses(after.addresses()));
		add(changes, "birthday", before.birthday(), after.birthday());
		add(changes, "jobTitle", before.jobTitle(), after.jobTitle());
		add(changes, "company", before.companyName(), after.companyName());
		add(changes, "source", before.source(), after.source());
		add(changes, "owner", before.ownerName(), after.ownerName());
		add(changes, "team", before.teamId(), after.teamId());
		add(changes, "tags", String.join(", ", before.tags()), String.join(", ", after.tags()));
		add(changes, "preferredChannel", before.preferredChannel(), after.preferredChannel());
		add(changes, "notes", before.notes(), after.notes());
		custom(changes, before.custom(), after.custom());
		return changes;
	}

	static List<FieldChange> diff(CompanyView before, CompanyView after) {
		List<FieldChange> changes = new ArrayList<>();
		add(changes, "name", before.name(), after.name());
		add(changes, "domain", before.domain(), after.domain());
		add(changes, "industry", before.industry(), after.industry());
		add(changes, "sizeBand", before.sizeBand(), after.sizeBand());
		add(changes, "parent", before.parentName(), after.parentName());
		add(changes, "owner", before.ownerName(), after.ownerName());
		add(changes, "team", before.teamId(), after.teamId());
		add(changes, "tags", String.join(", ", before.tags()), String.join(", ", after.tags()));
		add(changes, "addresses", addresses(before.addresses()), addresses(after.addresses()));
		add(changes, "notes", before.notes(), after.notes());
		custom(changes, before.custom(), after.custom());
		return changes;
	}

	private static void custom(List<FieldChange> changes, Map<String, Object> before, Map<String, Object> after) {
		for (String key : new TreeSet<>(union(before.keySet(), after.keySet()))) {
			add(changes, "custom." + key, text(before.get(key)), text(after.get(key)));
		}
	}

	private static void add(List<FieldChange> changes, String field, @Nullable Object before, @Nullable Object after) {
		String old = text(before);
		String now = text(after);
		if (!Objects.equals(old, now)) {
			changes.add(new FieldChange(field, old, now));
		}
	}

	private static @Nullable String text(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Collection<?> c) {
			return c.isEmpty() ? null : String.join(", ", c.stream().map(String::valueOf).toList());
		}
		if (value instanceof BigDecimal n) {
			return n.toPlainString();
		}
		String text = value.toString();
		return text.isEmpty() ? null : text;
	}

	private static String emails(PersonView p) {
		return String.join(", ", p.emails().stream().map((e) -> e.address() + (e.primary() ? " *" : "")).toList());
	}

	private static String phones(PersonView p) {
		return String.join(", ", p.phones().stream().map((e) -> e.typed() + (e.primary() ? " *" : "")).toList());
	}

	private static String addresses(List<PersonView.Address> addresses) {
		return String.join(" / ", addresses.stream()
			.map((a) -> String.join(", ",
					java.util.stream.Stream.of(a.street(), a.postalCode(), a.city(), a.region(), a.countryCode())
						.filter(Objects::nonNull)
						.toList()))
			.toList());
	}

	private static <T> Collection<T> union(Collection<T> a, Collection<T> b) {
		List<T> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

}
