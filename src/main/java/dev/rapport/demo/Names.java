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
		return new Person(given(random, culture), family(random, culture), culture);
	}

	private static final List<String> DUTCH_GIVEN = List
		.of(("Anna Sanne Daan Lucas Emma Bram Fleur Joris Lotte Ruben Sem Julia "
				+ "Noah Tess Milan Sophie Levi Zoë Thijs Evi Finn Lisa Jesse Nina Lars Eva Max Iris Luuk Femke Stijn Roos Koen Maud "
				+ "Bas Noor Gijs Lieke Timo Vera")
			.split(" "));

	private static final List<String> DUTCH_FAMILY = List
		.of(("Berg Dijk Vries Jong Bakker Visser Smit Meer Bos Vos Hendriks "
				+ "Mulder Boer Peters Dekker Brouwer Wit Dam Kok Jacobs Vermeulen Schouten Willems Hoekstra Koster Prins Huisman "
				+ "Post Kuiper Veenstra Kramer Leeuwen Haan Graaf Wouters Maas Verhoeven Hoek Linden Beek")
			.split(" "));

	private static final List<String> SPANISH_GIVEN = List
		.of(("Lucía Sofía Martín Hugo Valentina Mateo Paula Álvaro Núria José "
				+ "Daniela Pablo Carmen Javier Elena Diego Marta Adrián Irene Sergio Laura David Alba Carlos Claudia Jorge Sara "
				+ "Manuel Julia Raúl Andrea Iván Noelia Rubén Cristina Óscar Beatriz Íker Ainhoa Gonzalo")
			.split(" "));

	private static final List<String> SPANISH_FAMILY = List
		.of(("García Fernández González Rodríguez López Martínez Sánchez "
				+ "Pérez Gómez Martín Jiménez Ruiz Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres "
				+ "Domínguez Vázquez Ramos Gil Ramírez Serrano Blanco Molina Morales Suárez Ortega Delgado Castro Ortiz Rubio "
				+ "Marín Sanz Núñez")
			.split(" "));

	private static final String CHINESE_FAMILY = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

	private static final String CHINESE_GIVEN = "伟芳娜敏静强磊洋艳勇军杰娟涛明超秀霞平刚桂英华玉兰红梅文斌辉鹏宇飞浩然欣怡婷佳琪子轩涵睿博晨思雨雪丽晶";

	private static final List<String> PERSIAN_GIVEN = List.of(("فاطمه زهرا علی محمد مریم حسین سارا رضا نرگس امیر "
			+ "مهدی زینب حسن نازنین امید لیلا بهرام شیرین کامران پریسا سعید الهام آرش مینا کیوان نیلوفر بابک رویا "
			+ "فرهاد ترانه")
		.split(" "));

	private static final List<String> PERSIAN_FAMILY = List.of(("محمد حسین رضا احمد کریم موسو جعفر صادق رحیم "
			+ "نور قاسم عباس طاهر مراد نیک شریف کاظم حیدر سلیم امین فرهاد یزد تهران شیراز کرمان")
		.split(" "));

	private static final List<String> ARABIC_GIVEN = List.of(("محمد أحمد فاطمة عائشة يوسف مريم عمر ليلى خالد نور "
			+ "سارة علي حسن زينب إبراهيم هدى سلمى طارق رانيا كريم ياسمين سامي لينا مصطفى دينا")
		.split(" "));

	private static final List<String> ARABIC_FAMILY = List.of(("الحسن العلي الشمري القحطاني المصري الحداد النجار "
			+ "الخطيب العتيبي الدوسري الزهراني الغامدي الحربي المطيري السبيعي الكعبي المنصوري البلوشي الهاشمي "
			+ "السعدي التميمي العمري الجبوري الرفاعي")
		.split(" "));

	/** Given names; one in four has a second one. */
	private static String given(Random random, Culture culture) {
		return switch (culture) {
			case DUTCH -> pick(random, DUTCH_GIVEN) + ((random.nextInt(4) == 0) ? " " + pick(random, DUTCH_GIVEN) : "");
			case SPANISH ->
				pick(random, SPANISH_GIVEN) + ((random.nextInt(4) == 0) ? " " + pick(random, SPANISH_GIVEN) : "");
			case CHINESE ->
				String.valueOf(CHINESE_GIVEN.charAt(random.nextInt(CHINESE_GIVEN.length()))) + ((random.nextInt(3) > 0)
						? String.valueOf(CHINESE_GIVEN.charAt(random.nextInt(CHINESE_GIVEN.length()))) : "");
			case PERSIAN ->
				pick(random, PERSIAN_GIVEN) + ((random.nextInt(4) == 0) ? " " + pick(random, PERSIAN_GIVEN) : "");
			case ARABIC -> pick(random, ARABIC_GIVEN);
		};
	}

	/**
	 * Family names: Dutch with their particles, two Spanish surnames, Persian suffixes,
	 * Arabic lineage.
	 */
	private static String family(Random random, Culture culture) {
		return switch (culture) {
			case DUTCH -> List.of("", "", "van ", "de ", "van der ", "van den ").get(random.nextInt(6))
					+ pick(random, DUTCH_FAMILY);
			case SPANISH -> pick(random, SPANISH_FAMILY) + " " + pick(random, SPANISH_FAMILY);
			case CHINESE -> String.valueOf(CHINESE_FAMILY.charAt(random.nextInt(CHINESE_FAMILY.length())));
			case PERSIAN ->
				pick(random, PERSIAN_FAMILY) + List.of("ی", "ی", "زاده", "پور", "یان").get(random.nextInt(5));
			case ARABIC -> (random.nextInt(3) == 0) ? "بن " + pick(random, ARABIC_GIVEN) : pick(random, ARABIC_FAMILY);
		};
	}

	private static String pick(Random random, List<String> values) {
		return values.get(random.nextInt(values.size()));
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
