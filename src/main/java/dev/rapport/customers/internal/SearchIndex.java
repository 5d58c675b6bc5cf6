package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.SEARCH_TERM;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

import org.springframework.stereotype.Component;

import dev.rapport.platform.Actors;
import dev.rapport.platform.WorkspaceScope;

/**
 * The search terms of people and companies: every word of a name, the whole name, every
 * e-mail address and its domain, every phone number's digits (international, national,
 * and as typed). A query matches a record when each of its words is the prefix of one of
 * the record's terms, which one index on (workspace, kind, term) answers.
 */
@Component
class SearchIndex {

	static final String PERSON = "person";

	static final String COMPANY = "company";

	private static final int MAX_TERM = 320;

	private final DSLContext dsl;

	private final int narrow;

	SearchIndex(DSLContext dsl, CustomersProperties properties) {
		this.dsl = dsl;
		this.narrow = properties.searchNarrowLimit();
	}

	/** Replaces the terms of a record. */
	void replace(String kind, UUID recordId, Collection<String> terms) {
		UUID workspaceId = Actors.workspaceId();
		this.dsl.deleteFrom(SEARCH_TERM)
			.where(SEARCH_TERM.WORKSPACE_ID.eq(workspaceId))
			.and(SEARCH_TERM.RECORD_ID.eq(recordId))
			.execute();
		Set<String> unique = new LinkedHashSet<>();
		for (String term : terms) {
			if (term != null && !term.isBlank()) {
				unique.add((term.length() > MAX_TERM) ? term.substring(0, MAX_TERM) : term);
			}
		}
		if (unique.isEmpty()) {
			return;
		}
		var insert = this.dsl.insertInto(SEARCH_TERM, SEARCH_TERM.WORKSPACE_ID, SEARCH_TERM.RECORD_ID,
				SEARCH_TERM.RECORD_KIND, SEARCH_TERM.TERM);
		for (String term : unique) {
			insert = insert.values(workspaceId, recordId, kind, term);
		}
		insert.execute();
	}

