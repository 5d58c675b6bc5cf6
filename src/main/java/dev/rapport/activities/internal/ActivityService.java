package dev.rapport.activities.internal;

import static dev.rapport.activities.internal.db.Tables.ACTIVITY;
import static dev.rapport.activities.internal.db.Tables.ACTIVITY_ATTENDEE;
import static dev.rapport.activities.internal.db.Tables.REMINDER;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.activities.Activities;
import dev.rapport.activities.ActivityInput;
import dev.rapport.activities.ActivityPage;
import dev.rapport.activities.ActivityQuery;
import dev.rapport.activities.ActivityView;
import dev.rapport.activities.internal.db.tables.records.ActivityAttendeeRecord;
import dev.rapport.activities.internal.db.tables.records.ActivityRecord;
import dev.rapport.customers.Customers;
import dev.rapport.customers.Interaction;
import dev.rapport.customers.InteractionInput;
import dev.rapport.customers.timeline.Timeline;
import dev.rapport.customers.timeline.TimelineEntry;
import dev.rapport.identity.Access;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.identity.AccessScope;
import dev.rapport.identity.OwnedRecords;
import dev.rapport.identity.Teams;
import dev.rapport.identity.UserView;
import dev.rapport.identity.Users;
import dev.rapport.platform.ActorPrincipal;
import dev.rapport.platform.Actors;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Cursor;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.RecordRules;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.web.AccessDeniedProblem;

/**
 * Tasks, calls, meetings and notes: creating and changing them with their attendees and
 * reminders, completing them (logging the outcome of a call or meeting as an interaction,
 * and making the next occurrence of a recurring task), deleting them softly, and listing
 * them. The assignee acts as the owner for the access policy; users attending a call or
 * meeting may read it, not change it. Each activity about a person or company is on their
 * timeline.
 */
@Service
public class ActivityService implements Activities {

	static final String KIND = "activity";

	static final String MODULE = "activities";

	static final OwnedRecords OWNED = new OwnedRecords(ACTIVITY.WORKSPACE_ID, ACTIVITY.ASSIGNEE_ID, ACTIVITY.TEAM_ID);

	/** Where activities without a date sort: after every dated one. */
	private static final OffsetDateTime UNDATED = OffsetDateTime.of(9999, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC);

	private static final Field<OffsetDateTime> SORT = DSL.coalesce(ACTIVITY.STARTS_AT, DSL.val(UNDATED));

	private final DSLContext dsl;

	private final AccessPolicy policy;

	private final Customers customers;

	private final Timeline timeline;

	private final Users users;

	private final Teams teams;

	private final RelatedDeals deals;

	private final ReminderSchedule reminders;

	private final Clock clock;

	private final RecordRules rules;

	ActivityService(DSLContext dsl, AccessPolicy policy, Customers customers, Timeline timeline, Users users,
			Teams teams, RelatedDeals deals, ReminderSchedule reminders, Clock clock,
			ObjectProvider<RecordRules> rules) {
		this.rules = RecordRules.of(rules);
		this.dsl = dsl;
		this.policy = policy;
		this.customers = customers;
		this.timeline = timeline;
		this.users = users;
		this.teams = teams;
		this.deals = deals;
		this.reminders = reminders;
		this.clock = clock;
	}

	/** The standard fields of an activity that validation rules can name. */
	static final List<String> RULE_FIELDS = List.of("kind", "title", "notes", "priority", "status", "startsAt",
			"endsAt", "dueOn", "assigneeId", "teamId", "personId", "companyId", "dealId", "place", "link",
			"recurrence");

	/** An activity as the workspace's validation rules see it. */
	static Map<String, @Nullable Object> ruleValues(ActivityRecord a) {
		Map<String, @Nullable Object> values = new java.util.LinkedHashMap<>();
		values.put("kind", a.getKind());
		values.put("title", a.getTitle());
		values.put("notes", a.getNotes());
		values.put("priority", a.getPriority());
		values.put("status", a.getStatus());
		boolean allDay = Boolean.TRUE.equals(a.getAllDay());
		values.put("startsAt", allDay ? null : a.getStartsAt());
		values.put("endsAt", a.getEndsAt());
		values.put("dueOn", (allDay && a.getStartsAt() != null) ? a.getStartsAt().toLocalDate() : null);
		values.put("assigneeId", a.getAssigneeId());
		values.put("teamId", a.getTeamId());
		values.put("personId", a.getPersonId());
		values.put("companyId", a.getCompanyId());
		values.put("dealId", a.getDealId());
		values.put("place", a.getPlace());
		values.put("link", a.getLink());
		values.put("recurrence", a.getRecurrence());
		return values;
	}

	private void checkRules(ActivityRecord record) {
		this.rules.check(RecordRules.ACTIVITY, ruleValues(record));
	}

	/** The values of an activity the user may read, to try a rule on it. */
	@Transactional(readOnly = true)
	public Optional<Map<String, @Nullable Object>> ruleValues(UUID id) {
		return readable(id).map(ActivityService::ruleValues);
	}

	// Reading

