package dev.rapport.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The workspace's own rules for records (for example "when the lifecycle stage is active,
 * an e-mail is required"), checked on every write path of the modules that own the
 * records. A module calls {@link #check} with the record's values as they will be stored:
 * standard fields by their API names, custom fields as {@code custom.<key>}, lists (such
 * as e-mail addresses) as lists. Implemented by {@code dataquality}; when no
 * implementation is present, nothing is checked.
 */
public interface RecordRules {

	/** The objects rules apply to. */
	String PERSON = "person";

	String COMPANY = "company";

	String DEAL = "deal";

	String ACTIVITY = "activity";

	String TRANSACTION = "transaction";

	/**
	 * Rejects values that break an active rule of the object, with an
	 * {@link InvalidFieldsException} naming each failing field with the rule's message.
	 */
	void check(String object, Map<String, ? extends @Nullable Object> values);

	/**
	 * The active rules of an object read once, to check many records (a batch of an
	 * import) without looking them up again.
	 */
	default Checker checker(String object) {
		return (values) -> check(object, values);
	}

	/** Checks records of one object against rules read once. */
	@FunctionalInterface
	interface Checker {

		/** As {@link RecordRules#check}. */
		void check(Map<String, ? extends @Nullable Object> values);

	}

	/**
	 * The records of one object as rules see them, contributed by the module that owns
	 * them: its standard fields, and the values of one stored record, so a rule can be
	 * tried on an existing record.
	 */
	interface Subject {

		/** The object, one of the constants of {@link RecordRules}. */
		String object();

		/** The standard fields a rule can name, by their API names. */
		List<String> fields();

		/**
		 * The values of a record the current user may read, as the write paths pass them
		 * to {@link RecordRules#check}; empty when it does not exist or is out of reach.
		 */
		Optional<Map<String, @Nullable Object>> values(UUID id);

		/**
		 * The most recently changed records the current user may read, newest first, for
		 * checking stored records against the rules on demand; none where the module does
		 * not offer it.
		 */
		default List<UUID> recent(int limit) {
			return List.of();
		}

		/** A subject made of its parts, for a module that offers several objects. */
		static Subject of(String object, List<String> fields,
				Function<UUID, Optional<Map<String, @Nullable Object>>> values, IntFunction<List<UUID>> recent) {
			return new Subject() {

				@Override
				public String object() {
					return object;
				}

				@Override
				public List<String> fields() {
					return fields;
				}

				@Override
				public Optional<Map<String, @Nullable Object>> values(UUID id) {
					return values.apply(id);
				}

				@Override
				public List<UUID> recent(int limit) {
					return recent.apply(limit);
				}

			};
		}

	}

	/**
	 * The rules of the application, or none when no module provides them: the way a
	 * module asks for them without depending on one.
	 */
	static RecordRules of(ObjectProvider<RecordRules> provider) {
		return new RecordRules() {

			@Override
			public void check(String object, Map<String, ? extends @Nullable Object> values) {
				RecordRules rules = provider.getIfUnique();
				if (rules != null) {
					rules.check(object, values);
				}
			}

			@Override
			public Checker checker(String object) {
				RecordRules rules = provider.getIfUnique();
				return (rules != null) ? rules.checker(object) : (values) -> {
				};
			}

		};
	}

}
