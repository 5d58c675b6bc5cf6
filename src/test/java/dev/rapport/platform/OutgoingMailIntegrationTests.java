package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

import dev.rapport.platform.internal.mail.MailDispatcher;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The e-mail outbox of an installation without an SMTP server (the default): mail is
 * marked skipped instead of waiting forever, and a Message-ID is queued once per
 * workspace.
 */
@IntegrationTest
class OutgoingMailIntegrationTests {

	@Autowired
	OutgoingMail outbox;

	@Autowired
	MailDispatcher dispatcher;

	@Autowired
	Fixtures fixtures;

	private UUID workspace;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Outbox").id();
	}

	@Test
	void withoutAnSmtpServerQueuedMailIsSkippedNotRetried() {
		String messageId = "<skip-" + UUID.randomUUID() + "@rapport>";
		Actors.runAs(Actor.system(this.workspace),
				() -> this.outbox.queue("someone@outbox.test", "Hello", "Body", messageId));

		this.dispatcher.sendDue();
		this.dispatcher.sendDue();

		OutgoingMail.Mail mail = Actors.callAs(Actor.system(this.workspace), () -> this.outbox.find(messageId))
			.orElseThrow();
		assertThat(mail.status()).isEqualTo(OutgoingMail.Status.SKIPPED);
		assertThat(mail.attempts()).isZero();
		assertThat(mail.sentAt()).isNull();
	}

	@Test
	void aMessageIdIsQueuedOncePerWorkspaceAndSeenOnlyInItsWorkspace() {
		String messageId = "<once-" + UUID.randomUUID() + "@rapport>";
		Actors.runAs(Actor.system(this.workspace), () -> this.outbox.queue("a@outbox.test", "One", "One", messageId));

		assertThatThrownBy(() -> Actors.runAs(Actor.system(this.workspace),
				() -> this.outbox.queue("a@outbox.test", "Two", "Two", messageId)))
			.isInstanceOf(DataIntegrityViolationException.class);
		UUID other = this.fixtures.workspace("Elsewhere").id();
		assertThat(Actors.callAs(Actor.system(other), () -> this.outbox.find(messageId))).isEmpty();
		assertThat(Actors.callAs(Actor.system(this.workspace), () -> this.outbox.find(messageId)))
			.hasValueSatisfying((mail) -> assertThat(mail.subject()).isEqualTo("One"));
	}

}
