package dev.rapport.dataquality.internal.matching;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;

import dev.rapport.customers.CustomerKind;
import dev.rapport.dataquality.Duplicates.Match;
import dev.rapport.dataquality.Duplicates.Reason;

/**
 * Compares two profiles by a rule and says why, and gives the blocking keys of a profile:
 * two records that share no key are never compared.
 */
public final class Matcher {

	private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

	private static final int MAX_KEY = 200;

	/**
	 * The most records a blocking key may have to be used: a key shared by more (a very
	 * common name) tells too little, and comparing all in it would cost too much.
	 */
	public static final int MAX_BLOCK = 100;

	/**
	 * The most records a block of names may have to be compared: a name shared by many
	 * tells less than an e-mail address, a phone or an address shared by as many, and the
	 * pairs of a block grow with the square of its size.
	 */
	public static final int MAX_NAME_BLOCK = 50;

	/** The most records a block of this key may have to be compared. */
	public static int blockCap(String key) {
		return switch (key.charAt(0)) {
			case 'n', 'k', 's', 'o' -> MAX_NAME_BLOCK;
			default -> MAX_BLOCK;
		};
	}

	private Matcher() {
	}

	/** How two given or family names compare. */
	record NameMatch(double score, String code) {

		static final NameMatch NONE = new NameMatch(0, "none");

	}

	/** Two profiles of the same kind, compared by the rule. */
	public static Match compare(Profile a, Profile b, Rules rules) {
		List<Reason> reasons = new ArrayList<>();
		double score = (a.kind() == CustomerKind.PERSON) ? person(a, b, rules, reasons) : company(a, b, rules, reasons);
		score = Math.max(0, Math.min(1, score));
		score = Math.round(score * 1000) / 1000.0;
		reasons.sort((x, y) -> Double.compare(y.weight(), x.weight()));
		return new Match(score, rules.level(score), List.copyOf(reasons));
	}

	private static double person(Profile a, Profile b, Rules rules, List<Reason> reasons) {
		double score = 0;
		NameMatch name = personName(a, b);
		if (name.score() >= 0.8) {
			double weight = rules.weight("name") * name.score();
			reasons.add(new Reason("name." + name.code(), a.display() + " ≈ " + b.display(), round(weight)));
			score += weight;
		}
		score += emails(a, b, rules, reasons);
		if (!a.phones().isEmpty() && !b.phones().isEmpty()) {
			String same = common(a.phones(), b.phones());
			if (same != null) {
				reasons.add(new Reason("phone.same", same, rules.weight("phone")));
				score += rules.weight("phone");
			}
			else {
				reasons.add(new Reason("phone.different", "", -rules.weight("conflict")));
				score -= rules.weight("conflict");
			}
		}
		if (!a.company().isEmpty() && !b.company().isEmpty()
				&& (a.company().equals(b.company()) || JARO_WINKLER.apply(a.company(), b.company()) >= 0.93)) {
			reasons.add(new Reason("company.same", b.company(), rules.weight("company")));
			score += rules.weight("company");
		}
		return score + addresses(a, b, rules, reasons);
	}

	private static double emails(Profile a, Profile b, Rules rules, List<Reason> reasons) {
		if (a.emails().isEmpty() || b.emails().isEmpty()) {
			return 0;
		}
		String same = common(a.emails(), b.emails());
		if (same != null) {
			reasons.add(new Reason("email.same", same, rules.weight("email")));
			return rules.weight("email");
		}
		for (String x : a.emails()) {
			String local = Normal.localPart(x);
			if (!Normal.personalLocalPart(local)) {
				continue;
			}
			for (String y : b.emails()) {
				if (local.equals(Normal.localPart(y))) {
					reasons.add(new Reason("email.local", x + " ≈ " + y, rules.weight("emailLocal")));
					return rules.weight("emailLocal");
				}
			}
		}
		reasons.add(new Reason("email.different", "", -rules.weight("conflict")));
		return -rules.weight("conflict");
	}