	void remove(UUID recordId) {
		this.dsl.deleteFrom(SEARCH_TERM)
			.where(SEARCH_TERM.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(SEARCH_TERM.RECORD_ID.eq(recordId))
			.execute();
	}

	/** The terms of a name: each word and the whole name, folded. */
	static List<String> nameTerms(String... names) {
		List<String> terms = new ArrayList<>();
		for (String name : names) {
			if (name == null) {
				continue;
			}
			terms.addAll(TextKeys.words(name));
			String whole = TextKeys.fold(name);
			if (!whole.isEmpty()) {
				terms.add(whole);
			}
		}
		return terms;
	}

	/** The terms of an e-mail address: the address and its domain. */
	static List<String> emailTerms(String addressKey) {
		List<String> terms = new ArrayList<>();
		terms.add(addressKey);
		int at = addressKey.indexOf('@');
		if (at >= 0 && at < addressKey.length() - 1) {
			terms.add(addressKey.substring(at + 1));
		}
		return terms;
	}

	/**
	 * The terms of a phone number: E.164 digits, national digits and the digits typed.
	 */
	static List<String> phoneTerms(String typed, String e164) {
		List<String> terms = new ArrayList<>();
		if (e164 != null) {
			terms.add(PhoneNumbers.digits(e164));
			terms.add(PhoneNumbers.nationalDigits(e164));
			terms.add(PhoneNumbers.nationalFormatDigits(e164));
		}
		String typedDigits = PhoneNumbers.digits(typed);
		if (!typedDigits.isEmpty()) {
			terms.add(typedDigits);
		}
		return terms;
	}

	/**
	 * The words of a query as terms to match by prefix. A query that looks like a phone
	 * number ("+31 6 1234", "(020) 555-12") is one term of its digits.
	 */
	static List<String> queryTerms(String query) {
		String trimmed = query.strip();
		if (trimmed.isEmpty()) {
			return List.of();
		}
		String digits = PhoneNumbers.digits(trimmed);
		if (digits.length() >= 3
				&& trimmed.codePoints().allMatch((cp) -> Character.isDigit(cp) || " +-().\u00A0/".indexOf(cp) >= 0)) {
			return List.of(digits);
		}
		List<String> terms = new ArrayList<>();
		for (String part : trimmed.split("\\s+")) {
			String folded = TextKeys.fold(part);
			if (folded.contains("@") || folded.matches(".*\\p{L}\\.\\p{L}.*")) {
				// An e-mail address or a web domain is matched whole, dots included.
				terms.add(folded.toLowerCase(Locale.ROOT));
			}
			else {
				List<String> words = TextKeys.words(part);
				terms.addAll(words.isEmpty() ? List.of() : words);
			}
		}
		return terms.stream().distinct().limit(8).toList();
	}

	/**
	 * A condition on a record id column: the record of this kind has, for every query
	 * term, a term starting with it.
	 */
	Condition matches(String kind, Field<UUID> recordId, List<String> queryTerms) {
		Condition all = DSL.trueCondition();
		for (String term : queryTerms) {
			all = all.and(recordId.in(DSL.select(SEARCH_TERM.RECORD_ID)
				.from(SEARCH_TERM)
				.where(WorkspaceScope.of(SEARCH_TERM.WORKSPACE_ID))
				.and(SEARCH_TERM.RECORD_KIND.eq(kind))
				.and(SEARCH_TERM.TERM.like(TextKeys.likePrefix(term), '\\'))));
		}
		return all;
	}

	/**
	 * The condition that a person matches one query term by their own terms or their
	 * company's, in the shape that is fast for how common the prefix is: a narrow prefix
	 * joins its few matches, a broad one is checked person by person along the list's
	 * order (where matches are dense, the first page is found after a few rows).
	 */
	Condition personMatches(Field<UUID> personId, Field<UUID> companyId, String term) {
		String pattern = TextKeys.likePrefix(term);
		int found = this.dsl.fetchCount(DSL.selectOne()
			.from(SEARCH_TERM)
			.where(WorkspaceScope.of(SEARCH_TERM.WORKSPACE_ID))
			.and(SEARCH_TERM.RECORD_KIND.in(PERSON, COMPANY))
			.and(SEARCH_TERM.TERM.like(pattern, '\\'))
			.limit(this.narrow + 1));
		if (found <= this.narrow) {
			// One semi-join over the few matches: the people's own, and the people of
			// matching companies.
			var staff = dev.rapport.customers.internal.db.Tables.PERSON.as("staff");
			return personId.in(terms(PERSON, pattern).union(DSL.select(staff.ID)
				.from(staff)
				.where(staff.WORKSPACE_ID.eq(Actors.workspaceId()))
				.and(staff.COMPANY_ID.in(terms(COMPANY, pattern)))));
		}
		var own = SEARCH_TERM.as("own");
		var theirs = SEARCH_TERM.as("theirs");
		return DSL
			.exists(DSL.selectOne()
				.from(own)
				.where(own.WORKSPACE_ID.eq(Actors.workspaceId()))
				.and(own.RECORD_ID.eq(personId))
				.and(own.RECORD_KIND.eq(PERSON))
				.and(own.TERM.like(pattern, '\\')))
			.or(DSL.exists(DSL.selectOne()
				.from(theirs)
				.where(theirs.WORKSPACE_ID.eq(Actors.workspaceId()))
				.and(theirs.RECORD_ID.eq(companyId))
				.and(theirs.RECORD_KIND.eq(COMPANY))
				.and(theirs.TERM.like(pattern, '\\'))));
	}

	private static org.jooq.Select<org.jooq.Record1<UUID>> terms(String kind, String pattern) {
		return DSL.select(SEARCH_TERM.RECORD_ID)
			.from(SEARCH_TERM)
			.where(WorkspaceScope.of(SEARCH_TERM.WORKSPACE_ID))
			.and(SEARCH_TERM.RECORD_KIND.eq(kind))
			.and(SEARCH_TERM.TERM.like(pattern, '\\'));
	}

}
