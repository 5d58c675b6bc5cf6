package dev.rapport.customers;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What needs attention among the people a user owns, for "my day": birthdays, customers
 * not contacted for a while, new leads nobody called, and contracts or memberships about
 * to end. Each answer is one index range of the owners' people (never deleted ones,
 * always within the access policy), at most {@code limit} of them, with a total counted
 * up to {@link #COUNT_CAP}.
 */
public interface CustomerSignals {

	/** Totals are counted up to this many; a total this high reads "99+". */
	int COUNT_CAP = 100;

	/**
	 * People whose birthday is on this day; 29 February birthdays show on 28 February in
	 * other years.
	 */
	Found birthdays(Set<UUID> ownerIds, LocalDate today, int limit);

	/**
	 * Active and loyal customers not contacted for at least {@code days} days — or, when
	 * never contacted, in their stage for that long — the longest silence first.
	 */
	Found atRisk(Set<UUID> ownerIds, Instant now, int days, int limit);

	/**
	 * Leads created more than {@code hours} hours ago (and within the last 30 days) that
	 * nobody has contacted yet, the oldest first.
	 */
	Found untouchedLeads(Set<UUID> ownerIds, Instant now, int hours, int limit);

	/**
	 * People whose date custom field {@code fieldKey} (a contract's or membership's end)
	 * falls between {@code today} and {@code days} days later, the soonest first.
	 */
	Found renewals(Set<UUID> ownerIds, String fieldKey, LocalDate today, int days, int limit);

	/** The name and primary phone of the people the current user may read, by id. */
	Map<UUID, Contact> contacts(Collection<UUID> personIds);

	/**
	 * The people found and how many there are in all, counted up to {@link #COUNT_CAP}.
	 */
	record Found(List<Signal> items, int total) {

		/** Whether the total reached the cap (shown as "99+"). */
		public boolean capped() {
			return this.total >= COUNT_CAP;
		}

	}

	/**
	 * A person who needs attention and why: the reason is a message key with its
	 * arguments (numbers, and dates as ISO text).
	 */
	record Signal(UUID personId, String displayName, @Nullable String primaryPhone, String reason,
			List<Object> arguments) {
	}

	/** How to reach a person. */
	record Contact(UUID personId, String displayName, @Nullable String primaryPhone) {
	}

}
