package dev.rapport.dataquality.internal.merge;

import static dev.rapport.dataquality.internal.db.Tables.CUSTOMER_MERGE;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.CompanyNames;
import dev.rapport.customers.CompanyView;
import dev.rapport.customers.CustomerKind;
import dev.rapport.customers.Customers;
import dev.rapport.customers.CustomersChanged;
import dev.rapport.customers.MergeParticipant;
import dev.rapport.customers.PersonView;
import dev.rapport.dataquality.CustomersMerged;
import dev.rapport.dataquality.MergeUndone;
import dev.rapport.dataquality.internal.db.tables.records.CustomerMergeRecord;
import dev.rapport.dataquality.internal.merge.MergeFields.Source;
import dev.rapport.identity.Teams;
import dev.rapport.identity.UserView;
import dev.rapport.identity.Users;
import dev.rapport.platform.Actors;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.ChangeLog;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.WorkspaceScope;

/**
 * Merging two people or two companies the current user may change: the survivor takes the
 * chosen value of each field, every module moves the other's records to it (each
 * {@link MergeParticipant}), the other is deleted and marked merged; all in one
 * transaction, recorded in {@code customer_merge} and the history. A merge can be undone
 * for {@code rapport.dataquality.merge-undo-days}.
 */
@Service
public class MergeService {

	private static final Logger log = LoggerFactory.getLogger(MergeService.class);

	static final String KIND = "merge";

	private static final TypeReference<LinkedHashMap<String, @Nullable Object>> VALUES = new TypeReference<>() {
	};

	private static final TypeReference<LinkedHashMap<String, List<UUID>>> MOVED = new TypeReference<>() {
	};

	private final DSLContext dsl;

	private final Customers customers;

	private final CompanyNames companyNames;

	private final Users users;

	private final Teams teams;

	private final List<MergeParticipant> participants;

	private final ChangeLog changeLog;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	private final MergeProperties properties;

	private final Clock clock;

	MergeService(DSLContext dsl, Customers customers, CompanyNames companyNames, Users users, Teams teams,
			List<MergeParticipant> participants, ChangeLog changeLog, ApplicationEventPublisher events, JsonMapper json,
			MergeProperties properties, Clock clock) {
		this.dsl = dsl;
		this.customers = customers;
		this.companyNames = companyNames;
		this.users = users;
		this.teams = teams;
		this.participants = participants;
		this.changeLog = changeLog;
		this.events = events;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
	}

	/** One of the two records compared. */
	public record Side(UUID id, String name, OffsetDateTime createdAt, OffsetDateTime updatedAt, int version) {
	}

	/**
	 * One field of the comparison: each record's value and how it is shown, whether they
	 * agree, and the choice made by default ({@code a}, {@code b} or {@code both}).
	 */
	public record FieldChoice(String field, boolean list, @Nullable Object a, @Nullable Object b, String aShown,
			String bShown, boolean same, String choice) {
	}

	/**
	 * Two records side by side, with the survivor proposed by default (the older one) and
	 * the default choice of every field.
	 */
	public record Preview(CustomerKind kind, Side a, Side b, UUID survivorId, List<FieldChoice> fields) {
	}

	/**
	 * A merge as asked for: the kind, the survivor and the record merged into it, the
	 * versions both were read at, and the source ({@code survivor}, {@code merged} or,
	 * for e-mails, phones, addresses and tags, {@code both}) of the fields chosen; the
	 * others get their default.
	 */
	public record MergeCommand(CustomerKind kind, UUID survivorId, UUID mergedId, int survivorVersion,
			int mergedVersion, Map<String, String> values) {
	}

	/** A merge as recorded. */
	public record Merge(UUID id, CustomerKind kind, UUID survivorId, String survivorName, UUID mergedId,
			String mergedName, OffsetDateTime mergedAt, @Nullable UUID mergedBy, String mergedByName,
			OffsetDateTime undoUntil, @Nullable OffsetDateTime undoneAt, @Nullable UUID undoneBy,
			Map<String, @Nullable Object> before, Map<String, @Nullable Object> after, Map<String, List<UUID>> moved) {

		/** Whether it can still be undone. */
		public boolean undoable(OffsetDateTime now) {
			return this.undoneAt == null && now.isBefore(this.undoUntil);
		}

	}

