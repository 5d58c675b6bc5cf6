package dev.rapport.identity;

import java.util.List;
import java.util.UUID;

/**
 * The teams of the current workspace, for other modules (sharing a record with a team).
 */
public interface Teams {

	/** A team as other modules see it. */
	record TeamRef(UUID id, String name) {
	}

	/** Every team of the current workspace, by name. */
	List<TeamRef> list();

	/** Whether a team of this id exists in the current workspace. */
	default boolean exists(UUID id) {
		return list().stream().anyMatch((t) -> t.id().equals(id));
	}

}
