package dev.rapport.dataquality;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Fuzzy duplicate detection with the workspace's rules: which existing people or
 * companies may be the one described, how sure that is and why. Only records the current
 * user may read are answered.
 */
public interface Duplicates {

	/** How sure a match is, by the thresholds of the workspace's rules. */
	enum Level {

		POSSIBLE, LIKELY

	}

	/**
	 * One reason two records match, e.g. code {@code name.nickname} with detail
	 * {@code Bob ≈ Robert}; the code is the suffix of the message key
	 * {@code duplicates.reason.<code>}.
	 */
	record Reason(String code, String detail, double weight) {
	}

	/** An existing record that may be the one described. */
	record Candidate(UUID id, String displayName, double score, Level level, List<Reason> reasons) {
	}

	/** How two described records compare. {@code level} is null below "possible". */
	record Match(double score, @Nullable Level level, List<Reason> reasons) {
	}

	/**
	 * A person as described by a form, an API call or a row of an import.
	 *
	 * @param id the person being edited, left out of the answers ({@code null} when new)
	 * @param phones as typed or in E.164
	 */
	record PersonProbe(@Nullable UUID id, @Nullable String givenName, @Nullable String familyName,
			@Nullable String displayName, List<String> emails, List<String> phones, @Nullable String companyName,
			@Nullable String street, @Nullable String postalCode, @Nullable String city) {
	}

	/** A company as described by a form, an API call or a row of an import. */
	record CompanyProbe(@Nullable UUID id, String name, @Nullable String domain, @Nullable String street,
			@Nullable String postalCode, @Nullable String city) {
	}

	/** Existing people who may be this one, best first, at least "possible". */
	List<Candidate> similarPeople(PersonProbe probe, int limit);

	/**
	 * The same for many people at once (an import batch), in one pass over the blocking
	 * keys: one list per probe, in order.
	 */
	List<List<Candidate>> similarPeople(List<PersonProbe> probes, int limitEach);

	/** Existing companies that may be this one, best first, at least "possible". */
	List<Candidate> similarCompanies(CompanyProbe probe, int limit);

	/**
	 * How two described people compare, by the workspace's rules (e.g. two rows of a
	 * file).
	 */
	Match compare(PersonProbe a, PersonProbe b);

	/**
	 * The blocking keys of a described person: two people can only be "possible"
	 * duplicates when they share a key, so a caller comparing many rows compares only
	 * rows sharing one.
	 */
	Set<String> blockingKeys(PersonProbe probe);

}
