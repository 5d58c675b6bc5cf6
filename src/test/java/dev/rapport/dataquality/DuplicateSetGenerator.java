package dev.rapport.dataquality;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Makes a set of people with known duplicates, the same for the same seed: each original
 * person may get one or two duplicates written differently (a typo, given and family name
 * swapped, a nickname, the name in another script or its Latin spelling, accents dropped,
 * the phone typed in another format, the e-mail at another domain or in Gmail's other
 * spellings, details left out), and the set holds distinct people who are near misses (a
 * common name shared by different people, relatives at one address).
 *
 * <p>
 * Published with the accuracy figures of duplicate detection in docs/benchmarks.md.
 */
public final class DuplicateSetGenerator {

	/**
	 * One generated person. {@code cluster} is the real person: two rows with the same
	 * cluster are duplicates, rows with different clusters are not.
	 */
	public record Row(int cluster, String givenName, String familyName, List<String> emails, List<String> phones,
			@Nullable String street, @Nullable String postalCode, @Nullable String city) {

		Row withCluster(int id) {
			return new Row(id, this.givenName, this.familyName, this.emails, this.phones, this.street, this.postalCode,
					this.city);
		}

	}

	/** A name in its own script and its usual Latin spelling (the same when Latin). */
	private record Name(String own, String latin) {
	}

	private static final List<Name> GIVEN = names("Robert", "William", "Richard", "James", "John", "Thomas", "Michael",
			"Christopher", "Edward", "Anthony", "Alexander", "Elizabeth", "Margaret", "Katherine", "Jennifer",
			"Patricia", "Susan", "Johannes", "Cornelis", "Hendrik", "Willem", "Pieter", "Jacobus", "Anna", "Maria",
			"Sophie", "Emma", "Daan", "Lotte", "José", "Francisco", "Dolores", "Manuel", "Ignacio", "Guadalupe",
			"Concepción", "Alejandro", "Lucía", "Wolfgang", "Friedrich", "Jürgen", "Katharina", "Sebastian", "Matthias",
			"Nicholas", "Samuel", "Benjamin", "Daniel", "Laura", "Sarah", "Olivia", "Isabel", "Carmen");

	private static final List<Name> FAMILY = names("Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis",
			"Wilson", "Anderson", "Taylor", "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
			"de Boer", "Mulder", "Bos", "García", "Martínez", "López", "Sánchez", "Pérez", "Gómez", "Fernández",
			"Romero", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Schäfer", "Koch",
			"Richter", "Thompson", "Clarke", "Robinson", "Walker", "Hughes", "Edwards", "Morales", "Kowalski", "Nowak",
			"Novak", "Horvat", "Lindqvist");

	private static final List<Name[]> OTHER_SCRIPTS = List.of(
			new Name[] { new Name("Иван", "Ivan"), new Name("Петров", "Petrov") },
			new Name[] { new Name("Сергей", "Sergey"), new Name("Иванов", "Ivanov") },
			new Name[] { new Name("Дмитрий", "Dmitry"), new Name("Смирнов", "Smirnov") },
			new Name[] { new Name("Алексей", "Alexei"), new Name("Кузнецов", "Kuznetsov") },
			new Name[] { new Name("Ольга", "Olga"), new Name("Соколова", "Sokolova") },
			new Name[] { new Name("Наталья", "Natalya"), new Name("Попова", "Popova") },
			new Name[] { new Name("Татьяна", "Tatiana"), new Name("Волкова", "Volkova") },
			new Name[] { new Name("Пётр", "Pyotr"), new Name("Морозов", "Morozov") },
			new Name[] { new Name("伟", "Wei"), new Name("王", "Wang") },
			new Name[] { new Name("芳", "Fang"), new Name("李", "Li") },
			new Name[] { new Name("敏", "Min"), new Name("张", "Zhang") },
			new Name[] { new Name("静", "Jing"), new Name("刘", "Liu") },
			new Name[] { new Name("强", "Qiang"), new Name("陈", "Chen") },
			new Name[] { new Name("磊", "Lei"), new Name("杨", "Yang") },
			new Name[] { new Name("محمد", "Mohammad"), new Name("رضایی", "Rezaei") },
			new Name[] { new Name("علی", "Ali"), new Name("احمدی", "Ahmadi") },
			new Name[] { new Name("حسین", "Hossein"), new Name("حسینی", "Hosseini") },
			new Name[] { new Name("فاطمه", "Fatemeh"), new Name("کریمی", "Karimi") },
			new Name[] { new Name("مریم", "Maryam"), new Name("محمدی", "Mohammadi") },
			new Name[] { new Name("رضا", "Reza"), new Name("موسوی", "Mousavi") });

