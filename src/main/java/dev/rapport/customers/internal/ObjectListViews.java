package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.SAVED_VIEW;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.ListViews;
import dev.rapport.customers.internal.db.tables.records.SavedViewRecord;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.WorkspaceScope;

/**
 * The saved views of other modules' lists, in the same table as the people's and
 * companies' views (told apart by their object kind).
 */
@Service
class ObjectListViews implements ListViews {

	private static final Pattern KIND = Pattern.compile("[a-z][a-z-]{0,19}");

	private final DSLContext dsl;

	private final AccessPolicy accessPolicy;

	ObjectListViews(DSLContext dsl, AccessPolicy accessPolicy) {
		this.dsl = dsl;
		this.accessPolicy = accessPolicy;
	}

	@Override
	@Transactional(readOnly = true)
	public List<ListView> visible(String objectKind) {
		UUID me = Actors.require().userId();
		return this.dsl.selectFrom(SAVED_VIEW)
			.where(WorkspaceScope.of(SAVED_VIEW.WORKSPACE_ID))
			.and(SAVED_VIEW.OBJECT_KIND.eq(objectKind))
			.and(SAVED_VIEW.OWNER_ID.eq(me).or(SAVED_VIEW.SHARED.isTrue()))
			.orderBy(SAVED_VIEW.NAME, SAVED_VIEW.ID)
			.fetch((r) -> view(r, me));
	}

	@Override
	@Transactional(readOnly = true)
	public ListView get(UUID id) {
		UUID me = Actors.require().userId();
		return this.dsl.selectFrom(SAVED_VIEW)
			.where(WorkspaceScope.of(SAVED_VIEW.WORKSPACE_ID))
			.and(SAVED_VIEW.ID.eq(id))
			.and(SAVED_VIEW.OWNER_ID.eq(me).or(SAVED_VIEW.SHARED.isTrue()))
			.fetchOptional()
			.map((r) -> view(r, me))
			.orElseThrow(() -> new NotFoundException(SavedViews.KIND, id));
	}

	@Override
	@Transactional
	public ListView save(String objectKind, @Nullable String name, boolean shared, @Nullable String query) {
		if (!KIND.matcher(objectKind).matches()) {
			throw new IllegalArgumentException("Not an object kind: " + objectKind);
		}
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
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
		problems.throwIfAny();
		SavedViewRecord record = this.dsl.newRecord(SAVED_VIEW);
		record.setId(Ids.newId());
		record.setObjectKind(objectKind);
		record.setName(text);
		record.setOwnerId(Actors.require().userId());
		record.setShared(shared);
		record.setQuery(q);
		record.store();
		return view(record, Actors.require().userId());
	}

	@Override
	@Transactional
	public void delete(UUID id) {
		SavedViewRecord record = this.dsl.selectFrom(SAVED_VIEW)
			.where(WorkspaceScope.of(SAVED_VIEW.WORKSPACE_ID))
			.and(SAVED_VIEW.ID.eq(id))
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(SavedViews.KIND, id));
		boolean mine = record.getOwnerId().equals(Actors.require().userId());
		if (!mine && !(record.getShared() && this.accessPolicy.currentScope().administrator())) {
			throw new NotFoundException(SavedViews.KIND, id);
		}
		record.delete();
	}

	private static ListView view(SavedViewRecord r, @Nullable UUID me) {
		return new ListView(r.getId(), r.getObjectKind(), r.getName(), r.getOwnerId(), r.getShared(), r.getQuery(),
				r.getOwnerId().equals(me));
	}

}
