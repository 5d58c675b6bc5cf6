package dev.rapport.dataquality.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.jspecify.annotations.Nullable;

import dev.rapport.customers.MatchData;
import dev.rapport.customers.PersonView;
import dev.rapport.dataquality.Duplicates.CompanyProbe;
import dev.rapport.dataquality.Duplicates.PersonProbe;
import dev.rapport.dataquality.internal.matching.Profile;

/** Stored records and probes as profiles to compare. */
final class Profiles {

	private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

	private Profiles() {
	}

	static Profile of(MatchData data) {
		List<Profile.Address> addresses = new ArrayList<>();
		for (PersonView.Address address : data.addresses()) {
			addresses.add(new Profile.Address(address.street(), address.postalCode(), address.city()));
		}
		return switch (data.kind()) {
			case PERSON -> Profile.person(data.id(), data.givenName(), data.familyName(), data.displayName(),
					data.emails(), data.phones(), data.companyName(), addresses);
			case COMPANY -> Profile.company(data.id(), data.displayName(), data.domain(), addresses);
		};
	}

	/** A person as described; phones are read in the workspace's default country. */
	static Profile of(PersonProbe probe, @Nullable String phoneRegion) {
		List<String> phones = new ArrayList<>();
		for (String typed : probe.phones()) {
			String e164 = e164(typed, phoneRegion);
			if (e164 != null) {
				phones.add(e164);
			}
		}
		List<Profile.Address> addresses = (probe.street() != null || probe.postalCode() != null || probe.city() != null)
				? List.of(new Profile.Address(probe.street(), probe.postalCode(), probe.city())) : List.of();
		return Profile.person(probe.id(), probe.givenName(), probe.familyName(), probe.displayName(), probe.emails(),
				phones, probe.companyName(), addresses);
	}

	static Profile of(CompanyProbe probe) {
		List<Profile.Address> addresses = (probe.street() != null || probe.postalCode() != null || probe.city() != null)
				? List.of(new Profile.Address(probe.street(), probe.postalCode(), probe.city())) : List.of();
		return Profile.company(probe.id(), probe.name(), probe.domain(), addresses);
	}

	/** The E.164 form of a number as typed, or null when it is not a valid number. */
	static @Nullable String e164(@Nullable String typed, @Nullable String region) {
		if (typed == null || typed.isBlank()) {
			return null;
		}
		try {
			var number = PHONES.parse(typed, (region != null) ? region.toUpperCase(Locale.ROOT) : "ZZ");
			return PHONES.isValidNumber(number) ? PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
		}
		catch (NumberParseException ex) {
			return null;
		}
	}

}
