package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.COMPANY;
import static dev.rapport.customers.internal.db.Tables.COMPANY_TAG;
import static dev.rapport.customers.internal.db.Tables.PERSON;
import static dev.rapport.customers.internal.db.Tables.PERSON_TAG;
import static dev.rapport.customers.internal.db.Tables.TAG;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.internal.db.tables.CompanyTag;
import dev.rapport.customers.internal.db.tables.PersonTag;
import dev.rapport.customers.internal.db.tables.records.TagRecord;
import dev.rapport.identity.Access;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.identity.UserView;
import dev.rapport.identity.Users;
import dev.rapport.platform.Actors;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.ChangeLog;
import dev.rapport.platform.ChangeLog.FieldChange;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.WorkspaceScope;

/**
 * Looking after the workspace's tags: listing them with how many people and companies
 * carry each, renaming, merging one into another and deleting. Changes are for
 * administrators and are written to the tag's change history.
 */
@Service
public class TagService {

	static final String KIND = "tag";

	/** The longest tag name. */
	public static final int MAX_LENGTH = Tags.MAX_LENGTH;

	private static final int HISTORY_LIMIT = 50;

	private final DSLContext dsl;

	private final AccessPolicy accessPolicy;

	private final ChangeLog changeLog;

	private final Users users;

	private final SavedViews savedViews;

	TagService(DSLContext dsl, AccessPolicy accessPolicy, ChangeLog changeLog, Users users, SavedViews savedViews) {
		this.dsl = dsl;
		this.accessPolicy = accessPolicy;
		this.changeLog = changeLog;
		this.users = users;
		this.savedViews = savedViews;
	}

	/**
	 * A tag and how many people and companies the current user may see carry it (deleted
	 * ones not counted).
	 */
	public record TagSummary(UUID id, String name, int people, int companies, int version) {
	}

	/** A page of tags by name and the cursor of the next page, or null on the last. */
	public record Page(List<TagSummary> items, @Nullable String next) {
	}

	/** A tag to choose, as in the list of tags to merge into. */
	public record TagChoice(UUID id, String name) {
	}

	/**
	 * One page of the workspace's tags by name, with their counts; {@code q} keeps the
	 * tags whose name contains it, regardless of case and accents.
	 */
	@Transactional(readOnly = true)
	public Page page(@Nullable String q, @Nullable String cursor, int limit) {
		Condition condition = WorkspaceScope.of(TAG.WORKSPACE_ID);
		String key = TextKeys.fold(q);
		if (!key.isEmpty()) {
			condition = condition.and(TAG.NAME_KEY.like("%" + TextKeys.likePrefix(key), '\\'));
		}
		Keyset keyset = Keyset.byName(TAG.WORKSPACE_ID, TAG.NAME_KEY, TAG.ID);
		if (cursor != null && !cursor.isBlank()) {
			condition = condition.and(keyset.after(cursor));
		}
		List<TagRecord> rows = this.dsl.selectFrom(TAG)
			.where(condition)
			.orderBy(keyset.order())
			.limit(limit + 1)
			.fetch();
		List<TagRecord> items = rows.subList(0, Math.min(limit, rows.size()));
		String next = (rows.size() > limit) ? keyset.cursor(rows.get(limit - 1)) : null;
		return new Page(summaries(items), next);
	}

	/** A tag with its counts; 404 when it does not exist (any more). */
	@Transactional(readOnly = true)
	public TagSummary get(UUID id) {
		return summaries(List.of(load(id))).get(0);
	}

	/** The other tags of the workspace by name, to choose one to merge into. */
	@Transactional(readOnly = true)
	public List<TagChoice> others(UUID id) {
		return this.dsl.select(TAG.ID, TAG.NAME)
			.from(TAG)
			.where(WorkspaceScope.of(TAG.WORKSPACE_ID))
			.and(TAG.ID.ne(id))
			.orderBy(TAG.NAME_KEY, TAG.ID)
			.fetch((r) -> new TagChoice(r.value1(), r.value2()));
	}