	/**
	 * What undoing did: the merge, and the fields of the survivor changed since the
	 * merge, which kept their current value.
	 */
	public record Undone(Merge merge, List<String> keptFields) {
	}

	/**
	 * Compares two people or two companies the current user may change. 404 when one is
	 * out of reach, 403 when read only; 422 naming {@code b} for the same record twice.
	 */
	@Transactional(readOnly = true)
	public Preview preview(CustomerKind kind, UUID a, UUID b) {
		if (a.equals(b)) {
			throw new BusinessRuleException("b", "merge.same-record");
		}
		Loaded one = load(kind, a);
		Loaded two = load(kind, b);
		Loaded older = one.side().createdAt().isAfter(two.side().createdAt()) ? two : one;
		Loaded newer = (older == one) ? two : one;
		Map<String, String> names = names(one, two);
		List<FieldChoice> fields = new ArrayList<>();
		for (String field : MergeFields.fields(standard(kind), one.values(), two.values())) {
			Object va = one.values().get(field);
			Object vb = two.values().get(field);
			boolean oneIsNewer = newer == one;
			// The default: the value of the record changed last unless empty (from the
			// proposed survivor's point of view, b is "merged" when a is older).
			Source source = MergeFields.defaultSource(field, va, vb, !oneIsNewer);
			String choice = switch (source) {
				case SURVIVOR -> "a";
				case MERGED -> "b";
				case BOTH -> "both";
			};
			fields.add(new FieldChoice(field, MergeFields.LISTS.contains(field), va, vb, shown(field, va, names),
					shown(field, vb, names), Objects.equals(va, vb), choice));
		}
		return new Preview(kind, one.side(), two.side(), older.side().id(), fields);
	}

	/**
	 * Merges {@code mergedId} into {@code survivorId}. Rejects a record out of reach
	 * (404) or read only (403), a stale version of either (412), the same record twice,
	 * an unknown field or source (422), and values the survivor cannot take (422, naming
	 * the field). Publishes {@link CustomersMerged} and {@link CustomersChanged}.
	 */
	@Transactional
	public Merge merge(MergeCommand command) {
		if (command.survivorId().equals(command.mergedId())) {
			throw new BusinessRuleException("mergedId", "merge.same-record");
		}
		CustomerKind kind = command.kind();
		Loaded survivor = load(kind, command.survivorId());
		Loaded merged = load(kind, command.mergedId());
		StaleVersionException.check(kindName(kind), command.survivorVersion(), survivor.side().version());
		StaleVersionException.check(kindName(kind), command.mergedVersion(), merged.side().version());
		boolean mergedIsNewer = merged.side().updatedAt().isAfter(survivor.side().updatedAt());
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		List<String> fields = MergeFields.fields(standard(kind), survivor.values(), merged.values());
		command.values().forEach((field, source) -> {
			if (!fields.contains(field)) {
				problems.reject("values." + field, "merge.field.unknown", field);
			}
			else if (MergeFields.Source.of(source) == null
					|| (MergeFields.Source.of(source) == Source.BOTH && !MergeFields.LISTS.contains(field))) {
				problems.reject("values." + field, "merge.source.unknown", String.valueOf(source));
			}
		});
		problems.throwIfAny();
		Map<String, @Nullable Object> chosen = new LinkedHashMap<>();
		for (String field : fields) {
			Object s = survivor.values().get(field);
			Object m = merged.values().get(field);
			Source source = Optional.ofNullable(MergeFields.Source.of(command.values().get(field)))
				.orElseGet(() -> MergeFields.defaultSource(field, s, m, mergedIsNewer));
			chosen.put(field, MergeFields.choose(field, source, s, m));
		}
		if (kind == CustomerKind.COMPANY) {
			// A company cannot become its own parent, nor the child of the one merged
			// into
			// it.
			Object parent = chosen.get("parentId");
			if (command.survivorId().toString().equals(parent) || command.mergedId().toString().equals(parent)) {
				chosen.put("parentId", null);
			}
		}
		Map<String, @Nullable Object> before = normal(survivor.values());
		Map<String, @Nullable Object> after = normal(replace(kind, command.survivorId(), survivor.side().version(),
				chosen, "merge: " + merged.side().name()));
		this.customers.markMerged(kind, command.mergedId(), command.survivorId());
		Map<String, List<UUID>> moved = new LinkedHashMap<>();
		for (MergeParticipant participant : this.participants) {
			moved.put(participant.name(),
					List.copyOf(participant.move(kind, command.mergedId(), command.survivorId())));
		}
		OffsetDateTime now = now();
		CustomerMergeRecord record = this.dsl.newRecord(CUSTOMER_MERGE);
		record.setId(Ids.newId());
		record.setKind(kindName(kind));
		record.setSurvivorId(command.survivorId());
		record.setMergedId(command.mergedId());
		String survivorName = (kind == CustomerKind.PERSON) ? String.valueOf(after.get("displayName"))
				: String.valueOf(after.get("name"));
		record.setSurvivorName(cut(survivorName));
		record.setMergedName(cut(merged.side().name()));
		record.setSurvivorBefore(this.json.writeValueAsString(before));
		record.setSurvivorAfter(this.json.writeValueAsString(after));
		record.setMoved(this.json.writeValueAsString(moved));
		record.setUndoUntil(now.plusDays(this.properties.mergeUndoDays()));
		record.store();
		this.changeLog.record(kindName(kind), command.survivorId(),
				List.of(new ChangeLog.FieldChange("merged", null, merged.side().name())));
		this.changeLog.record(KIND, record.getId(),
				List.of(new ChangeLog.FieldChange("merged", null, merged.side().name() + " → " + survivorName)));
		this.events.publishEvent(new CustomersMerged(record.getId(), kind, command.survivorId(), command.mergedId()));
		this.events.publishEvent(new CustomersChanged(kind, List.of(command.survivorId(), command.mergedId())));
		List<UUID> people = moved.getOrDefault("customers.people", List.of());
		if (kind == CustomerKind.COMPANY && !people.isEmpty()) {
			this.events.publishEvent(new CustomersChanged(CustomerKind.PERSON, people));
		}
		return view(record);
	}