	@Override
	@Transactional(readOnly = true)
	public Optional<ActivityView> find(UUID id) {
		return readable(id).map(this::view);
	}

	/** An activity the current user may read; 404 otherwise. */
	@Transactional(readOnly = true)
	public ActivityView get(UUID id) {
		return find(id).orElseThrow(() -> new NotFoundException(KIND, id));
	}

	/** Whether the current user may change this activity (not only read it). */
	@Transactional(readOnly = true)
	public boolean changeable(ActivityView activity) {
		return this.policy.currentScope().allows(Access.UPDATE, activity.assigneeId(), activity.teamId());
	}

	@Override
	@Transactional(readOnly = true)
	public List<ActivityView> openOf(UUID assigneeId, int limit) {
		return list(new ActivityQuery(assigneeId, null, ActivityView.OPEN, null, null, null, null, null, null), null,
				limit)
			.items();
	}

	@Override
	@Transactional(readOnly = true)
	public ActivityPage list(ActivityQuery query, @Nullable String cursor, int limit) {
		Condition condition = readableCondition().and(ACTIVITY.DELETED_AT.isNull());
		if (query.assigneeId() != null) {
			condition = condition.and(ACTIVITY.ASSIGNEE_ID.eq(query.assigneeId()));
		}
		if (query.kind() != null && !query.kind().isBlank()) {
			condition = condition.and(ACTIVITY.KIND.eq(query.kind().strip().toLowerCase(Locale.ROOT)));
		}
		if (query.status() != null && !query.status().isBlank()) {
			condition = condition.and(ACTIVITY.STATUS.eq(query.status().strip().toLowerCase(Locale.ROOT)));
		}
		if (query.from() != null) {
			condition = condition.and(ACTIVITY.STARTS_AT.ge(utc(query.from())));
		}
		if (query.to() != null) {
			condition = condition.and(ACTIVITY.STARTS_AT.lt(utc(query.to())));
		}
		if (query.personId() != null) {
			condition = condition.and(ACTIVITY.PERSON_ID.eq(query.personId()));
		}
		if (query.companyId() != null) {
			condition = condition.and(ACTIVITY.COMPANY_ID.eq(query.companyId()));
		}
		if (query.dealId() != null) {
			condition = condition.and(ACTIVITY.DEAL_ID.eq(query.dealId()));
		}
		if (query.view() != null && !query.view().isBlank()) {
			condition = condition.and(view(query.view().strip().toLowerCase(Locale.ROOT)));
		}
		if (cursor != null && !cursor.isBlank()) {
			List<String> values = Cursor.decode(cursor, 2);
			try {
				condition = condition.and(DSL.row(SORT, ACTIVITY.ID)
					.gt(DSL.row(DSL.val(OffsetDateTime.parse(values.get(0))),
							DSL.val(UUID.fromString(values.get(1))))));
			}
			catch (RuntimeException ex) {
				throw new BusinessRuleException("cursor", "problem.cursor.invalid");
			}
		}
		List<ActivityRecord> rows = this.dsl.selectFrom(ACTIVITY)
			.where(condition)
			.orderBy(SORT, ACTIVITY.ID)
			.limit(limit + 1)
			.fetch();
		String next = null;
		if (rows.size() > limit) {
			rows = rows.subList(0, limit);
			ActivityRecord last = rows.get(limit - 1);
			OffsetDateTime sort = (last.getStartsAt() != null) ? utc(last.getStartsAt()) : UNDATED;
			next = Cursor.encode(sort.toString(), last.getId().toString());
		}
		return new ActivityPage(views(rows), next);
	}

	/**
	 * The open activities of a person, company or deal, soonest first, and the newest
	 * done ones.
	 */
	@Transactional(readOnly = true)
	public Related related(@Nullable UUID personId, @Nullable UUID companyId, @Nullable UUID dealId, int limit) {
		Condition about = (personId != null) ? ACTIVITY.PERSON_ID.eq(personId) : (companyId != null)
				? ACTIVITY.COMPANY_ID.eq(companyId) : ACTIVITY.DEAL_ID.eq(Objects.requireNonNull(dealId));
		Condition base = readableCondition().and(ACTIVITY.DELETED_AT.isNull()).and(about);
		List<ActivityRecord> open = this.dsl.selectFrom(ACTIVITY)
			.where(base.and(ACTIVITY.STATUS.eq(ActivityView.OPEN)))
			.orderBy(SORT, ACTIVITY.ID)
			.limit(limit)
			.fetch();
		List<ActivityRecord> recent = this.dsl.selectFrom(ACTIVITY)
			.where(base.and(ACTIVITY.STATUS.ne(ActivityView.OPEN)))
			.orderBy(DSL.coalesce(ACTIVITY.DONE_AT, ACTIVITY.UPDATED_AT).desc(), ACTIVITY.ID.desc())
			.limit(limit)
			.fetch();
		return new Related(views(open), views(recent));
	}

	/** The open and the recently finished activities of one record. */
	public record Related(List<ActivityView> open, List<ActivityView> recent) {
	}

	/** The name of a user, for pages. */
	@Transactional(readOnly = true)
	public String userName(UUID userId) {
		return this.users.find(userId).map(UserView::displayName).orElse("");
	}

