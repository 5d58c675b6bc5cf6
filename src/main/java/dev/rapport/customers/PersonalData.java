package dev.rapport.customers;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a module holds about a person, for the person's data export and for erasure on
 * request. Each module implements it for its own tables; implementations are beans, found
 * at start-up.
 */
public interface PersonalData {

	/**
	 * A stable name for this part of the data, such as {@code sales.transactions}: the
	 * key of its section in the export and the message key ({@code privacy.part.<name>})
	 * of its label.
	 */
	String name();

	/**
	 * Everything this module holds about the person, as JSON-ready values (maps, lists,
	 * strings, numbers, booleans), one map per record.
	 */
	List<Map<String, Object>> export(UUID personId);

	/**
	 * Removes the person's personal data from this module's records, in the caller's
	 * transaction: free texts, names, addresses, attachments, copies in search indexes.
	 * What aggregate figures need (amounts, dates, stages, counts) is kept, no longer
	 * linked to anything that identifies the person.
	 * @return how many records were changed
	 */
	int erase(UUID personId);

}