	/**
	 * The tag this name stands for (regardless of case and accents), such as the one a
	 * rename collided with.
	 */
	@Transactional(readOnly = true)
	public Optional<UUID> idOfName(@Nullable String name) {
		String key = TextKeys.fold(name);
		if (key.isEmpty()) {
			return Optional.empty();
		}
		return this.dsl.select(TAG.ID)
			.from(TAG)
			.where(WorkspaceScope.of(TAG.WORKSPACE_ID))
			.and(TAG.NAME_KEY.eq(key))
			.fetchOptional(TAG.ID);
	}

	/** The changes made to a tag, newest first; for administrators. */
	@Transactional(readOnly = true)
	public List<PersonService.Change> history(UUID id) {
		requireAdministrator();
		return PersonService.named(this.changeLog.of(id, HISTORY_LIMIT),
				(userId) -> this.users.find(userId).map(UserView::displayName).orElse(""));
	}

	/**
	 * Renames a tag everywhere it is used, saved views filtering by it included. Rejects
	 * a blank or long name and a name that another tag already has (regardless of case
	 * and accents: merge into that one instead), naming the field {@code name}; answers
	 * 404 for a tag that no longer exists and 412 for a stale version. Administrators
	 * only.
	 */
	@Transactional
	public TagSummary rename(UUID id, int version, @Nullable String name) {
		requireAdministrator();
		TagRecord tag = lock(id, version);
		String newName = (name != null) ? name.strip() : "";
		String key = TextKeys.fold(newName);
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		if (key.isEmpty()) {
			problems.reject("name", "customers.tags.name.required");
		}
		else if (newName.length() > MAX_LENGTH || key.length() > MAX_LENGTH) {
			problems.reject("name", "customers.tag.too-long", MAX_LENGTH);
		}
		else if (!key.equals(tag.getNameKey())) {
			this.dsl.select(TAG.NAME)
				.from(TAG)
				.where(WorkspaceScope.of(TAG.WORKSPACE_ID))
				.and(TAG.NAME_KEY.eq(key))
				.and(TAG.ID.ne(id))
				.fetchOptional(TAG.NAME)
				.ifPresent((other) -> problems.reject("name", "customers.tags.name.taken", other));
		}
		problems.throwIfAny();
		String oldName = tag.getName();
		if (!newName.equals(oldName)) {
			tag.setName(newName);
			tag.setNameKey(key);
			try {
				tag.store();
			}
			catch (DataIntegrityViolationException | IntegrityConstraintViolationException ex) {
				// Someone gave another tag this name since the check above.
				throw new InvalidFieldsException(
						List.of(new BusinessRuleException("name", "customers.tags.name.taken", newName)));
			}
			this.changeLog.record(KIND, id, List.of(new FieldChange("name", oldName, newName)));
			this.savedViews.replaceTag(oldName, newName);
		}
		return summaries(List.of(tag)).get(0);
	}

