package dev.rapport.exchange.internal.exports;

import java.io.IOException;
import java.io.OutputStream;

import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.io.text.VCardWriter;
import ezvcard.parameter.AddressType;
import ezvcard.parameter.EmailType;
import ezvcard.parameter.TelephoneType;
import ezvcard.property.Address;
import ezvcard.property.Birthday;
import ezvcard.property.Email;
import ezvcard.property.StructuredName;
import ezvcard.property.Telephone;

import dev.rapport.customers.ContactLabel;
import dev.rapport.customers.PersonView;

/**
 * People as vCards (4.0, or 3.0 for older address books): names in any script, e-mail
 * addresses, phones (E.164 when known), postal addresses, company, job title and
 * birthday.
 */
final class VCards {

	private VCards() {
	}

	static VCard of(PersonView p) {
		VCard card = new VCard();
		card.setFormattedName(p.displayName());
		StructuredName name = new StructuredName();
		name.setFamily(p.familyName());
		name.setGiven(p.givenName());
		card.setStructuredName(name);
		for (PersonView.Email e : p.emails()) {
			Email email = card.addEmail(e.address(),
					(e.label() == ContactLabel.HOME) ? EmailType.HOME : EmailType.WORK);
			if (e.primary()) {
				email.setPref(1);
			}
		}
		for (PersonView.Phone ph : p.phones()) {
			Telephone tel = new Telephone((ph.e164() != null) ? ph.e164() : ph.typed());
			tel.getTypes().add(switch (ph.label()) {
				case MOBILE -> TelephoneType.CELL;
				case HOME -> TelephoneType.HOME;
				default -> TelephoneType.WORK;
			});
			if (ph.primary()) {
				tel.setPref(1);
			}
			card.addTelephoneNumber(tel);
		}
		for (PersonView.Address a : p.addresses()) {
			Address address = new Address();
			address.setStreetAddress(a.street());
			address.setPostalCode(a.postalCode());
			address.setLocality(a.city());
			address.setRegion(a.region());
			address.setCountry(a.countryCode());
			address.getTypes().add((a.label() == ContactLabel.HOME) ? AddressType.HOME : AddressType.WORK);
			card.addAddress(address);
		}
		if (p.companyName() != null) {
			card.setOrganization(p.companyName());
		}
		if (p.jobTitle() != null) {
			card.addTitle(p.jobTitle());
		}
		if (p.birthday() != null) {
			card.setBirthday(new Birthday(p.birthday()));
		}
		return card;
	}

	static VCardWriter writer(OutputStream out, boolean version3) {
		return new VCardWriter(out, version3 ? VCardVersion.V3_0 : VCardVersion.V4_0);
	}

	static void write(VCardWriter writer, PersonView person) throws IOException {
		writer.write(of(person));
	}

}
