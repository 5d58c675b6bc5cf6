package dev.rapport.platform.web;

import org.jspecify.annotations.Nullable;

/**
 * One entry of the main navigation. Each module declares its entries as beans, so a new
 * module appears in the menu without anyone editing a central list.
 *
 * @param section the group it is shown in ({@code main} or {@code admin})
 * @param messageKey the key of its label in the message bundles
 * @param path where it leads
 * @param order its place within the section
 * @param authority the authority a user needs to see it, or {@code null} for everyone
 */
public record NavigationItem(String section, String messageKey, String path, int order, @Nullable String authority) {

	public static final String MAIN = "main";

	public static final String ADMIN = "admin";

}
