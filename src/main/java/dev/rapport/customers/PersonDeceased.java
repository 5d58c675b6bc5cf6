package dev.rapport.customers;

import java.util.UUID;

/**
 * A person was recorded as deceased: nobody contacts them again, so modules drop what
 * they had planned for them (open tasks and calls). Published inside the writing
 * transaction.
 */
public record PersonDeceased(UUID workspaceId, UUID personId) {
}
