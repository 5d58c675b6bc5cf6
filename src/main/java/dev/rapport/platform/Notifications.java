package dev.rapport.platform;

import static dev.rapport.platform.internal.db.Tables.NOTIFICATION;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.platform.internal.db.tables.records.NotificationRecord;

/**
 * Messages for one user, shown in the notification area of every page. Modules call
 * {@link #notify} with a message key of their bundle; the text is rendered in the
 * reader's language when it is shown.
 */
@Service
public class Notifications {

	private final DSLContext dsl;

	private final Clock clock;

	Notifications(DSLContext dsl, Clock clock) {
		this.dsl = dsl;
		this.clock = clock;
	}

	/** A notification as shown to its reader. */
	public record Notification(UUID id, String messageKey, List<String> arguments, @Nullable String link,
			OffsetDateTime createdAt, boolean read) {
	}

	@Transactional
	public void notify(UUID userId, String messageKey, List<String> arguments, @Nullable String link) {
		NotificationRecord record = this.dsl.newRecord(NOTIFICATION);
		record.setId(Ids.newId());
		record.setUserId(userId);
		record.setMessageKey(messageKey);
		record.setMessageArgs(String.join("\u001f", arguments));
		record.setLink(link);
		record.store();
	}

	@Transactional(readOnly = true)
	public List<Notification> recent(UUID userId, int limit) {
		return this.dsl.selectFrom(NOTIFICATION)
			.where(WorkspaceScope.of(NOTIFICATION.WORKSPACE_ID))
			.and(NOTIFICATION.USER_ID.eq(userId))
			.orderBy(NOTIFICATION.CREATED_AT.desc(), NOTIFICATION.ID.desc())
			.limit(limit)
			.fetch(Notifications::toNotification);
	}

	@Transactional(readOnly = true)
	public int unreadCount(UUID userId) {
		return this.dsl.fetchCount(NOTIFICATION,
				WorkspaceScope.of(NOTIFICATION.WORKSPACE_ID)
					.and(NOTIFICATION.USER_ID.eq(userId))
					.and(NOTIFICATION.READ_AT.isNull()));
	}

	@Transactional
	public void markAllRead(UUID userId) {
		this.dsl.update(NOTIFICATION)
			.set(NOTIFICATION.READ_AT, OffsetDateTime.now(this.clock))
			.where(WorkspaceScope.of(NOTIFICATION.WORKSPACE_ID))
			.and(NOTIFICATION.USER_ID.eq(userId))
			.and(NOTIFICATION.READ_AT.isNull())
			.execute();
	}

	private static Notification toNotification(NotificationRecord r) {
		String args = r.getMessageArgs();
		List<String> arguments = (args == null || args.isEmpty()) ? List.of() : List.of(args.split("\u001f", -1));
		return new Notification(r.getId(), r.getMessageKey(), arguments, r.getLink(), r.getCreatedAt(),
				r.getReadAt() != null);
	}

}
