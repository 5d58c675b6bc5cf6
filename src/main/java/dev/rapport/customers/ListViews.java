package dev.rapport.customers;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Saved views of the lists of other modules (deals, ...): a list's query string under a
 * name, private to its author or shared with the workspace, kept beside the people's and
 * companies' views. Only the author or an administrator deletes a shared view.
 */
public interface ListViews {

	/** A saved view; query is the list's query string. */
	record ListView(UUID id, String objectKind, String name, UUID ownerId, boolean shared, String query, boolean mine) {
	}

	/**
	 * The views of a list the current user sees: their own and the shared ones, by name.
	 */
	List<ListView> visible(String objectKind);

	/** One of the views the current user sees; 404 otherwise. */
	ListView get(UUID id);

	/**
	 * Saves a view; rejects a missing or long name ({@code name}) and a long query
	 * ({@code query}), naming the field.
	 */
	ListView save(String objectKind, @Nullable String name, boolean shared, @Nullable String query);

	/**
	 * Deletes a view; 404 unless it is the user's own or the user is an administrator.
	 */
	void delete(UUID id);

}
