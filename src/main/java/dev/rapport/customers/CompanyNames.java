package dev.rapport.customers;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * The names of many companies at once, for lists and boards of other modules that show
 * the company of each row.
 */
public interface CompanyNames {

	/**
	 * The names of those of these companies the current user may read and that are not
	 * deleted, by id; the others are left out.
	 */
	Map<UUID, String> namesOf(Collection<UUID> ids);

}
