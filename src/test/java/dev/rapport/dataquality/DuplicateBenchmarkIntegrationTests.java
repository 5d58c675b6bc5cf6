package dev.rapport.dataquality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

import dev.rapport.customers.ContactInput.AddressInput;
import dev.rapport.customers.ContactInput.EmailInput;
import dev.rapport.customers.ContactInput.PhoneInput;
import dev.rapport.customers.Customers;
import dev.rapport.customers.PersonChange;
import dev.rapport.dataquality.internal.DuplicateScans;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;
import dev.rapport.support.TestDatabase;

/**
 * Times the create-time check and the full scan on generated people with known
 * duplicates. Runs only when asked:
 * {@code -Drapport.bench.duplicates=<originals> -Dtest=DuplicateBenchmarkIntegrationTests}.
 * On PostgreSQL, {@code -Drapport.bench.schema=<name>} keeps the people in that schema
 * for the next run ({@code -Drapport.bench.populate-only=true} only writes them);
 * {@code -Drapport.bench.skip-recheck=true} empties the recheck queue of the new people
 * instead of rechecking them; {@code -Drapport.bench.forget-keys=true} deletes the keys
 * first, so that the first scan builds them all.
 */
@IntegrationTest
@ContextConfiguration(initializers = DuplicateBenchmarkIntegrationTests.BenchSchema.class)
@EnabledIfSystemProperty(named = "rapport.bench.duplicates", matches = "\\d+")
class DuplicateBenchmarkIntegrationTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Customers customers;

	@Autowired
	Duplicates duplicates;

	@Autowired
	DuplicateScans scans;

	@Autowired
	dev.rapport.customers.internal.CustomerSettings settings;

	@Autowired
	org.jooq.DSLContext dsl;

	@Test
	void timesTheCheckAndTheScan() {
		int originals = Integer.getInteger("rapport.bench.duplicates");
		int batchSize = Integer.getInteger("rapport.bench.batch", 1000);
		List<DuplicateSetGenerator.Row> rows = new ArrayList<>(new DuplicateSetGenerator(7).generate(originals));
		Fixtures.Workspace workspace = existing();
		if (workspace == null) {
			workspace = this.fixtures.workspace("Bench");
			Actor owner = new Actor(workspace.id(), workspace.adminId());
			Actors.runAs(owner, () -> this.settings.update(0, "NL", this.settings.current().lifecycleRule()));
			long started = System.nanoTime();
			Actors.runAs(owner, () -> {
				List<PersonChange> batch = new ArrayList<>();
				int written = 0;
				for (DuplicateSetGenerator.Row row : rows) {
					batch.add(change(row));
					if (batch.size() == batchSize) {
						this.customers.createPeople(batch, null);
						written += batch.size();
						batch.clear();
						if (written % 50_000 == 0) {
							System.out.printf("... %d people in %d ms%n", written,
									(System.nanoTime() - started) / 1_000_000);
						}
					}
				}
				if (!batch.isEmpty()) {
					this.customers.createPeople(batch, null);
				}
			});
			System.out.printf("Created %d people (keys written in the same transactions) in %d ms%n", rows.size(),
					(System.nanoTime() - started) / 1_000_000);
		}
		else {
			System.out.printf("Reusing the %d people of workspace %s%n", rows.size(), workspace.id());
		}
		if (Boolean.getBoolean("rapport.bench.populate-only")) {
			return;
		}
		Actor admin = new Actor(workspace.id(), workspace.adminId());
		if (Boolean.getBoolean("rapport.bench.forget-keys")) {
			// As for a database written before duplicate detection existed: the first
			// scan
			// builds every key.
			this.dsl.execute("delete from duplicate_key where workspace_id = ?", workspace.id());
			this.dsl.execute("delete from duplicate_key_build where workspace_id = ?", workspace.id());
		}

		// Only the probes are kept: the heap figures of the scan are then its own.
		int people = rows.size();
		List<DuplicateSetGenerator.Row> probes = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			probes.add(rows.get((i * 7919) % people));
		}
		// Other people first, as the check runs on a server that has been up a while.
		List<DuplicateSetGenerator.Row> warmUp = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			warmUp.add(rows.get((i * 6271 + 17) % people));
		}
		rows.clear();
		long[] times = new long[500];
		int[] answered = new int[1];
		Actors.runAs(admin, () -> {
			for (int i = -warmUp.size(); i < times.length; i++) {
				DuplicateSetGenerator.Row row = (i < 0) ? warmUp.get(-i - 1) : probes.get(i);
				Duplicates.PersonProbe probe = new Duplicates.PersonProbe(null, row.givenName(), row.familyName(), null,
						row.emails(), row.phones().stream().filter(DuplicateBenchmarkIntegrationTests::valid).toList(),
						null, row.street(), row.postalCode(), row.city());
				long t = System.nanoTime();
				List<Duplicates.Candidate> found = this.duplicates.similarPeople(probe, 10);
				if (i < 0) {
					continue;
				}
				times[i] = System.nanoTime() - t;
				if (!found.isEmpty()) {
					answered[0]++;
				}
			}
		});
		Arrays.sort(times);
		System.out.printf("Check: p50 %.2f ms, p95 %.2f ms, max %.2f ms over %d probes (%d with candidates)%n",
				times[250] / 1e6, times[475] / 1e6, times[499] / 1e6, times.length, answered[0]);
		if (!Boolean.getBoolean("rapport.bench.forget-keys")) {
			assertThat(answered[0]).isPositive();
		}

		// The job rechecks what was created; the scan runs after it, as the job runs them
		// one after the other.
		long drained = System.nanoTime();
		int rechecked = 0;
		if (Boolean.getBoolean("rapport.bench.skip-recheck")) {
			// The full scan below compares the same pairs; rechecking a million new
			// people
			// one by one is not what is measured here.
			this.dsl.execute("delete from duplicate_recheck where workspace_id = ?", workspace.id());
		}
		for (int done = this.scans.recheckQueued(); done > 0; done = this.scans.recheckQueued()) {
			rechecked += done;
		}
		System.out.printf("Recheck of new people: %d in %d ms (and what the job took meanwhile)%n", rechecked,
				(System.nanoTime() - drained) / 1_000_000);
		System.gc();
		Runtime runtime = Runtime.getRuntime();
		System.out.printf("Heap before the scans: %d MB used of %d MB%n",
				(runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.maxMemory() >> 20);
		Actors.runAs(admin, () -> this.scans.request("admin"));
		// The first scan rebuilds every key; the second is the nightly kind.
		for (int run = 1; run <= 2; run++) {
			long t = System.nanoTime();
			while (this.scans.runQueued() == 0 && System.nanoTime() - t < 600_000_000_000L) {
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			List<DuplicateScans.Scan> recent = Actors.callAs(admin, () -> this.scans.recent(1));
			System.out.printf("Scan %d: %s, %d records, %d pairs compared, %d open pairs, %d ms%n", run,
					recent.get(0).status(), recent.get(0).recordsScanned(), recent.get(0).pairsCompared(),
					recent.get(0).pairsFound(), (System.nanoTime() - t) / 1_000_000);
			if (run == 1) {
				Actors.runAs(admin, () -> this.scans.request("admin"));
			}
		}
	}

	private static PersonChange change(DuplicateSetGenerator.Row row) {
		return new PersonChange(row.givenName(), row.familyName(), null,
				row.emails().stream().map((e) -> new EmailInput(e, "home", false)).toList(),
				row.phones()
					.stream()
					.filter(DuplicateBenchmarkIntegrationTests::valid)
					.map((p) -> new PhoneInput(p, "mobile", false))
					.toList(),
				(row.city() != null)
						? List.of(new AddressInput("home", row.street(), row.postalCode(), row.city(), null, null))
						: List.of(),
				null, null, null, null, null, null, List.of(), null, null, null);
	}

	/** The bench workspace of an earlier run in the same schema, kept with its people. */
	private Fixtures.@Nullable Workspace existing() {
		if (System.getProperty("rapport.bench.schema") == null) {
			return null;
		}
		var row = this.dsl
			.resultQuery("select w.id, u.id, u.email from workspace w join app_user u "
					+ "on u.workspace_id = w.id where w.name = 'Bench' order by w.created_at, u.created_at limit 1")
			.fetchOne();
		return (row == null) ? null : new Fixtures.Workspace(row.get(0, java.util.UUID.class),
				row.get(1, java.util.UUID.class), row.get(2, String.class));
	}

	/**
	 * With {@code -Drapport.bench.schema=<name>} on PostgreSQL, the bench uses that
	 * schema, kept between runs so that a million people are written once; the background
	 * job waits, so that it does not run beside what is measured.
	 */
	static class BenchSchema implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			String schema = System.getProperty("rapport.bench.schema");
			if (schema == null || !TestDatabase.postgresql()) {
				return;
			}
			String url = System.getenv("RAPPORT_TEST_POSTGRES_URL");
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("benchSchema", Map.of("spring.datasource.url",
						url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema
								+ "&reWriteBatchedInserts=true",
						"spring.flyway.schemas", schema, "spring.flyway.default-schema", schema,
						"rapport.dataquality.duplicates.interval", "1d")));
		}

	}

	private static boolean valid(String typed) {
		var util = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
		try {
			return util.isValidNumber(util.parse(typed, "NL"));
		}
		catch (com.google.i18n.phonenumbers.NumberParseException ex) {
			return false;
		}
	}

}
