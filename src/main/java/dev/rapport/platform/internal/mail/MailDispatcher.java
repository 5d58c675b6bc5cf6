package dev.rapport.platform.internal.mail;

import static dev.rapport.platform.internal.db.Tables.OUTGOING_MAIL;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.platform.OutgoingMail.Status;
import dev.rapport.platform.internal.db.tables.records.OutgoingMailRecord;

/**
 * Sends the outbox: claims one queued mail at a time ({@code FOR UPDATE SKIP LOCKED}, so
 * nodes running at once take different mail), hands it to the SMTP server and marks it
 * sent in the same transaction, after the server accepted it. A refused mail is retried
 * later and marked failed after the last attempt.
 */
@Component
public class MailDispatcher {

	private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);

	private static final int ERROR_LENGTH = 2000;

	private final DSLContext dsl;

	private final TransactionTemplate transactions;

	private final ObjectProvider<JavaMailSender> senders;

	private final Environment environment;

	private final MailProperties properties;

	private final Clock clock;

	MailDispatcher(DSLContext dsl, PlatformTransactionManager transactionManager,
			ObjectProvider<JavaMailSender> senders, Environment environment, MailProperties properties, Clock clock) {
		this.dsl = dsl;
		this.transactions = new TransactionTemplate(transactionManager);
		this.senders = senders;
		this.environment = environment;
		this.properties = properties;
		this.clock = clock;
	}

	private enum Outcome {

		NONE, SENT, RETRY, FAILED, SKIPPED

	}

	/**
	 * Sends every mail due now, each at most once per run; returns how many the SMTP
	 * server accepted.
	 */
	public int sendDue() {
		OffsetDateTime runStart = now();
		Set<UUID> attempted = new HashSet<>();
		int sent = 0;
		while (true) {
			Outcome outcome = this.transactions.execute((status) -> sendNext(runStart, attempted));
			if (outcome == null || outcome == Outcome.NONE) {
				return sent;
			}
			if (outcome == Outcome.SENT) {
				sent++;
			}
		}
	}

	private Outcome sendNext(OffsetDateTime runStart, Set<UUID> attempted) {
		OutgoingMailRecord mail = this.dsl.selectFrom(OUTGOING_MAIL)
			.where(OUTGOING_MAIL.STATUS.eq(Status.QUEUED.value()))
			.and(OUTGOING_MAIL.NEXT_ATTEMPT_AT.le(runStart))
			.and(attempted.isEmpty() ? org.jooq.impl.DSL.noCondition() : OUTGOING_MAIL.ID.notIn(attempted))
			.orderBy(OUTGOING_MAIL.NEXT_ATTEMPT_AT, OUTGOING_MAIL.ID)
			.limit(1)
			.forUpdate()
			.skipLocked()
			.fetchOne();
		if (mail == null) {
			return Outcome.NONE;
		}
		attempted.add(mail.getId());
		return Actors.callAs(Actor.system(mail.getWorkspaceId()), () -> send(mail));
	}

	private Outcome send(OutgoingMailRecord mail) {
		JavaMailSender sender = this.senders.getIfAvailable();
		if (sender == null || !StringUtils.hasText(this.environment.getProperty("spring.mail.host"))) {
			log.info("No SMTP server is configured (RAPPORT_SMTP_HOST): mail {} to {} is skipped; "
					+ "in-app notifications still work", mail.getMessageId(), mail.getToAddress());
			mail.setStatus(Status.SKIPPED.value());
			mail.store();
			return Outcome.SKIPPED;
		}
		mail.setAttempts(mail.getAttempts() + 1);
		try {
			sender.send(message(sender, mail));
		}
		catch (RuntimeException | MessagingException ex) {
			String error = errorOf(ex);
			mail.setLastError(error);
			if (mail.getAttempts() >= this.properties.maxAttempts()) {
				log.warn("Mail {} to {} failed after {} attempts: {}", mail.getMessageId(), mail.getToAddress(),
						mail.getAttempts(), error);
				mail.setStatus(Status.FAILED.value());
				mail.store();
				return Outcome.FAILED;
			}
			log.info("Mail {} to {} not sent (attempt {}), retrying later: {}", mail.getMessageId(),
					mail.getToAddress(), mail.getAttempts(), error);
			mail.setNextAttemptAt(now().plus(this.properties.pauseAfter(mail.getAttempts())));
			mail.store();
			return Outcome.RETRY;
		}
		mail.setStatus(Status.SENT.value());
		mail.setSentAt(now());
		mail.setLastError(null);
		mail.store();
		return Outcome.SENT;
	}

	private MimeMessage message(JavaMailSender sender, OutgoingMailRecord mail) throws MessagingException {
		MimeMessage message = sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
		helper.setFrom(this.properties.from());
		helper.setTo(mail.getToAddress());
		helper.setSubject(mail.getSubject());
		helper.setText(mail.getBody());
		// Kept by JavaMailSenderImpl when it saves the message, so a copy sent twice
		// carries the same id.
		message.setHeader("Message-ID", mail.getMessageId());
		return message;
	}

	private static String errorOf(Exception ex) {
		StringBuilder text = new StringBuilder();
		Throwable cause = ex;
		while (cause != null && text.length() < ERROR_LENGTH) {
			if (!text.isEmpty()) {
				text.append(" <- ");
			}
			text.append(cause.getClass().getSimpleName());
			String message = cause.getMessage();
			if (message != null) {
				text.append(": ").append(message);
			}
			cause = (cause.getCause() == cause) ? null : cause.getCause();
		}
		return (text.length() > ERROR_LENGTH) ? text.substring(0, ERROR_LENGTH) : text.toString();
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
