package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.SAVED_VIEW;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.internal.db.tables.records.SavedViewRecord;
import dev.rapport.customization.CustomFields;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.WorkspaceScope;

/**
 * The people and companies lists as users saved them (search, filters, sort, columns):
 * private to their author or shared with the whole workspace. Only the author or an
 * administrator changes a view.
 */
@Service
public class SavedViews {

	static final String KIND = "view";

	private final DSLContext dsl;

	private final AccessPolicy accessPolicy;

	SavedViews(DSLContext dsl, AccessPolicy accessPolicy) {
		this.dsl = dsl;
		this.accessPolicy = accessPolicy;
	}

	/** A saved view; query is the list's query string, columns a comma-separated list. */
	public record View(UUID id, String objectKind, String name, UUID ownerId, boolean shared, String query,
			@Nullable String columns, boolean mine) {
	}

	/** The views of an object the current user sees: their own and the shared ones. */
	@Transactional(readOnly = true)
	public List<View> visible(String objectKind) {
		UUID me = Actors.require().userId();
		return this.dsl.selectFrom(SAVED_VIEW)
			.where(WorkspaceScope.of(SAVED_VIEW.WORKSPACE_ID))
			.and(SAVED_VIEW.OBJECT_KIND.eq(objectKind))
			.and(SAVED_VIEW.OWNER_ID.eq(me).or(SAVED_VIEW.SHARED.isTrue()))
			.orderBy(SAVED_VIEW.NAME)
			.fetch((r) -> view(r, me));
	}

	/** The lists that have views: people and companies. */
	static final List<String> OBJECTS = List.of(CustomFields.PERSON, CustomFields.COMPANY);

	/**
	 * Saves a view of the people or companies list; rejects another object, a missing or
	 * long name and a query that is too long.
	 */
	@Transactional
	public View save(String objectKind, @Nullable String name, boolean shared, @Nullable String query,
			@Nullable String columns) {
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		if (!OBJECTS.contains(objectKind)) {
			problems.reject("object", "customers.view.object", String.join(", ", OBJECTS));
		}
		String text = Text.trimToNull(name);
		if (text == null) {
			problems.reject("name", "customers.view.name.required");
		}
		else if (text.length() > 100) {
			problems.reject("name", "customers.text.too-long", 100);
		}
		String q = (query != null) ? query.strip() : "";
		if (q.length() > 4000) {
			problems.reject("query", "customers.text.too-long", 4000);
		}
		String cols = Text.trimToNull(columns);
		if (cols != null && cols.length() > 1000) {
			problems.reject("columns", "customers.text.too-long", 1000);
		}
		problems.throwIfAny();
		SavedViewRecord record = this.dsl.newRecord(SAVED_VIEW);
		record.setId(Ids.newId());
		record.setObjectKind(objectKind);
		record.setName(text);
		record.setOwnerId(Actors.require().userId());
		record.setShared(shared);
		record.setQuery(q);
		record.setColumns(cols);
		record.store();
		return view(record, Actors.require().userId());
	}

	/**
	 * Deletes a view; 404 unless it is the user's own or the user is an administrator.
	 */
	@Transactional
	public void delete(UUID id) {
		SavedViewRecord record = this.dsl.selectFrom(SAVED_VIEW)
			.where(WorkspaceScope.of(SAVED_VIEW.WORKSPACE_ID))
			.and(SAVED_VIEW.ID.eq(id))
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(KIND, id));
		boolean mine = record.getOwnerId().equals(Actors.require().userId());
		if (!mine && !(record.getShared() && this.accessPolicy.currentScope().administrator())) {
			throw new NotFoundException(KIND, id);
		}
		record.delete();
	}

	/**
	 * Makes the views that filter by a tag filter by its new name, after a rename or a
	 * merge, or stop filtering by it (null) after a delete; in the caller's transaction.
	 */
	@Transactional
	public void replaceTag(String oldName, @Nullable String newName) {
		String oldKey = TextKeys.fold(oldName);
		for (SavedViewRecord record : this.dsl.selectFrom(SAVED_VIEW)
			.where(WorkspaceScope.of(SAVED_VIEW.WORKSPACE_ID))
			.and(SAVED_VIEW.QUERY.contains("tag="))
			.fetch()) {
			String query = replaceTag(record.getQuery(), oldKey, newName);
			if (!query.equals(record.getQuery())) {
				record.setQuery(query);
				record.store();
			}
		}
	}

	/** A list's query string with the tag parameter of this name key replaced. */
	static String replaceTag(String query, String oldKey, @Nullable String newName) {
		List<String> parts = new ArrayList<>();
		for (String part : query.split("&", -1)) {
			int equals = part.indexOf('=');
			if (equals > 0 && "tag".equals(decode(part.substring(0, equals)))
					&& oldKey.equals(TextKeys.fold(decode(part.substring(equals + 1))))) {
				if (newName != null) {
					parts.add("tag=" + URLEncoder.encode(newName, StandardCharsets.UTF_8));
				}
				continue;
			}
			parts.add(part);
		}
		return String.join("&", parts);
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

	private static View view(SavedViewRecord r, UUID me) {
		return new View(r.getId(), r.getObjectKind(), r.getName(), r.getOwnerId(), r.getShared(), r.getQuery(),
				r.getColumns(), r.getOwnerId().equals(me));
	}

}
