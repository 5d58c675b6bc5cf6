package dev.rapport.sales;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Open deals of some owners that need attention, for "my day": nobody worked on them for
 * a while, or they stay in their stage too long. Each answer is an index range of the
 * owners' open deals (never deleted ones, always within the access policy), at most
 * {@code limit} of them, with a total counted up to {@link #COUNT_CAP}.
 */
public interface DealSignals {

	/** Totals are counted up to this many; a total this high reads "99+". */
	int COUNT_CAP = 100;

	/**
	 * Open deals without an activity for at least {@code days} days (counted from their
	 * creation when they never had one), the longest idle first.
	 */
	Found idle(Set<UUID> ownerIds, Instant now, int days, int limit);

	/**
	 * Open deals in their current stage for at least {@code days} days, the longest
	 * first.
	 */
	Found stalled(Set<UUID> ownerIds, Instant now, int days, int limit);

	/**
	 * The deals found and how many there are in all, counted up to {@link #COUNT_CAP}.
	 */
	record Found(List<Signal> items, int total) {

		/** Whether the total reached the cap (shown as "99+"). */
		public boolean capped() {
			return this.total >= COUNT_CAP;
		}

	}

	/**
	 * A deal that needs attention and why: the reason is a message key with its arguments
	 * (the number of days, the stage's name).
	 */
	record Signal(UUID dealId, String name, String stageName, @Nullable BigDecimal amount, String currency, long days,
			String reason, List<Object> arguments) {
	}

}
