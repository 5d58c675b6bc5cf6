package dev.rapport.exchange.internal.imports;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.rapport.customization.FieldDefinition;

/**
 * The fields an import can fill per kind of record, and the column names that suggest
 * each: in several languages and as the common exports of other systems (Salesforce,
 * HubSpot, Pipedrive, Zoho, Google Contacts, Outlook, Excel templates) name them.
 */
final class ImportFields {

	static final String PERSON = "person";

	static final String COMPANY = "company";

	static final String DEAL = "deal";

	static final String ACTIVITY = "activity";

	static final String TRANSACTION = "transaction";

	static final List<String> OBJECTS = List.of(PERSON, COMPANY, DEAL, ACTIVITY, TRANSACTION);

	/** The prefix of a custom field's key as a target. */
	static final String CUSTOM = "custom.";

	private static final Map<String, Map<String, List<String>>> SYNONYMS = new LinkedHashMap<>();

	static {
		Map<String, List<String>> person = new LinkedHashMap<>();
		person.put("externalId", List.of("externalid", "external id", "id", "record id", "contact id", "contactid",
				"lead id", "person - id", "person id", "uid", "klantnummer", "relatienummer", "id de contacto"));
		person.put("givenName", List.of("first name", "firstname", "given name", "givenname", "first", "fname",
				"voornaam", "roepnaam", "nombre", "prenom", "vorname", "nome", "person - first name"));
		person.put("familyName", List.of("last name", "lastname", "family name", "familyname", "surname", "achternaam",
				"apellido", "apellidos", "nom", "nachname", "cognome", "person - last name", "lname"));
		person.put("displayName", List.of("name", "full name", "fullname", "display name", "contact name",
				"person - name", "naam", "volledige naam", "nombre completo", "contact full name", "file as"));
		person.put("email",
				List.of("email", "e-mail", "email address", "e-mail address", "e-mail 1 - value", "email 1", "e-mail 1",
						"person - email", "primary email", "work email", "correo", "correo electronico", "e-mailadres",
						"emailadres", "mail", "email (work)"));
		person.put("email2", List.of("e-mail 2 - value", "e-mail 2 address", "email 2", "e-mail 2", "secondary email",
				"other email", "personal email", "correo 2"));
		person.put("email3", List.of("e-mail 3 - value", "e-mail 3 address", "email 3", "e-mail 3"));
		person.put("phone",
				List.of("phone", "phone number", "telephone", "business phone", "phone 1 - value", "phone 1",
						"person - phone", "work phone", "telefoon", "telefoonnummer", "telefono", "numero de telefono",
						"tel", "office phone", "telefon"));
		person.put("mobile",
				List.of("mobile", "mobile phone", "mobile phone number", "mobile number", "cell", "cell phone",
						"mobiel", "mobiel nummer", "mobielnummer", "06", "movil", "celular", "telefono movil", "handy",
						"phone 2 - value"));
		person.put("phone2", List.of("home phone", "other phone", "phone 2", "phone 3 - value", "business phone 2",
				"telefoon 2", "telefono 2"));
		person.put("jobTitle", List.of("title", "job title", "jobtitle", "position", "organization 1 - title",
				"person - job title", "functie", "functietitel", "cargo", "puesto", "designation"));
		person.put("company", List.of("company", "company name", "account name", "account", "organization",
				"organisation", "organization 1 - name", "person - organization", "organization - name", "bedrijf",
				"bedrijfsnaam", "organisatie", "empresa", "nombre de la empresa", "firma", "associated company"));
		person.put("street",
				List.of("street", "address", "street address", "mailing street", "business street", "home street",
						"address 1 - street", "adres", "straat", "straatnaam", "direccion", "calle", "mailing address",
						"address line 1"));
		person.put("postalCode",
				List.of("zip", "zip code", "zipcode", "postal code", "postcode", "post code", "mailing zip/postal code",
						"business postal code", "home postal code", "address 1 - postal code", "codigo postal", "cp",
						"plz"));
		person.put("city", List.of("city", "town", "mailing city", "business city", "home city", "address 1 - city",
				"plaats", "woonplaats", "stad", "ciudad", "localidad", "poblacion", "ort"));
		person.put("region",
				List.of("state", "region", "province", "state/region", "state/province", "mailing state/province",
						"business state", "home state", "address 1 - region", "provincie", "provincia", "estado",
						"county"));
		person.put("country",
				List.of("country", "country code", "country/region", "mailing country", "business country/region",
						"home country/region", "address 1 - country", "land", "landcode", "pais", "codigo de pais"));
		person.put("birthday", List.of("birthday", "birthdate", "birth date", "date of birth", "dob", "geboortedatum",
				"verjaardag", "fecha de nacimiento", "cumpleanos"));
		person.put("source",
				List.of("source", "lead source", "original source", "bron", "herkomst", "origen", "fuente"));
		person.put("owner", List.of("owner", "contact owner", "lead owner", "record owner", "owner email",
				"person - owner", "eigenaar", "accountmanager", "propietario", "responsable"));
		person.put("tags", List.of("tags", "labels", "group membership", "categories", "person - labels", "tag",
				"etiketten", "etiquetas", "categorias"));
		person.put("notes", List.of("notes", "note", "description", "comments", "notities", "opmerkingen", "opmerking",
				"notas", "comentarios", "descripcion"));
		person.put("preferredChannel", List.of("preferred channel", "voorkeurskanaal", "canal preferido"));
		SYNONYMS.put(PERSON, person);

		Map<String, List<String>> company = new LinkedHashMap<>();
		company.put("externalId", List.of("externalid", "external id", "id", "record id", "company id", "account id",
				"organization - id", "organization id", "klantnummer", "relatienummer"));
		company.put("name",
				List.of("name", "company", "company name", "account name", "account", "organization", "organisation",
						"organization - name", "organization name", "bedrijf", "bedrijfsnaam", "naam", "empresa",
						"nombre", "nombre de la empresa", "razon social", "firma"));
		company.put("domain", List.of("domain", "company domain name", "website", "web site", "url", "domein",
				"dominio", "sitio web", "organization - website"));
		company.put("industry", List.of("industry", "branche", "sector", "industria"));
		company.put("sizeBand",
				List.of("size", "employees", "number of employees", "company size", "medewerkers", "empleados"));
		company.put("street", person.get("street"));
		company.put("postalCode", person.get("postalCode"));
		company.put("city", person.get("city"));
		company.put("region", person.get("region"));
		company.put("country", person.get("country"));
		company.put("owner",
				List.of("owner", "company owner", "account owner", "organization - owner", "eigenaar", "propietario"));
		company.put("tags", person.get("tags"));
		company.put("notes", person.get("notes"));
		SYNONYMS.put(COMPANY, company);

		Map<String, List<String>> deal = new LinkedHashMap<>();
		deal.put("externalId", List.of("externalid", "external id", "id", "record id", "deal id", "opportunity id",
				"deal - id", "potential id"));
		deal.put("name", List.of("name", "deal name", "opportunity name", "deal - title", "title", "potential name",
				"deal", "naam", "titel", "nombre", "oportunidad"));
		deal.put("amount", List.of("amount", "value", "deal value", "deal - value", "waarde", "bedrag", "importe",
				"valor", "monto"));
		deal.put("currency", List.of("currency", "deal - currency", "valuta", "moneda", "currency code"));
		deal.put("pipeline", List.of("pipeline", "deal - pipeline", "sales pipeline", "embudo"));
		deal.put("stage", List.of("stage", "deal stage", "deal - stage", "fase", "etapa", "status"));
		deal.put("expectedCloseOn", List.of("close date", "expected close date", "closing date",
				"deal - expected close date", "sluitingsdatum", "fecha de cierre"));
		deal.put("owner",
				List.of("owner", "deal owner", "opportunity owner", "deal - owner", "eigenaar", "propietario"));
		deal.put("company", List.of("company", "account name", "organization", "deal - organization",
				"associated company", "bedrijf", "empresa"));
		deal.put("personEmail", List.of("contact email", "email", "person email", "e-mail", "correo"));
		deal.put("source", List.of("source", "lead source", "bron", "origen"));
		deal.put("lostReason", List.of("lost reason", "closed lost reason", "deal - lost reason", "reden verloren",
				"motivo de perdida"));
		SYNONYMS.put(DEAL, deal);

		Map<String, List<String>> activity = new LinkedHashMap<>();
		activity.put("externalId", List.of("externalid", "external id", "id", "activity id", "task id"));
		activity.put("kind", List.of("type", "kind", "activity type", "task type", "soort", "tipo"));
		activity.put("title",
				List.of("subject", "title", "name", "activity - subject", "onderwerp", "asunto", "titel", "titulo"));
		activity.put("notes", List.of("notes", "description", "comments", "note", "notities", "notas"));
		activity.put("priority", List.of("priority", "prioriteit", "prioridad"));
		activity.put("dueOn", List.of("due date", "due", "activity date", "deadline", "vervaldatum", "datum",
				"fecha de vencimiento", "fecha"));
		activity.put("startsAt", List.of("start", "start time", "starts at", "start date time", "begin", "inicio"));
		activity.put("endsAt", List.of("end", "end time", "ends at", "einde", "fin"));
		activity.put("personEmail", List.of("email", "contact email", "person email", "e-mail", "correo"));
		activity.put("personExternalId", List.of("contact id", "person id", "person external id", "who id"));
		activity.put("company", List.of("company", "account name", "organization", "bedrijf", "empresa"));
		activity.put("place", List.of("location", "place", "locatie", "lugar", "ubicacion"));
		SYNONYMS.put(ACTIVITY, activity);

		Map<String, List<String>> transaction = new LinkedHashMap<>();
		transaction.put("externalId", List.of("externalid", "external id", "id", "reference", "order id",
				"transaction id", "invoice number", "order number", "referentie", "factuurnummer", "referencia"));
		transaction.put("kind", List.of("type", "kind", "transaction type", "soort", "tipo"));
		transaction.put("occurredOn", List.of("date", "order date", "transaction date", "datum", "fecha"));
		transaction.put("amount", List.of("amount", "total", "value", "bedrag", "totaal", "importe", "total amount"));
		transaction.put("currency", List.of("currency", "valuta", "moneda", "currency code"));
		transaction.put("description", List.of("description", "product", "item", "omschrijving", "descripcion"));
		transaction.put("channel", List.of("channel", "kanaal", "canal", "store"));
		transaction.put("personEmail", List.of("email", "customer email", "contact email", "e-mail", "correo"));
		transaction.put("personExternalId", List.of("customer id", "contact id", "person id", "klantnummer"));
		transaction.put("company", List.of("company", "account name", "organization", "bedrijf", "empresa"));
		SYNONYMS.put(TRANSACTION, transaction);
	}

