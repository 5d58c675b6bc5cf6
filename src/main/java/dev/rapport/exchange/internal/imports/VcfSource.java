package dev.rapport.exchange.internal.imports;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import ezvcard.VCard;
import ezvcard.io.text.VCardReader;
import ezvcard.property.Address;
import ezvcard.property.Email;
import ezvcard.property.Telephone;
import org.jspecify.annotations.Nullable;

/**
 * The cards of a vCard file (3.0 or 4.0), one person per card, as rows of fixed columns:
 * names, up to three e-mail addresses and phones, the first address, organisation, title,
 * birthday, note and the card's UID.
 */
final class VcfSource implements TableSource {

	static final List<String> COLUMNS = List.of("UID", "Given name", "Family name", "Full name", "E-mail 1", "E-mail 2",
			"E-mail 3", "Phone 1", "Phone 2", "Phone 3", "Street", "Postal code", "City", "Region", "Country",
			"Organization", "Title", "Birthday", "Note");

	private final VCardReader reader;

	private final CountingInputStream counter;

	private final long size;

	private int number = 1;

	VcfSource(Reader in, CountingInputStream counter, long size) {
		this.reader = new VCardReader(in);
		this.counter = counter;
		this.size = size;
	}

	@Override
	public List<String> header() {
		return COLUMNS;
	}

	@Override
	public @Nullable Row next() {
		VCard card;
		try {
			card = this.reader.readNext();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (card == null) {
			return null;
		}
		this.number++;
		List<String> cells = new ArrayList<>(COLUMNS.size());
		cells.add((card.getUid() != null) ? text(card.getUid().getValue()) : "");
		cells.add((card.getStructuredName() != null) ? text(card.getStructuredName().getGiven()) : "");
		cells.add((card.getStructuredName() != null) ? text(card.getStructuredName().getFamily()) : "");
		cells.add((card.getFormattedName() != null) ? text(card.getFormattedName().getValue()) : "");
		List<Email> emails = card.getEmails();
		for (int i = 0; i < 3; i++) {
			cells.add((i < emails.size()) ? text(emails.get(i).getValue()) : "");
		}
		List<Telephone> phones = card.getTelephoneNumbers();
		for (int i = 0; i < 3; i++) {
			Telephone phone = (i < phones.size()) ? phones.get(i) : null;
			String number = (phone == null) ? "" : (phone.getText() != null) ? phone.getText()
					: (phone.getUri() != null) ? phone.getUri().getNumber() : "";
			cells.add(text(number));
		}
		Address address = card.getAddresses().isEmpty() ? null : card.getAddresses().get(0);
		cells.add((address != null) ? text(address.getStreetAddress()) : "");
		cells.add((address != null) ? text(address.getPostalCode()) : "");
		cells.add((address != null) ? text(address.getLocality()) : "");
		cells.add((address != null) ? text(address.getRegion()) : "");
		cells.add((address != null) ? text(address.getCountry()) : "");
		cells.add((card.getOrganization() != null && !card.getOrganization().getValues().isEmpty())
				? text(card.getOrganization().getValues().get(0)) : "");
		cells.add(card.getTitles().isEmpty() ? "" : text(card.getTitles().get(0).getValue()));
		String birthday = "";
		if (card.getBirthday() != null) {
			if (card.getBirthday().getDate() != null) {
				birthday = card.getBirthday().getDate().toString();
			}
			else if (card.getBirthday().getPartialDate() != null) {
				birthday = card.getBirthday().getPartialDate().toISO8601(true);
			}
			else {
				birthday = text(card.getBirthday().getText());
			}
		}
		cells.add(birthday);
		cells.add(card.getNotes().isEmpty() ? "" : text(card.getNotes().get(0).getValue()));
		return new Row(this.number, cells, List.of());
	}

	private static String text(@Nullable String value) {
		return (value != null) ? value.strip() : "";
	}

	@Override
	public double progress() {
		return (this.size > 0) ? Math.min(1.0, (double) this.counter.count() / this.size) : -1;
	}

	@Override
	public void close() throws IOException {
		this.reader.close();
	}

}
