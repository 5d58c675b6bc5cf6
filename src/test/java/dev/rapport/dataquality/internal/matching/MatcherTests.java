package dev.rapport.dataquality.internal.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.rapport.customers.CustomerKind;
import dev.rapport.dataquality.Duplicates.Level;
import dev.rapport.dataquality.Duplicates.Match;
import dev.rapport.dataquality.Duplicates.Reason;

/**
 * Names, e-mails, phones, companies and addresses compared as duplicate detection does.
 */
class MatcherTests {

	private static final Rules PEOPLE = Rules.defaults(CustomerKind.PERSON);

	private static final Rules COMPANIES = Rules.defaults(CustomerKind.COMPANY);

	@Test
	void writesNamesOfAnyScriptInLatinLetters() {
		assertThat(Normal.latin("Иван Петров")).isEqualTo("ivan petrov");
		assertThat(Normal.latin("王伟")).isEqualTo("wang wei");
		assertThat(Normal.latin("José Núñez")).isEqualTo("jose nunez");
		assertThat(Normal.latin("ＡＢＣ")).isEqualTo("abc");
		assertThat(Normal.latin("O'Brien")).isEqualTo("obrien");
		assertThat(Normal.latin("محمد")).isEqualTo("mhmd");
		assertThat(Normal.latin("علي")).isEqualTo(Normal.latin("علی"));
	}

	@Test
	void transliteratesWordByWordTheSameWhenAWordWasSeenBefore() {
		assertThat(Normal.latin("长安街 77 Иван")).isEqualTo("zhang an jie 77 ivan");
		// Again, now from the cache, and the words in other company.
		assertThat(Normal.latin("Иван 长安街")).isEqualTo("ivan zhang an jie");
		assertThat(Normal.latin("长安街 77 Иван")).isEqualTo("zhang an jie 77 ivan");
	}

	@Test
	void soundsOfVariantSpellingsAreTheSame() {
		assertThat(Normal.skeleton("mohammed")).isEqualTo(Normal.skeleton("muhammad"))
			.isEqualTo(Normal.skeleton("mohamad"))
			.isEqualTo(Normal.skeleton(Normal.latin("محمد")));
		assertThat(Normal.skeleton("katherine")).isEqualTo(Normal.skeleton("kathryn"));
		assertThat(Normal.skeleton("alexei")).isEqualTo(Normal.skeleton(Normal.latin("Алексей")));
		assertThat(Normal.skeleton("smith")).isNotEqualTo(Normal.skeleton("jones"));
	}

	@Test
	void knowsNicknamesAcrossLanguages() {
		Nicknames nicknames = Nicknames.get();
		assertThat(nicknames.size()).isGreaterThan(500);
		assertThat(nicknames.equivalent("bob", "robert")).isTrue();
		assertThat(nicknames.equivalent("bill", "liam")).isTrue();
		assertThat(nicknames.equivalent("jan", "johannes")).isTrue();
		assertThat(nicknames.equivalent("hans", "johannes")).isTrue();
		assertThat(nicknames.equivalent("pepe", "jose")).isTrue();
		assertThat(nicknames.equivalent("paco", "francisco")).isTrue();
		assertThat(nicknames.equivalent("lola", "dolores")).isTrue();
		assertThat(nicknames.equivalent("bob", "william")).isFalse();
	}

	@Test
	void normalisesEmailsAsTheirMailboxReceivesThem() {
		assertThat(Normal.email(" John.Smith+crm@GoogleMail.com")).isEqualTo("johnsmith@gmail.com");
		assertThat(Normal.email("j.smith+news@acme.nl")).isEqualTo("j.smith@acme.nl");
		assertThat(Normal.email("not an address")).isEmpty();
	}

	@Test
	void removesTheLegalFormOfCompanyNames() {
		assertThat(Normal.companyName("ACME B.V.")).isEqualTo("acme");
		assertThat(Normal.companyName("Acme BV")).isEqualTo("acme");
		assertThat(Normal.companyName("Müller GmbH")).isEqualTo("muller");
		assertThat(Normal.companyName("Tapas S.L.")).isEqualTo("tapas");
		assertThat(Normal.companyName("Widgets Ltd")).isEqualTo("widgets");
		assertThat(Normal.domain("https://www.Acme.com/about")).isEqualTo("acme.com");
	}