	/**
	 * Merges a tag into another: everyone who carries the first carries the second
	 * afterwards (once), saved views filtering by the first filter by the second, and the
	 * first is deleted. Rejects a missing, unknown or identical target naming the field
	 * {@code targetId}; answers 404 for a source that no longer exists and 412 for a
	 * stale version of it. Administrators only.
	 * @return the target with its new counts
	 */
	@Transactional
	public TagSummary merge(UUID sourceId, int version, @Nullable UUID targetId) {
		requireAdministrator();
		if (targetId == null || targetId.equals(sourceId)) {
			TagRecord source = lock(sourceId, version);
			throw new InvalidFieldsException(List.of(new BusinessRuleException("targetId",
					(targetId == null) ? "customers.tags.merge.target.required" : "customers.tags.merge.same",
					source.getName())));
		}
		// Both rows locked in id order, so two opposite merges at once wait instead of
		// deadlocking.
		Map<UUID, TagRecord> locked = this.dsl.selectFrom(TAG)
			.where(WorkspaceScope.of(TAG.WORKSPACE_ID))
			.and(TAG.ID.in(sourceId, targetId))
			.orderBy(TAG.ID)
			.forUpdate()
			.fetchMap(TAG.ID);
		TagRecord source = locked.get(sourceId);
		if (source == null) {
			throw new NotFoundException(KIND, sourceId);
		}
		StaleVersionException.check(KIND, version, source.getVersion());
		TagRecord target = locked.get(targetId);
		if (target == null) {
			throw new InvalidFieldsException(
					List.of(new BusinessRuleException("targetId", "customers.tags.merge.target.unknown")));
		}
		UUID workspaceId = Actors.workspaceId();
		// Counted as the tag pages count: people and companies in the trash left out.
		List<UUID> both = List.of(sourceId, targetId);
		Map<UUID, Integer> peopleBefore = peopleCounts(both);
		Map<UUID, Integer> companiesBefore = companyCounts(both);
		PersonTag carrier = PERSON_TAG.as("carrier");
		this.dsl.insertInto(PERSON_TAG, PERSON_TAG.WORKSPACE_ID, PERSON_TAG.PERSON_ID, PERSON_TAG.TAG_ID)
			.select(DSL.select(PERSON_TAG.WORKSPACE_ID, PERSON_TAG.PERSON_ID, DSL.val(targetId, PERSON_TAG.TAG_ID))
				.from(PERSON_TAG)
				.where(PERSON_TAG.WORKSPACE_ID.eq(workspaceId))
				.and(PERSON_TAG.TAG_ID.eq(sourceId))
				.andNotExists(DSL.selectOne()
					.from(carrier)
					.where(carrier.WORKSPACE_ID.eq(PERSON_TAG.WORKSPACE_ID))
					.and(carrier.PERSON_ID.eq(PERSON_TAG.PERSON_ID))
					.and(carrier.TAG_ID.eq(targetId))))
			.execute();
		CompanyTag holder = COMPANY_TAG.as("holder");
		this.dsl.insertInto(COMPANY_TAG, COMPANY_TAG.WORKSPACE_ID, COMPANY_TAG.COMPANY_ID, COMPANY_TAG.TAG_ID)
			.select(DSL.select(COMPANY_TAG.WORKSPACE_ID, COMPANY_TAG.COMPANY_ID, DSL.val(targetId, COMPANY_TAG.TAG_ID))
				.from(COMPANY_TAG)
				.where(COMPANY_TAG.WORKSPACE_ID.eq(workspaceId))
				.and(COMPANY_TAG.TAG_ID.eq(sourceId))
				.andNotExists(DSL.selectOne()
					.from(holder)
					.where(holder.WORKSPACE_ID.eq(COMPANY_TAG.WORKSPACE_ID))
					.and(holder.COMPANY_ID.eq(COMPANY_TAG.COMPANY_ID))
					.and(holder.TAG_ID.eq(targetId))))
			.execute();
		remove(source);
		Map<UUID, Integer> peopleAfter = peopleCounts(List.of(targetId));
		Map<UUID, Integer> companiesAfter = companyCounts(List.of(targetId));
		this.changeLog.record(KIND, sourceId,
				List.of(new FieldChange("name", source.getName(), null),
						new FieldChange("mergedInto", null, target.getName()),
						new FieldChange("people", count(peopleBefore, sourceId), "0"),
						new FieldChange("companies", count(companiesBefore, sourceId), "0")));
		this.changeLog.record(KIND, targetId, List.of(new FieldChange("mergedFrom", null, source.getName()),
				new FieldChange("people", count(peopleBefore, targetId), count(peopleAfter, targetId)),
				new FieldChange("companies", count(companiesBefore, targetId), count(companiesAfter, targetId))));
		this.savedViews.replaceTag(source.getName(), target.getName());
		return summaries(List.of(target)).get(0);
	}

	/**
	 * Deletes a tag and takes it off everyone who carries it; the people and companies
	 * stay, and saved views stop filtering by it. Answers 404 for a tag that no longer
	 * exists and 412 for a stale version. Administrators only.
	 */
	@Transactional
	public void delete(UUID id, int version) {
		requireAdministrator();
		TagRecord tag = lock(id, version);
		String people = count(peopleCounts(List.of(id)), id);
		String companies = count(companyCounts(List.of(id)), id);
		remove(tag);
		this.changeLog.record(KIND, id, List.of(new FieldChange("name", tag.getName(), null),
				new FieldChange("people", people, "0"), new FieldChange("companies", companies, "0")));
		this.savedViews.replaceTag(tag.getName(), null);
	}

