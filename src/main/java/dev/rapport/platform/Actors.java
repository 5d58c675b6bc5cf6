package dev.rapport.platform;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The one place that binds the current workspace and user: from the signed-in principal
 * (a session or an API token) or, for system work, from an explicit {@link #callAs}
 * block.
 */
public final class Actors {

	private static final ThreadLocal<@Nullable Actor> BOUND = new ThreadLocal<>();

	private Actors() {
	}

	public static Optional<Actor> current() {
		Actor bound = BOUND.get();
		if (bound != null) {
			return Optional.of(bound);
		}
		return principal().map(ActorPrincipal::actor);
	}

	public static Optional<ActorPrincipal> principal() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof ActorPrincipal principal) {
			return Optional.of(principal);
		}
		return Optional.empty();
	}

	public static Actor require() {
		return current().orElseThrow(() -> new IllegalStateException("No workspace is bound to this thread"));
	}

	public static UUID workspaceId() {
		return require().workspaceId();
	}

	public static <T> T callAs(Actor actor, Supplier<T> work) {
		Actor previous = BOUND.get();
		BOUND.set(actor);
		try {
			return work.get();
		}
		finally {
			if (previous == null) {
				BOUND.remove();
			}
			else {
				BOUND.set(previous);
			}
		}
	}

	public static void runAs(Actor actor, Runnable work) {
		callAs(actor, () -> {
			work.run();
			return null;
		});
	}

}
