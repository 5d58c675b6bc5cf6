package dev.rapport.customers.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jooq.Field;
import org.jooq.UpdatableRecord;
import org.jspecify.annotations.Nullable;

import dev.rapport.identity.Access;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.identity.UserView;
import dev.rapport.identity.Users;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.ChangeLog;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.RecordRules;

/**
 * One action applied to many people or companies ticked in a list, each within the access
 * policy: records out of reach or that may only be read are skipped with a reason, the
 * others changed.
 */
public final class Bulk {

	/** How many records one bulk action takes at most. */
	static final int MAX = 500;

	private Bulk() {
	}

	/** What a bulk action does to each selected record. */
	public enum Action {

		ASSIGN_OWNER, ADD_TAG, REMOVE_TAG, MOVE_STAGE, DELETE;

		/**
		 * The action named as in the API ({@code add_tag}); rejects others naming
		 * "action".
		 */
		public static Action parse(@Nullable String code) {
			try {
				return valueOf(String.valueOf(code).strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new BusinessRuleException("action", "customers.bulk.action.unknown");
			}
		}

	}

	/** The outcome of a bulk action: what changed, and why the rest did not. */
	public record Result(int changed, List<Skipped> skipped) {

		/** A record left unchanged, and the message key saying why. */
		public record Skipped(UUID id, String reasonKey) {
		}

	}

	/** What a bulk action needs to know of a record it may change. */
	record Target(UUID id, UUID ownerId, @Nullable UUID teamId, String ownerName, List<String> tags, int version) {
	}

	/**
	 * How one kind of record takes each action, once the access has been checked:
	 * {@code load} locks a record to change its {@code owner} column, {@code moveStage}
	 * (null where records have no stage) answers the reason it could not move or null,
	 * {@code rulesAllow} whether the workspace's validation rules allow the record with
	 * some values changed.
	 */
	record Edits(Function<UUID, UpdatableRecord<?>> load, Field<UUID> owner, BiConsumer<UUID, List<String>> replaceTags,
			@Nullable Function<Target, @Nullable String> moveStage, Consumer<Target> delete,
			BiFunction<UUID, Map<String, @Nullable Object>, Boolean> rulesAllow) {
	}

	/** Whether a record's values pass the workspace's validation rules. */
	static boolean passes(RecordRules rules, String object, Map<String, @Nullable Object> values) {
		try {
			rules.check(object, values);
			return true;
		}
		catch (InvalidFieldsException ex) {
			return false;
		}
	}

	/**
	 * Applies one action to the records with the given ids, recording owner and tag
	 * changes in the history under {@code kind}. Rejects an action without what it needs
	 * (an active owner, a tag), a move to a stage where records have none (companies),
	 * and more than 500 records.
	 */
	static Result run(AccessPolicy policy, Users users, ChangeLog changeLog, String kind, List<UUID> ids, Action action,
			@Nullable String value, Function<UUID, Optional<Target>> find, Edits edits) {
		if (ids.size() > MAX) {
			throw new BusinessRuleException("ids", "customers.bulk.too-many", MAX);
		}
		if (action == Action.MOVE_STAGE && edits.moveStage() == null) {
			throw new BusinessRuleException("action", "customers.bulk.action.no-stage");
		}
		UserView owner = (action == Action.ASSIGN_OWNER) ? owner(users, value) : null;
		if ((action == Action.ADD_TAG || action == Action.REMOVE_TAG)
				&& (value == null || value.isBlank() || value.strip().length() > Tags.MAX_LENGTH)) {
			throw new BusinessRuleException("value", "customers.bulk.tag");
		}
		int changed = 0;
		List<Result.Skipped> skipped = new ArrayList<>();
		for (UUID id : new LinkedHashSet<>(ids)) {
			Optional<Target> found = find.apply(id);
			if (found.isEmpty()) {
				skipped.add(new Result.Skipped(id, "customers.bulk.skipped.not-found"));
				continue;
			}
			Target target = found.get();
			if (!policy.currentScope()
				.allows((action == Action.DELETE) ? Access.DELETE : Access.UPDATE, target.ownerId(), target.teamId())) {
				skipped.add(new Result.Skipped(id, "customers.bulk.skipped.read-only"));
				continue;
			}
			switch (action) {
				case ASSIGN_OWNER -> {
					if (!target.ownerId().equals(owner.id())
							&& !edits.rulesAllow().apply(id, Map.of("ownerId", owner.id()))) {
						skipped.add(new Result.Skipped(id, "customers.bulk.skipped.rules"));
						continue;
					}
					if (!target.ownerId().equals(owner.id())) {
						UpdatableRecord<?> record = edits.load().apply(id);
						record.set(edits.owner(), owner.id());
						record.store();
						changeLog.record(kind, id,
								List.of(new ChangeLog.FieldChange("owner", target.ownerName(), owner.displayName())));
					}
				}
				case ADD_TAG, REMOVE_TAG -> {
					List<String> tags = retagged(target.tags(), action, value.strip());
					if (tags != null && !edits.rulesAllow().apply(id, Map.of("tags", tags))) {
						skipped.add(new Result.Skipped(id, "customers.bulk.skipped.rules"));
						continue;
					}
					if (tags != null) {
						edits.replaceTags().accept(id, tags);
						changeLog.record(kind, id, List.of(new ChangeLog.FieldChange("tags",
								String.join(", ", target.tags()), String.join(", ", tags))));
					}
				}
				case MOVE_STAGE -> {
					String reason = edits.moveStage().apply(target);
					if (reason != null) {
						skipped.add(new Result.Skipped(id, reason));
						continue;
					}
				}
				case DELETE -> edits.delete().accept(target);
			}
			changed++;
		}
		return new Result(changed, skipped);
	}

	private static UserView owner(Users users, @Nullable String value) {
		UUID id;
		try {
			id = UUID.fromString(String.valueOf(value));
		}
		catch (IllegalArgumentException ex) {
			throw new BusinessRuleException("value", "customers.owner.unknown");
		}
		return users.find(id)
			.filter(UserView::active)
			.orElseThrow(() -> new BusinessRuleException("value", "customers.owner.unknown"));
	}

	/** The tags with the tag added or removed, or null when that changes nothing. */
	private static @Nullable List<String> retagged(List<String> tags, Action action, String tag) {
		boolean has = tags.stream().anyMatch((t) -> TextKeys.fold(t).equals(TextKeys.fold(tag)));
		if (action == Action.ADD_TAG && !has) {
			List<String> more = new ArrayList<>(tags);
			more.add(tag);
			return more;
		}
		if (action == Action.REMOVE_TAG && has) {
			return tags.stream().filter((t) -> !TextKeys.fold(t).equals(TextKeys.fold(tag))).toList();
		}
		return null;
	}

}