	/**
	 * The tag to merge into, from what a form or a request sent: none when blank, and
	 * rejected naming {@code targetId} when it is not an id.
	 */
	public static @Nullable UUID targetId(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return UUID.fromString(text.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFieldsException(
					List.of(new BusinessRuleException("targetId", "customers.tags.merge.target.unknown")));
		}
	}

	private static String count(Map<UUID, Integer> counts, UUID id) {
		return String.valueOf(counts.getOrDefault(id, 0));
	}

	private void remove(TagRecord tag) {
		UUID workspaceId = Actors.workspaceId();
		this.dsl.deleteFrom(PERSON_TAG)
			.where(PERSON_TAG.WORKSPACE_ID.eq(workspaceId))
			.and(PERSON_TAG.TAG_ID.eq(tag.getId()))
			.execute();
		this.dsl.deleteFrom(COMPANY_TAG)
			.where(COMPANY_TAG.WORKSPACE_ID.eq(workspaceId))
			.and(COMPANY_TAG.TAG_ID.eq(tag.getId()))
			.execute();
		tag.delete();
	}

	private TagRecord load(UUID id) {
		return this.dsl.selectFrom(TAG)
			.where(WorkspaceScope.of(TAG.WORKSPACE_ID))
			.and(TAG.ID.eq(id))
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(KIND, id));
	}

	private TagRecord lock(UUID id, int version) {
		TagRecord tag = this.dsl.selectFrom(TAG)
			.where(WorkspaceScope.of(TAG.WORKSPACE_ID))
			.and(TAG.ID.eq(id))
			.forUpdate()
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(KIND, id));
		StaleVersionException.check(KIND, version, tag.getVersion());
		return tag;
	}

	private void requireAdministrator() {
		if (!this.accessPolicy.currentScope().administrator()) {
			throw new AccessDeniedException("Only administrators manage tags");
		}
	}

	/**
	 * The tags with their counts: one grouped query for people and one for companies,
	 * each within what the current user may see.
	 */
	private List<TagSummary> summaries(List<TagRecord> tags) {
		if (tags.isEmpty()) {
			return List.of();
		}
		List<UUID> ids = tags.stream().map(TagRecord::getId).toList();
		Map<UUID, Integer> people = peopleCounts(ids);
		Map<UUID, Integer> companies = companyCounts(ids);
		List<TagSummary> summaries = new ArrayList<>(tags.size());
		for (TagRecord tag : tags) {
			summaries.add(new TagSummary(tag.getId(), tag.getName(), people.getOrDefault(tag.getId(), 0),
					companies.getOrDefault(tag.getId(), 0), tag.getVersion()));
		}
		return summaries;
	}

	private Map<UUID, Integer> peopleCounts(Collection<UUID> tagIds) {
		Field<Integer> count = DSL.count();
		return this.dsl.select(PERSON_TAG.TAG_ID, count)
			.from(PERSON_TAG)
			.join(PERSON)
			.on(PERSON.WORKSPACE_ID.eq(PERSON_TAG.WORKSPACE_ID).and(PERSON.ID.eq(PERSON_TAG.PERSON_ID)))
			.where(PERSON_TAG.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(PERSON_TAG.TAG_ID.in(tagIds))
			.and(this.accessPolicy.condition(PersonService.PEOPLE, Access.READ))
			.and(PERSON.DELETED_AT.isNull())
			.groupBy(PERSON_TAG.TAG_ID)
			.fetchMap(PERSON_TAG.TAG_ID, count);
	}

	private Map<UUID, Integer> companyCounts(Collection<UUID> tagIds) {
		Field<Integer> count = DSL.count();
		return this.dsl.select(COMPANY_TAG.TAG_ID, count)
			.from(COMPANY_TAG)
			.join(COMPANY)
			.on(COMPANY.WORKSPACE_ID.eq(COMPANY_TAG.WORKSPACE_ID).and(COMPANY.ID.eq(COMPANY_TAG.COMPANY_ID)))
			.where(COMPANY_TAG.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(COMPANY_TAG.TAG_ID.in(tagIds))
			.and(this.accessPolicy.condition(CompanyService.COMPANIES, Access.READ))
			.and(COMPANY.DELETED_AT.isNull())
			.groupBy(COMPANY_TAG.TAG_ID)
			.fetchMap(COMPANY_TAG.TAG_ID, count);
	}

}