	/** Nicknames a duplicate may use for a given name of {@link #GIVEN}. */
	private static final List<String[]> NICKNAMES = List.of(new String[] { "Robert", "Bob", "Rob", "Bobby" },
			new String[] { "William", "Bill", "Will", "Liam" }, new String[] { "Richard", "Rick", "Dick" },
			new String[] { "James", "Jim", "Jimmy" }, new String[] { "John", "Jack", "Johnny" },
			new String[] { "Thomas", "Tom" }, new String[] { "Michael", "Mike", "Mick" },
			new String[] { "Christopher", "Chris" }, new String[] { "Edward", "Ed", "Ted" },
			new String[] { "Anthony", "Tony" }, new String[] { "Alexander", "Alex", "Sasha" },
			new String[] { "Elizabeth", "Liz", "Beth", "Betty" }, new String[] { "Margaret", "Maggie", "Peggy" },
			new String[] { "Katherine", "Kate", "Kathy" }, new String[] { "Jennifer", "Jen", "Jenny" },
			new String[] { "Patricia", "Pat", "Trish" }, new String[] { "Susan", "Sue" },
			new String[] { "Johannes", "Jan", "Hans" }, new String[] { "Cornelis", "Kees" },
			new String[] { "Hendrik", "Henk" }, new String[] { "Willem", "Wim" }, new String[] { "Pieter", "Piet" },
			new String[] { "Jacobus", "Jaap", "Koos" }, new String[] { "José", "Pepe" },
			new String[] { "Francisco", "Paco", "Pancho" }, new String[] { "Dolores", "Lola" },
			new String[] { "Manuel", "Manolo" }, new String[] { "Ignacio", "Nacho" },
			new String[] { "Guadalupe", "Lupe" }, new String[] { "Concepción", "Concha" },
			new String[] { "Friedrich", "Fritz" }, new String[] { "Nicholas", "Nick" },
			new String[] { "Samuel", "Sam" }, new String[] { "Benjamin", "Ben" }, new String[] { "Daniel", "Dan" },
			new String[] { "Mohammad", "Mohammed", "Muhammad", "Mohamad" }, new String[] { "Hossein", "Hussein" });

	private static final List<String> DOMAINS = List.of("gmail.com", "outlook.com", "yahoo.com", "proton.me", "acme.nl",
			"example.es", "firma.de", "mail.ru", "qq.com", "chmail.ir");

	private static final List<String[]> CITIES = List.of(new String[] { "Amsterdam", "1015", "NL" },
			new String[] { "Utrecht", "3511", "NL" }, new String[] { "Madrid", "28013", "ES" },
			new String[] { "Sevilla", "41001", "ES" }, new String[] { "Berlin", "10115", "DE" },
			new String[] { "München", "80331", "DE" });

	private static final List<String> STREETS = List.of("Hoofdstraat", "Kerkstraat", "Calle Mayor", "Gran Vía",
			"Hauptstraße", "Bahnhofstraße", "Main Street", "Station Road");

	private final Random random;

	private final Set<String> localParts = new HashSet<>();

	private final Set<String> phones = new HashSet<>();

	public DuplicateSetGenerator(long seed) {
		this.random = new Random(seed);
	}

	/**
	 * Generates {@code originals} different people, about a third of them with one or two
	 * duplicates, and about one in ten sharing a name with another original.
	 */
	public List<Row> generate(int originals) {
		List<Row> rows = new ArrayList<>();
		List<Row> bases = new ArrayList<>();
		for (int cluster = 0; cluster < originals; cluster++) {
			Row base;
			if (cluster > 0 && this.random.nextInt(10) == 0) {
				// A near miss: someone else with the same name (or a relative at the
				// same address and home phone).
				Row other = bases.get(this.random.nextInt(bases.size()));
				base = (this.random.nextBoolean()) ? original(cluster, other.givenName(), other.familyName())
						: relative(cluster, other);
			}
			else {
				base = original(cluster, null, null);
			}
			bases.add(base);
			rows.add(base);
			int duplicates = (this.random.nextInt(3) == 0) ? 1 + (this.random.nextInt(4) == 0 ? 1 : 0) : 0;
			for (int i = 0; i < duplicates; i++) {
				rows.add(duplicate(base));
			}
		}
		return rows;
	}

