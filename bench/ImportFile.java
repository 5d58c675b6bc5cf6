import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes the people CSV of the import benchmark (issue 5): by default 1,048,576 rows,
 * seeded, streamed to disk (flat memory). Names in five scripts as the demo generator
 * makes them (Dutch, Spanish, Chinese, Persian, Arabic), an e-mail, a phone in the
 * culture's format, a street, postal code, city and country, a birthday for some, and two
 * custom values of the fitness-club template. About 5% of the rows carry the e-mail of a
 * person who already exists (read from the file given with --existing, one address a
 * line), so the import's duplicate check finds them; a few rows quote a comma.
 *
 * <pre>
 * java bench/ImportFile.java --out /tmp/people-1m.csv [--rows 1048576] [--seed 42]
 *      [--existing /tmp/existing-emails.txt] [--match-percent 5]
 * </pre>
 */
public class ImportFile {

	static final String[] HEADER = { "First name", "Last name", "E-mail", "Phone", "Street", "Postal code", "City",
			"Country", "Birthday", "Membership type", "Visits per month" };

	record Culture(String[] given, String[] family, String domain, String phonePrefix, int phoneDigits,
			String country, String[] cities, String[] streets) {
	}

	static final Culture[] CULTURES = {
			new Culture(
					("Anna Sanne Daan Lucas Emma Bram Fleur Joris Lotte Ruben Sem Julia Noah Tess Milan Sophie Levi Zoë "
							+ "Thijs Evi Finn Lisa Jesse Nina Lars Eva Max Iris Luuk Femke Stijn Roos Koen Maud")
						.split(" "),
					("Berg Dijk Vries Jong Bakker Visser Smit Meer Bos Vos Hendriks Mulder Boer Peters Dekker Brouwer "
							+ "Wit Dam Kok Jacobs Vermeulen Schouten Willems Hoekstra Koster Prins Huisman")
						.split(" "),
					"voorbeeld.nl", "+31 6 1", 7, "NL", new String[] { "Amsterdam", "Utrecht", "Rotterdam", "Groningen" },
					new String[] { "Keizersgracht", "Damrak", "Prinsengracht", "Oudegracht" }),
			new Culture(
					("Lucía Sofía Martín Hugo Valentina Mateo Paula Álvaro Núria José Daniela Pablo Carmen Javier Elena "
							+ "Diego Marta Adrián Irene Sergio Laura David Alba Carlos")
						.split(" "),
					("García Fernández González Rodríguez López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz "
							+ "Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Núñez")
						.split(" "),
					"ejemplo.es", "+34 6", 8, "ES", new String[] { "Madrid", "Sevilla", "Valencia", "Bilbao" },
					new String[] { "Calle Mayor", "Gran Vía", "Calle de Alcalá" }),
			new Culture("伟 芳 娜 敏 静 强 磊 洋 艳 勇 子轩 欣怡 浩然 思雨 雪丽".split(" "),
					"王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 欧阳 司马".split(" "), "example.cn", "+86 138", 8, "CN",
					new String[] { "北京", "上海", "广州" }, new String[] { "长安街", "王府井大街", "建国路" }),
			new Culture("فاطمه زهرا علی محمد مریم حسین سارا رضا نرگس امیر مهدی زینب نیلوفر کیوان".split(" "),
					"محمدی حسینی رضایی احمدی کریمی موسوی جعفری صادقی کریمی‌پور یزدان‌پناه".split(" "), "example.ir",
					"+98 912 ", 7, "IR", new String[] { "تهران", "شیراز", "اصفهان" },
					new String[] { "خیابان ولیعصر", "خیابان انقلاب", "خیابان آزادی" }),
			new Culture("محمد أحمد فاطمة عائشة يوسف مريم عمر ليلى خالد نور سارة علي".split(" "),
					"الحسن العلي الشمري القحطاني المصري الحداد النجار الخطيب".split(" "), "example.ae", "+971 50 ", 7,
					"AE", new String[] { "دبي", "أبو ظبي", "الشارقة" },
					new String[] { "شارع الشيخ زايد", "شارع الجميرا" }) };

	static final String[] MEMBERSHIP = { "trial", "monthly", "yearly", "class_card" };

