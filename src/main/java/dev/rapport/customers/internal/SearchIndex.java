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
import org.jspecify.annotations.Nullable;

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

	private static final int MAX_SORT_KEY = 300;

	private static final dev.rapport.customers.internal.db.tables.Person PERSON_TABLE = dev.rapport.customers.internal.db.Tables.PERSON;

	private final DSLContext dsl;

	private final int narrow;

	SearchIndex(DSLContext dsl, CustomersProperties properties) {
		this.dsl = dsl;
		this.narrow = properties.searchNarrowLimit();
	}

	/**
	 * Replaces the terms of a person: their own, and copies of their company's terms (so
	 * that "acme" finds everyone at Acme). The sort key is the person's name key.
	 */
	void replacePerson(UUID personId, Collection<String> terms, String sortKey, @Nullable UUID companyId) {
		remove(personId);
		Set<String> own = unique(terms);
		insert(PERSON, personId, own, sortKey, null);
		if (companyId != null) {
			Set<String> copies = new LinkedHashSet<>(
					companyTerms(List.of(companyId)).getOrDefault(companyId, List.of()));
			copies.removeAll(own);
			insert(PERSON, personId, copies, sortKey, companyId);
		}
	}

	/** The terms of these companies, by company, in one query. */
	java.util.Map<UUID, List<String>> companyTerms(Collection<UUID> companyIds) {
		java.util.Map<UUID, List<String>> terms = new java.util.HashMap<>();
		if (companyIds.isEmpty()) {
			return terms;
		}
		this.dsl.select(SEARCH_TERM.RECORD_ID, SEARCH_TERM.TERM)
			.from(SEARCH_TERM)
			.where(SEARCH_TERM.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(SEARCH_TERM.RECORD_ID.in(companyIds))
			.and(SEARCH_TERM.RECORD_KIND.eq(COMPANY))
			.forEach((r) -> terms.computeIfAbsent(r.value1(), (id) -> new ArrayList<>()).add(r.value2()));
		return terms;
	}

	/**
	 * Replaces the terms of a company. When they changed (a new name or domain), the
	 * copies its people hold are replaced too.
	 */
	void replaceCompany(UUID companyId, Collection<String> terms, String sortKey) {
		UUID workspaceId = Actors.workspaceId();
		Set<String> wanted = unique(terms);
		Set<String> held = new LinkedHashSet<>(this.dsl.select(SEARCH_TERM.TERM)
			.from(SEARCH_TERM)
			.where(SEARCH_TERM.WORKSPACE_ID.eq(workspaceId))
			.and(SEARCH_TERM.RECORD_ID.eq(companyId))
			.and(SEARCH_TERM.RECORD_KIND.eq(COMPANY))
			.fetch(SEARCH_TERM.TERM));
		remove(companyId);
		insert(COMPANY, companyId, wanted, sortKey, null);
		if (!held.equals(wanted)) {
			this.dsl.deleteFrom(SEARCH_TERM)
				.where(SEARCH_TERM.WORKSPACE_ID.eq(workspaceId))
				.and(SEARCH_TERM.RECORD_KIND.eq(PERSON))
				.and(SEARCH_TERM.SOURCE_ID.eq(companyId))
				.and(SEARCH_TERM.RECORD_ID.in(DSL.select(PERSON_TABLE.ID)
					.from(PERSON_TABLE)
					.where(PERSON_TABLE.WORKSPACE_ID.eq(workspaceId))
					.and(PERSON_TABLE.COMPANY_ID.eq(companyId))))
				.execute();
			copyCompanyTerms(PERSON_TABLE.COMPANY_ID.eq(companyId));
		}
	}

	/**
	 * Gives the chosen people copies of their companies' terms (those they do not hold
	 * themselves), in one statement.
	 */
	void copyCompanyTerms(Condition people) {
		var company = SEARCH_TERM.as("company_term");
		var own = SEARCH_TERM.as("own_term");
		this.dsl
			.insertInto(SEARCH_TERM, SEARCH_TERM.WORKSPACE_ID, SEARCH_TERM.RECORD_ID, SEARCH_TERM.RECORD_KIND,
					SEARCH_TERM.TERM, SEARCH_TERM.SORT_KEY, SEARCH_TERM.SOURCE_ID)
			.select(DSL
				.select(PERSON_TABLE.WORKSPACE_ID, PERSON_TABLE.ID, DSL.inline(PERSON), company.TERM,
						PERSON_TABLE.NAME_KEY, PERSON_TABLE.COMPANY_ID)
				.from(PERSON_TABLE)
				.join(company)
				.on(company.WORKSPACE_ID.eq(PERSON_TABLE.WORKSPACE_ID))
				.and(company.RECORD_KIND.eq(COMPANY))
				.and(company.RECORD_ID.eq(PERSON_TABLE.COMPANY_ID))
				.where(PERSON_TABLE.WORKSPACE_ID.eq(Actors.workspaceId()))
				.and(people)
				.andNotExists(DSL.selectOne()
					.from(own)
					.where(own.WORKSPACE_ID.eq(PERSON_TABLE.WORKSPACE_ID))
					.and(own.RECORD_KIND.eq(PERSON))
					.and(own.TERM.eq(company.TERM))
					.and(own.RECORD_ID.eq(PERSON_TABLE.ID))))
			.execute();
	}

	private void insert(String kind, UUID recordId, Set<String> terms, String sortKey, @Nullable UUID sourceId) {
		if (terms.isEmpty()) {
			return;
		}
		UUID workspaceId = Actors.workspaceId();
		String key = sortKey(sortKey);
		var insert = this.dsl.insertInto(SEARCH_TERM, SEARCH_TERM.WORKSPACE_ID, SEARCH_TERM.RECORD_ID,
				SEARCH_TERM.RECORD_KIND, SEARCH_TERM.TERM, SEARCH_TERM.SORT_KEY, SEARCH_TERM.SOURCE_ID);
		for (String term : terms) {
			insert = insert.values(workspaceId, recordId, kind, term, key, sourceId);
		}
		insert.execute();
	}

	/** The distinct, non-blank terms, each cut to the column's length. */
	static Set<String> unique(Collection<String> terms) {
		Set<String> unique = new LinkedHashSet<>();
		for (String term : terms) {
			if (term != null && !term.isBlank()) {
				unique.add((term.length() > MAX_TERM) ? term.substring(0, MAX_TERM) : term);
			}
		}
		return unique;
	}

	static String sortKey(@Nullable String nameKey) {
		if (nameKey == null) {
			return "";
		}
		return (nameKey.length() > MAX_SORT_KEY) ? nameKey.substring(0, MAX_SORT_KEY) : nameKey;
	}

	/**
	 * Replaces a person's copies of their company's terms after the person moved to
	 * another company (or to none), keeping their own terms.
	 */
	void recopyCompanyTerms(UUID personId) {
		this.dsl.deleteFrom(SEARCH_TERM)
			.where(SEARCH_TERM.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(SEARCH_TERM.RECORD_KIND.eq(PERSON))
			.and(SEARCH_TERM.RECORD_ID.eq(personId))
			.and(SEARCH_TERM.SOURCE_ID.isNotNull())
			.execute();
		copyCompanyTerms(PERSON_TABLE.ID.eq(personId));
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
			String[] national = PhoneNumbers.nationalForms(e164);
			terms.add(national[0]);
			terms.add(national[1]);
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
		for (Planned term : plan(kind, queryTerms)) {
			all = all.and(recordId.in(DSL.select(SEARCH_TERM.RECORD_ID)
				.from(SEARCH_TERM)
				.where(WorkspaceScope.of(SEARCH_TERM.WORKSPACE_ID))
				.and(SEARCH_TERM.RECORD_KIND.eq(kind))
				.and(term.on(SEARCH_TERM.TERM))));
		}
		return all;
	}

	/**
	 * A query term, how many records it matches (counted up to the narrow limit), and,
	 * when no term starts with it, the similar words it stands for instead.
	 */
	record Planned(String term, int breadth, List<String> similar) {

		Planned(String term, int breadth) {
			this(term, breadth, List.of());
		}

		/** Whether the term is matched by similar words rather than as a prefix. */
		boolean corrected() {
			return !this.similar.isEmpty();
		}

		Condition on(Field<String> column) {
			return corrected() ? column.in(this.similar) : prefix(column, this.term);
		}

	}

	/**
	 * The query terms with their breadth, narrowest first: the first one is the best to
	 * drive a search, the others are checked per record. A word that starts no term at
	 * all is searched by the similar words the index holds (a typo).
	 */
	List<Planned> plan(String kind, List<String> queryTerms) {
		List<Planned> planned = new ArrayList<>();
		for (String term : queryTerms) {
			int found = this.dsl.fetchCount(DSL.selectOne()
				.from(SEARCH_TERM)
				.where(WorkspaceScope.of(SEARCH_TERM.WORKSPACE_ID))
				.and(SEARCH_TERM.RECORD_KIND.eq(kind))
				.and(prefix(SEARCH_TERM.TERM, term))
				.limit(this.narrow + 1));
			planned.add((found == 0) ? new Planned(term, 0, similar(kind, term)) : new Planned(term, found));
		}
		planned.sort(java.util.Comparator.comparingInt(Planned::breadth));
		return planned;
	}

	/**
	 * The condition that a term starts with a query term. The pattern is inlined in the
	 * SQL, not bound: a prepared statement's generic plan cannot turn a bound LIKE
	 * pattern into an index range, and PostgreSQL switches to generic plans after a few
	 * runs.
	 */
	static Condition prefix(Field<String> column, String term) {
		return column.like(DSL.inline(TextKeys.likePrefix(term)), '\\');
	}

	/** Words shorter than this are not corrected: too many words are one letter apart. */
	static final int MIN_CORRECTED = 4;

	private static final int MAX_SIMILAR = 10;

	/**
	 * The indexed words one typo away from a word: a letter changed, added or left out,
	 * or two neighbours swapped, after its first two letters (typos there are rare, and
	 * keeping them narrows the index range to read). Closest first, at most ten.
	 */
	List<String> similar(String kind, String word) {
		int[] letters = word.codePoints().toArray();
		if (letters.length < MIN_CORRECTED || !word.codePoints().allMatch(Character::isLetter)) {
			return List.of();
		}
		String head = new String(letters, 0, 2);
		List<Condition> shapes = new ArrayList<>();
		List<String> exact = new ArrayList<>();
		for (int i = 2; i <= letters.length; i++) {
			String before = new String(letters, 0, i);
			String from = new String(letters, i, letters.length - i);
			// One letter more at i.
			shapes.add(SEARCH_TERM.TERM.like(DSL.inline(before + "_" + from)));
			if (i < letters.length) {
				String after = new String(letters, i + 1, letters.length - i - 1);
				// Letter i changed, or left out.
				shapes.add(SEARCH_TERM.TERM.like(DSL.inline(before + "_" + after)));
				exact.add(before + after);
				if (i + 1 < letters.length) {
					// Letters i and i + 1 swapped.
					exact.add(before + new String(letters, i + 1, 1) + new String(letters, i, 1)
							+ new String(letters, i + 2, letters.length - i - 2));
				}
			}
		}
		shapes.add(SEARCH_TERM.TERM.in(exact));
		List<String> candidates = this.dsl.selectDistinct(SEARCH_TERM.TERM)
			.from(SEARCH_TERM)
			.where(WorkspaceScope.of(SEARCH_TERM.WORKSPACE_ID))
			.and(SEARCH_TERM.RECORD_KIND.eq(kind))
			.and(SEARCH_TERM.TERM.like(DSL.inline(head + "%")))
			.and(DSL.charLength(SEARCH_TERM.TERM).between(letters.length - 1, letters.length + 1))
			.and(DSL.or(shapes))
			.limit(200)
			.fetch(SEARCH_TERM.TERM);
		return candidates.stream().filter((c) -> TextKeys.oneEditApart(word, c)).sorted().limit(MAX_SIMILAR).toList();
	}

	/**
	 * The condition that a person has a term starting with the query term (their own or
	 * their company's), in the shape that is fast for how common it is: a narrow prefix
	 * joins its few matches, a broad one is checked person by person.
	 */
	Condition personMatches(Field<UUID> personId, Planned term) {
		if (term.breadth() <= this.narrow) {
			return personId.in(DSL.select(SEARCH_TERM.RECORD_ID)
				.from(SEARCH_TERM)
				.where(WorkspaceScope.of(SEARCH_TERM.WORKSPACE_ID))
				.and(SEARCH_TERM.RECORD_KIND.eq(PERSON))
				.and(term.on(SEARCH_TERM.TERM)));
		}
		var own = SEARCH_TERM.as("own");
		return DSL.exists(DSL.selectOne()
			.from(own)
			.where(own.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(own.RECORD_ID.eq(personId))
			.and(own.RECORD_KIND.eq(PERSON))
			.and(term.on(own.TERM)));
	}

	/**
	 * A walk over the records matching one query term in the order a search shows them:
	 * by the matched term (an exact word before longer ones), then by name. Each record
	 * comes once, at its first matching term. Walking the term index in this order, a
	 * page is found after about as many index entries as it has rows, however common the
	 * prefix.
	 */
	Walk walk(String kind, Planned term) {
		var hit = SEARCH_TERM.as("hit");
		var earlier = SEARCH_TERM.as("earlier");
		Condition condition = hit.WORKSPACE_ID.eq(Actors.workspaceId())
			.and(hit.RECORD_KIND.eq(kind))
			.and(term.on(hit.TERM))
			.andNotExists(DSL.selectOne()
				.from(earlier)
				.where(earlier.WORKSPACE_ID.eq(hit.WORKSPACE_ID))
				.and(earlier.RECORD_ID.eq(hit.RECORD_ID))
				.and(earlier.RECORD_KIND.eq(kind))
				.and(term.on(earlier.TERM))
				.and(earlier.TERM.lt(hit.TERM)));
		return new Walk(hit, condition);
	}

	/** The term rows a search walks, with the condition that picks them. */
	record Walk(dev.rapport.customers.internal.db.tables.SearchTerm hit, Condition condition) {

		List<org.jooq.SortField<?>> order() {
			// Led by the constant workspace and kind so that H2 also reads the index in
			// order and stops after a page.
			return List.of(this.hit.WORKSPACE_ID.asc(), this.hit.RECORD_KIND.asc(), this.hit.TERM.asc(),
					this.hit.SORT_KEY.asc(), this.hit.RECORD_ID.asc());
		}

		/** The rows after the cursor's one, in this order. */
		Condition after(String cursor) {
			List<String> after = dev.rapport.platform.Cursor.decode(cursor, 3);
			return DSL.row(this.hit.TERM, this.hit.SORT_KEY, this.hit.RECORD_ID)
				.greaterThan(after.get(0), after.get(1), dev.rapport.platform.Ids.parse("cursor", after.get(2)));
		}

		String cursor(org.jooq.Record row) {
			return dev.rapport.platform.Cursor.encode(row.get(this.hit.TERM), row.get(this.hit.SORT_KEY),
					row.get(this.hit.RECORD_ID).toString());
		}

	}

}
