package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.COMPANY_TAG;
import static dev.rapport.customers.internal.db.Tables.PERSON_TAG;
import static dev.rapport.customers.internal.db.Tables.TAG;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;

import org.springframework.stereotype.Component;

import dev.rapport.customers.internal.db.tables.records.TagRecord;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Ids;
import dev.rapport.platform.WorkspaceScope;

/**
 * The workspace's tags: created on first use, matched without regard to case or accents.
 */
@Component
class Tags {

	static final int MAX_LENGTH = 100;

	private final DSLContext dsl;

	Tags(DSLContext dsl) {
		this.dsl = dsl;
	}

	/**
	 * The ids of these tag names, creating the ones that do not exist yet. The tags are
	 * locked against renaming, merging and deleting until the end of the transaction
	 * (shared, so savers do not wait for each other on PostgreSQL), in id order: a merge
	 * or delete running meanwhile either waits for this save, or this save waits for it
	 * and resolves the names again, so the links written next never point at a tag that
	 * is gone. A tag merged or deleted under a save that names it is created again, as
	 * that save asked.
	 */
	List<UUID> idsOf(Collection<String> names) {
		Map<String, String> byKey = new LinkedHashMap<>();
		for (String name : names) {
			if (name != null && !name.isBlank()) {
				byKey.putIfAbsent(TextKeys.fold(name), name.strip());
			}
		}
		if (byKey.isEmpty()) {
			return List.of();
		}
		Map<String, UUID> existing = lockExisting(byKey.keySet());
		List<UUID> ids = new ArrayList<>();
		byKey.forEach((key, name) -> {
			UUID id = existing.get(key);
			if (id == null) {
				TagRecord tag = this.dsl.newRecord(TAG);
				tag.setId(Ids.newId());
				tag.setName(name);
				tag.setNameKey(key);
				tag.store();
				id = tag.getId();
			}
			ids.add(id);
		});
		return ids;
	}

	/**
	 * The existing tags of these name keys, locked. A tag renamed while this waited keeps
	 * its place (the saver gets the new name); one deleted or merged away is looked up
	 * again by name.
	 */
	private Map<String, UUID> lockExisting(Collection<String> keys) {
		Map<String, UUID> existing = new HashMap<>();
		for (int attempt = 0; attempt < 3; attempt++) {
			existing.clear();
			this.dsl.select(TAG.NAME_KEY, TAG.ID)
				.from(TAG)
				.where(WorkspaceScope.of(TAG.WORKSPACE_ID))
				.and(TAG.NAME_KEY.in(keys))
				.forEach((r) -> existing.put(r.value1(), r.value2()));
			if (existing.isEmpty()) {
				return existing;
			}
			var select = this.dsl.select(TAG.ID)
				.from(TAG)
				.where(WorkspaceScope.of(TAG.WORKSPACE_ID))
				.and(TAG.ID.in(existing.values()))
				.orderBy(TAG.ID);
			// H2 knows no shared row lock: there savers of the same tag take turns.
			Set<UUID> locked = new HashSet<>((this.dsl.dialect().family() == SQLDialect.POSTGRES)
					? select.forShare().fetch(TAG.ID) : select.forUpdate().fetch(TAG.ID));
			if (!existing.values().retainAll(locked)) {
				return existing;
			}
		}
		return existing;
	}

	void replacePersonTags(UUID personId, Collection<String> names) {
		List<UUID> ids = idsOf(names);
		UUID workspaceId = Actors.workspaceId();
		this.dsl.deleteFrom(PERSON_TAG)
			.where(PERSON_TAG.WORKSPACE_ID.eq(workspaceId))
			.and(PERSON_TAG.PERSON_ID.eq(personId))
			.execute();
		for (UUID id : ids) {
			this.dsl.insertInto(PERSON_TAG, PERSON_TAG.WORKSPACE_ID, PERSON_TAG.PERSON_ID, PERSON_TAG.TAG_ID)
				.values(workspaceId, personId, id)
				.execute();
		}
	}

	void replaceCompanyTags(UUID companyId, Collection<String> names) {
		List<UUID> ids = idsOf(names);
		UUID workspaceId = Actors.workspaceId();
		this.dsl.deleteFrom(COMPANY_TAG)
			.where(COMPANY_TAG.WORKSPACE_ID.eq(workspaceId))
			.and(COMPANY_TAG.COMPANY_ID.eq(companyId))
			.execute();
		for (UUID id : ids) {
			this.dsl.insertInto(COMPANY_TAG, COMPANY_TAG.WORKSPACE_ID, COMPANY_TAG.COMPANY_ID, COMPANY_TAG.TAG_ID)
				.values(workspaceId, companyId, id)
				.execute();
		}
	}

	Map<UUID, List<String>> ofPeople(Collection<UUID> personIds) {
		Map<UUID, List<String>> tags = new HashMap<>();
		if (personIds.isEmpty()) {
			return tags;
		}
		this.dsl.select(PERSON_TAG.PERSON_ID, TAG.NAME)
			.from(PERSON_TAG)
			.join(TAG)
			.on(TAG.WORKSPACE_ID.eq(PERSON_TAG.WORKSPACE_ID).and(TAG.ID.eq(PERSON_TAG.TAG_ID)))
			.where(WorkspaceScope.of(PERSON_TAG.WORKSPACE_ID))
			.and(PERSON_TAG.PERSON_ID.in(personIds))
			.orderBy(TAG.NAME_KEY)
			.forEach((r) -> tags.computeIfAbsent(r.value1(), (k) -> new ArrayList<>()).add(r.value2()));
		return tags;
	}

	List<String> ofCompany(UUID companyId) {
		return this.dsl.select(TAG.NAME)
			.from(COMPANY_TAG)
			.join(TAG)
			.on(TAG.WORKSPACE_ID.eq(COMPANY_TAG.WORKSPACE_ID).and(TAG.ID.eq(COMPANY_TAG.TAG_ID)))
			.where(WorkspaceScope.of(COMPANY_TAG.WORKSPACE_ID))
			.and(COMPANY_TAG.COMPANY_ID.eq(companyId))
			.orderBy(TAG.NAME_KEY)
			.fetch(TAG.NAME);
	}

	/** Tag ids by folded name, for filters; unknown names are left out. */
	List<UUID> find(Collection<String> names) {
		List<String> keys = names.stream().map(TextKeys::fold).filter((k) -> !k.isEmpty()).toList();
		if (keys.isEmpty()) {
			return List.of();
		}
		return this.dsl.select(TAG.ID)
			.from(TAG)
			.where(WorkspaceScope.of(TAG.WORKSPACE_ID))
			.and(TAG.NAME_KEY.in(keys))
			.fetch(TAG.ID);
	}

}
