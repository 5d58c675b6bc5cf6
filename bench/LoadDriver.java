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
 * Sales and the working day (after bench/sales-activities.sql): --rep-token rpt_... (a
 * token of a rep who owns about 20,000 people, for "my day") and --session JSESSIONID of a
 * signed-in administrator (bench/session.sh), to measure the board page as a browser gets
 * it. The card moves need the administrator's token with the write scope.
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

		String repToken = options.get("rep-token");
		String session = options.get("session");
		List<String> pipelines = ids(client, base, token, "/api/v1/pipelines");
		if (!pipelines.isEmpty()) {
			String pipeline = pipelines.get(0);
			scenarios.put("board: first page of every column (API)",
					() -> List.of("/api/v1/pipelines/" + pipeline + "/board"));
			if (session != null) {
				scenarios.put("board: the page as the browser gets it", () -> List.of("session:/deals/board"));
			}
			scenarios.put("forecast (6 months)", () -> List.of("/api/v1/forecast?pipeline=" + pipeline));
		}
		if (repToken != null) {
			scenarios.put("my day of a rep owning 20,000 people", () -> List.of("rep:/api/v1/my-day"));
		}

		if (options.containsKey("duplicates")) {
			// The "may already exist" check of a new person resembling an existing one: the
			// same name with a typo and another e-mail domain, or the same phone (needs a
			// token with the write scope, and the duplicate keys built by a first scan).
			List<String> probes = probes(client, base, token);
			scenarios.put("duplicate check of a new person (likely match)",
					() -> List.of("post:/api/v1/duplicates/check\n" + pick(probes, random)));
		}
		System.out.println("| scenario | requests | p50 ms | p95 ms | p99 ms | max ms |");
		System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
		String only = options.get("only");
		for (Map.Entry<String, Supplier<List<String>>> scenario : scenarios.entrySet()) {
			if (only != null && !scenario.getKey().contains(only)) {
				continue;
			}
			Credentials credentials = new Credentials(token, repToken, session);
			run(client, base, credentials, scenario.getValue(), warmup);
			List<Double> times = run(client, base, credentials, scenario.getValue(), seconds);
			double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
			print(scenario.getKey(), times);
		}
		if (!pipelines.isEmpty() && (only == null || "move a card".contains(only))) {
			moves(client, base, token, pipelines.get(0), warmup, seconds);
		}
	}

	private static void print(String name, List<Double> times) {
		double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		System.out.printf("| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", name, sorted.length, percentile(sorted, 50),
				percentile(sorted, 95), percentile(sorted, 99), sorted[sorted.length - 1]);
	}

	private record Credentials(String token, String repToken, String session) {
	}

	private static final Pattern STAGE = Pattern.compile("\\{\"id\":\"([0-9a-f-]{36})\"[^{}]*?\"kind\":\"open\"[^{}]*?\"archivedAt\":null");

	/**
	 * Moves open deals back and forth between the first two open stages, each move with
	 * the version the previous answer gave (If-Match), and times the moves only.
	 */
	private static void moves(HttpClient client, String base, String token, String pipeline, int warmup, int seconds)
			throws Exception {
		String stages = client.send(request(base, token, "/api/v1/pipelines/" + pipeline), HttpResponse.BodyHandlers.ofString())
			.body();
		List<String> open = new ArrayList<>();
		Matcher matcher = STAGE.matcher(stages);
		while (matcher.find()) {
			open.add(matcher.group(1));
		}
		List<String> deals = ids(client, base, token, "/api/v1/deals?pipeline=" + pipeline + "&status=open&limit=200");
		if (open.size() < 2 || deals.isEmpty()) {
			System.err.println("No open stages or deals to move");
			return;
		}
		Map<String, String> versions = new LinkedHashMap<>();
		Map<String, Integer> where = new LinkedHashMap<>();
		List<Double> times = new ArrayList<>();
		long warm = System.nanoTime() + warmup * 1_000_000_000L;
		long end = warm + seconds * 1_000_000_000L;
		int i = 0;
		while (System.nanoTime() < end) {
			String deal = deals.get(i++ % deals.size());
			if (!versions.containsKey(deal)) {
				HttpResponse<String> read = client.send(request(base, token, "/api/v1/deals/" + deal),
						HttpResponse.BodyHandlers.ofString());
				versions.put(deal, read.headers().firstValue("ETag").orElseThrow());
				where.put(deal, 0);
			}
			int next = (where.get(deal) + 1) % 2;
			HttpRequest move = HttpRequest.newBuilder(URI.create(base + "/api/v1/deals/" + deal + "/stage"))
				.header("Authorization", "Bearer " + token)
				.header("If-Match", versions.get(deal))
				.header("Content-Type", "application/json")
				.timeout(Duration.ofSeconds(120))
				.POST(HttpRequest.BodyPublishers.ofString("{\"stageId\":\"" + open.get(next) + "\"}"))
				.build();
			long start = System.nanoTime();
			HttpResponse<String> response = client.send(move, HttpResponse.BodyHandlers.ofString());
			double millis = (System.nanoTime() - start) / 1_000_000.0;
			if (response.statusCode() != 200) {
				throw new IllegalStateException("move answered " + response.statusCode() + ": " + response.body());
			}
			versions.put(deal, response.headers().firstValue("ETag").orElseThrow());
			where.put(deal, next);
			if (start > warm) {
				times.add(millis);
			}
		}
		print("move a card to another stage (If-Match)", times);
	}

	/** Runs a scenario for a number of seconds; each sample is the time of all its requests. */
	private static List<Double> run(HttpClient client, String base, Credentials credentials,
			Supplier<List<String>> scenario, int seconds) throws Exception {
		List<Double> times = new ArrayList<>();
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		while (System.nanoTime() < end) {
			List<String> paths = scenario.get();
			long start = System.nanoTime();
			for (String path : paths) {
				HttpRequest request;
				if (path.startsWith("session:")) {
					request = HttpRequest.newBuilder(URI.create(base + path.substring(8)))
						.header("Cookie", "JSESSIONID=" + credentials.session())
						.timeout(Duration.ofSeconds(120))
						.GET()
						.build();
				}
				else if (path.startsWith("post:")) {
					int body = path.indexOf('\n');
					request = HttpRequest.newBuilder(URI.create(base + path.substring(5, body)))
						.header("Authorization", "Bearer " + credentials.token())
						.header("Content-Type", "application/json")
						.timeout(Duration.ofSeconds(120))
						.POST(HttpRequest.BodyPublishers.ofString(path.substring(body + 1)))
						.build();
				}
				else if (path.startsWith("rep:")) {
					request = request(base, credentials.repToken(), path.substring(4));
				}
				else {
					request = request(base, credentials.token(), path);
				}
				HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
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

	/** Bodies for the duplicate check, made from 200 existing people. */
	private static List<String> probes(HttpClient client, String base, String token) throws Exception {
		HttpResponse<String> response = client.send(request(base, token, "/api/v1/people?sort=-updatedAt&limit=200"),
				HttpResponse.BodyHandlers.ofString());
		Matcher matcher = Pattern
			.compile("\"displayName\":\"([^\"]*)\",\"primaryEmail\":\"?([^\",]*)\"?,\"primaryPhone\":\"?([^\",]*)\"?")
			.matcher(response.body());
		List<String> probes = new ArrayList<>();
		int i = 0;
		while (matcher.find()) {
			String[] words = matcher.group(1).split(" ", 2);
			String given = words[0];
			String family = (words.length > 1) ? words[1] : "";
			String email = matcher.group(2).replaceAll("@.*", "@example.org");
			String phone = matcher.group(3);
			// Every other probe has a typo in the family name (two letters swapped).
			if (i++ % 2 == 0 && family.length() > 3) {
				family = family.charAt(1) + "" + family.charAt(0) + family.substring(2);
			}
			probes.add("{\"kind\":\"person\",\"givenName\":\"" + given + "\",\"familyName\":\"" + family
					+ "\",\"emails\":[\"" + email + "\"],\"phones\":[" + (phone.equals("null") ? "" : "\"" + phone + "\"")
					+ "],\"limit\":5}");
		}
		return probes;
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
