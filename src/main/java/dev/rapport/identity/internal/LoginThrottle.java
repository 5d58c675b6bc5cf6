package dev.rapport.identity.internal;

import static dev.rapport.identity.internal.db.Tables.LOGIN_THROTTLE;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;

import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.identity.internal.db.tables.records.LoginThrottleRecord;

/**
 * Counts failed sign-ins per account and per network address in the database (so every
 * node of a cluster sees the same counts) and locks either for a while after too many.
 */
@Component
class LoginThrottle {

	private final DSLContext dsl;

	private final IdentityProperties.Login settings;

	private final Clock clock;

	LoginThrottle(DSLContext dsl, IdentityProperties properties, Clock clock) {
		this.dsl = dsl;
		this.settings = properties.login();
		this.clock = clock;
	}

	/**
	 * How long sign-in stays locked for this account or address; zero when it is open.
	 */
	@Transactional(readOnly = true)
	Duration lockedFor(String email, @Nullable String address) {
		OffsetDateTime now = now();
		Duration longest = Duration.ZERO;
		for (String key : keys(email, address)) {
			LoginThrottleRecord row = this.dsl.fetchOne(LOGIN_THROTTLE, LOGIN_THROTTLE.THROTTLE_KEY.eq(key));
			if (row != null && row.getLockedUntil() != null && row.getLockedUntil().isAfter(now)) {
				Duration left = Duration.between(now, row.getLockedUntil());
				if (left.compareTo(longest) > 0) {
					longest = left;
				}
			}
		}
		return longest;
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void failed(String email, @Nullable String address) {
		record(accountKey(email), this.settings.maxFailuresPerAccount());
		if (address != null) {
			record(addressKey(address), this.settings.maxFailuresPerAddress());
		}
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void succeeded(String email) {
		this.dsl.deleteFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.THROTTLE_KEY.eq(accountKey(email))).execute();
	}

	private void record(String key, int max) {
		OffsetDateTime now = now();
		LoginThrottleRecord row = this.dsl.selectFrom(LOGIN_THROTTLE)
			.where(LOGIN_THROTTLE.THROTTLE_KEY.eq(key))
			.forUpdate()
			.fetchOne();
		if (row == null) {
			row = this.dsl.newRecord(LOGIN_THROTTLE);
			row.setThrottleKey(key);
			row.setFailures(0);
			row.setWindowStartedAt(now);
		}
		if (row.getWindowStartedAt().plus(this.settings.window()).isBefore(now)) {
			row.setFailures(0);
			row.setWindowStartedAt(now);
		}
		row.setFailures(row.getFailures() + 1);
		if (row.getFailures() >= max) {
			row.setLockedUntil(now.plus(this.settings.lockFor()));
			row.setFailures(0);
			row.setWindowStartedAt(now);
		}
		try {
			row.store();
		}
		catch (IntegrityConstraintViolationException ex) {
			// Another node inserted the same key at the same moment; its count stands.
		}
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock);
	}

	private static String[] keys(String email, @Nullable String address) {
		return (address != null) ? new String[] { accountKey(email), addressKey(address) }
				: new String[] { accountKey(email) };
	}

	private static String accountKey(String email) {
		return "account:" + email.trim().toLowerCase(Locale.ROOT);
	}

	private static String addressKey(String address) {
		return "address:" + address;
	}

}
