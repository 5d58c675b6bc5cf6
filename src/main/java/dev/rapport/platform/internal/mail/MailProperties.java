package dev.rapport.platform.internal.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the e-mail outbox. The SMTP server itself is set with the standard
 * {@code spring.mail.*} properties ({@code RAPPORT_SMTP_HOST} and friends).
 *
 * @param from the sender address of every mail ({@code RAPPORT_MAIL_FROM})
 * @param baseUrl the address users open Rapport at, for links in mails
 * ({@code RAPPORT_BASE_URL})
 * @param interval how often the outbox job looks for mail to send
 * @param maxAttempts how many times a mail is handed to the SMTP server before it is
 * marked failed
 * @param retryAfter the pause after the first refused attempt; it doubles with every
 * further attempt, up to six hours
 */
@ConfigurationProperties("rapport.mail")
public record MailProperties(@DefaultValue("rapport@localhost") String from,
		@DefaultValue("http://localhost:8080") String baseUrl, @DefaultValue("30s") Duration interval,
		@DefaultValue("8") int maxAttempts, @DefaultValue("1m") Duration retryAfter) {

	private static final Duration LONGEST_PAUSE = Duration.ofHours(6);

	/** The pause before the next attempt after {@code attempts} refused ones. */
	public Duration pauseAfter(int attempts) {
		Duration pause = this.retryAfter;
		for (int i = 1; i < attempts && pause.compareTo(LONGEST_PAUSE) < 0; i++) {
			pause = pause.multipliedBy(2);
		}
		return (pause.compareTo(LONGEST_PAUSE) > 0) ? LONGEST_PAUSE : pause;
	}

}
