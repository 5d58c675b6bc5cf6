package dev.rapport.activities;

import static dev.rapport.activities.internal.db.Tables.ACTIVITY;
import static dev.rapport.activities.internal.db.Tables.REMINDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import dev.rapport.activities.internal.db.tables.records.ActivityRecord;
import dev.rapport.activities.internal.db.tables.records.ReminderRecord;
import dev.rapport.activities.internal.reminders.ReminderDelivery;
import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.identity.internal.UserService;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Ids;
import dev.rapport.platform.Notifications;
import dev.rapport.platform.Notifications.Notification;
import dev.rapport.platform.OutgoingMail;
import dev.rapport.platform.internal.mail.MailDispatcher;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Reminders reach their user exactly once, as an in-app notification and an e-mail sent
 * to a real SMTP server (GreenMail), with overlapping runs, a node killed mid-run, a run
 * that fails on one reminder, downtime, and an SMTP server that is down. The jobs are
 * called directly; their schedule is an hour so the background runs stay out of the way.
 *
 * <pre>
 * workspace "Reminders" (one per test): Ana Rep (Sales rep, Europe/Madrid), Ben Rep, Cleo Rep
 * </pre>
 */
@IntegrationTest
class ReminderDeliveryIntegrationTests {

	private static final int SMTP_PORT = freePort();

	private static GreenMail smtp = new GreenMail(smtpSetup());

	@Autowired
	ReminderDelivery delivery;

	@Autowired
	MailDispatcher mailer;

	@Autowired
	Notifications notifications;

	@Autowired
	OutgoingMail outbox;

	@Autowired
	DSLContext dsl;

	@Autowired
	DataSource dataSource;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserService userService;

	@Autowired
	UserDetailsLoader loader;

	@Autowired
	MockMvc mvc;

	@Autowired
	Scheduler scheduler;

	private UUID workspace;

	private UUID ana;

