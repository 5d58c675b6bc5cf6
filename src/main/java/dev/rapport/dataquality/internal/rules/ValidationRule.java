package dev.rapport.dataquality.internal.rules;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An administrator's rule for one object: when every condition holds, the required field
 * must pass its test, or the write is refused with the message beside that field.
 *
 * @param object person, company, deal, activity or transaction
 * @param when the conditions, all of which must hold for the rule to apply (none: always)
 * @param then the requirement on one field
 */
public record ValidationRule(UUID id, String object, String name, List<Condition> when, Condition then, String message,
		boolean active, OffsetDateTime updatedAt, int version) {

	/**
	 * A field, an operator ({@code is_empty}, {@code not_empty}, {@code equals},
	 * {@code not_equals}, {@code contains}, {@code greater_than}, {@code less_than},
	 * {@code matches}, {@code in_list}) and a value where the operator needs one.
	 */
	public record Condition(@Nullable String field, @Nullable String op, @Nullable String value) {
	}

}