	/**
	 * Undoes a merge of records the current user may change: moves back exactly what was
	 * moved, brings the merged record back, and restores the survivor's previous values
	 * field by field, except fields changed since the merge, which keep their value.
	 * Rejects a merge already undone or past its period (422); 404 when the merged record
	 * was removed for good. Publishes {@link MergeUndone} and {@link CustomersChanged}.
	 */
	@Transactional
	public Undone undo(UUID id) {
		CustomerMergeRecord record = this.dsl.selectFrom(CUSTOMER_MERGE)
			.where(WorkspaceScope.of(CUSTOMER_MERGE.WORKSPACE_ID))
			.and(CUSTOMER_MERGE.ID.eq(id))
			.forUpdate()
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(KIND, id));
		CustomerKind kind = kind(record.getKind());
		Loaded survivor = load(kind, record.getSurvivorId());
		if (record.getUndoneAt() != null) {
			throw new BusinessRuleException(null, "merge.undo.done");
		}
		if (!now().isBefore(record.getUndoUntil())) {
			throw new BusinessRuleException(null, "merge.undo.expired");
		}
		Map<String, List<UUID>> moved = this.json.readValue(record.getMoved(), MOVED);
		List<MergeParticipant> reversed = new ArrayList<>(this.participants);
		java.util.Collections.reverse(reversed);
		for (MergeParticipant participant : reversed) {
			List<UUID> ids = moved.get(participant.name());
			if (ids != null && !ids.isEmpty()) {
				participant.moveBack(kind, record.getMergedId(), record.getSurvivorId(), ids);
			}
		}
		moved.keySet()
			.stream()
			.filter((name) -> this.participants.stream().noneMatch((p) -> p.name().equals(name)))
			.forEach((name) -> log.warn("Merge {}: nothing moves back the records of {}", id, name));
		this.customers.unmarkMerged(kind, record.getMergedId());
		Map<String, @Nullable Object> before = this.json.readValue(record.getSurvivorBefore(), VALUES);
		Map<String, @Nullable Object> after = this.json.readValue(record.getSurvivorAfter(), VALUES);
		Map<String, @Nullable Object> current = normal(survivor.values());
		Map<String, @Nullable Object> restored = new LinkedHashMap<>();
		List<String> kept = new ArrayList<>();
		Set<String> fields = new LinkedHashSet<>(before.keySet());
		fields.addAll(after.keySet());
		fields.addAll(current.keySet());
		for (String field : fields) {
			if (Objects.equals(current.get(field), after.get(field))) {
				restored.put(field, before.get(field));
			}
			else {
				restored.put(field, current.get(field));
				kept.add(field);
			}
		}
		if (!restored.equals(current)) {
			replace(kind, record.getSurvivorId(), survivor.side().version(), restored, "merge undone");
		}
		record.setUndoneAt(now());
		record.setUndoneBy(Actors.require().userId());
		record.store();
		this.changeLog.record(kindName(kind), record.getSurvivorId(),
				List.of(new ChangeLog.FieldChange("merged", record.getMergedName(), null)));
		this.changeLog.record(KIND, id, List.of(new ChangeLog.FieldChange("undone", null, now().toString())));
		this.events.publishEvent(new MergeUndone(id, kind, record.getSurvivorId(), record.getMergedId()));
		this.events.publishEvent(new CustomersChanged(kind, List.of(record.getSurvivorId(), record.getMergedId())));
		List<UUID> people = moved.getOrDefault("customers.people", List.of());
		if (kind == CustomerKind.COMPANY && !people.isEmpty()) {
			this.events.publishEvent(new CustomersChanged(CustomerKind.PERSON, people));
		}
		return new Undone(view(record), kept);
	}

	/**
	 * A merge whose survivor the current user may read (or whose merged record, once
	 * undone); 404 otherwise.
	 */
	@Transactional(readOnly = true)
	public Merge get(UUID id) {
		CustomerMergeRecord record = this.dsl.selectFrom(CUSTOMER_MERGE)
			.where(WorkspaceScope.of(CUSTOMER_MERGE.WORKSPACE_ID))
			.and(CUSTOMER_MERGE.ID.eq(id))
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(KIND, id));
		if (readable(List.of(record)).isEmpty()) {
			throw new NotFoundException(KIND, id);
		}
		return view(record);
	}

	/** The latest merges of records the current user may read, newest first. */
	@Transactional(readOnly = true)
	public List<Merge> recent(int limit) {
		List<CustomerMergeRecord> records = this.dsl.selectFrom(CUSTOMER_MERGE)
			.where(WorkspaceScope.of(CUSTOMER_MERGE.WORKSPACE_ID))
			.orderBy(CUSTOMER_MERGE.CREATED_AT.desc(), CUSTOMER_MERGE.ID.desc())
			.limit(limit)
			.fetch();
		Set<UUID> readable = readable(records);
		Map<UUID, String> names = new HashMap<>();
		return records.stream().filter((r) -> readable.contains(r.getId())).map((r) -> view(r, names)).toList();
	}

	/** Whether a merge can still be undone now. */
	public boolean undoable(Merge merge) {
		return merge.undoable(now());
	}

	/** Which of these merges concern a record the current user may read now. */
	private Set<UUID> readable(List<CustomerMergeRecord> records) {
		Set<UUID> people = new HashSet<>();
		Set<UUID> companies = new HashSet<>();
		for (CustomerMergeRecord r : records) {
			Set<UUID> ids = "person".equals(r.getKind()) ? people : companies;
			ids.add(r.getSurvivorId());
			ids.add(r.getMergedId());
		}
		Set<UUID> visible = new HashSet<>(this.customers.readablePeople(people));
		visible.addAll(this.companyNames.namesOf(companies).keySet());
		Set<UUID> readable = new HashSet<>();
		for (CustomerMergeRecord r : records) {
			if (visible.contains(r.getSurvivorId()) || visible.contains(r.getMergedId())) {
				readable.add(r.getId());
			}
		}
		return readable;
	}

	/** A record to merge, as the current user may change it. */
	private record Loaded(Side side, Map<String, @Nullable Object> values) {
	}

	private Loaded load(CustomerKind kind, UUID id) {
		if (kind == CustomerKind.PERSON) {
			PersonView p = this.customers.personForChange(id);
			return new Loaded(new Side(p.id(), p.displayName(), p.createdAt(), p.updatedAt(), p.version()),
					MergeFields.of(p));
		}
		CompanyView c = this.customers.companyForChange(id);
		return new Loaded(new Side(c.id(), c.name(), c.createdAt(), c.updatedAt(), c.version()), MergeFields.of(c));
	}

	private Map<String, @Nullable Object> replace(CustomerKind kind, UUID id, int version,
			Map<String, @Nullable Object> values, String reason) {
		if (kind == CustomerKind.PERSON) {
			return MergeFields.of(this.customers.replacePerson(id, version, MergeFields.personChange(values),
					MergeFields.stage(values), reason));
		}
		return MergeFields.of(this.customers.replaceCompany(id, version, MergeFields.companyChange(values)));
	}

	/**
	 * The values as they read back from JSON, so that stored and current ones compare.
	 */
	private Map<String, @Nullable Object> normal(Map<String, @Nullable Object> values) {
		return this.json.readValue(this.json.writeValueAsString(values), VALUES);
	}

	/** A field the merge changed on the survivor, with its values as shown. */
	public record Change(String field, String before, String after) {
	}

	/** The fields of the survivor the merge changed, in order, with names for ids. */
	@Transactional(readOnly = true)
	public List<Change> changes(Merge merge) {
		Map<String, String> names = names(merge.before(), merge.after());
		List<Change> changes = new ArrayList<>();
		merge.after().forEach((field, value) -> {
			Object before = merge.before().get(field);
			if (!Objects.equals(before, value)) {
				changes.add(new Change(field, shown(field, before, names), shown(field, value, names)));
			}
		});
		return changes;
	}

	private Map<String, String> names(Loaded one, Loaded two) {
		return names(one.values(), two.values());
	}

	/** The names of the users, teams and companies the two records name. */
	private Map<String, String> names(Map<String, @Nullable Object> one, Map<String, @Nullable Object> two) {
		Map<String, String> names = new HashMap<>();
		Set<UUID> companies = new HashSet<>();
		for (Map<String, @Nullable Object> values : List.of(one, two)) {
			for (String field : List.of("ownerId", "companyId", "parentId")) {
				Object value = values.get(field);
				if (value != null && "ownerId".equals(field)) {
					this.users.find(UUID.fromString(value.toString()))
						.ifPresent((u) -> names.put(value.toString(), u.displayName()));
				}
				else if (value != null) {
					companies.add(UUID.fromString(value.toString()));
				}
			}
		}
		this.companyNames.namesOf(companies).forEach((id, name) -> names.put(id.toString(), name));
		this.teams.list().forEach((t) -> names.put(t.id().toString(), t.name()));
		return names;
	}

	/** A value as the compare page shows it. */
	static String shown(String field, @Nullable Object value, Map<String, String> names) {
		if (MergeFields.empty(value)) {
			return "";
		}
		if (value instanceof List<?> list) {
			List<String> items = new ArrayList<>();
			for (Object item : list) {
				if (item instanceof Map<?, ?> map) {
					items.add(switch (field) {
						case "emails" -> String.valueOf(map.get("address"));
						case "phones" -> String.valueOf(map.get("number"));
						default -> String.join(", ",
								map.entrySet()
									.stream()
									.filter((e) -> !"label".equals(e.getKey()) && e.getValue() != null)
									.map((e) -> String.valueOf(e.getValue()))
									.toList());
					});
				}
				else {
					items.add(String.valueOf(item));
				}
			}
			return String.join("; ", items);
		}
		return names.getOrDefault(String.valueOf(value), String.valueOf(value));
	}

	private Merge view(CustomerMergeRecord r) {
		return view(r, new HashMap<>());
	}

	private Merge view(CustomerMergeRecord r, Map<UUID, String> userNames) {
		UUID by = r.getCreatedBy();
		String byName = (by == null) ? ""
				: userNames.computeIfAbsent(by, (u) -> this.users.find(u).map(UserView::displayName).orElse(""));
		return new Merge(r.getId(), kind(r.getKind()), r.getSurvivorId(), r.getSurvivorName(), r.getMergedId(),
				r.getMergedName(), r.getCreatedAt(), by, byName, r.getUndoUntil(), r.getUndoneAt(), r.getUndoneBy(),
				this.json.readValue(r.getSurvivorBefore(), VALUES), this.json.readValue(r.getSurvivorAfter(), VALUES),
				this.json.readValue(r.getMoved(), MOVED));
	}

	private static List<String> standard(CustomerKind kind) {
		return (kind == CustomerKind.PERSON) ? MergeFields.PERSON : MergeFields.COMPANY;
	}

	static String kindName(CustomerKind kind) {
		return (kind == CustomerKind.PERSON) ? "person" : "company";
	}

	static CustomerKind kind(String name) {
		return "company".equals(name) ? CustomerKind.COMPANY : CustomerKind.PERSON;
	}

	private static String cut(String name) {
		return (name.length() > 300) ? name.substring(0, 299) + "…" : name;
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