	/** The name of a deal the user may read, for pages. */
	public Optional<String> dealName(UUID dealId) {
		return this.deals.nameOf(dealId);
	}

	/** The reminder rows of an activity the user may read. */
	@Transactional(readOnly = true)
	public List<ReminderSchedule.Row> remindersOf(UUID id) {
		ActivityView activity = get(id);
		return this.reminders.rowsOf(Actors.workspaceId(), activity.id());
	}

	// Writing

	@Override
	@Transactional
	public ActivityView create(ActivityInput input) {
		Valid valid = validate(input, null);
		ActivityRecord record = this.dsl.newRecord(ACTIVITY);
		record.setId(Ids.newId());
		record.setKind(valid.kind());
		fill(record, valid);
		OffsetDateTime now = now();
		if (ActivityView.NOTE.equals(valid.kind())) {
			record.setStatus(ActivityView.DONE);
			record.setDoneAt(now);
			record.setDoneBy(Actors.require().userId());
		}
		else {
			record.setStatus(ActivityView.OPEN);
		}
		if (valid.recurrence() != null) {
			record.setSeriesId(record.getId());
		}
		checkRules(record);
		record.store();
		writeAttendees(record, valid);
		writeReminders(record, valid.reminders());
		recordOnTimeline(record);
		if (record.getDealId() != null) {
			this.deals.touched(record.getDealId(), now);
		}
		return view(record);
	}

	/**
	 * Changes an activity into the given values (its kind stays): attendees and reminders
	 * left out (null) stay as they are. Pending reminders are rewritten. Rejects a stale
	 * version and invalid fields.
	 */
	@Transactional
	public ActivityView update(UUID id, int expectedVersion, ActivityInput input) {
		ActivityRecord record = lockForChange(id, Access.UPDATE);
		StaleVersionException.check(KIND, expectedVersion, record.getVersion());
		ActivityView current = view(record);
		Valid valid = validate(input, current);
		fill(record, valid);
		if (valid.recurrence() != null && record.getSeriesId() == null) {
			record.setSeriesId(record.getId());
		}
		checkRules(record);
		record.store();
		if (input.attendeeUserIds() != null || input.attendeePersonIds() != null) {
			this.dsl.deleteFrom(ACTIVITY_ATTENDEE)
				.where(ACTIVITY_ATTENDEE.WORKSPACE_ID.eq(record.getWorkspaceId()))
				.and(ACTIVITY_ATTENDEE.ACTIVITY_ID.eq(record.getId()))
				.execute();
			writeAttendees(record, valid);
		}
		if (ActivityView.OPEN.equals(record.getStatus())) {
			writeReminders(record, valid.reminders());
		}
		recordOnTimeline(record);
		return view(record);
	}

	/** Stops a recurring task: this occurrence is the last. */
	@Transactional
	public ActivityView stopSeries(UUID id, int expectedVersion) {
		ActivityRecord record = lockForChange(id, Access.UPDATE);
		StaleVersionException.check(KIND, expectedVersion, record.getVersion());
		record.setRecurrence(null);
		record.store();
		return view(record);
	}

	@Override
	@Transactional
	public ActivityView complete(UUID id, int expectedVersion, @Nullable String outcome, boolean logInteraction) {
		ActivityRecord record = lockForChange(id, Access.UPDATE);
		StaleVersionException.check(KIND, expectedVersion, record.getVersion());
		if (!ActivityView.OPEN.equals(record.getStatus())) {
			throw new BusinessRuleException(null, "activities.activity.not-open", record.getStatus());
		}
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		String text = text(problems, "outcome", outcome, 2000);
		boolean scheduled = ActivityView.CALL.equals(record.getKind()) || ActivityView.MEETING.equals(record.getKind());
		if (logInteraction && !scheduled) {
			problems.reject("logInteraction", "activities.complete.log.kind");
		}
		else if (logInteraction && record.getPersonId() == null) {
			problems.reject("logInteraction", "activities.complete.log.person");
		}
		problems.throwIfAny();
		OffsetDateTime now = now();
		List<Integer> offsets = this.reminders.offsetsOf(record.getWorkspaceId(), record.getId());
		if (logInteraction) {
			Interaction interaction = this.customers.logInteraction(Objects.requireNonNull(record.getPersonId()),
					interaction(record, text, now));
			record.setInteractionId(interaction.id());
		}
		record.setStatus(ActivityView.DONE);
		record.setDoneAt(now);
		record.setDoneBy(Actors.require().userId());
		record.setOutcome(text);
		record.store();
		this.reminders.cancel(record.getWorkspaceId(), record.getId());
		recordOnTimeline(record);
		if (record.getDealId() != null) {
			this.deals.touched(record.getDealId(), now);
		}
		if (record.getRecurrence() != null && record.getStartsAt() != null) {
			nextOccurrence(record, offsets);
		}
		return view(record);
	}

