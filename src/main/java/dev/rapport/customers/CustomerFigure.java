package dev.rapport.customers;

import org.jspecify.annotations.Nullable;

/**
 * One figure on a customer's page, such as lifetime revenue or open deals.
 *
 * @param key the message key of its label
 * @param value the value, already formatted for the user
 * @param order where it is shown among the figures
 */
public record CustomerFigure(String key, @Nullable String value, int order) {
}