	private ImportFields() {
	}

	/** The standard fields of a kind of record, in the order they are offered. */
	static List<String> standard(String object) {
		return List.copyOf(SYNONYMS.getOrDefault(object, Map.of()).keySet());
	}

	/** The column names that suggest a field, as written in the user guide. */
	static List<String> synonyms(String object, String field) {
		return SYNONYMS.getOrDefault(object, Map.of()).getOrDefault(field, List.of());
	}

	/** A column name without case, accents, punctuation or spaces. */
	static String normalise(String header) {
		String folded = Normalizer.normalize(header, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
		return folded.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
	}

	/**
	 * The suggested field of each column: a custom field by its label or key first, then
	 * a standard field by its known names; each field at most once.
	 * @return column index to field
	 */
	static Map<Integer, String> suggest(String object, List<String> headers, List<FieldDefinition> custom) {
		Map<String, String> byName = new HashMap<>();
		for (FieldDefinition field : custom) {
			byName.putIfAbsent(normalise(field.label()), CUSTOM + field.key());
			byName.putIfAbsent(normalise(field.key()), CUSTOM + field.key());
		}
		SYNONYMS.getOrDefault(object, Map.of())
			.forEach((field, names) -> names.forEach((n) -> byName.putIfAbsent(normalise(n), field)));
		Map<Integer, String> mapping = new LinkedHashMap<>();
		Set<String> used = new HashSet<>();
		for (int i = 0; i < headers.size(); i++) {
			String field = byName.get(normalise(headers.get(i)));
			if (field != null && used.add(field)) {
				mapping.put(i, field);
			}
		}
		return mapping;
	}

	/** The fields a mapping may name for a kind of record. */
	static List<String> targets(String object, List<FieldDefinition> custom) {
		List<String> targets = new ArrayList<>(standard(object));
		if (PERSON.equals(object) || COMPANY.equals(object) || DEAL.equals(object)) {
			custom.stream().filter((f) -> !f.archived()).forEach((f) -> targets.add(CUSTOM + f.key()));
		}
		return targets;
	}

}
