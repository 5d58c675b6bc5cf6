package dev.rapport.customers;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What a module contributes to the figures of a person's page (revenue from sales, open
 * cases from service). Implementations are beans, found at start-up; the person has
 * already been checked to be readable by the current user.
 */
public interface CustomerFigures {

	List<CustomerFigure> forPerson(UUID personId, Locale locale);

	List<CustomerFigure> forCompany(UUID companyId, Locale locale);

}
