package dev.rapport.identity.internal;

import static dev.rapport.identity.internal.db.Tables.APP_USER;
import static dev.rapport.identity.internal.db.Tables.ROLE;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;

import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads the signed-in user: by e-mail at sign-in (the e-mail is unique across the
 * installation and so names the workspace too), by id for every later request.
 */
@Component
public class UserDetailsLoader implements UserDetailsService {

	private final DSLContext dsl;

	UserDetailsLoader(DSLContext dsl) {
		this.dsl = dsl;
	}

	@Override
	@Transactional(readOnly = true)
	public RapportUserDetails loadUserByUsername(String email) {
		return load(APP_USER.EMAIL.eq(email.trim().toLowerCase(Locale.ROOT)))
			.orElseThrow(() -> new UsernameNotFoundException("No such user"));
	}

	@Transactional(readOnly = true)
	public Optional<RapportUserDetails> byId(UUID workspaceId, UUID userId) {
		return load(APP_USER.WORKSPACE_ID.eq(workspaceId).and(APP_USER.ID.eq(userId)));
	}

	private Optional<RapportUserDetails> load(Condition condition) {
		return this.dsl
			.select(APP_USER.WORKSPACE_ID, APP_USER.ID, APP_USER.EMAIL, APP_USER.DISPLAY_NAME, APP_USER.PASSWORD_HASH,
					APP_USER.ACTIVE, APP_USER.MUST_CHANGE_PASSWORD, ROLE.ADMINISTRATOR, APP_USER.LOCALE,
					APP_USER.TIME_ZONE)
			.from(APP_USER)
			.join(ROLE)
			.on(ROLE.WORKSPACE_ID.eq(APP_USER.WORKSPACE_ID).and(ROLE.ID.eq(APP_USER.ROLE_ID)))
			.where(condition)
			.fetchOptional((r) -> new RapportUserDetails(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
					r.value6(), r.value7(), r.value8(), r.value9(), r.value10(), Set.of()));
	}

}
