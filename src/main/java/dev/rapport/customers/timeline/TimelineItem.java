package dev.rapport.customers.timeline;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** An entry as the timeline shows it, with the name of the user who did it. */
public record TimelineItem(UUID id, @Nullable UUID personId, @Nullable UUID companyId, String kind,
		OffsetDateTime occurredAt, @Nullable UUID actorId, @Nullable String actorName, @Nullable String title,
		@Nullable String summary, Map<String, String> data, String sourceModule, UUID sourceId, @Nullable String link) {
}
