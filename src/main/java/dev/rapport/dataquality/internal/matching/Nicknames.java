package dev.rapport.dataquality.internal.matching;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Given names that name the same person (Bob and Robert, Jan and Johannes, Pepe and José,
 * Mohammad and Muhammad), read once from {@code dataquality/nicknames.txt}: groups of
 * names in folded Latin, the first of each its canonical form.
 */
public final class Nicknames {

	private static final Nicknames INSTANCE = load();

	private final Map<String, Set<String>> canonicals;

	private Nicknames(Map<String, Set<String>> canonicals) {
		this.canonicals = canonicals;
	}

	public static Nicknames get() {
		return INSTANCE;
	}

	/** The canonical names of the groups a name is in; the name itself when none. */
	public Set<String> canonicals(String latinName) {
		Set<String> found = this.canonicals.get(latinName);
		return (found != null) ? found : Set.of(latinName);
	}

	/** Whether two different names are in one group. */
	public boolean equivalent(String a, String b) {
		Set<String> x = this.canonicals.get(a);
		Set<String> y = this.canonicals.get(b);
		if (x == null || y == null) {
			return false;
		}
		for (String canonical : x) {
			if (y.contains(canonical)) {
				return true;
			}
		}
		return false;
	}

	/** How many names are known. */
	public int size() {
		return this.canonicals.size();
	}

	private static Nicknames load() {
		Map<String, Set<String>> canonicals = new HashMap<>();
		try (InputStream in = Nicknames.class.getResourceAsStream("/dataquality/nicknames.txt")) {
			if (in == null) {
				throw new IllegalStateException("dataquality/nicknames.txt is missing");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			String line;
			while ((line = reader.readLine()) != null) {
				line = line.strip();
				if (line.isEmpty() || line.startsWith("#")) {
					continue;
				}
				Set<String> names = new LinkedHashSet<>();
				for (String name : line.split(",")) {
					String latin = Normal.latin(name);
					if (!latin.isEmpty()) {
						names.add(latin);
					}
				}
				String canonical = names.iterator().next();
				for (String name : names) {
					canonicals.computeIfAbsent(name, (k) -> new HashSet<>()).add(canonical);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		canonicals.replaceAll((k, v) -> Set.copyOf(v));
		return new Nicknames(Map.copyOf(canonicals));
	}

}
