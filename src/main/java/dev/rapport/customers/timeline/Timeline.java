package dev.rapport.customers.timeline;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The timeline of people and companies. Modules above customers record their own things
 * here, in their own transaction, instead of writing the customer tables.
 */
public interface Timeline {

	/**
	 * Records an entry, replacing the one recorded before for the same source. Rejects an
	 * entry that names neither a person nor a company.
	 */
	void record(TimelineEntry entry);

	/** Removes the entries of a source record, for example when it is deleted. */
	void remove(String sourceModule, UUID sourceId);

	/**
	 * The newest entries of a person the current user may read, optionally of some kinds
	 * only; older pages start before the given entry.
	 */
	List<TimelineItem> ofPerson(UUID personId, @Nullable Set<String> kinds, @Nullable UUID before, int limit);

	/** The newest entries of a company and of its people. */
	List<TimelineItem> ofCompany(UUID companyId, @Nullable Set<String> kinds, @Nullable UUID before, int limit);

}