	private static double company(Profile a, Profile b, Rules rules, List<Reason> reasons) {
		double score = 0;
		if (!a.company().isEmpty() && !b.company().isEmpty()) {
			String x = a.company().replace(" ", "");
			String y = b.company().replace(" ", "");
			if (x.equals(y)) {
				reasons.add(new Reason("company.name", a.display() + " ≈ " + b.display(), rules.weight("name")));
				score += rules.weight("name");
			}
			else {
				double similarity = JARO_WINKLER.apply(x, y);
				if (similarity >= 0.9) {
					double weight = rules.weight("name") * (similarity - 0.05);
					reasons.add(new Reason("company.similar", a.display() + " ≈ " + b.display(), round(weight)));
					score += weight;
				}
			}
		}
		if (!a.domain().isEmpty() && !b.domain().isEmpty()) {
			if (a.domain().equals(b.domain())) {
				reasons.add(new Reason("domain.same", a.domain(), rules.weight("domain")));
				score += rules.weight("domain");
			}
			else {
				reasons.add(new Reason("domain.different", a.domain() + " ≠ " + b.domain(), -rules.weight("conflict")));
				score -= rules.weight("conflict");
			}
		}
		return score + addresses(a, b, rules, reasons);
	}

	private static double addresses(Profile a, Profile b, Rules rules, List<Reason> reasons) {
		String same = common(a.addresses(), b.addresses());
		if (same != null) {
			reasons.add(new Reason("address.same", same.substring(0, same.lastIndexOf('|')).replace('|', ' '),
					rules.weight("address")));
			return rules.weight("address");
		}
		String city = common(a.cities(), b.cities());
		if (city != null) {
			reasons.add(new Reason("address.city", city, rules.weight("city")));
			return rules.weight("city");
		}
		return 0;
	}

	/** How the names of two people compare, in either order of given and family name. */
	static NameMatch personName(Profile a, Profile b) {
		if (a.family().isEmpty() && a.given().isEmpty() || b.family().isEmpty() && b.given().isEmpty()) {
			return NameMatch.NONE;
		}
		NameMatch direct = fullName(a.given(), a.family(), b.given(), b.family());
		NameMatch swapped = fullName(a.given(), a.family(), b.family(), b.given());
		NameMatch best = direct;
		if (swapped.score() * 0.97 > direct.score() && !(a.given() + a.family()).equals(b.given() + b.family())) {
			best = new NameMatch(swapped.score() * 0.97, "swapped");
		}
		if (best.score() < 0.97 && !a.nameWords().isEmpty() && a.nameWords().equals(b.nameWords())
				&& a.nameWords().indexOf(' ') > 0) {
			// The same words in another order: given and family name swapped with a
			// particle ("van den Berg, Alejandro").
			best = new NameMatch(0.97, "swapped");
		}
		if ((best.code().equals("exact") || best.code().equals("phonetic"))
				&& Normal.isAscii(a.foldedName()) != Normal.isAscii(b.foldedName())) {
			return new NameMatch(best.score(), "transliterated");
		}
		return best;
	}

	private static NameMatch fullName(String givenA, String familyA, String givenB, String familyB) {
		NameMatch family = word(familyA, familyB);
		if (givenA.isEmpty() || givenB.isEmpty()) {
			// Only one given name known: the family name has to carry it.
			if (family.score() < 0.85 || (familyA.isEmpty() && familyB.isEmpty())) {
				return NameMatch.NONE;
			}
			return new NameMatch(family.score() * 0.85, family.code());
		}
		NameMatch given = word(givenA, givenB);
		if (given.score() < 0.6 || family.score() < 0.6) {
			return NameMatch.NONE;
		}
		double score = 0.4 * given.score() + 0.6 * family.score();
		return new NameMatch(score, weaker(given.code(), family.code()));
	}

	private static final List<String> STRENGTH = List.of("exact", "nickname", "phonetic", "typo", "initial");

	private static String weaker(String x, String y) {
		return (STRENGTH.indexOf(x) >= STRENGTH.indexOf(y)) ? x : y;
	}