	public static void main(String[] args) throws IOException {
		Path out = null;
		Path existing = null;
		int rows = 1_048_576;
		long seed = 42;
		int matchPercent = 5;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--out" -> out = Path.of(args[++i]);
				case "--rows" -> rows = Integer.parseInt(args[++i]);
				case "--seed" -> seed = Long.parseLong(args[++i]);
				case "--existing" -> existing = Path.of(args[++i]);
				case "--match-percent" -> matchPercent = Integer.parseInt(args[++i]);
				default -> {
					System.err.println("Unknown argument " + args[i]);
					System.exit(2);
				}
			}
		}
		if (out == null) {
			System.err.println("Usage: java bench/ImportFile.java --out FILE [--rows N] [--seed S] "
					+ "[--existing EMAILS.txt] [--match-percent P]");
			System.exit(2);
		}
		List<String> known = (existing != null) ? readAddresses(existing) : List.of();
		if (known.isEmpty()) {
			System.err.println("No --existing addresses: no row will match a person in the database.");
		}
		Random random = new Random(seed);
		long start = System.nanoTime();
		int matching = 0;
		try (Writer writer = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
			writeRow(writer, HEADER);
			String[] row = new String[HEADER.length];
			for (int n = 1; n <= rows; n++) {
				boolean match = !known.isEmpty() && random.nextInt(100) < matchPercent;
				fill(row, random, n, match ? known.get(random.nextInt(known.size())) : null);
				matching += match ? 1 : 0;
				writeRow(writer, row);
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(Locale.ROOT, "Wrote %,d rows (%,d with an existing e-mail) to %s: %,d bytes in %.1f s%n", rows,
				matching, out, Files.size(out), seconds);
	}

	static List<String> readAddresses(Path file) throws IOException {
		List<String> addresses = new ArrayList<>();
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (!line.isBlank()) {
					addresses.add(line.strip());
				}
			}
		}
		return addresses;
	}

	/** One person; an existing e-mail, when given, is written in another case. */
	static void fill(String[] row, Random random, int number, String existingEmail) {
		Culture culture = CULTURES[weightedCulture(random)];
		String given = pick(random, culture.given());
		if (culture.given().length > 20 && random.nextInt(4) == 0) {
			given = given + " " + pick(random, culture.given());
		}
		String family = pick(random, culture.family());
		if (culture.country().equals("ES")) {
			family = family + " " + pick(random, culture.family());
		}
		else if (culture.country().equals("NL")) {
			family = new String[] { "", "", "van ", "de ", "van der ", "van den " }[random.nextInt(6)] + family;
		}
		StringBuilder phone = new StringBuilder(culture.phonePrefix());
		for (int d = 0; d < culture.phoneDigits(); d++) {
			phone.append((d == 0) ? 1 + random.nextInt(9) : random.nextInt(10));
		}
		String city = pick(random, culture.cities());
		row[0] = given;
		row[1] = family;
		row[2] = (existingEmail != null) ? existingEmail.toUpperCase(Locale.ROOT)
				: ascii(given) + ".imp" + number + "@" + culture.domain();
		row[3] = phone.toString();
		row[4] = pick(random, culture.streets()) + " " + (1 + random.nextInt(200))
				+ ((random.nextInt(50) == 0) ? ", " + (1 + random.nextInt(4)) + "hg" : "");
		row[5] = String.valueOf(1000 + random.nextInt(9000));
		row[6] = city;
		row[7] = culture.country();
		row[8] = (random.nextInt(4) == 0) ? LocalDate
			.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28))
			.toString() : "";
		row[9] = MEMBERSHIP[random.nextInt(MEMBERSHIP.length)];
		row[10] = String.valueOf(random.nextInt(25));
	}

	static void writeRow(Writer writer, String[] row) throws IOException {
		for (int i = 0; i < row.length; i++) {
			if (i > 0) {
				writer.write(',');
			}
			String value = row[i];
			if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
					|| value.indexOf('\r') >= 0) {
				writer.write('"');
				writer.write(value.replace("\"", "\"\""));
				writer.write('"');
			}
			else {
				writer.write(value);
			}
		}
		writer.write("\r\n");
	}

	static String pick(Random random, String[] values) {
		return values[random.nextInt(values.length)];
	}

	/** The demo generator's mix: 35% Dutch, 25% Spanish, 20% Chinese, 12% Persian, 8% Arabic. */
	static int weightedCulture(Random random) {
		int pick = random.nextInt(100);
		return (pick < 35) ? 0 : (pick < 60) ? 1 : (pick < 80) ? 2 : (pick < 92) ? 3 : 4;
	}

	/** Latin letters without accents, as the demo generator makes e-mail names; others "contact". */
	static String ascii(String name) {
		String plain = Normalizer.normalize(name, Normalizer.Form.NFKD)
			.replaceAll("\\p{M}", "")
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z]", "");
		return plain.isEmpty() ? "contact" : plain;
	}

}
