package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.INTERACTION;
import static dev.rapport.customers.internal.db.Tables.PERSON;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.Interaction;
import dev.rapport.customers.InteractionInput;
import dev.rapport.customers.PersonView;
import dev.rapport.customers.internal.db.tables.records.InteractionRecord;
import dev.rapport.customers.timeline.TimelineEntry;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.WorkspaceScope;

/**
 * Logging calls, e-mails, messages, meetings, visits and letters with people, from the UI
 * and from other systems (telephony, chat, front desk) through the API. A log with an
 * external reference seen before returns the earlier one, so a system can retry safely.
 */
@Service
public class InteractionService {

	static final String KIND = "interaction";

	private final DSLContext dsl;

	private final PersonService people;

	private final TimelineWriter timeline;

	private final Clock clock;

	InteractionService(DSLContext dsl, PersonService people, TimelineWriter timeline, Clock clock) {
		this.dsl = dsl;
		this.people = people;
		this.timeline = timeline;
		this.clock = clock;
	}

	/** A logged interaction, and whether this call created it (false for a retry). */
	public record Logged(Interaction interaction, boolean created) {
	}

	/**
	 * Logs an interaction with a person the user may change, and puts it on the timeline.
	 * Rejects an unknown channel or direction, a time more than a day ahead, and texts
	 * that are too long.
	 */
	@Transactional
	public Logged log(UUID personId, InteractionInput input) {
		PersonView person = this.people.getForChange(personId);
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		String channel = Text.trimToNull(input.channel());
		if (channel == null || !Interaction.CHANNELS.contains(channel)) {
			problems.reject("channel", "customers.interaction.channel.unknown",
					String.join(", ", Interaction.CHANNELS));
		}
		String direction = (input.direction() != null && !input.direction().isBlank()) ? input.direction().strip()
				: "outbound";
		if (!Interaction.DIRECTIONS.contains(direction)) {
			problems.reject("direction", "customers.interaction.direction.unknown");
		}
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		OffsetDateTime occurredAt = (input.occurredAt() != null)
				? input.occurredAt().withOffsetSameInstant(ZoneOffset.UTC) : now;
		if (occurredAt.isAfter(now.plusDays(1))) {
			problems.reject("occurredAt", "customers.interaction.future");
		}
		if (input.durationSeconds() != null && (input.durationSeconds() < 0 || input.durationSeconds() > 86_400)) {
			problems.reject("durationSeconds", "customers.interaction.duration");
		}
		String outcome = PersonService.length(problems, "outcome", input.outcome(), 100);
		String summary = PersonService.length(problems, "summary", input.summary(), 4000);
		String externalRef = PersonService.length(problems, "externalRef", input.externalRef(), 200);
		problems.throwIfAny();
		if (externalRef != null) {
			Optional<InteractionRecord> earlier = this.dsl.selectFrom(INTERACTION)
				.where(WorkspaceScope.of(INTERACTION.WORKSPACE_ID))
				.and(INTERACTION.EXTERNAL_REF.eq(externalRef))
				.fetchOptional();
			if (earlier.isPresent()) {
				if (!earlier.get().getPersonId().equals(personId)) {
					throw new dev.rapport.platform.BusinessRuleException("externalRef",
							"customers.interaction.external-ref.taken");
				}
				return new Logged(view(earlier.get()), false);
			}
		}
		InteractionRecord record = this.dsl.newRecord(INTERACTION);
		record.setId(Ids.newId());
		record.setPersonId(personId);
		record.setCompanyId(person.companyId());
		record.setChannel(channel);
		record.setDirection(direction);
		record.setOccurredAt(occurredAt);
		record.setDurationSeconds(input.durationSeconds());
		record.setOutcome(outcome);
		record.setSummary(summary);
		record.setExternalRef(externalRef);
		record.store();
		// The newest contact moves forward only: logging an old call later keeps a newer
		// one.
		this.dsl.update(PERSON)
			.set(PERSON.LAST_CONTACT_AT, occurredAt)
			.where(PERSON.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(PERSON.ID.eq(personId))
			.and(PERSON.LAST_CONTACT_AT.isNull().or(PERSON.LAST_CONTACT_AT.lt(occurredAt)))
			.execute();
		Map<String, String> data = new LinkedHashMap<>();
		data.put("channel", channel);
		data.put("direction", direction);
		if (input.durationSeconds() != null) {
			data.put("minutes", String.valueOf((input.durationSeconds() + 59) / 60));
		}
		this.timeline.record(new TimelineEntry(personId, person.companyId(), KIND, occurredAt,
				Actors.require().userId(), outcome, summary, data, TimelineWriter.MODULE, record.getId(), null));
		return new Logged(view(record), true);
	}

	/** The interactions of a person, newest first. */
	@Transactional(readOnly = true)
	public List<Interaction> ofPerson(UUID personId, int limit) {
		this.people.requireReadable(personId);
		return this.dsl.selectFrom(INTERACTION)
			.where(WorkspaceScope.of(INTERACTION.WORKSPACE_ID))
			.and(INTERACTION.PERSON_ID.eq(personId))
			.orderBy(INTERACTION.OCCURRED_AT.desc(), INTERACTION.ID.desc())
			.limit(limit)
			.fetch(InteractionService::view);
	}

	/** When the person was last in contact, by any channel. */
	@Transactional(readOnly = true)
	public Optional<OffsetDateTime> lastContact(UUID personId) {
		return Optional.ofNullable(this.dsl.select(org.jooq.impl.DSL.max(INTERACTION.OCCURRED_AT))
			.from(INTERACTION)
			.where(WorkspaceScope.of(INTERACTION.WORKSPACE_ID))
			.and(INTERACTION.PERSON_ID.eq(personId))
			.fetchOne(0, OffsetDateTime.class));
	}

	@Transactional(readOnly = true)
	public Interaction get(UUID id) {
		InteractionRecord record = this.dsl.selectFrom(INTERACTION)
			.where(WorkspaceScope.of(INTERACTION.WORKSPACE_ID))
			.and(INTERACTION.ID.eq(id))
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(KIND, id));
		if (!this.people.readable(record.getPersonId())) {
			throw new NotFoundException(KIND, id);
		}
		return view(record);
	}

	private static Interaction view(InteractionRecord r) {
		return new Interaction(r.getId(), r.getPersonId(), r.getCompanyId(), r.getChannel(), r.getDirection(),
				r.getOccurredAt(), r.getDurationSeconds(), r.getOutcome(), r.getSummary(), r.getExternalRef(),
				r.getCreatedBy(), r.getVersion());
	}

}
