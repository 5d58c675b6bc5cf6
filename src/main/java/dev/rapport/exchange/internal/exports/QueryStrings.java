package dev.rapport.exchange.internal.exports;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** A list's parameters as a query string, as in the address bar, and back. */
final class QueryStrings {

	/** What belongs to the page rather than to the list's content. */
	private static final Set<String> IGNORED = Set.of("cursor", "view", "_csrf");

	private QueryStrings() {
	}

	static Map<String, List<String>> parse(@Nullable String query) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		if (query == null || query.isBlank()) {
			return parameters;
		}
		String text = query.startsWith("?") ? query.substring(1) : query;
		for (String pair : text.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = decode((eq < 0) ? pair : pair.substring(0, eq));
			String value = (eq < 0) ? "" : decode(pair.substring(eq + 1));
			if (!IGNORED.contains(name)) {
				parameters.computeIfAbsent(name, (n) -> new ArrayList<>()).add(value);
			}
		}
		return parameters;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

}
