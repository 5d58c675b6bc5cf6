package dev.rapport.activities.internal.reminders;

import static dev.rapport.activities.internal.db.Tables.ACTIVITY;
import static dev.rapport.activities.internal.db.Tables.REMINDER;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.activities.internal.db.tables.records.ActivityRecord;
import dev.rapport.activities.internal.db.tables.records.ReminderRecord;
import dev.rapport.identity.UserView;
import dev.rapport.identity.Users;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Notifications;
import dev.rapport.platform.OutgoingMail;

/**
 * Delivers due reminders exactly once, with any number of nodes: a transaction claims a
 * small batch of due rows with {@code FOR UPDATE SKIP LOCKED} (rows another run holds are
 * skipped, not waited for) and delivers each in a savepoint of its own: the in-app
 * notification, the e-mail queued in the outbox and the row marked delivered commit
 * together or not at all. A run that dies rolls its claim back, and the next run on any
 * node delivers those reminders, late but once. A reminder that fails stays pending for
 * the next run while the others of its batch are delivered.
 */
@Component
public class ReminderDelivery {

	private static final Logger log = LoggerFactory.getLogger(ReminderDelivery.class);

	static final String PENDING = "pending";

	static final String DELIVERED = "delivered";

	static final String CANCELED = "canceled";

	private final DSLContext dsl;

	private final TransactionTemplate batches;

	private final TransactionTemplate savepoints;

	private final Notifications notifications;

	private final OutgoingMail mail;

	private final Users users;

	private final ReminderTexts texts;

	private final ReminderProperties properties;

	private final Clock clock;

	ReminderDelivery(DSLContext dsl, PlatformTransactionManager transactionManager, Notifications notifications,
			OutgoingMail mail, Users users, ReminderTexts texts, ReminderProperties properties, Clock clock) {
		this.dsl = dsl;
		this.batches = new TransactionTemplate(transactionManager);
		this.savepoints = new TransactionTemplate(transactionManager);
		this.savepoints.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.notifications = notifications;
		this.mail = mail;
		this.users = users;
		this.texts = texts;
		this.properties = properties;
		this.clock = clock;
	}

	/** What one run did. */
	public record Run(int delivered, int canceled, int failed) {
	}

	/**
	 * Delivers every reminder due at the start of the run that no other run holds.
	 * Reminders of done, canceled or deleted activities, and of users who left, are
	 * canceled instead.
	 */
	public Run deliverDue() {
		OffsetDateTime runStart = now();
		Set<UUID> failed = new HashSet<>();
		int[] counts = new int[2];
		while (true) {
			Integer claimed = this.batches.execute((status) -> deliverBatch(runStart, failed, counts));
			if (claimed == null || claimed < this.properties.batchSize()) {
				return new Run(counts[0], counts[1], failed.size());
			}
		}
	}

	private int deliverBatch(OffsetDateTime runStart, Set<UUID> failed, int[] counts) {
		List<ReminderRecord> due = this.dsl.selectFrom(REMINDER)
			.where(REMINDER.STATUS.eq(PENDING))
			.and(REMINDER.REMIND_AT.le(runStart))
			.and(failed.isEmpty() ? DSL.noCondition() : REMINDER.ID.notIn(failed))
			.orderBy(REMINDER.REMIND_AT, REMINDER.ID)
			.limit(this.properties.batchSize())
			.forUpdate()
			.skipLocked()
			.fetch();
		for (ReminderRecord reminder : due) {
			try {
				Boolean delivered = this.savepoints.execute(
						(status) -> Actors.callAs(Actor.system(reminder.getWorkspaceId()), () -> deliver(reminder)));
				counts[Boolean.TRUE.equals(delivered) ? 0 : 1]++;
			}
			catch (RuntimeException ex) {
				failed.add(reminder.getId());
				log.warn("Reminder {} of activity {} could not be delivered; it stays pending for the next run",
						reminder.getId(), reminder.getActivityId(), ex);
			}
		}
		return due.size();
	}

	/** Delivers one claimed reminder; false when it was canceled instead. */
	private boolean deliver(ReminderRecord reminder) {
		ActivityRecord activity = this.dsl.selectFrom(ACTIVITY)
			.where(ACTIVITY.WORKSPACE_ID.eq(reminder.getWorkspaceId()))
			.and(ACTIVITY.ID.eq(reminder.getActivityId()))
			.fetchOne();
		UserView user = this.users.find(reminder.getUserId()).orElse(null);
		if (activity == null || activity.getDeletedAt() != null || !"open".equals(activity.getStatus()) || user == null
				|| !user.active()) {
			reminder.setStatus(CANCELED);
			reminder.store();
			return false;
		}
		OffsetDateTime now = now();
		boolean late = reminder.getRemindAt().plus(this.properties.lateAfter()).isBefore(now);
		ReminderTexts.Texts texts = this.texts.of(activity, reminder, user, late, now);
		this.notifications.notify(user.id(), texts.notificationKey(), texts.notificationArguments(), texts.link());
		this.mail.queue(user.email(), texts.subject(), texts.body(), messageId(reminder.getId()));
		reminder.setStatus(DELIVERED);
		reminder.setDeliveredAt(now);
		reminder.store();
		return true;
	}

	/** The Message-ID of a reminder's mail: the same on every attempt and every node. */
	public static String messageId(UUID reminderId) {
		return "<reminder-" + reminderId + "@rapport>";
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
