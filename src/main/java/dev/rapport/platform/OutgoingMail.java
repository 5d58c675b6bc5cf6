package dev.rapport.platform;

import static dev.rapport.platform.internal.db.Tables.OUTGOING_MAIL;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.platform.internal.db.tables.records.OutgoingMailRecord;
import dev.rapport.platform.internal.mail.MailProperties;

/**
 * The e-mail outbox of the current workspace. A module queues a mail in the same
 * transaction as the change that causes it; a job sends queued mail over SMTP, retries a
 * refused one with a growing pause and gives up after the last attempt.
 */
@Service
public class OutgoingMail {

	private final DSLContext dsl;

	private final Clock clock;

	private final MailProperties properties;

	OutgoingMail(DSLContext dsl, Clock clock, MailProperties properties) {
		this.dsl = dsl;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * The address of a page of Rapport for a link in a mail, e.g.
	 * {@code https://crm.example.com/activities/42} for {@code /activities/42}.
	 */
	public String link(String path) {
		String base = this.properties.baseUrl();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
	}

	/** Where a mail is: queued, sent, failed or skipped (no SMTP server configured). */
	public enum Status {

		QUEUED, SENT, FAILED, SKIPPED;

		public String value() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		static Status of(String value) {
			return valueOf(value.toUpperCase(java.util.Locale.ROOT));
		}

	}

	/** A mail of the outbox as its sender sees it. */
	public record Mail(UUID id, String to, String subject, String messageId, Status status, int attempts,
			@Nullable String lastError, @Nullable OffsetDateTime sentAt) {
	}

	/**
	 * Queues a plain-text mail in the current workspace, to be sent by the outbox job.
	 * Joins the caller's transaction, so the mail is queued only if the caller commits.
	 * @param messageId the Message-ID header, e.g. {@code <reminder-42@rapport>};
	 * deterministic, so the same mail is never queued twice
	 * @throws org.springframework.dao.DataIntegrityViolationException if a mail with this
	 * Message-ID is already queued in the workspace
	 */
	@Transactional
	public UUID queue(String to, String subject, String body, String messageId) {
		OutgoingMailRecord record = this.dsl.newRecord(OUTGOING_MAIL);
		record.setId(Ids.newId());
		record.setToAddress(to);
		record.setSubject(subject);
		record.setBody(body);
		record.setMessageId(messageId);
		record.setStatus(Status.QUEUED.value());
		record.setAttempts(0);
		record.setNextAttemptAt(OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC));
		record.store();
		return record.getId();
	}

	/** The mail of the current workspace with this Message-ID. */
	@Transactional(readOnly = true)
	public Optional<Mail> find(String messageId) {
		return this.dsl.selectFrom(OUTGOING_MAIL)
			.where(WorkspaceScope.of(OUTGOING_MAIL.WORKSPACE_ID))
			.and(OUTGOING_MAIL.MESSAGE_ID.eq(messageId))
			.fetchOptional((r) -> new Mail(r.getId(), r.getToAddress(), r.getSubject(), r.getMessageId(),
					Status.of(r.getStatus()), r.getAttempts(), r.getLastError(), r.getSentAt()));
	}

}
