package dev.rapport.dataquality.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.CustomerKind;
import dev.rapport.customers.Customers;
import dev.rapport.customers.MatchData;
import dev.rapport.dataquality.Duplicates;
import dev.rapport.dataquality.internal.matching.Matcher;
import dev.rapport.dataquality.internal.matching.Profile;
import dev.rapport.dataquality.internal.matching.Rules;

/**
 * Duplicate detection for forms, the API and imports: looks the probe's blocking keys up,
 * scores the bounded set of records found by the workspace's rules, answers those the
 * user may read that can still be someone's duplicate
 * ({@link MatchData#duplicateCandidate()}).
 */
@Service
class DuplicateFinder implements Duplicates {

	private final DuplicateKeys keys;

	private final DuplicateRules rules;

	private final Customers customers;

	DuplicateFinder(DuplicateKeys keys, DuplicateRules rules, Customers customers) {
		this.keys = keys;
		this.rules = rules;
		this.customers = customers;
	}

	@Override
	@Transactional(readOnly = true)
	public List<Candidate> similarPeople(PersonProbe probe, int limit) {
		return similarPeople(List.of(probe), limit).get(0);
	}

	@Override
	@Transactional(readOnly = true)
	public List<List<Candidate>> similarPeople(List<PersonProbe> probes, int limitEach) {
		String region = this.customers.phoneRegion().orElse(null);
		List<Profile> profiles = probes.stream().map((p) -> Profiles.of(p, region)).toList();
		return similar(CustomerKind.PERSON, profiles, limitEach);
	}

	@Override
	@Transactional(readOnly = true)
	public List<Candidate> similarCompanies(CompanyProbe probe, int limit) {
		return similar(CustomerKind.COMPANY, List.of(Profiles.of(probe)), limit).get(0);
	}

	@Override
	@Transactional(readOnly = true)
	public Match compare(PersonProbe a, PersonProbe b) {
		String region = this.customers.phoneRegion().orElse(null);
		return Matcher.compare(Profiles.of(a, region), Profiles.of(b, region), this.rules.current(CustomerKind.PERSON));
	}

	@Override
	@Transactional(readOnly = true)
	public Set<String> blockingKeys(PersonProbe probe) {
		return Matcher.blockingKeys(Profiles.of(probe, this.customers.phoneRegion().orElse(null)));
	}

	private List<List<Candidate>> similar(CustomerKind kind, List<Profile> profiles, int limit) {
		Rules rule = this.rules.current(kind);
		List<Set<UUID>> found = this.keys.candidates(kind, profiles);
		Set<UUID> all = new HashSet<>();
		found.forEach(all::addAll);
		Set<UUID> readable = all.isEmpty() ? Set.of() : (kind == CustomerKind.PERSON)
				? this.customers.readablePeople(all) : this.customers.readableCompanies(all);
		Map<UUID, Profile> existing = new HashMap<>();
		Map<UUID, String> names = new HashMap<>();
		for (MatchData data : this.customers.matchData(kind, readable)) {
			// The keys of a person who died or was disqualified, or of an archived
			// record,
			// are kept (the state can be undone); they are just no one's candidate.
			if (!data.duplicateCandidate()) {
				continue;
			}
			existing.put(data.id(), Profiles.of(data));
			names.put(data.id(), data.displayName());
		}
		List<List<Candidate>> result = new ArrayList<>(profiles.size());
		for (int i = 0; i < profiles.size(); i++) {
			List<Candidate> candidates = new ArrayList<>();
			for (UUID id : found.get(i)) {
				Profile other = existing.get(id);
				if (other == null) {
					continue;
				}
				Match match = Matcher.compare(profiles.get(i), other, rule);
				if (match.level() != null) {
					candidates.add(new Candidate(id, names.get(id), match.score(), match.level(), match.reasons()));
				}
			}
			candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
			result.add(List.copyOf(candidates.subList(0, Math.min(limit, candidates.size()))));
		}
		return result;
	}

}
