package dev.rapport.identity.internal;

import static dev.rapport.identity.internal.db.Tables.APP_USER;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.jooq.DSLContext;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Remembers when each user last signed in, for the administrator's list. */
@Component
class SignInEvents {

	private final DSLContext dsl;

	private final Clock clock;

	SignInEvents(DSLContext dsl, Clock clock) {
		this.dsl = dsl;
		this.clock = clock;
	}

	@EventListener
	@Transactional
	void signedIn(InteractiveAuthenticationSuccessEvent event) {
		if (event.getAuthentication().getPrincipal() instanceof RapportUserDetails user) {
			this.dsl.update(APP_USER)
				.set(APP_USER.LAST_LOGIN_AT, OffsetDateTime.now(this.clock))
				.where(APP_USER.WORKSPACE_ID.eq(user.workspaceId()))
				.and(APP_USER.ID.eq(user.userId()))
				.execute();
		}
	}

}
