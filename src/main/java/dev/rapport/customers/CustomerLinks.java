package dev.rapport.customers;

import java.util.List;
import java.util.UUID;

/**
 * Actions a module offers on a person's or a company's page (record a purchase, add a
 * deal). Implementations are beans, found at start-up.
 */
public interface CustomerLinks {

	/**
	 * A button on a customer's page.
	 *
	 * @param messageKey the key of its label
	 * @param path where it leads
	 * @param order where it is shown among the others
	 */
	record Link(String messageKey, String path, int order) {
	}

	List<Link> forPerson(UUID personId);

	List<Link> forCompany(UUID companyId);

}
