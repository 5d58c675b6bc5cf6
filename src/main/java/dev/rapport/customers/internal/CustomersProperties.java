package dev.rapport.customers.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the customer database for the whole installation.
 *
 * @param trashDays how long deleted people and companies can be restored before they are
 * removed for good
 * @param searchNarrowLimit up to how many matching search terms a prefix is searched by
 * joining its matches; above it, person by person
 * @param countExactLimit up to how many people a list counts exactly; above it, the count
 * is the database's estimate
 */
@ConfigurationProperties("rapport.customers")
public record CustomersProperties(@DefaultValue("30") int trashDays, @DefaultValue("2000") int searchNarrowLimit,
		@DefaultValue("10000") int countExactLimit) {
}
