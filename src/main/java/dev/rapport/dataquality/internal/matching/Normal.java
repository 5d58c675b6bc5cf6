package dev.rapport.dataquality.internal.matching;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.ibm.icu.text.Transliterator;
import org.jspecify.annotations.Nullable;

/**
 * The normal forms that duplicate detection compares: names folded (compatibility forms,
 * case, accents, Arabic and Persian letter variants) and written in Latin letters, a
 * rough sound of a name, e-mail addresses as their mailbox receives them, company names
 * without their legal form, postal codes and house numbers.
 */
public final class Normal {

	private static final ThreadLocal<Transliterator> LATIN = ThreadLocal
		.withInitial(() -> Transliterator.getInstance("Any-Latin; Latin-ASCII"));

	/**
	 * Transliterations already made, by folded word: names, streets and cities repeat a
	 * lot, and ICU's transliteration costs tens of microseconds a word. Bounded; emptied
	 * when full.
	 */
	private static final Map<String, String> TRANSLITERATED = new ConcurrentHashMap<>();

	private static final int TRANSLITERATED_MAX = 50_000;

	/** Words that are part of a family name but not what tells families apart. */
	private static final Set<String> PARTICLES = Set.of("van", "de", "der", "den", "von", "zu", "la", "le", "da", "di",
			"del", "della", "dos", "das", "do", "du", "al", "el", "bin", "ibn", "ben", "ter", "ten", "het", "t", "y",
			"e", "mac", "st");

	/** Legal forms of companies, as words after folding (dots and spaces removed). */
	private static final Set<String> LEGAL_FORMS = Set.of("bv", "nv", "vof", "cv", "gmbh", "ag", "kg", "ohg", "ug",
			"ev", "ltd", "limited", "plc", "llc", "llp", "inc", "incorporated", "corp", "corporation", "co", "company",
			"sa", "sl", "slu", "sas", "sarl", "srl", "spa", "sprl", "bvba", "oy", "ab", "as", "aps", "kk", "pty", "pvt",
			"lda", "ltda", "sro", "zoo", "sp", "kft", "doo", "holding", "group", "the");

	/** Local parts of shared mailboxes, which say nothing about a person. */
	private static final Set<String> ROLE_MAILBOXES = Set.of("info", "sales", "contact", "admin", "office", "mail",
			"hello", "support", "service", "team", "post", "enquiries", "inquiries", "noreply", "no-reply", "hr",
			"jobs", "billing", "accounts", "finance", "reception", "webmaster", "marketing", "test");

	private Normal() {
	}

	/**
	 * Folded: compatibility decomposition, accents removed, lower case, Arabic yeh, alef
	 * maksura and kaf written the Persian way, tatweel and zero-width joiners removed.
	 */
	public static String fold(@Nullable String text) {
		if (text == null) {
			return "";
		}
		if (isAscii(text)) {
			// Nothing to decompose or fold: the hot path for Latin text without accents.
			return text.toLowerCase(Locale.ROOT).strip();
		}
		String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
		StringBuilder folded = new StringBuilder(decomposed.length());
		for (int i = 0; i < decomposed.length(); i++) {
			char c = decomposed.charAt(i);
			if (Character.getType(c) == Character.NON_SPACING_MARK) {
				continue;
			}
			switch (c) {
				case '\u064A', '\u0649' -> folded.append('\u06CC');
				case '\u0643' -> folded.append('\u06A9');
				case '\u0640', '\u200C', '\u200D' -> {
					// no meaning for matching
				}
				case '\u00DF' -> folded.append("ss");
				default -> folded.append(c);
			}
		}
		return Normalizer.normalize(folded, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).strip();
	}

