package dev.rapport.customers.internal;

import java.util.Locale;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.jspecify.annotations.Nullable;

/**
 * Phone numbers as typed, turned into E.164 with libphonenumber. A number without a
 * country code is read in the workspace's default country; without one it cannot be
 * normalised and is refused.
 */
final class PhoneNumbers {

	private static final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

	private PhoneNumbers() {
	}

	/** The E.164 form, or empty when the text is not a valid number. */
	static Optional<String> toE164(String typed, @Nullable String defaultRegion) {
		String region = (defaultRegion != null && !defaultRegion.isBlank()) ? defaultRegion.toUpperCase(Locale.ROOT)
				: "ZZ";
		try {
			PhoneNumber number = util.parse(typed, region);
			if (!util.isValidNumber(number)) {
				return Optional.empty();
			}
			return Optional.of(util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The national significant number of an E.164 number (for searching without the
	 * prefix) and the digits of the number as dialled inside its country, with the trunk
	 * prefix ("0912 ..."), from one parse.
	 */
	static String[] nationalForms(String e164) {
		try {
			PhoneNumber number = util.parse(e164, "ZZ");
			return new String[] { util.getNationalSignificantNumber(number),
					digits(util.format(number, PhoneNumberUtil.PhoneNumberFormat.NATIONAL)) };
		}
		catch (NumberParseException ex) {
			String digits = digits(e164);
			return new String[] { digits, digits };
		}
	}

	static String digits(String text) {
		StringBuilder digits = new StringBuilder();
		text.codePoints().filter(Character::isDigit).forEach((cp) -> digits.append(Character.getNumericValue(cp)));
		return digits.toString();
	}

	/** Whether a region code is one libphonenumber knows. */
	static boolean isKnownRegion(String region) {
		return util.getSupportedRegions().contains(region.toUpperCase(Locale.ROOT));
	}

}
