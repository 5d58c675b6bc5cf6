package dev.rapport.dataquality.internal.matching;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.rapport.customers.CustomerKind;

/**
 * A person or company prepared for comparing: every value in its normal form, computed
 * once, so that comparing two profiles only compares strings.
 *
 * @param id the record, null for a probe that is not stored
 * @param given the first given name in Latin letters
 * @param family the family name in Latin letters without particles, joined
 * @param foldedName the name as folded but not transliterated (to tell a transliteration)
 * @param company a person's company, or a company's own name, without legal form
 * @param addresses postal code, house number and the start of the street name
 * ("1234AB|12|kerk")
 */
public record Profile(@Nullable UUID id, CustomerKind kind, String display, String given, String family,
		String foldedName, String nameWords, Set<String> emails, Set<String> phones, String company, String domain,
		Set<String> addresses, Set<String> cities) {

	/** A postal address as typed. */
	public record Address(@Nullable String street, @Nullable String postalCode, @Nullable String city) {
	}

	/**
	 * A person. Without given and family name, the display name is split: the first word
	 * is the given name, or, in Chinese, Japanese and Korean, the first character is the
	 * family name.
	 * @param phones in E.164
	 */
	public static Profile person(@Nullable UUID id, @Nullable String givenName, @Nullable String familyName,
			@Nullable String displayName, Collection<String> emails, Collection<String> phones,
			@Nullable String companyName, Collection<Address> addresses) {
		String given = blank(givenName) ? null : givenName;
		String family = blank(familyName) ? null : familyName;
		if (given == null && family == null && !blank(displayName)) {
			String display = displayName.strip();
			if (display.indexOf(' ') < 0 && isEastAsian(display) && display.codePointCount(0, display.length()) > 1) {
				int second = display.offsetByCodePoints(0, 1);
				family = display.substring(0, second);
				given = display.substring(second);
			}
			else {
				List<String> words = Normal.words(Normal.latin(display));
				if (words.size() == 1) {
					family = words.get(0);
				}
				else if (words.size() > 1) {
					given = words.get(0);
					family = String.join(" ", words.subList(1, words.size()));
				}
			}
		}
		List<String> givenWords = Normal.words(Normal.latin(given));
		String familyKey = Normal.family(Normal.latin(family));
		String display = !blank(displayName) ? displayName.strip()
				: String.join(" ", (given != null) ? given : "", (family != null) ? family : "").strip();
		Set<String> mails = new LinkedHashSet<>();
		for (String email : emails) {
			String normal = Normal.email(email);
			if (!normal.isEmpty()) {
				mails.add(normal);
			}
		}
		List<String> all = new ArrayList<>(givenWords);
		all.addAll(Normal.words(Normal.latin(family)));
		all.removeIf(Normal::isParticle);
		java.util.Collections.sort(all);
		return new Profile(id, CustomerKind.PERSON, display, givenWords.isEmpty() ? "" : givenWords.get(0), familyKey,
				Normal.fold((given != null ? given : "") + " " + (family != null ? family : "")), String.join(" ", all),
				Set.copyOf(mails), Set.copyOf(new LinkedHashSet<>(phones)), Normal.companyName(companyName), "",
				addressKeys(addresses), cities(addresses));
	}

	/** A company. */
	public static Profile company(@Nullable UUID id, String name, @Nullable String domain,
			Collection<Address> addresses) {
		return new Profile(id, CustomerKind.COMPANY, name.strip(), "", "", Normal.fold(name), "", Set.of(), Set.of(),
				Normal.companyName(name), Normal.domain(domain), addressKeys(addresses), cities(addresses));
	}

	private static Set<String> addressKeys(Collection<Address> addresses) {
		List<String> keys = new ArrayList<>();
		for (Address address : addresses) {
			String postal = Normal.postalCode(address.postalCode());
			String number = Normal.houseNumber(address.street());
			if (!postal.isEmpty() && !number.isEmpty()) {
				keys.add(postal + "|" + number + "|" + Normal.streetStart(address.street()));
			}
		}
		return Set.copyOf(keys);
	}

	private static Set<String> cities(Collection<Address> addresses) {
		List<String> cities = new ArrayList<>();
		for (Address address : addresses) {
			String city = Normal.latin(address.city());
			if (!city.isEmpty()) {
				cities.add(city);
			}
		}
		return Set.copyOf(cities);
	}

	private static boolean blank(@Nullable String text) {
		return text == null || text.isBlank();
	}

	private static boolean isEastAsian(String text) {
		return text.codePoints().filter(Character::isLetter).allMatch((cp) -> {
			Character.UnicodeScript script = Character.UnicodeScript.of(cp);
			return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HANGUL
					|| script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA;
		});
	}

}
