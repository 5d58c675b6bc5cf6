package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.CONSENT_EVENT;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.Consent;
import dev.rapport.customers.PersonView;
import dev.rapport.customers.internal.db.tables.records.ConsentEventRecord;
import dev.rapport.customers.timeline.TimelineEntry;
import dev.rapport.identity.UserView;
import dev.rapport.identity.Users;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.WorkspaceScope;

/**
 * The consent ledger: opt-ins and opt-outs per person and channel, only ever added to.
 * The newest entry of a channel is the person's current choice.
 */
@Service
public class ConsentService {

	private final DSLContext dsl;

	private final PersonService people;

	private final TimelineWriter timeline;

	private final Users users;

	private final Clock clock;

	ConsentService(DSLContext dsl, PersonService people, TimelineWriter timeline, Users users, Clock clock) {
		this.dsl = dsl;
		this.people = people;
		this.timeline = timeline;
		this.users = users;
		this.clock = clock;
	}

	/**
	 * What is recorded: the channel, opt-in or opt-out, where it came from, the wording
	 * shown.
	 */
	public record ConsentInput(@Nullable String channel, @Nullable String status, @Nullable String source,
			@Nullable String wording) {
	}

	/**
	 * Adds an entry to a person's ledger. Rejects an unknown channel or status and a
	 * missing source.
	 */
	@Transactional
	public Consent record(UUID personId, ConsentInput input) {
		PersonView person = this.people.getForChange(personId);
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		String channel = Text.trimToNull(input.channel());
		if (channel == null || !Consent.CHANNELS.contains(channel)) {
			problems.reject("channel", "customers.channel.unknown", String.join(", ", Consent.CHANNELS));
		}
		Optional<Consent.Status> status = (input.status() != null) ? Consent.Status.fromCode(input.status())
				: Optional.empty();
		if (status.isEmpty()) {
			problems.reject("status", "customers.consent.status.unknown");
		}
		String source = PersonService.length(problems, "source", input.source(), 100);
		if (source == null && !problems.has("source")) {
			problems.reject("source", "customers.consent.source.required");
		}
		String wording = PersonService.length(problems, "wording", input.wording(), 2000);
		problems.throwIfAny();
		ConsentEventRecord record = this.dsl.newRecord(CONSENT_EVENT);
		record.setWorkspaceId(Actors.workspaceId());
		record.setId(Ids.newId());
		record.setPersonId(personId);
		record.setChannel(channel);
		record.setStatus(status.get().code());
		record.setSource(source);
		record.setWording(wording);
		record.setRecordedAt(OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC));
		record.setRecordedBy(Actors.require().userId());
		record.insert();
		Map<String, String> data = new LinkedHashMap<>();
		data.put("channel", channel);
		data.put("status", status.get().code());
		this.timeline.record(new TimelineEntry(personId, person.companyId(), "consent", record.getRecordedAt(),
				record.getRecordedBy(), source, wording, data, TimelineWriter.MODULE, record.getId(), null));
		return view(record, new HashMap<>());
	}

	/** The whole ledger of a person, newest first. */
	@Transactional(readOnly = true)
	public List<Consent> ledger(UUID personId) {
		this.people.requireReadable(personId);
		return rows(personId);
	}

	private List<Consent> rows(UUID personId) {
		Map<UUID, String> names = new HashMap<>();
		return this.dsl.selectFrom(CONSENT_EVENT)
			.where(WorkspaceScope.of(CONSENT_EVENT.WORKSPACE_ID))
			.and(CONSENT_EVENT.PERSON_ID.eq(personId))
			.orderBy(CONSENT_EVENT.RECORDED_AT.desc(), CONSENT_EVENT.ID.desc())
			.fetch((r) -> view(r, names));
	}

	/** The current choice per channel: the newest entry, or none. */
	@Transactional(readOnly = true)
	public Map<String, Consent> current(UUID personId) {
		Map<String, Consent> current = new LinkedHashMap<>();
		for (Consent consent : ledger(personId)) {
			current.putIfAbsent(consent.channel(), consent);
		}
		return current;
	}

	/** What other modules may do on a channel. */
	@Transactional(readOnly = true)
	public Optional<Consent.Permission> permission(UUID personId, String channel) {
		if (!this.people.readable(personId)) {
			return Optional.empty();
		}
		if (deceased(personId)) {
			// Nobody contacts the deceased, whatever they agreed to.
			return Optional.of(Consent.Permission.OPTED_OUT);
		}
		Consent newest = rows(personId).stream().filter((c) -> c.channel().equals(channel)).findFirst().orElse(null);
		if (newest == null) {
			return Optional.of(Consent.Permission.UNKNOWN);
		}
		return Optional.of((newest.status() == Consent.Status.OPT_IN) ? Consent.Permission.OPTED_IN
				: Consent.Permission.OPTED_OUT);
	}

	private boolean deceased(UUID personId) {
		return this.dsl.fetchExists(dev.rapport.customers.internal.db.Tables.PERSON,
				dev.rapport.customers.internal.db.Tables.PERSON.WORKSPACE_ID.eq(Actors.workspaceId())
					.and(dev.rapport.customers.internal.db.Tables.PERSON.ID.eq(personId))
					.and(dev.rapport.customers.internal.db.Tables.PERSON.STATUS
						.eq(dev.rapport.customers.EndOfLifeState.DECEASED.code())));
	}

	private Consent view(ConsentEventRecord r, Map<UUID, String> names) {
		String by = (r.getRecordedBy() != null) ? names.computeIfAbsent(r.getRecordedBy(),
				(id) -> this.users.find(id).map(UserView::displayName).orElse("")) : null;
		return new Consent(r.getId(), r.getChannel(), Consent.Status.fromCode(r.getStatus()).orElseThrow(),
				r.getSource(), r.getWording(), r.getRecordedAt(), r.getRecordedBy(), by);
	}

}
