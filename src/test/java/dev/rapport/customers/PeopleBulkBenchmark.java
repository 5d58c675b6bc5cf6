package dev.rapport.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.customers.ContactInput.AddressInput;
import dev.rapport.customers.ContactInput.EmailInput;
import dev.rapport.customers.ContactInput.PhoneInput;
import dev.rapport.customization.Templates;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;
import dev.rapport.support.TestDatabase;

/**
 * The throughput of {@link Customers#createPeople} in batches of 1,000, as an import
 * calls it: realistic people in several scripts with an e-mail, a phone, an address for
 * some, a company for some and four custom values. Not part of the test suite (the name
 * does not end in Tests); run it by hand on the database it names:
 *
 * <pre>
 * RAPPORT_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/rapport_bulk ... \
 * ./mvnw test -Dtest=PeopleBulkBenchmark -Drapport.bench=postgresql -Drapport.bench.rows=100000
 * </pre>
 */
@IntegrationTest
class PeopleBulkBenchmark {

	private static final int BATCH = 1000;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Customers customers;

	@Autowired
	Templates templates;

	@Autowired
	TransactionTemplate transaction;

	/** Only on the database named by {@code -Drapport.bench}, before a context starts. */
	static boolean onTheChosenDatabase() {
		return database().equals(System.getProperty("rapport.bench"));
	}

	private static String database() {
		return TestDatabase.postgresql() ? "postgresql" : "h2";
	}

	@Test
	@EnabledIf("onTheChosenDatabase")
	void createsPeopleInBatchesOfAThousand() {
		String database = database();
		int rows = Integer.getInteger("rapport.bench.rows", 100_000);
		int warmup = Integer.getInteger("rapport.bench.warmup", 5_000);
		Fixtures.Workspace workspace = this.fixtures.workspace("Bench");
		Actor admin = new Actor(workspace.id(), workspace.adminId());
		Actors.runAs(admin, () -> this.transaction
			.executeWithoutResult((status) -> this.templates.apply("fitness-club", Locale.ENGLISH)));
		List<UUID> companies = new ArrayList<>();
		Actors.runAs(admin, () -> this.transaction.executeWithoutResult((status) -> {
			for (int i = 0; i < 100; i++) {
				companies.add(this.customers
					.createCompany(new CompanyChange("Bench Company " + i, "c" + i + ".example.com", null, null, null,
							null, null, List.of(), List.of(), null, null))
					.id());
			}
		}));
		Random random = new Random(42);
		int[] number = { 0 };
		run(admin, random, companies, number, warmup);
		long start = System.nanoTime();
		run(admin, random, companies, number, rows);
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(Locale.ROOT, "%n[bench] createPeople on %s: %,d people in %.1f s = %,.0f people/s%n%n",
				database, rows, seconds, rows / seconds);
		assertThat(number[0]).isEqualTo(warmup + rows);
	}

	private void run(Actor admin, Random random, List<UUID> companies, int[] number, int count) {
		for (int done = 0; done < count; done += BATCH) {
			List<PersonChange> batch = new ArrayList<>(BATCH);
			for (int i = 0; i < Math.min(BATCH, count - done); i++) {
				batch.add(person(random, companies, ++number[0]));
			}
			Actors.runAs(admin, () -> this.transaction
				.executeWithoutResult((status) -> this.customers.createPeople(batch, LifecycleStage.LEAD)));
		}
	}

	private static final String[][] GIVEN = { { "Anna", "Daan", "Sanne", "Joris", "Fleur", "Thijs", "Zoë" },
			{ "Lucía", "Álvaro", "Núria", "José", "Íker", "Beatriz" }, { "伟", "芳", "子轩", "欣怡", "浩然" },
			{ "فاطمه", "علی", "مریم", "کیوان", "نیلوفر" }, { "محمد", "فاطمة", "يوسف", "ليلى" } };

	private static final String[][] FAMILY = { { "de Vries", "van der Berg", "Jansen", "Bakker" },
			{ "García López", "Núñez Ortega", "Pérez Ruiz" }, { "王", "李", "欧阳", "张" },
			{ "رضایی", "حسینی", "کریمی‌پور" }, { "الحسن", "القحطاني", "بن خالد" } };

	private static final String[] DOMAIN = { "voorbeeld.nl", "ejemplo.es", "example.cn", "example.ir", "example.ae" };

	private static final String[] PHONE = { "+31 6 1", "+34 6", "+86 138", "+98 912 ", "+971 50 " };

	private static final int[] PHONE_DIGITS = { 7, 8, 8, 7, 7 };

	private static final String[] CITY = { "Amsterdam", "Madrid", "北京", "تهران", "دبي" };

	private static final String[] COUNTRY = { "NL", "ES", "CN", "IR", "AE" };

	static PersonChange person(Random random, List<UUID> companies, int number) {
		int culture = random.nextInt(5);
		String given = pick(random, GIVEN[culture]);
		String family = pick(random, FAMILY[culture]);
		StringBuilder phone = new StringBuilder(PHONE[culture]);
		for (int d = 0; d < PHONE_DIGITS[culture]; d++) {
			phone.append((d == 0) ? 1 + random.nextInt(9) : random.nextInt(10));
		}
		Map<String, Object> custom = Map.of("membership_type",
				List.of("trial", "monthly", "yearly", "class_card").get(random.nextInt(4)), "membership_end",
				LocalDate.of(2027, 1, 1).plusDays(random.nextInt(400)).toString(), "visits_per_month",
				random.nextInt(25), "home_club", List.of("Noord", "Centrum", "Zuid", "Oost").get(random.nextInt(4)));
		return new PersonChange(given, family, null,
				List.of(new EmailInput("person." + number + "@" + DOMAIN[culture], "home", true)),
				List.of(new PhoneInput(phone.toString(), "mobile", true)),
				(random.nextInt(3) == 0) ? List.of(new AddressInput("home", "Street " + random.nextInt(300), "1000",
						CITY[culture], null, COUNTRY[culture])) : List.of(),
				(random.nextInt(4) == 0)
						? LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28))
						: null,
				null, (random.nextInt(10) < 3) ? companies.get(random.nextInt(companies.size())) : null, "Import", null,
				null, (random.nextInt(5) == 0) ? List.of("Imported", "Personal training") : List.of(), null, null,
				custom);
	}

	private static String pick(Random random, String[] values) {
		return values[random.nextInt(values.length)];
	}

}