	/**
	 * Moves an open activity to a new start, keeping its length; its pending reminders
	 * move with it. Rejects a stale version and an activity that is not open.
	 */
	@Transactional
	public ActivityView reschedule(UUID id, int expectedVersion, OffsetDateTime startsAt) {
		ActivityRecord record = lockForChange(id, Access.UPDATE);
		StaleVersionException.check(KIND, expectedVersion, record.getVersion());
		if (!ActivityView.OPEN.equals(record.getStatus())) {
			throw new BusinessRuleException(null, "activities.activity.not-open", record.getStatus());
		}
		OffsetDateTime start = startsAt.withOffsetSameInstant(ZoneOffset.UTC);
		if (record.getStartsAt() != null && record.getEndsAt() != null) {
			record.setEndsAt(start.plus(Duration.between(record.getStartsAt(), record.getEndsAt())));
		}
		List<Integer> offsets = this.reminders.offsetsOf(record.getWorkspaceId(), record.getId());
		record.setStartsAt(start);
		checkRules(record);
		record.store();
		writeReminders(record, offsets);
		recordOnTimeline(record);
		return view(record);
	}

	/** Cancels an open activity: it stays, marked canceled, and reminds nobody. */
	@Transactional
	public ActivityView cancel(UUID id, int expectedVersion) {
		ActivityRecord record = lockForChange(id, Access.UPDATE);
		StaleVersionException.check(KIND, expectedVersion, record.getVersion());
		if (!ActivityView.OPEN.equals(record.getStatus())) {
			throw new BusinessRuleException(null, "activities.activity.not-open", record.getStatus());
		}
		record.setStatus(ActivityView.CANCELED);
		record.store();
		this.reminders.cancel(record.getWorkspaceId(), record.getId());
		recordOnTimeline(record);
		return view(record);
	}

