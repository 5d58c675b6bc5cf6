package dev.rapport.demo;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.rapport.customers.CompanyChange;

/**
 * Names, addresses and numbers as the first businesses write them, in their own scripts.
 */
final class Names {

	private Names() {
	}

	/**
	 * A generated person of one culture; the e-mail is made unique with a running number.
	 */
	record Person(@Nullable String given, @Nullable String family, Culture culture) {

		String email(int number) {
			String local = ascii((this.given != null) ? this.given : "contact") + "." + number;
			return local + "@" + this.culture.domain;
		}

		String phone(Random random) {
			return this.culture.phonePrefix + digits(random, this.culture.phoneDigits);
		}

		String street(Random random) {
			return this.culture.streets.get(random.nextInt(this.culture.streets.size())) + " "
					+ (1 + random.nextInt(200));
		}

		String city() {
			return this.culture.city;
		}

		String country() {
			return this.culture.country;
		}

	}

	enum Culture {

		DUTCH(List.of("Anna", "Sanne", "Daan", "Lucas", "Emma", "Bram", "Fleur", "Joris", "Lotte", "Ruben"),
				List.of("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder"),
				"voorbeeld.nl", "+31 6 1", 7, "NL", "Amsterdam", List.of("Keizersgracht", "Damrak", "Prinsengracht")),
		SPANISH(List.of("Lucía", "Sofía", "Martín", "Hugo", "Valentina", "Mateo", "Paula", "Álvaro", "Núria", "José"),
				List.of("García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Núñez"),
				"ejemplo.es", "+34 6", 8, "ES", "Madrid", List.of("Calle Mayor", "Gran Vía", "Calle de Alcalá")),
		CHINESE(List.of("伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇"),
				List.of("王", "李", "张", "刘", "陈", "杨", "黄", "赵"), "example.cn", "+86 138", 8, "CN", "北京",
				List.of("长安街", "王府井大街", "建国路")),
		PERSIAN(List.of("فاطمه", "زهرا", "علی", "محمد", "مریم", "حسین", "سارا", "رضا", "نرگس", "امیر"),
				List.of("محمدی", "حسینی", "رضایی", "احمدی", "کریمی", "موسوی", "جعفری", "صادقی"), "example.ir",
				"+98 912 ", 7, "IR", "تهران", List.of("خیابان ولیعصر", "خیابان انقلاب", "خیابان آزادی")),
		ARABIC(List.of("محمد", "أحمد", "فاطمة", "عائشة", "يوسف", "مريم", "عمر", "ليلى", "خالد", "نور"),
				List.of("الحسن", "العلي", "الشمري", "القحطاني", "المصري", "الحداد", "النجار", "الخطيب"), "example.ae",
				"+971 50 ", 7, "AE", "دبي", List.of("شارع الشيخ زايد", "شارع الجميرا"));

		final List<String> given;

		final List<String> family;

		final String domain;

		final String phonePrefix;

		final int phoneDigits;

		final String country;

		final String city;

		final List<String> streets;

		Culture(List<String> given, List<String> family, String domain, String phonePrefix, int phoneDigits,
				String country, String city, List<String> streets) {
			this.given = given;
			this.family = family;
			this.domain = domain;
			this.phonePrefix = phonePrefix;
			this.phoneDigits = phoneDigits;
			this.country = country;
			this.city = city;
			this.streets = streets;
		}

	}

	static Person person(Random random) {
		Culture culture = Culture.values()[weightedCulture(random)];
		return new Person(culture.given.get(random.nextInt(culture.given.size())),
				culture.family.get(random.nextInt(culture.family.size())), culture);
	}

	static CompanyChange company(Random random, List<UUID> owners) {
		Culture culture = Culture.values()[weightedCulture(random)];
		String family = culture.family.get(random.nextInt(culture.family.size()));
		String kind = switch (culture) {
			case DUTCH -> List.of(" Sport B.V.", " & Zonen", " Fitness").get(random.nextInt(3));
			case SPANISH -> List.of(" S.L.", " Gimnasios", " y Asociados").get(random.nextInt(3));
			case CHINESE -> List.of("科技有限公司", "健身中心", "贸易公司").get(random.nextInt(3));
			case PERSIAN -> List.of(" و شرکا", " ورزش", " تجارت").get(random.nextInt(3));
			case ARABIC -> List.of(" للتجارة", " الرياضية", " القابضة").get(random.nextInt(3));
		};
		int number = random.nextInt(1_000_000);
		return new CompanyChange(family + kind + " " + number, "c" + number + "." + culture.domain,
				List.of("Fitness", "Retail", "Real estate", "Services").get(random.nextInt(4)), null, null,
				owners.get(random.nextInt(owners.size())), null, List.of(), List.of(), null, null);
	}

	private static int weightedCulture(Random random) {
		int pick = random.nextInt(100);
		return (pick < 35) ? 0 : (pick < 60) ? 1 : (pick < 80) ? 2 : (pick < 92) ? 3 : 4;
	}

	private static String digits(Random random, int count) {
		StringBuilder digits = new StringBuilder();
		for (int i = 0; i < count; i++) {
			digits.append((i == 0) ? 1 + random.nextInt(9) : random.nextInt(10));
		}
		return digits.toString();
	}

	/**
	 * An e-mail-safe form of a name: Latin letters without accents; other scripts become
	 * "contact".
	 */
	static String ascii(String name) {
		String plain = Normalizer.normalize(name, Normalizer.Form.NFKD)
			.replaceAll("\\p{M}", "")
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z]", "");
		return plain.isEmpty() ? "contact" : plain;
	}

}