	/** How two words of a name compare. */
	static NameMatch word(String a, String b) {
		if (a.isEmpty() || b.isEmpty()) {
			return NameMatch.NONE;
		}
		if (a.equals(b)) {
			return new NameMatch(1, "exact");
		}
		if (Nicknames.get().equivalent(a, b)) {
			return new NameMatch(0.93, "nickname");
		}
		if (a.length() >= 3 && b.length() >= 3 && Normal.skeleton(a).equals(Normal.skeleton(b))
				&& a.charAt(0) == b.charAt(0)) {
			return new NameMatch(0.9, "phonetic");
		}
		int shorter = Math.min(a.length(), b.length());
		int distance = damerauLevenshtein(a, b, 3);
		if (shorter >= 3 && distance <= 1 || shorter >= 8 && distance <= 2) {
			return new NameMatch(0.88, "typo");
		}
		double similarity = JARO_WINKLER.apply(a, b);
		if (similarity >= 0.92 && shorter >= 4) {
			return new NameMatch(0.85, "typo");
		}
		if ((a.length() == 1 || b.length() == 1) && a.charAt(0) == b.charAt(0)) {
			return new NameMatch(0.7, "initial");
		}
		return new NameMatch(Math.min(0.5, similarity * 0.5), "none");
	}

	/**
	 * The optimal string alignment distance of two words, stopping at {@code limit}:
	 * letters changed, added, left out, or two neighbours swapped.
	 */
	static int damerauLevenshtein(String a, String b, int limit) {
		if (Math.abs(a.length() - b.length()) >= limit) {
			return limit;
		}
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			int rowMin = Integer.MAX_VALUE;
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				int value = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					value = Math.min(value, d[i - 2][j - 2] + 1);
				}
				d[i][j] = value;
				rowMin = Math.min(rowMin, value);
			}
			if (rowMin >= limit) {
				return limit;
			}
		}
		return Math.min(limit, d[a.length()][b.length()]);
	}

	/** The blocking keys of a profile. */
	public static Set<String> blockingKeys(Profile p) {
		Set<String> keys = new LinkedHashSet<>();
		if (p.kind() == CustomerKind.PERSON) {
			nameKeys(keys, p.given(), p.family());
			nameKeys(keys, p.family(), p.given());
			for (String email : p.emails()) {
				add(keys, "e:" + email);
				String local = Normal.localPart(email);
				if (Normal.personalLocalPart(local)) {
					add(keys, "l:" + local);
				}
			}
			for (String phone : p.phones()) {
				add(keys, "t:" + phone);
			}
		}
		else {
			String name = p.company().replace(" ", "");
			if (!name.isEmpty()) {
				add(keys, "c:" + name);
				add(keys, "p:" + prefix(name, 5));
				List<String> words = Normal.words(p.company());
				if (!words.isEmpty() && words.get(0).length() >= 3) {
					add(keys, "s:" + Normal.skeleton(words.get(0)));
				}
			}
			if (!p.domain().isEmpty()) {
				add(keys, "d:" + p.domain());
			}
		}
		for (String address : p.addresses()) {
			add(keys, "a:" + address);
		}
		return keys;
	}

	private static void nameKeys(Set<String> keys, String first, String second) {
		if (second.isEmpty()) {
			return;
		}
		if (first.isEmpty()) {
			add(keys, "o:" + second);
			return;
		}
		add(keys, "n:" + prefix(second, 4) + "|" + first.charAt(0));
		for (String canonical : Nicknames.get().canonicals(first)) {
			add(keys, "k:" + canonical + "|" + second.charAt(0));
		}
		String sound = Normal.skeleton(second);
		if (sound.length() >= 2) {
			add(keys, "s:" + sound + "|" + Normal.skeleton(first));
		}
	}

	private static void add(Set<String> keys, String key) {
		keys.add((key.length() > MAX_KEY) ? key.substring(0, MAX_KEY) : key);
	}

	private static String prefix(String text, int length) {
		return (text.length() > length) ? text.substring(0, length) : text;
	}

	private static @org.jspecify.annotations.Nullable String common(Set<String> a, Set<String> b) {
		for (String x : a) {
			if (b.contains(x)) {
				return x;
			}
		}
		return null;
	}

	private static double round(double weight) {
		return Math.round(weight * 1000) / 1000.0;
	}

}
