package dev.rapport.exchange.internal.imports;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Countries by their ISO code or their name in English, Dutch, Spanish, German or French.
 */
final class Countries {

	private static final Set<String> CODES = Set.of(Locale.getISOCountries());

	private static final Map<String, String> BY_NAME = new HashMap<>();

	static {
		Locale[] languages = { Locale.ENGLISH, Locale.of("nl"), Locale.of("es"), Locale.GERMAN, Locale.FRENCH };
		for (String code : Locale.getISOCountries()) {
			Locale country = Locale.of("", code);
			for (Locale language : languages) {
				BY_NAME.putIfAbsent(ImportFields.normalise(country.getDisplayCountry(language)), code);
			}
		}
		Map.of("usa", "US", "unitedstatesofamerica", "US", "uk", "GB", "greatbritain", "GB", "england", "GB", "holland",
				"NL", "thenetherlands", "NL", "nederland", "NL", "espana", "ES", "deutschland", "DE")
			.forEach(BY_NAME::put);
	}

	private Countries() {
	}

	/** The ISO 3166 code of a country written as a code or a name, if known. */
	static @Nullable String code(String text) {
		String t = text.strip();
		if (t.length() == 2 && CODES.contains(t.toUpperCase(Locale.ROOT))) {
			return t.toUpperCase(Locale.ROOT);
		}
		return BY_NAME.get(ImportFields.normalise(t));
	}

}
