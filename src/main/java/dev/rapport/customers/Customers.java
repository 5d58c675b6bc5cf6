package dev.rapport.customers;

import java.util.Optional;
import java.util.UUID;

/**
 * The customer database for other modules. Every method applies the access policy: a
 * record the current user may not read is reported as absent.
 */
public interface Customers {

	Optional<PersonView> findPerson(UUID id);

	Optional<CompanyView> findCompany(UUID id);

	/**
	 * Whether a channel may be used for a person, from the newest entry of the consent
	 * ledger: opted in, opted out, or unknown when nothing is recorded. A person the user
	 * may not read answers empty.
	 */
	Optional<Consent.Permission> permission(UUID personId, String channel);

}
