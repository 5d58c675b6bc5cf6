import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the response times of the customer database's hot paths against a running
 * Rapport filled by the demo generator. No build needed:
 *
 *   java bench/LoadDriver.java --base http://localhost:8080 --token rpt_... [--seconds 30]
 *
 * Add --only text to run only the scenarios whose name contains that text.
 *
 * Each scenario runs one request after another (one client), after a warm-up, and prints
 * p50, p95, p99 and max in milliseconds as a Markdown table for docs/benchmarks.md. On
 * localhost the time is the server's time plus a fraction of a millisecond.
 */
public class LoadDriver {

	private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		String base = options.getOrDefault("base", "http://localhost:8080");
		String token = options.get("token");
		if (token == null) {
			System.err.println("--token rpt_... is required (an administrator's token with the read scope)");
			System.exit(2);
		}
		int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
		int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		Random random = new Random(7);

		List<String> heavy = ids(client, base, token, "/api/v1/people?tag=" + encode("Long history") + "&limit=50");
		List<String> some = ids(client, base, token, "/api/v1/people?sort=-updatedAt&limit=200");
		if (some.isEmpty()) {
			System.err.println("No people found: fill the workspace first (RAPPORT_DEMO_PEOPLE)");
			System.exit(2);
		}
		List<String> names = List.of("jan", "garc", "de vr", "lucía", "fern", "王", "李娜", "محم", "رضای", "sanne",
				"mart", "bakk", "núñ", "احم", "lopez");
		List<String> emails = List.of("anna.1", "daan.2", "lucia.3", "contact.4", "emma.5", "sofia.6", "bram.7");
		List<String> typos = List.of("jansne", "garsia", "fernandex", "bakkre", "martinex", "vissr", "smitt");
		List<String> phones = List.of("+31 6 2", "+34 61", "+86 1383", "0912 3", "+98 912 4", "06 3");
		String filtered = "/api/v1/people?stage=active&filter=" + encode("custom.visits_per_month:gte:10")
				+ "&sort=-updatedAt&limit=50";

		Map<String, Supplier<List<String>>> scenarios = new LinkedHashMap<>();
		scenarios.put("search by name prefix", () -> List.of("/api/v1/people?limit=50&q=" + encode(pick(names, random))));
		scenarios.put("search by e-mail prefix",
				() -> List.of("/api/v1/people?limit=50&q=" + encode(pick(emails, random))));
		scenarios.put("search by phone prefix",
				() -> List.of("/api/v1/people?limit=50&q=" + encode(pick(phones, random))));
		scenarios.put("search with a typo (similar words)",
				() -> List.of("/api/v1/people?limit=50&q=" + encode(pick(typos, random))));
		scenarios.put("filtered, sorted list page (50 rows)", () -> List.of(filtered));
		scenarios.put("list sorted by a custom field (50 rows)", () -> List.of("/api/v1/people?limit=50&sort="
				+ encode("-custom.visits_per_month") + "&filter=" + encode("custom.membership_type:eq:yearly")));
		scenarios.put("count of a filtered list", () -> List.of(filtered.replace("/api/v1/people?", "/api/v1/people/count?")));
		List<String> pages = heavy.isEmpty() ? some : heavy;
		scenarios.put("360 page: person and 200 timeline entries", () -> {
			String id = pick(pages, random);
			return List.of("/api/v1/people/" + id, "/api/v1/people/" + id + "/timeline?limit=200");
		});

		System.out.println("| scenario | requests | p50 ms | p95 ms | p99 ms | max ms |");
		System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
		String only = options.get("only");
		for (Map.Entry<String, Supplier<List<String>>> scenario : scenarios.entrySet()) {
			if (only != null && !scenario.getKey().contains(only)) {
				continue;
			}
			run(client, base, token, scenario.getValue(), warmup);
			List<Double> times = run(client, base, token, scenario.getValue(), seconds);
			double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
			System.out.printf("| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", scenario.getKey(), sorted.length,
					percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), sorted[sorted.length - 1]);
		}
	}

	/** Runs a scenario for a number of seconds; each sample is the time of all its requests. */
	private static List<Double> run(HttpClient client, String base, String token, Supplier<List<String>> scenario,
			int seconds) throws Exception {
		List<Double> times = new ArrayList<>();
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		while (System.nanoTime() < end) {
			List<String> paths = scenario.get();
			long start = System.nanoTime();
			for (String path : paths) {
				HttpResponse<String> response = client.send(request(base, token, path), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200) {
					throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
				}
			}
			times.add((System.nanoTime() - start) / 1_000_000.0);
		}
		return times;
	}

	private static List<String> ids(HttpClient client, String base, String token, String path) throws Exception {
		HttpResponse<String> response = client.send(request(base, token, path), HttpResponse.BodyHandlers.ofString());
		List<String> ids = new ArrayList<>();
		Matcher matcher = ID.matcher(response.body());
		while (matcher.find()) {
			ids.add(matcher.group(1));
		}
		return ids;
	}

	private static HttpRequest request(String base, String token, String path) {
		return HttpRequest.newBuilder(URI.create(base + path))
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(120))
			.GET()
			.build();
	}

	private static double percentile(double[] sorted, int p) {
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static String pick(List<String> values, Random random) {
		return values.get(random.nextInt(values.size()));
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("Options are --name value: " + Arrays.toString(args));
			}
			options.put(args[i].substring(2), args[i + 1]);
		}
		return options;
	}

}