	private Row original(int cluster, @Nullable String sameGiven, @Nullable String sameFamily) {
		String given;
		String family;
		if (sameGiven != null && sameFamily != null) {
			given = sameGiven;
			family = sameFamily;
		}
		else if (this.random.nextInt(6) == 0) {
			Name[] name = OTHER_SCRIPTS.get(this.random.nextInt(OTHER_SCRIPTS.size()));
			boolean own = this.random.nextBoolean();
			given = own ? name[0].own() : name[0].latin();
			family = own ? name[1].own() : name[1].latin();
		}
		else {
			given = GIVEN.get(this.random.nextInt(GIVEN.size())).own();
			family = FAMILY.get(this.random.nextInt(FAMILY.size())).own();
		}
		String latinGiven = latinOf(given);
		String latinFamily = latinOf(family);
		String[] city = CITIES.get(this.random.nextInt(CITIES.size()));
		List<String> emails = new ArrayList<>();
		if (this.random.nextInt(10) < 9) {
			emails.add(uniqueLocal(latinGiven, latinFamily) + "@" + DOMAINS.get(this.random.nextInt(DOMAINS.size())));
		}
		List<String> phones = new ArrayList<>();
		if (this.random.nextInt(10) < 8 || emails.isEmpty()) {
			phones.add(uniquePhone(city[2]));
		}
		boolean address = this.random.nextInt(10) < 6;
		return new Row(-1, given, family, emails, phones,
				address ? STREETS.get(this.random.nextInt(STREETS.size())) + " " + (1 + this.random.nextInt(400))
						: null,
				address ? city[1] + (city[2].equals("NL") ? " " + letters(2) : "") : null, city[0])
			.withCluster(cluster);
	}

	private Row relative(int cluster, Row other) {
		String given;
		do {
			given = GIVEN.get(this.random.nextInt(GIVEN.size())).own();
		}
		while (given.equals(other.givenName()));
		List<String> emails = List
			.of(uniqueLocal(latinOf(given), latinOf(other.familyName())) + "@" + DOMAINS.get(this.random.nextInt(4)));
		return new Row(cluster, given, other.familyName(), emails, other.phones(), other.street(), other.postalCode(),
				other.city());
	}

	private Row duplicate(Row base) {
		String given = base.givenName();
		String family = base.familyName();
		switch (this.random.nextInt(7)) {
			case 0 -> {
				if (this.random.nextBoolean()) {
					given = typo(given);
				}
				else {
					family = typo(family);
				}
			}
			case 1 -> {
				String swap = given;
				given = family;
				family = swap;
			}
			case 2 -> given = nickname(given);
			case 3 -> {
				given = otherScript(given);
				family = otherScript(family);
			}
			case 4 -> {
				given = stripAccents(given).toUpperCase(Locale.ROOT);
				family = stripAccents(family).toLowerCase(Locale.ROOT);
			}
			default -> {
				// the name as it was
			}
		}
		List<String> emails = new ArrayList<>();
		for (String email : base.emails()) {
			int choice = this.random.nextInt(10);
			String local = email.substring(0, email.indexOf('@'));
			String domain = email.substring(email.indexOf('@') + 1);
			if (choice < 4) {
				emails.add(this.random.nextBoolean() ? email : email.toUpperCase(Locale.ROOT));
			}
			else if (choice < 7) {
				String other;
				do {
					other = DOMAINS.get(this.random.nextInt(DOMAINS.size()));
				}
				while (other.equals(domain));
				emails.add(local + "@" + other);
			}
			else if (choice < 8 && domain.equals("gmail.com")) {
				emails.add(local.replace(".", "") + "+crm@googlemail.com");
			}
		}
		List<String> phones = new ArrayList<>();
		for (String phone : base.phones()) {
			if (this.random.nextInt(10) < 7 || emails.isEmpty()) {
				phones.add(reformat(phone));
			}
		}
		if (emails.isEmpty() && phones.isEmpty() && !base.emails().isEmpty()) {
			emails.add(base.emails().get(0));
		}
		boolean address = base.street() != null && this.random.nextInt(10) < 4;
		return new Row(base.cluster(), given, family, emails, phones, address ? base.street() : null,
				address ? base.postalCode() : null, this.random.nextBoolean() ? base.city() : null);
	}