	/**
	 * Cancels every open activity about a person, whoever it is assigned to: nobody calls
	 * or meets a person who died. Their reminders are canceled too.
	 * @return how many activities were canceled
	 */
	@Transactional
	public int cancelOpenAbout(UUID personId) {
		List<ActivityRecord> open = this.dsl.selectFrom(ACTIVITY)
			.where(ACTIVITY.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(ACTIVITY.PERSON_ID.eq(personId))
			.and(ACTIVITY.STATUS.eq(ActivityView.OPEN))
			.and(ACTIVITY.DELETED_AT.isNull())
			.orderBy(ACTIVITY.ID)
			.forUpdate()
			.fetch();
		for (ActivityRecord record : open) {
			record.setStatus(ActivityView.CANCELED);
			record.store();
			this.reminders.cancel(record.getWorkspaceId(), record.getId());
			recordOnTimeline(record);
		}
		return open.size();
	}

	/**
	 * Deletes an activity softly: it leaves lists and timelines, and its pending
	 * reminders are canceled. Needs the right to delete the assignee's records.
	 */
	@Override
	@Transactional
	public void delete(UUID id, int expectedVersion) {
		ActivityRecord record = lockForChange(id, Access.DELETE);
		StaleVersionException.check(KIND, expectedVersion, record.getVersion());
		record.setDeletedAt(now());
		record.setDeletedBy(Actors.require().userId());
		record.store();
		this.reminders.cancel(record.getWorkspaceId(), record.getId());
		this.timeline.remove(MODULE, record.getId());
	}

	private void nextOccurrence(ActivityRecord done, List<Integer> offsets) {
		OffsetDateTime startsAt = Objects.requireNonNull(done.getStartsAt());
		OffsetDateTime next;
		Recurrence rule = Recurrence.parse(done.getRecurrence(), startsAt.toLocalDate()).orElseThrow();
		if (Boolean.TRUE.equals(done.getAllDay())) {
			next = rule.next(utc(startsAt).toLocalDate()).atStartOfDay().atOffset(ZoneOffset.UTC);
		}
		else {
			ZonedDateTime local = startsAt.atZoneSameInstant(zone());
			next = local.with(rule.next(local.toLocalDate())).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
		}
		ActivityRecord record = this.dsl.newRecord(ACTIVITY);
		record.setId(Ids.newId());
		record.setKind(done.getKind());
		record.setTitle(done.getTitle());
		record.setNotes(done.getNotes());
		record.setStatus(ActivityView.OPEN);
		record.setPriority(done.getPriority());
		record.setStartsAt(next);
		if (done.getEndsAt() != null) {
			record.setEndsAt(next.plus(Duration.between(startsAt, done.getEndsAt())));
		}
		record.setAllDay(done.getAllDay());
		record.setAssigneeId(done.getAssigneeId());
		record.setTeamId(done.getTeamId());
		record.setPersonId(done.getPersonId());
		record.setCompanyId(done.getCompanyId());
		record.setDealId(done.getDealId());
		record.setPlace(done.getPlace());
		record.setLink(done.getLink());
		record.setRecurrence(done.getRecurrence());
		record.setSeriesId((done.getSeriesId() != null) ? done.getSeriesId() : done.getId());
		record.store();
		for (ActivityAttendeeRecord attendee : attendeesOf(List.of(done.getId()))) {
			ActivityAttendeeRecord copy = this.dsl.newRecord(ACTIVITY_ATTENDEE);
			copy.setWorkspaceId(record.getWorkspaceId());
			copy.setId(Ids.newId());
			copy.setActivityId(record.getId());
			copy.setUserId(attendee.getUserId());
			copy.setPersonId(attendee.getPersonId());
			copy.store();
		}
		writeReminders(record, offsets);
		recordOnTimeline(record);
	}

	private InteractionInput interaction(ActivityRecord record, @Nullable String outcome, OffsetDateTime now) {
		OffsetDateTime at = (record.getStartsAt() != null && !record.getStartsAt().isAfter(now)) ? record.getStartsAt()
				: now;
		Integer duration = null;
		if (record.getStartsAt() != null && record.getEndsAt() != null) {
			long seconds = Duration.between(record.getStartsAt(), record.getEndsAt()).toSeconds();
			duration = (seconds > 0 && seconds <= 86_400) ? (int) seconds : null;
		}
		String channel = ActivityView.CALL.equals(record.getKind()) ? "call" : "meeting";
		String title = record.getTitle();
		String shortTitle = (title.length() > 100) ? title.substring(0, 100) : title;
		return new InteractionInput(channel, "outbound", at, duration, shortTitle, outcome,
				"activity:" + record.getId());
	}

	private void writeAttendees(ActivityRecord record, Valid valid) {
		for (UUID user : valid.attendeeUsers()) {
			ActivityAttendeeRecord attendee = this.dsl.newRecord(ACTIVITY_ATTENDEE);
			attendee.setWorkspaceId(record.getWorkspaceId());
			attendee.setId(Ids.newId());
			attendee.setActivityId(record.getId());
			attendee.setUserId(user);
			attendee.store();
		}
		for (UUID person : valid.attendeePeople()) {
			ActivityAttendeeRecord attendee = this.dsl.newRecord(ACTIVITY_ATTENDEE);
			attendee.setWorkspaceId(record.getWorkspaceId());
			attendee.setId(Ids.newId());
			attendee.setActivityId(record.getId());
			attendee.setPersonId(person);
			attendee.store();
		}
	}

	/**
	 * The assignee and the users attending a call or meeting are reminded; a task due on
	 * a date and a note are not.
	 */
	private void writeReminders(ActivityRecord record, Collection<Integer> offsets) {
		boolean timed = !ActivityView.NOTE.equals(record.getKind()) && !Boolean.TRUE.equals(record.getAllDay())
				&& record.getStartsAt() != null;
		Set<UUID> people = new LinkedHashSet<>();
		people.add(record.getAssigneeId());
		if (!ActivityView.TASK.equals(record.getKind())) {
			attendeesOf(List.of(record.getId())).stream()
				.map(ActivityAttendeeRecord::getUserId)
				.filter(Objects::nonNull)
				.forEach(people::add);
		}
		this.reminders.replace(record.getWorkspaceId(), record.getId(), timed ? record.getStartsAt() : null, people,
				timed ? offsets : List.of());
	}

	private void recordOnTimeline(ActivityRecord record) {
		// A call or meeting completed and logged is on the timeline as its interaction.
		if ((record.getPersonId() == null && record.getCompanyId() == null) || record.getInteractionId() != null) {
			this.timeline.remove(MODULE, record.getId());
			return;
		}
		Map<String, String> data = new LinkedHashMap<>();
		data.put("status", record.getStatus());
		OffsetDateTime at = (record.getDoneAt() != null) ? record.getDoneAt()
				: (record.getStartsAt() != null) ? record.getStartsAt() : record.getCreatedAt();
		UUID actor = (record.getDoneBy() != null) ? record.getDoneBy() : record.getAssigneeId();
		String summary = (record.getOutcome() != null) ? record.getOutcome() : record.getNotes();
		if (summary != null && summary.length() > 1000) {
			summary = summary.substring(0, 1000);
		}
		this.timeline.record(new TimelineEntry(record.getPersonId(), record.getCompanyId(), record.getKind(), utc(at),
				actor, record.getTitle(), summary, data, MODULE, record.getId(), "/activities/" + record.getId())
			.reachOf(record.getAssigneeId(), record.getTeamId()));
	}

	// Validation

	/** The values of an input, checked. */
	private record Valid(String kind, String title, @Nullable String notes, String priority,
			@Nullable OffsetDateTime startsAt, @Nullable OffsetDateTime endsAt, boolean allDay, UUID assigneeId,
			@Nullable UUID teamId, @Nullable UUID personId, @Nullable UUID companyId, @Nullable UUID dealId,
			@Nullable String place, @Nullable String link, @Nullable String recurrence, List<UUID> attendeeUsers,
			List<UUID> attendeePeople, List<Integer> reminders) {
	}

	private Valid validate(ActivityInput input, @Nullable ActivityView current) {
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		String kind = (input.kind() != null) ? input.kind().strip().toLowerCase(Locale.ROOT)
				: (current != null) ? current.kind() : "";
		if (current != null && !kind.equals(current.kind())) {
			problems.reject("kind", "activities.activity.kind.fixed");
		}
		else if (!ActivityView.KINDS.contains(kind)) {
			problems.reject("kind", "activities.activity.kind.unknown", String.join(", ", ActivityView.KINDS));
		}
		String title = text(problems, "title", input.title(), 300);
		if (title == null && !problems.has("title")) {
			problems.reject("title", "activities.activity.title.required");
		}
		String notes = text(problems, "notes", input.notes(), 10_000);
		String priority = (input.priority() != null && !input.priority().isBlank())
				? input.priority().strip().toLowerCase(Locale.ROOT) : "normal";
		if (!ActivityView.PRIORITIES.contains(priority)) {
			problems.reject("priority", "activities.activity.priority.unknown");
		}
		OffsetDateTime startsAt = (input.startsAt() != null) ? utc(input.startsAt()) : null;
		OffsetDateTime endsAt = (input.endsAt() != null) ? utc(input.endsAt()) : null;
		boolean allDay = false;
		switch (kind) {
			case ActivityView.TASK -> {
				if (input.dueOn() != null && startsAt == null) {
					startsAt = input.dueOn().atStartOfDay().atOffset(ZoneOffset.UTC);
					allDay = true;
				}
				else if (input.dueOn() != null) {
					problems.reject("dueOn", "activities.task.due.either");
				}
				if (endsAt != null) {
					problems.reject("endsAt", "activities.task.no-end");
				}
			}
			case ActivityView.CALL, ActivityView.MEETING -> {
				if (startsAt == null) {
					problems.reject("startsAt", "activities.activity.start.required");
				}
				else if (endsAt != null && !endsAt.isAfter(startsAt)) {
					problems.reject("endsAt", "activities.activity.end.after-start");
				}
			}
			case ActivityView.NOTE -> {
				if (startsAt == null) {
					startsAt = (current != null && current.startsAt() != null) ? current.startsAt() : now();
				}
				endsAt = null;
			}
			default -> {
			}
		}
		UUID me = Objects.requireNonNull(Actors.require().userId());
		UUID assigneeId = (input.assigneeId() != null) ? input.assigneeId()
				: (current != null) ? current.assigneeId() : me;
		if (!assigneeId.equals(me) && (current == null || !assigneeId.equals(current.assigneeId()))) {
			if (this.users.find(assigneeId).filter(UserView::active).isEmpty()) {
				problems.reject("assigneeId", "activities.activity.assignee.unknown");
			}
		}
		if (input.teamId() != null && (current == null || !input.teamId().equals(current.teamId()))
				&& !this.teams.exists(input.teamId())) {
			problems.reject("teamId", "activities.activity.team.unknown");
		}
		if (input.personId() != null && (current == null || !input.personId().equals(current.personId()))
				&& this.customers.findPerson(input.personId()).isEmpty()) {
			problems.reject("personId", "activities.activity.person.unknown");
		}
		if (input.companyId() != null && (current == null || !input.companyId().equals(current.companyId()))
				&& this.customers.findCompany(input.companyId()).isEmpty()) {
			problems.reject("companyId", "activities.activity.company.unknown");
		}
		if (input.dealId() != null && (current == null || !input.dealId().equals(current.dealId()))
				&& !this.deals.exists(input.dealId())) {
			problems.reject("dealId", "activities.activity.deal.unknown");
		}
		String place = text(problems, "place", input.place(), 500);
		String link = text(problems, "link", input.link(), 1000);
		if (link != null && !link.matches("(?i)https?://\\S+")) {
			problems.reject("link", "activities.activity.link.invalid");
		}
		String recurrence = null;
		if (input.recurrence() != null && !input.recurrence().isBlank()) {
			Optional<Recurrence> rule = Recurrence.parse(input.recurrence(),
					(startsAt != null) ? startsAt.atZoneSameInstant(allDay ? ZoneOffset.UTC : zone()).toLocalDate()
							: LocalDate.now(this.clock));
			if (!ActivityView.TASK.equals(kind)) {
				problems.reject("recurrence", "activities.recurrence.tasks-only");
			}
			else if (startsAt == null) {
				problems.reject("recurrence", "activities.recurrence.needs-due");
			}
			else if (rule.isEmpty()) {
				problems.reject("recurrence", "activities.recurrence.invalid");
			}
			else {
				recurrence = rule.get().format();
			}
		}
		boolean scheduled = ActivityView.CALL.equals(kind) || ActivityView.MEETING.equals(kind);
		List<UUID> attendeeUsers = distinct(input.attendeeUserIds(),
				(current != null) ? current.attendeeUserIds() : List.of());
		List<UUID> attendeePeople = distinct(input.attendeePersonIds(),
				(current != null) ? current.attendeePersonIds() : List.of());
		if (!scheduled && (!attendeeUsers.isEmpty() || !attendeePeople.isEmpty())) {
			problems.reject("attendeeUserIds", "activities.attendees.scheduled-only");
		}
		else {
			for (UUID user : attendeeUsers) {
				if (this.users.find(user).isEmpty()) {
					problems.reject("attendeeUserIds", "activities.attendees.user.unknown");
					break;
				}
			}
			Set<UUID> readable = attendeePeople.isEmpty() ? Set.of() : this.customers.readablePeople(attendeePeople);
			if (readable.size() < attendeePeople.size()) {
				problems.reject("attendeePersonIds", "activities.attendees.person.unknown");
			}
		}
		List<Integer> offsets = (input.reminders() != null) ? input.reminders().stream().distinct().sorted().toList()
				: (current != null) ? current.reminders() : List.of();
		if (!offsets.isEmpty()) {
			if (input.reminders() != null && (ActivityView.NOTE.equals(kind) || allDay || startsAt == null)) {
				problems.reject("reminders", "activities.reminders.needs-time");
			}
			else if (offsets.stream().anyMatch((m) -> m == null || m < 0 || m > ReminderSchedule.MAX_MINUTES)) {
				problems.reject("reminders", "activities.reminders.range", ReminderSchedule.MAX_MINUTES);
			}
		}
		problems.throwIfAny();
		return new Valid(kind, Objects.requireNonNull(title), notes, priority, startsAt, endsAt, allDay, assigneeId,
				input.teamId(), input.personId(), input.companyId(), input.dealId(), place, link, recurrence,
				attendeeUsers, attendeePeople, offsets);
	}

	private static List<UUID> distinct(@Nullable List<UUID> given, List<UUID> current) {
		if (given == null) {
			return current;
		}
		return given.stream().filter(Objects::nonNull).distinct().toList();
	}

	private static void fill(ActivityRecord record, Valid valid) {
		record.setTitle(valid.title());
		record.setNotes(valid.notes());
		record.setPriority(valid.priority());
		record.setStartsAt(valid.startsAt());
		record.setEndsAt(valid.endsAt());
		record.setAllDay(valid.allDay());
		record.setAssigneeId(valid.assigneeId());
		record.setTeamId(valid.teamId());
		record.setPersonId(valid.personId());
		record.setCompanyId(valid.companyId());
		record.setDealId(valid.dealId());
		record.setPlace(valid.place());
		record.setLink(valid.link());
		record.setRecurrence(valid.recurrence());
	}

	private static @Nullable String text(InvalidFieldsException.Collector problems, String field, @Nullable String text,
			int max) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String value = text.strip();
		if (value.length() > max) {
			problems.reject(field, "activities.text.too-long", max);
			return null;
		}
		return value;
	}

