package dev.rapport.customers.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.rapport.customers.CompanyChange;
import dev.rapport.customers.CompanyView;
import dev.rapport.customers.LifecycleStage;
import dev.rapport.customers.PersonChange;
import dev.rapport.customers.PersonView;
import dev.rapport.platform.RecordRules;

/**
 * People and companies as the workspace's validation rules see them
 * ({@link RecordRules}): standard fields by their API names, lists as lists,
 * {@code custom.<key>} for custom values.
 */
final class RuleValues {

	static final List<String> PERSON_FIELDS = List.of("givenName", "familyName", "displayName", "emails", "phones",
			"addresses", "birthday", "jobTitle", "companyId", "source", "ownerId", "teamId", "tags", "preferredChannel",
			"notes", "lifecycleStage");

	static final List<String> COMPANY_FIELDS = List.of("name", "domain", "industry", "sizeBand", "parentId", "ownerId",
			"teamId", "tags", "addresses", "notes");

	private RuleValues() {
	}

	/** A person as a write will store them. */
	static Map<String, @Nullable Object> person(PersonService.Validated valid, PersonChange change,
			LifecycleStage stage) {
		return person(valid.givenName(), valid.familyName(), valid.displayName(),
				valid.emails().stream().map(PersonView.Email::address).toList(),
				valid.phones().stream().map((p) -> (p.e164() != null) ? p.e164() : p.typed()).toList(),
				valid.addresses(), change.birthday(), Text.trimToNull(change.jobTitle()), change.companyId(),
				Text.trimToNull(change.source()), valid.ownerId(), change.teamId(), valid.tags(),
				Text.trimToNull(change.preferredChannel()), Text.trimToNull(change.notes()), stage, valid.custom());
	}

	/** A stored person. */
	static Map<String, @Nullable Object> person(PersonView p) {
		return person(p.givenName(), p.familyName(), p.displayName(),
				p.emails().stream().map(PersonView.Email::address).toList(),
				p.phones().stream().map((ph) -> (ph.e164() != null) ? ph.e164() : ph.typed()).toList(), p.addresses(),
				p.birthday(), p.jobTitle(), p.companyId(), p.source(), p.ownerId(), p.teamId(), p.tags(),
				p.preferredChannel(), p.notes(), p.lifecycleStage(), p.custom());
	}

	private static Map<String, @Nullable Object> person(@Nullable String given, @Nullable String family, String display,
			List<String> emails, List<String> phones, List<PersonView.Address> addresses, @Nullable LocalDate birthday,
			@Nullable String jobTitle, @Nullable UUID companyId, @Nullable String source, UUID ownerId,
			@Nullable UUID teamId, List<String> tags, @Nullable String preferredChannel, @Nullable String notes,
			LifecycleStage stage, Map<String, Object> custom) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put("givenName", given);
		values.put("familyName", family);
		values.put("displayName", display);
		values.put("emails", emails);
		values.put("phones", phones);
		values.put("addresses", addresses(addresses));
		values.put("birthday", birthday);
		values.put("jobTitle", jobTitle);
		values.put("companyId", companyId);
		values.put("source", source);
		values.put("ownerId", ownerId);
		values.put("teamId", teamId);
		values.put("tags", tags);
		values.put("preferredChannel", preferredChannel);
		values.put("notes", notes);
		values.put("lifecycleStage", stage.code());
		custom.forEach((key, value) -> values.put("custom." + key, value));
		return values;
	}

	/** A company as a write will store it. */
	static Map<String, @Nullable Object> company(CompanyService.Validated valid, CompanyChange change) {
		return company(valid.name(), valid.domain(), Text.trimToNull(change.industry()),
				Text.trimToNull(change.sizeBand()), change.parentId(), valid.ownerId(), change.teamId(), valid.tags(),
				valid.addresses(), Text.trimToNull(change.notes()), valid.custom());
	}

	/** A stored company. */
	static Map<String, @Nullable Object> company(CompanyView c) {
		return company(c.name(), c.domain(), c.industry(), c.sizeBand(), c.parentId(), c.ownerId(), c.teamId(),
				c.tags(), c.addresses(), c.notes(), c.custom());
	}

	private static Map<String, @Nullable Object> company(String name, @Nullable String domain,
			@Nullable String industry, @Nullable String sizeBand, @Nullable UUID parentId, UUID ownerId,
			@Nullable UUID teamId, List<String> tags, List<PersonView.Address> addresses, @Nullable String notes,
			Map<String, Object> custom) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put("name", name);
		values.put("domain", domain);
		values.put("industry", industry);
		values.put("sizeBand", sizeBand);
		values.put("parentId", parentId);
		values.put("ownerId", ownerId);
		values.put("teamId", teamId);
		values.put("tags", tags);
		values.put("addresses", addresses(addresses));
		values.put("notes", notes);
		custom.forEach((key, value) -> values.put("custom." + key, value));
		return values;
	}

	private static List<String> addresses(List<PersonView.Address> addresses) {
		List<String> lines = new ArrayList<>();
		for (PersonView.Address a : addresses) {
			List<String> parts = new ArrayList<>();
			for (String part : new String[] { a.street(), a.postalCode(), a.city(), a.region(), a.countryCode() }) {
				if (part != null && !part.isBlank()) {
					parts.add(part);
				}
			}
			if (!parts.isEmpty()) {
				lines.add(String.join(", ", parts));
			}
		}
		return lines;
	}

	/** People and companies for rules tried on a stored record. */
	@Configuration(proxyBeanMethods = false)
	static class Subjects {

		@Bean
		RecordRules.Subject personRuleSubject(PersonService people) {
			return RecordRules.Subject.of(RecordRules.PERSON, PERSON_FIELDS,
					(id) -> people.find(id).map(RuleValues::person), people::recent);
		}

		@Bean
		RecordRules.Subject companyRuleSubject(CompanyService companies) {
			return RecordRules.Subject.of(RecordRules.COMPANY, COMPANY_FIELDS,
					(id) -> companies.find(id).map(RuleValues::company), companies::recent);
		}

	}

}