	/**
	 * Folded and written in Latin letters, as lower-case ASCII words separated by single
	 * spaces: "Иван Петров" gives "ivan petrov", "王伟" gives "wang wei".
	 */
	public static String latin(@Nullable String text) {
		String folded = fold(text);
		if (folded.isEmpty()) {
			return "";
		}
		if (!isAscii(folded)) {
			folded = transliterated(folded);
		}
		StringBuilder out = new StringBuilder(folded.length());
		boolean space = false;
		for (int i = 0; i < folded.length(); i++) {
			char c = folded.charAt(i);
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				if (space && !out.isEmpty()) {
					out.append(' ');
				}
				space = false;
				out.append(c);
			}
			else if (c == '\'' || c == '\u2019' || c == '`') {
				// O'Brien and OBrien, Ma'soud and Masoud are the same name
			}
			else {
				space = true;
			}
		}
		return out.toString();
	}

	/**
	 * Each word of a folded text in Latin letters, the words already seen from a cache.
	 */
	private static String transliterated(String folded) {
		StringBuilder out = new StringBuilder(folded.length() + 8);
		for (String word : folded.split(" ")) {
			if (!out.isEmpty()) {
				out.append(' ');
			}
			if (isAscii(word)) {
				out.append(word);
				continue;
			}
			String latin = TRANSLITERATED.get(word);
			if (latin == null) {
				latin = fold(LATIN.get().transliterate(arabicScript(word)));
				if (TRANSLITERATED.size() >= TRANSLITERATED_MAX) {
					TRANSLITERATED.clear();
				}
				TRANSLITERATED.put(word, latin);
			}
			out.append(latin);
		}
		return out.toString();
	}

	/**
	 * Arabic and Persian letters written as a Persian or Arabic speaker spells a name in
	 * Latin letters (short vowels are not written, so "محمد" gives "mhmd", which sounds
	 * like "Mohammad"): the general transliteration writes the Arabic sounds (ض as "d"),
	 * which Persian names do not use.
	 */
	static String arabicScript(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			String latin = switch (c) {
				case '\u0627', '\u0622', '\u0623', '\u0625', '\u0639' -> "a";
				case '\u0628' -> "b";
				case '\u067E' -> "p";
				case '\u062A', '\u0637', '\u0629' -> "t";
				case '\u062B', '\u0633', '\u0635' -> "s";
				case '\u062C' -> "j";
				case '\u0686' -> "ch";
				case '\u062D', '\u0647' -> "h";
				case '\u062E' -> "kh";
				case '\u062F' -> "d";
				case '\u0630', '\u0632', '\u0636', '\u0638' -> "z";
				case '\u0631' -> "r";
				case '\u0698' -> "zh";
				case '\u0634' -> "sh";
				case '\u063A', '\u0642' -> "gh";
				case '\u0641' -> "f";
				case '\u06A9' -> "k";
				case '\u06AF' -> "g";
				case '\u0644' -> "l";
				case '\u0645' -> "m";
				case '\u0646' -> "n";
				case '\u0648', '\u0624' -> "v";
				case '\u06CC', '\u0626' -> "y";
				case '\u0621' -> "";
				default -> null;
			};
			if (latin != null) {
				out.append(latin);
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	/** Whether a text needs no transliteration. */
	public static boolean isAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) > 0x7F) {
				return false;
			}
		}
		return true;
	}

	/** The words of a Latin text. */
	public static List<String> words(String latin) {
		List<String> words = new ArrayList<>();
		for (String word : latin.split(" ")) {
			if (!word.isEmpty()) {
				words.add(word);
			}
		}
		return words;
	}

	/**
	 * A family name for comparing: its words without particles ("van der", "de", "al"),
	 * joined, so "van der Berg", "Vanderberg" and "Berg" come close.
	 */
	public static String family(String latin) {
		List<String> words = words(latin);
		StringBuilder out = new StringBuilder();
		for (String word : words) {
			if (!PARTICLES.contains(word) || words.size() == 1) {
				out.append(word);
			}
		}
		return out.isEmpty() ? String.join("", words) : out.toString();
	}

	/**
	 * The rough sound of a Latin word: the first letter, then the consonants with similar
	 * ones merged and doubles removed ("mohammed", "muhammad" and "mohamad" give "mhmd").
	 */
	public static String skeleton(String word) {
		if (word.isEmpty()) {
			return word;
		}
		String w = word.replace("x", "ks")
			.replace("sch", "s")
			.replace("ph", "f")
			.replace("kh", "h")
			.replace("gh", "g")
			.replace("ck", "k")
			.replace("th", "t")
			.replace("dh", "d")
			.replace("sh", "s")
			.replace("ch", "k");
		StringBuilder out = new StringBuilder(w.length());
		char last = 0;
		for (int i = 0; i < w.length(); i++) {
			char c = switch (w.charAt(i)) {
				case 'c', 'q' -> 'k';
				case 'z' -> 's';
				case 'w' -> 'v';
				case 'y', 'j' -> (i == 0) ? 'j' : 'i';
				case 'x' -> 'k';
				default -> w.charAt(i);
			};
			boolean vowel = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'h';
			if (i == 0) {
				out.append(vowel && c != 'h' ? 'a' : c);
				last = c;
				continue;
			}
			if (vowel) {
				last = 0;
				continue;
			}
			if (c != last) {
				out.append(c);
			}
			last = c;
		}
		return out.toString();
	}

	/**
	 * An e-mail address as its mailbox receives it: lower case, "+tag" removed, and for
	 * Gmail the dots of the local part removed and googlemail.com read as gmail.com.
	 * Empty when it is not an address.
	 */
	public static String email(@Nullable String address) {
		if (address == null) {
			return "";
		}
		String a = address.strip().toLowerCase(Locale.ROOT);
		int at = a.lastIndexOf('@');
		if (at <= 0 || at == a.length() - 1) {
			return "";
		}
		String local = a.substring(0, at);
		String domain = a.substring(at + 1);
		if (domain.equals("googlemail.com")) {
			domain = "gmail.com";
		}
		int plus = local.indexOf('+');
		if (plus > 0) {
			local = local.substring(0, plus);
		}
		if (domain.equals("gmail.com")) {
			local = local.replace(".", "");
		}
		return local + "@" + domain;
	}

	/**
	 * The local part of a normal e-mail address without dots, as many mailboxes and
	 * people treat "j.smith" and "jsmith".
	 */
	public static String localPart(String email) {
		int at = email.lastIndexOf('@');
		return ((at > 0) ? email.substring(0, at) : email).replace(".", "");
	}

	/** The domain of a normal e-mail address. */
	public static String emailDomain(String email) {
		int at = email.lastIndexOf('@');
		return (at > 0) ? email.substring(at + 1) : "";
	}

	/**
	 * Whether a local part says something about one person: long enough and not a shared
	 * mailbox such as info@.
	 */
	public static boolean personalLocalPart(String local) {
		return local.length() >= 4 && !ROLE_MAILBOXES.contains(local);
	}

	/**
	 * A company name without its legal form, punctuation and spaces: "ACME B.V.", "Acme
	 * BV" and "acme" give "acme".
	 */
	public static String companyName(@Nullable String name) {
		String latin = latin((name == null) ? null : name.replace(".", ""));
		List<String> words = words(latin);
		List<String> kept = new ArrayList<>();
		for (String word : words) {
			if (!LEGAL_FORMS.contains(word)) {
				kept.add(word);
			}
		}
		if (kept.isEmpty()) {
			kept = words;
		}
		return String.join(" ", kept);
	}

	/**
	 * A web domain without scheme, "www.", path or port: "https://www.Acme.com/about"
	 * gives "acme.com".
	 */
	public static String domain(@Nullable String text) {
		if (text == null) {
			return "";
		}
		String d = text.strip().toLowerCase(Locale.ROOT);
		int scheme = d.indexOf("://");
		if (scheme >= 0) {
			d = d.substring(scheme + 3);
		}
		int at = d.lastIndexOf('@');
		if (at >= 0) {
			d = d.substring(at + 1);
		}
		for (char stop : new char[] { '/', '?', '#', ':' }) {
			int i = d.indexOf(stop);
			if (i >= 0) {
				d = d.substring(0, i);
			}
		}
		if (d.startsWith("www.")) {
			d = d.substring(4);
		}
		return d;
	}

	/** A postal code in capitals without spaces or dashes: "1234 ab" gives "1234AB". */
	public static String postalCode(@Nullable String code) {
		if (code == null) {
			return "";
		}
		StringBuilder out = new StringBuilder();
		code.codePoints()
			.filter(Character::isLetterOrDigit)
			.forEach((cp) -> out.appendCodePoint(Character.toUpperCase(cp)));
		return latin(out.toString()).replace(" ", "").toUpperCase(Locale.ROOT);
	}

	/** Whether a word is a particle of family names ("van", "de", "al"). */
	public static boolean isParticle(String word) {
		return PARTICLES.contains(word);
	}

	/**
	 * The first four letters of the first word of a street line that is not a number ("12
	 * Main St" and "Main Street 12" give "main").
	 */
	public static String streetStart(@Nullable String street) {
		for (String word : words(latin(street))) {
			if (!word.isEmpty() && !Character.isDigit(word.charAt(0))) {
				return (word.length() > 4) ? word.substring(0, 4) : word;
			}
		}
		return "";
	}

	/** The first number in a street line, its house number ("Main St 12a" gives "12"). */
	public static String houseNumber(@Nullable String street) {
		if (street == null) {
			return "";
		}
		String latin = latin(street);
		StringBuilder digits = new StringBuilder();
		for (int i = 0; i < latin.length(); i++) {
			char c = latin.charAt(i);
			if (c >= '0' && c <= '9') {
				digits.append(c);
			}
			else if (!digits.isEmpty()) {
				break;
			}
		}
		return digits.toString();
	}

}
