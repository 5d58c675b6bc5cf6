package dev.rapport.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The people of the current workspace, for other modules (owner pickers, assignment,
 * mentions).
 */
public interface Users {

	Optional<UserView> find(UUID id);

	/** Active users of the current workspace, by display name. */
	List<UserView> active();

	/** One page of users of the current workspace, in id order after {@code after}. */
	List<UserView> page(@Nullable String query, @Nullable UUID after, int limit);

}