	// Access

	/**
	 * Who may read: the access policy on the assignee and the team, and the users who
	 * attend.
	 */
	private Condition readableCondition() {
		AccessScope scope = this.policy.currentScope();
		Condition policy = this.policy.condition(OWNED, Access.READ);
		if (scope.administrator()) {
			return policy;
		}
		return policy.or(ACTIVITY.WORKSPACE_ID.eq(scope.workspaceId())
			.and(DSL.exists(DSL.selectOne()
				.from(ACTIVITY_ATTENDEE)
				.where(ACTIVITY_ATTENDEE.WORKSPACE_ID.eq(ACTIVITY.WORKSPACE_ID))
				.and(ACTIVITY_ATTENDEE.ACTIVITY_ID.eq(ACTIVITY.ID))
				.and(ACTIVITY_ATTENDEE.USER_ID.eq(scope.userId())))));
	}

	private Optional<ActivityRecord> readable(UUID id) {
		return this.dsl.selectFrom(ACTIVITY)
			.where(readableCondition())
			.and(ACTIVITY.ID.eq(id))
			.and(ACTIVITY.DELETED_AT.isNull())
			.fetchOptional();
	}

	/**
	 * An activity locked for a change: 404 when the user cannot read it, 403 when they
	 * may only read it (as an attendee, or a team member asked to delete).
	 */
	private ActivityRecord lockForChange(UUID id, Access access) {
		ActivityRecord found = readable(id).orElseThrow(() -> new NotFoundException(KIND, id));
		AccessScope scope = this.policy.currentScope();
		if (!scope.allows(access, found.getAssigneeId(), found.getTeamId())) {
			throw new AccessDeniedProblem("problem.forbidden." + access.name().toLowerCase(Locale.ROOT));
		}
		return this.dsl.selectFrom(ACTIVITY)
			.where(ACTIVITY.WORKSPACE_ID.eq(found.getWorkspaceId()))
			.and(ACTIVITY.ID.eq(id))
			.forUpdate()
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(KIND, id));
	}

	// Time

	/**
	 * The condition of a view in the user's time zone. Tasks due on a date are stored at
	 * midnight UTC of that date, so they are compared with the user's local dates placed
	 * at midnight UTC; timed activities are compared with the instants of the user's day.
	 */
	private Condition view(String view) {
		Condition open = ACTIVITY.STATUS.eq(ActivityView.OPEN);
		ZoneId zone = zone();
		OffsetDateTime now = now();
		LocalDate today = now.atZoneSameInstant(zone).toLocalDate();
		Condition allDay = ACTIVITY.ALL_DAY.isTrue();
		Condition timed = ACTIVITY.ALL_DAY.isFalse();
		Condition overdue = allDay.and(ACTIVITY.STARTS_AT.lt(dateAt(today))).or(timed.and(ACTIVITY.STARTS_AT.lt(now)));
		return switch (view) {
			case "open" -> open;
			case "overdue" -> open.and(overdue);
			case "today" -> open.and(within(today, today.plusDays(1), zone)).and(overdue.not());
			case "week" -> {
				DayOfWeek first = java.time.temporal.WeekFields.of(locale()).getFirstDayOfWeek();
				LocalDate start = today.with(TemporalAdjusters.previousOrSame(first));
				yield open.and(within(start, start.plusWeeks(1), zone)).and(overdue.not());
			}
			default -> throw new BusinessRuleException("view", "activities.view.unknown",
					String.join(", ", ActivityQuery.VIEWS));
		};
	}

	/** Due or starting from one local date (inclusive) to another (exclusive). */
	private static Condition within(LocalDate from, LocalDate to, ZoneId zone) {
		Condition allDay = ACTIVITY.ALL_DAY.isTrue()
			.and(ACTIVITY.STARTS_AT.ge(dateAt(from)))
			.and(ACTIVITY.STARTS_AT.lt(dateAt(to)));
		Condition timed = ACTIVITY.ALL_DAY.isFalse()
			.and(ACTIVITY.STARTS_AT.ge(from.atStartOfDay(zone).toOffsetDateTime()))
			.and(ACTIVITY.STARTS_AT.lt(to.atStartOfDay(zone).toOffsetDateTime()));
		return allDay.or(timed);
	}

	private static OffsetDateTime dateAt(LocalDate date) {
		return date.atStartOfDay().atOffset(ZoneOffset.UTC);
	}

	/** The current user's time zone; UTC for system work. */
	static ZoneId zone() {
		return Actors.principal().map(ActorPrincipal::timeZone).orElse(ZoneOffset.UTC);
	}

	private static Locale locale() {
		return Actors.principal().map(ActorPrincipal::locale).orElse(Locale.ENGLISH);
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

	private static OffsetDateTime utc(OffsetDateTime at) {
		return at.withOffsetSameInstant(ZoneOffset.UTC);
	}

	// Views

	private ActivityView view(ActivityRecord record) {
		return views(List.of(record)).get(0);
	}

	private List<ActivityView> views(List<ActivityRecord> records) {
		if (records.isEmpty()) {
			return List.of();
		}
		List<UUID> ids = records.stream().map(ActivityRecord::getId).toList();
		Map<UUID, List<UUID>> users = new HashMap<>();
		Map<UUID, List<UUID>> people = new HashMap<>();
		for (ActivityAttendeeRecord attendee : attendeesOf(ids)) {
			if (attendee.getUserId() != null) {
				users.computeIfAbsent(attendee.getActivityId(), (k) -> new ArrayList<>()).add(attendee.getUserId());
			}
			if (attendee.getPersonId() != null) {
				people.computeIfAbsent(attendee.getActivityId(), (k) -> new ArrayList<>()).add(attendee.getPersonId());
			}
		}
		Map<UUID, List<Integer>> offsets = new HashMap<>();
		this.dsl.selectDistinct(REMINDER.ACTIVITY_ID, REMINDER.MINUTES_BEFORE)
			.from(REMINDER)
			.where(REMINDER.WORKSPACE_ID.eq(records.get(0).getWorkspaceId()))
			.and(REMINDER.ACTIVITY_ID.in(ids))
			.and(REMINDER.STATUS.ne("canceled"))
			.orderBy(REMINDER.MINUTES_BEFORE)
			.forEach((r) -> offsets.computeIfAbsent(r.value1(), (k) -> new ArrayList<>()).add(r.value2()));
		List<ActivityView> views = new ArrayList<>(records.size());
		for (ActivityRecord r : records) {
			boolean allDay = Boolean.TRUE.equals(r.getAllDay());
			OffsetDateTime startsAt = (r.getStartsAt() != null) ? utc(r.getStartsAt()) : null;
			views.add(new ActivityView(r.getId(), r.getKind(), r.getTitle(), r.getNotes(), r.getStatus(),
					r.getPriority(), startsAt, (r.getEndsAt() != null) ? utc(r.getEndsAt()) : null, allDay,
					(allDay && startsAt != null) ? startsAt.toLocalDate() : null, r.getAssigneeId(), r.getTeamId(),
					r.getPersonId(), r.getCompanyId(), r.getDealId(), r.getPlace(), r.getLink(), r.getRecurrence(),
					r.getSeriesId(), (r.getDoneAt() != null) ? utc(r.getDoneAt()) : null, r.getDoneBy(), r.getOutcome(),
					r.getInteractionId(), users.getOrDefault(r.getId(), List.of()),
					people.getOrDefault(r.getId(), List.of()), offsets.getOrDefault(r.getId(), List.of()),
					utc(r.getCreatedAt()), r.getVersion()));
		}
		return views;
	}

	private List<ActivityAttendeeRecord> attendeesOf(List<UUID> ids) {
		return this.dsl.selectFrom(ACTIVITY_ATTENDEE)
			.where(ACTIVITY_ATTENDEE.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(ACTIVITY_ATTENDEE.ACTIVITY_ID.in(ids))
			.orderBy(ACTIVITY_ATTENDEE.ID)
			.fetch();
	}

}
