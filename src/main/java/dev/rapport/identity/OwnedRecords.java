package dev.rapport.identity;

import java.util.UUID;

import org.jooq.Field;
import org.jspecify.annotations.Nullable;

/**
 * How the access policy finds the workspace, the owner and (optionally) the team a kind
 * of record is shared with, in a module's own table.
 *
 * @param workspaceId the record's workspace column
 * @param ownerId the record's owner column
 * @param teamId the column naming the team the record is shared with, if the kind has one
 */
public record OwnedRecords(Field<UUID> workspaceId, Field<UUID> ownerId, @Nullable Field<UUID> teamId) {
}
