package dev.rapport.customers.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the customer database for the whole installation.
 *
 * @param trashDays how long deleted people and companies can be restored before they are
 * removed for good
 */
@ConfigurationProperties("rapport.customers")
public record CustomersProperties(@DefaultValue("30") int trashDays) {
}