	private String anaEmail;

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP_PORT);
		registry.add("rapport.mail.retry-after", () -> "0s");
		registry.add("rapport.mail.max-attempts", () -> "3");
		registry.add("rapport.mail.base-url", () -> "https://crm.example.com/");
		registry.add("rapport.mail.interval", () -> "1h");
		registry.add("rapport.activities.reminders.interval", () -> "1h");
		registry.add("rapport.activities.reminders.batch-size", () -> "5");
	}

	@BeforeAll
	static void startSmtp() {
		smtp.start();
	}

	@AfterAll
	static void stopSmtp() {
		smtp.stop();
	}

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Reminders").id();
		this.ana = this.fixtures.user(this.workspace, "Ana Rep", "Sales rep", null);
		this.anaEmail = this.fixtures.email(this.workspace, this.ana);
		int version = as(this.ana, () -> this.userService.get(this.ana).version());
		as(this.ana, () -> this.userService.updateProfile(this.ana, version, "Ana Rep", "en", "Europe/Madrid"));
	}

	@Test
	void aDueReminderBecomesOneNotificationAndOneEmailInTheUsersTimeZone() throws Exception {
		OffsetDateTime startsAt = now().plusMinutes(30).truncatedTo(ChronoUnit.MINUTES);
		UUID call = activity("call", "Call with Ana Gómez", startsAt);
		UUID reminder = reminder(call, this.ana, now().minusMinutes(1));

		this.delivery.deliverDue();
		this.mailer.sendDue();
		this.delivery.deliverDue();
		this.mailer.sendDue();

		String when = shortTime(startsAt, ZoneId.of("Europe/Madrid"));
		List<Notification> notes = notificationsOf(this.ana);
		assertThat(notes).singleElement().satisfies((n) -> {
			assertThat(n.messageKey()).isEqualTo("reminders.notification");
			assertThat(n.arguments()).containsExactly("Call with Ana Gómez", when);
			assertThat(n.link()).isEqualTo("/activities/" + call);
		});
		assertThat(status(reminder)).isEqualTo("delivered");
		List<MimeMessage> mails = mailsTo(this.anaEmail);
		assertThat(mails).hasSize(1);
		MimeMessage mail = mails.get(0);
		assertThat(mail.getMessageID()).isEqualTo("<reminder-" + reminder + "@rapport>");
		assertThat(mail.getSubject()).isEqualTo("Reminder: Call with Ana Gómez at " + when);
		assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("rapport@localhost");
		String body = (String) mail.getContent();
		assertThat(body)
			.contains("Hello Ana Rep,", "Call: Call with Ana Gómez", "(Europe/Madrid)",
					"https://crm.example.com/activities/" + call)
			.doesNotContain("late");
		assertThat(as(null, () -> this.outbox.find("<reminder-" + reminder + "@rapport>")))
			.map(OutgoingMail.Mail::status)
			.hasValue(OutgoingMail.Status.SENT);

		String page = this.mvc
			.perform(get("/notifications").header("HX-Request", "true")
				.with(user(this.loader.loadUserByUsername(this.anaEmail))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Call with Ana Gómez at " + when, "href=\"/activities/" + call + "\"");
		String badge = this.mvc
			.perform(get("/notifications/badge").header("HX-Request", "true")
				.with(user(this.loader.loadUserByUsername(this.anaEmail))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		// The welcome notification and the reminder are unread; the badge keeps polling
		// for more.
		assertThat(badge).contains("hx-trigger=\"every 60s\"", ">2<");
	}

	@Test
	void twoRunsAtTheSameTimeDeliverEachReminderOnce() throws Exception {
		UUID ben = this.fixtures.user(this.workspace, "Ben Rep", "Sales rep", null);
		UUID cleo = this.fixtures.user(this.workspace, "Cleo Rep", "Sales rep", null);
		List<UUID> users = List.of(this.ana, ben, cleo);
		List<UUID> reminders = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			UUID task = activity("task", "Task " + i, now().plusHours(1));
			reminders.add(reminder(task, users.get(i % 3), now().minusMinutes(2)));
		}

		together(() -> this.delivery.deliverDue().delivered(), () -> this.delivery.deliverDue().delivered());
		together(this.mailer::sendDue, this.mailer::sendDue);

		for (UUID user : users) {
			assertThat(notificationsOf(user)).hasSize(20);
			List<MimeMessage> mails = mailsTo(this.fixtures.email(this.workspace, user));
			assertThat(mails).hasSize(20);
			assertThat(mails.stream().map(ReminderDeliveryIntegrationTests::messageId).distinct()).hasSize(20);
		}
		for (UUID reminder : reminders) {
			assertThat(status(reminder)).isEqualTo("delivered");
			assertThat(mailsWithId("<reminder-" + reminder + "@rapport>")).hasSize(1);
		}
	}

	@Test
	void aReminderHeldByANodeThatDiesIsDeliveredOnceByTheNextRun() throws Exception {
		UUID meeting = activity("meeting", "Quarterly review", now().plusMinutes(15));
		UUID held = reminder(meeting, this.ana, now().minusMinutes(1));
		UUID other = reminder(activity("task", "Send offer", now().plusMinutes(15)), this.ana, now().minusMinutes(1));

		try (Connection dying = this.dataSource.getConnection()) {
			dying.setAutoCommit(false);
			// The dying node claimed the reminder and wrote its notification, then never
			// committed.
			try (PreparedStatement claim = dying
				.prepareStatement("select id from reminder where workspace_id = ? and id = ? for update")) {
				claim.setObject(1, this.workspace);
				claim.setObject(2, held);
				try (ResultSet rows = claim.executeQuery()) {
					assertThat(rows.next()).isTrue();
				}
			}
			try (PreparedStatement notify = dying.prepareStatement(
					"insert into notification (workspace_id, id, user_id, message_key, message_args, link, created_at,"
							+ " updated_at, version) values (?, ?, ?, 'reminders.notification', 'Quarterly review',"
							+ " ?, ?, ?, 1)")) {
				notify.setObject(1, this.workspace);
				notify.setObject(2, Ids.newId());
				notify.setObject(3, this.ana);
				notify.setString(4, "/activities/" + meeting);
				notify.setObject(5, now());
				notify.setObject(6, now());
				notify.executeUpdate();
			}

			this.delivery.deliverDue();

			assertThat(status(held)).isEqualTo("pending");
			assertThat(status(other)).isEqualTo("delivered");
			dying.rollback();
		}

		this.delivery.deliverDue();
		this.delivery.deliverDue();
		this.mailer.sendDue();

		assertThat(status(held)).isEqualTo("delivered");
		assertThat(notificationsOf(this.ana)).extracting(Notification::link)
			.containsExactlyInAnyOrder("/activities/" + meeting, "/activities/" + activityOf(other));
		assertThat(mailsWithId("<reminder-" + held + "@rapport>")).hasSize(1);
		assertThat(mailsTo(this.anaEmail)).hasSize(2);
	}

	@Test
	void aRunThatFailsOnOneReminderDeliversTheOthersAndTheNextRunDeliversThatOne() throws Exception {
		UUID first = reminder(activity("task", "First", now().plusHours(1)), this.ana, now().minusMinutes(3));
		UUID broken = reminder(activity("task", "Broken", now().plusHours(1)), this.ana, now().minusMinutes(2));
		UUID last = reminder(activity("task", "Last", now().plusHours(1)), this.ana, now().minusMinutes(1));
		// A mail with the broken reminder's Message-ID is already queued: its outbox
		// insert fails.
		String brokenId = "<reminder-" + broken + "@rapport>";
		as(null, () -> this.outbox.queue("someone.else@rapport.test", "Blocking", "Blocking", brokenId));

		ReminderDelivery.Run run = this.delivery.deliverDue();

		assertThat(run.failed()).isEqualTo(1);
		assertThat(status(first)).isEqualTo("delivered");
		assertThat(status(last)).isEqualTo("delivered");
		assertThat(status(broken)).isEqualTo("pending");
		assertThat(notificationsOf(this.ana)).extracting((n) -> n.arguments().get(0))
			.containsExactlyInAnyOrder("First", "Last");

		this.dsl.execute("delete from outgoing_mail where workspace_id = ? and message_id = ?", this.workspace,
				brokenId);
		this.delivery.deliverDue();
		this.delivery.deliverDue();
		this.mailer.sendDue();

		assertThat(status(broken)).isEqualTo("delivered");
		assertThat(notificationsOf(this.ana)).extracting((n) -> n.arguments().get(0))
			.containsExactlyInAnyOrder("First", "Broken", "Last");
		assertThat(mailsTo(this.anaEmail)).extracting(ReminderDeliveryIntegrationTests::messageId)
			.containsExactlyInAnyOrder("<reminder-" + first + "@rapport>", brokenId, "<reminder-" + last + "@rapport>");
	}

	@Test
	void remindersMissedDuringDowntimeAreDeliveredOnceAndSayTheyAreLate() throws Exception {
		OffsetDateTime startsAt = now().minusHours(2).truncatedTo(ChronoUnit.MINUTES);
		UUID call = activity("call", "Call with Ana Gómez", startsAt);
		UUID reminder = reminder(call, this.ana, startsAt.minusMinutes(15));

		this.delivery.deliverDue();
		this.delivery.deliverDue();
		this.mailer.sendDue();

		String when = shortTime(startsAt, ZoneId.of("Europe/Madrid"));
		assertThat(notificationsOf(this.ana)).singleElement().satisfies((n) -> {
			assertThat(n.messageKey()).isEqualTo("reminders.notification.late");
			assertThat(n.arguments()).containsExactly("Call with Ana Gómez", when);
		});
		String page = this.mvc.perform(get("/notifications").with(user(this.loader.loadUserByUsername(this.anaEmail))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Call with Ana Gómez at " + when + " (reminder delivered late)");
		assertThat(mailsTo(this.anaEmail)).singleElement().satisfies((mail) -> {
			assertThat(mail.getMessageID()).isEqualTo("<reminder-" + reminder + "@rapport>");
			assertThat((String) mail.getContent()).contains("It is delivered late.");
		});
	}

	@Test
	void mailWaitsWhileTheSmtpServerIsDownIsSentOnceWhenItIsBackAndFailsAfterTheLastAttempt() throws Exception {
		UUID reminder = reminder(activity("task", "Renew contract", now().plusHours(1)), this.ana,
				now().minusMinutes(1));
		String messageId = "<reminder-" + reminder + "@rapport>";
		smtp.stop();
		try {
			this.delivery.deliverDue();
			this.mailer.sendDue();

			assertThat(status(reminder)).isEqualTo("delivered");
			assertThat(notificationsOf(this.ana)).hasSize(1);
			OutgoingMail.Mail waiting = as(null, () -> this.outbox.find(messageId)).orElseThrow();
			assertThat(waiting.status()).isEqualTo(OutgoingMail.Status.QUEUED);
			assertThat(waiting.attempts()).isEqualTo(1);
			assertThat(waiting.lastError()).isNotBlank();
		}
		finally {
			smtp = new GreenMail(smtpSetup());
			smtp.start();
		}

		this.mailer.sendDue();
		this.mailer.sendDue();

		assertThat(mailsWithId(messageId)).hasSize(1);
		OutgoingMail.Mail sent = as(null, () -> this.outbox.find(messageId)).orElseThrow();
		assertThat(sent.status()).isEqualTo(OutgoingMail.Status.SENT);
		assertThat(sent.attempts()).isEqualTo(2);
		assertThat(sent.sentAt()).isNotNull();

		String doomed = "<doomed-" + UUID.randomUUID() + "@rapport>";
		as(null, () -> this.outbox.queue(this.anaEmail, "Never", "Never", doomed));
		smtp.stop();
		try {
			this.mailer.sendDue();
			this.mailer.sendDue();
			this.mailer.sendDue();
		}
		finally {
			smtp = new GreenMail(smtpSetup());
			smtp.start();
		}
		this.mailer.sendDue();

		OutgoingMail.Mail failed = as(null, () -> this.outbox.find(doomed)).orElseThrow();
		assertThat(failed.status()).isEqualTo(OutgoingMail.Status.FAILED);
		assertThat(failed.attempts()).isEqualTo(3);
		assertThat(failed.lastError()).containsIgnoringCase("connect");
		assertThat(mailsWithId(doomed)).isEmpty();
	}

	@Test
	void futureRemindersWaitAndCanceledOnesOrThoseOfClosedActivitiesAreNeverDelivered() throws Exception {
		UUID future = reminder(activity("task", "Later", now().plusDays(1)), this.ana, now().plusHours(1));
		UUID canceled = reminder(activity("task", "Canceled reminder", now().plusHours(1)), this.ana,
				now().minusMinutes(5));
		this.dsl.update(REMINDER).set(REMINDER.STATUS, "canceled").where(REMINDER.ID.eq(canceled)).execute();
		UUID doneTask = activity("task", "Already done", now().plusHours(1));
		this.dsl.update(ACTIVITY).set(ACTIVITY.STATUS, "done").where(ACTIVITY.ID.eq(doneTask)).execute();
		UUID ofDone = reminder(doneTask, this.ana, now().minusMinutes(5));
		UUID deletedTask = activity("task", "Deleted", now().plusHours(1));
		this.dsl.update(ACTIVITY).set(ACTIVITY.DELETED_AT, now()).where(ACTIVITY.ID.eq(deletedTask)).execute();
		UUID ofDeleted = reminder(deletedTask, this.ana, now().minusMinutes(5));

		this.delivery.deliverDue();
		this.mailer.sendDue();

		assertThat(status(future)).isEqualTo("pending");
		assertThat(status(canceled)).isEqualTo("canceled");
		assertThat(status(ofDone)).isEqualTo("canceled");
		assertThat(status(ofDeleted)).isEqualTo("canceled");
		assertThat(notificationsOf(this.ana)).isEmpty();
		assertThat(mailsTo(this.anaEmail)).isEmpty();
	}

	@Test
	void bothJobsAreScheduledInTheDatabase() {
		assertThat(this.scheduler.getScheduledExecution(TaskInstanceId.of("reminder-delivery", RecurringTask.INSTANCE)))
			.isPresent();
		assertThat(this.scheduler.getScheduledExecution(TaskInstanceId.of("mail-outbox", RecurringTask.INSTANCE)))
			.isPresent();
	}

	private UUID activity(String kind, String title, OffsetDateTime startsAt) {
		return as(null, () -> {
			ActivityRecord activity = this.dsl.newRecord(ACTIVITY);
			activity.setId(Ids.newId());
			activity.setKind(kind);
			activity.setTitle(title);
			activity.setStatus("open");
			activity.setPriority("normal");
			activity.setStartsAt(startsAt);
			activity.setAllDay(false);
			activity.setAssigneeId(this.ana);
			activity.store();
			return activity.getId();
		});
	}

	private UUID reminder(UUID activity, UUID user, OffsetDateTime remindAt) {
		return as(null, () -> {
			ReminderRecord reminder = this.dsl.newRecord(REMINDER);
			reminder.setId(Ids.newId());
			reminder.setActivityId(activity);
			reminder.setUserId(user);
			reminder.setMinutesBefore(15);
			reminder.setRemindAt(remindAt);
			reminder.setStatus("pending");
			reminder.store();
			return reminder.getId();
		});
	}

	private String status(UUID reminder) {
		return this.dsl.select(REMINDER.STATUS)
			.from(REMINDER)
			.where(REMINDER.ID.eq(reminder))
			.fetchOne(REMINDER.STATUS);
	}

	private UUID activityOf(UUID reminder) {
		return this.dsl.select(REMINDER.ACTIVITY_ID)
			.from(REMINDER)
			.where(REMINDER.ID.eq(reminder))
			.fetchOne(REMINDER.ACTIVITY_ID);
	}

	/** The user's reminder notifications (a new user also has a welcome one). */
	private List<Notification> notificationsOf(UUID user) {
		return as(null, () -> this.notifications.recent(user, 100)).stream()
			.filter((n) -> n.messageKey().startsWith("reminders."))
			.toList();
	}

	private <T> T as(@Nullable UUID user, java.util.function.Supplier<T> work) {
		return Actors.callAs(new Actor(this.workspace, user), work);
	}

	private static List<MimeMessage> mailsTo(String address) {
		return Arrays.stream(smtp.getReceivedMessages()).filter((mail) -> {
			try {
				return Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
					.anyMatch((to) -> ((InternetAddress) to).getAddress().equalsIgnoreCase(address));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	private static List<MimeMessage> mailsWithId(String messageId) {
		return Arrays.stream(smtp.getReceivedMessages()).filter((mail) -> messageId.equals(messageId(mail))).toList();
	}

	private static String messageId(MimeMessage mail) {
		try {
			return mail.getMessageID();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Runs both at the same moment on two threads. */
	private static void together(Callable<Integer> one, Callable<Integer> two) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch start = new CountDownLatch(1);
			Future<Integer> a = threads.submit(() -> {
				start.await();
				return one.call();
			});
			Future<Integer> b = threads.submit(() -> {
				start.await();
				return two.call();
			});
			start.countDown();
			a.get();
			b.get();
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static String shortTime(OffsetDateTime at, ZoneId zone) {
		boolean today = at.atZoneSameInstant(zone).toLocalDate().equals(now().atZoneSameInstant(zone).toLocalDate());
		return at.atZoneSameInstant(zone).format(DateTimeFormatter.ofPattern(today ? "HH:mm" : "yyyy-MM-dd HH:mm"));
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

	private static ServerSetup smtpSetup() {
		return new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