	@Test
	void findsTheSamePersonWrittenInAnotherScript() {
		Match match = compare(person("Иван", "Петров", "ivan.petrov@mail.ru", "+79161234567"),
				person("Ivan", "Petrov", "ivan.petrov@yandex.ru", null));
		assertThat(match.level()).isEqualTo(Level.LIKELY);
		assertThat(codes(match)).contains("name.transliterated", "email.local");
		assertThat(compare(person("伟", "王", null, "+8613800138000"), person("Wei", "Wang", null, "+8613800138000"))
			.level()).isEqualTo(Level.LIKELY);
		assertThat(codes(compare(person("محمد", "رضایی", null, "+989123456789"),
				person("Mohammad", "Rezaei", null, "+989123456789"))))
			.contains("name.transliterated", "phone.same");
	}

	@Test
	void findsNicknamesSwappedNamesAndTypos() {
		assertThat(codes(
				compare(person("Bob", "Smith", "bob@acme.com", null), person("Robert", "Smith", "bob@acme.com", null))))
			.containsExactlyInAnyOrder("email.same", "name.nickname");
		assertThat(codes(
				compare(person("Smith", "John", null, "+31612345678"), person("John", "Smith", null, "+31612345678"))))
			.contains("name.swapped");
		Match typo = compare(person("Jonathan", "Snith", "jsmith@acme.com", null),
				person("Jonathan", "Smith", "jsmith@acme.com", null));
		assertThat(codes(typo)).contains("name.typo");
		assertThat(typo.level()).isEqualTo(Level.LIKELY);
		assertThat(codes(compare(person("Mohammed", "Ali", "m.ali@x.com", null),
				person("Muhammad", "Ali", "m.ali@x.com", null))))
			.contains("name.nickname");
	}

	@Test
	void doesNotTakeTwoPeopleWithACommonNameForOne() {
		Match match = compare(person("John", "Smith", "john.smith@acme.com", "+31612345678"),
				person("John", "Smith", "jsmith77@other.org", "+34612345678"));
		assertThat(match.level()).isNull();
		assertThat(codes(match)).contains("name.exact", "email.different", "phone.different");
		assertThat(compare(person("John", "Smith", null, null), person("Mary", "Jones", null, null)).score()).isZero();
	}

	@Test
	void comparesCompaniesByNameDomainAndAddress() {
		Profile a = Profile.company(null, "ACME B.V.", "acme.nl",
				List.of(new Profile.Address("Keizersgracht 12", "1015 CS", "Amsterdam")));
		Profile b = Profile.company(null, "Acme BV", "https://www.acme.nl",
				List.of(new Profile.Address("Keizersgracht 12-A", "1015cs", "Amsterdam")));
		Match match = Matcher.compare(a, b, COMPANIES);
		assertThat(match.level()).isEqualTo(Level.LIKELY);
		assertThat(codes(match)).containsExactly("company.name", "domain.same", "address.same");
		assertThat(Matcher.blockingKeys(a)).containsAll(Set.of("c:acme", "d:acme.nl", "a:1015CS|12|keiz"));
		assertThat(Matcher.compare(a, Profile.company(null, "Globex Corporation", "globex.com", List.of()), COMPANIES)
			.level()).isNull();
	}

	@Test
	void sharesABlockingKeyWhenNamesAreVariantsOrSwapped() {
		assertThat(shareKey(person("Bob", "Smith", null, null), person("Robert", "Smith", null, null))).isTrue();
		assertThat(shareKey(person("Smith", "John", null, null), person("John", "Smith", null, null))).isTrue();
		assertThat(shareKey(person("Jonh", "Smtih", null, null), person("John", "Smith", null, null))).isTrue();
		assertThat(shareKey(person("Иван", "Петров", null, null), person("Ivan", "Petrov", null, null))).isTrue();
		assertThat(shareKey(person("محمد", "رضایی", null, null), person("Mohammad", "Rezaei", null, null))).isTrue();
		assertThat(shareKey(person("John", "Smith", null, null), person("Mary", "Jones", null, null))).isFalse();
	}

	@Test
	void countsTypingMistakesBetweenWords() {
		assertThat(Matcher.damerauLevenshtein("smith", "smtih", 3)).isEqualTo(1);
		assertThat(Matcher.damerauLevenshtein("smith", "smyth", 3)).isEqualTo(1);
		assertThat(Matcher.damerauLevenshtein("smith", "jones", 3)).isEqualTo(3);
	}

	private static boolean shareKey(Profile a, Profile b) {
		return Matcher.blockingKeys(a).stream().anyMatch(Matcher.blockingKeys(b)::contains);
	}

	private static Match compare(Profile a, Profile b) {
		return Matcher.compare(a, b, PEOPLE);
	}

	private static List<String> codes(Match match) {
		return match.reasons().stream().map(Reason::code).toList();
	}

	private static Profile person(String given, String family, @Nullable String email, @Nullable String phone) {
		return Profile.person(null, given, family, null, (email != null) ? List.of(email) : List.of(),
				(phone != null) ? List.of(phone) : List.of(), null, List.of());
	}

}