	private String uniqueLocal(String given, String family) {
		String g = given.toLowerCase(Locale.ROOT).replace(" ", "");
		String f = family.toLowerCase(Locale.ROOT).replace(" ", "");
		String local = switch (this.random.nextInt(4)) {
			case 0 -> g + "." + f;
			case 1 -> g.charAt(0) + f;
			case 2 -> f + "." + g;
			default -> g + f + (10 + this.random.nextInt(90));
		};
		// Unique as a mailbox sees it: "j.smith" and "jsmith" are one address at Gmail.
		while (!this.localParts.add(local.replace(".", ""))) {
			local = local + this.random.nextInt(10);
		}
		return local;
	}

	private String uniquePhone(String country) {
		String phone;
		do {
			phone = switch (country) {
				case "NL" -> "+316" + digits(8);
				case "ES" -> "+346" + digits(8);
				default -> "+4915" + (1 + this.random.nextInt(9)) + digits(8);
			};
		}
		while (!this.phones.add(phone));
		return phone;
	}

	/** The same number typed another way, as people do. */
	private String reformat(String e164) {
		String cc = e164.startsWith("+49") ? "49" : e164.substring(1, 3);
		String national = e164.substring(1 + cc.length());
		return switch (this.random.nextInt(4)) {
			case 0 -> e164;
			case 1 -> "+" + cc + " " + national.substring(0, 1) + " " + national.substring(1, 5) + " "
					+ national.substring(5);
			case 2 -> "00" + cc + "-" + national.substring(0, 3) + "-" + national.substring(3);
			default -> "(+" + cc + ") " + national.substring(0, 3) + " " + national.substring(3, 6) + " "
					+ national.substring(6);
		};
	}

	private String typo(String word) {
		if (word.length() < 4 || !DuplicateSetGenerator.isLatin(word)) {
			return word;
		}
		char[] c = word.toCharArray();
		int i = 1 + this.random.nextInt(c.length - 2);
		switch (this.random.nextInt(3)) {
			case 0 -> {
				char swap = c[i];
				c[i] = c[i + 1];
				c[i + 1] = swap;
				return new String(c);
			}
			case 1 -> {
				return word.substring(0, i) + word.substring(i + 1);
			}
			default -> {
				c[i] = (char) ('a' + this.random.nextInt(26));
				return new String(c);
			}
		}
	}

	private String nickname(String given) {
		for (String[] group : NICKNAMES) {
			for (String name : group) {
				if (name.equals(given)) {
					String other;
					do {
						other = group[this.random.nextInt(group.length)];
					}
					while (other.equals(given));
					return other;
				}
			}
		}
		return given;
	}

	private static String otherScript(String name) {
		for (Name[] pair : OTHER_SCRIPTS) {
			for (Name n : pair) {
				if (n.own().equals(name)) {
					return n.latin();
				}
				if (n.latin().equals(name)) {
					return n.own();
				}
			}
		}
		return stripAccents(name);
	}

	private static String latinOf(String name) {
		for (Name[] pair : OTHER_SCRIPTS) {
			for (Name n : pair) {
				if (n.own().equals(name)) {
					return n.latin();
				}
			}
		}
		return stripAccents(name);
	}

	private static String stripAccents(String text) {
		return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
	}

	private static boolean isLatin(String text) {
		return text.codePoints().allMatch((cp) -> cp < 0x250);
	}

	private String digits(int count) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < count; i++) {
			out.append(this.random.nextInt(10));
		}
		return out.toString();
	}

	private String letters(int count) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < count; i++) {
			out.append((char) ('A' + this.random.nextInt(26)));
		}
		return out.toString();
	}

	private static List<Name> names(String... names) {
		return java.util.Arrays.stream(names).map((n) -> new Name(n, n)).toList();
	}

}
