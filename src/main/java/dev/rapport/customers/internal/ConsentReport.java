package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.CONSENT_EVENT;
import static dev.rapport.customers.internal.db.Tables.PERSON;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.impl.DSL;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.Consent;
import dev.rapport.customers.ConsentStanding;
import dev.rapport.customers.internal.db.tables.ConsentEvent;
import dev.rapport.identity.Access;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.platform.BusinessRuleException;

/**
 * The consent report: per channel, how many of the people the user may read are opted in,
 * opted out or unknown by their newest ledger entry, and who they are.
 */
@Component
class ConsentReport {

	private static final String UNKNOWN = "unknown";

	private final DSLContext dsl;

	private final AccessPolicy accessPolicy;

	ConsentReport(DSLContext dsl, AccessPolicy accessPolicy) {
		this.dsl = dsl;
		this.accessPolicy = accessPolicy;
	}

	@Transactional(readOnly = true)
	List<ConsentStanding.Count> counts() {
		Condition people = people();
		int total = this.dsl.fetchCount(PERSON, people);
		Map<String, Map<String, Integer>> by = new HashMap<>();
		for (Record3<String, String, Integer> r : this.dsl
			.select(CONSENT_EVENT.CHANNEL, CONSENT_EVENT.STATUS, DSL.count())
			.from(CONSENT_EVENT)
			.join(PERSON)
			.on(PERSON.WORKSPACE_ID.eq(CONSENT_EVENT.WORKSPACE_ID).and(PERSON.ID.eq(CONSENT_EVENT.PERSON_ID)))
			.where(people)
			.and(newest(CONSENT_EVENT))
			.groupBy(CONSENT_EVENT.CHANNEL, CONSENT_EVENT.STATUS)
			.fetch()) {
			by.computeIfAbsent(r.value1(), (c) -> new HashMap<>()).put(r.value2(), r.value3());
		}
		List<ConsentStanding.Count> counts = new ArrayList<>();
		for (String channel : Consent.CHANNELS) {
			Map<String, Integer> of = by.getOrDefault(channel, Map.of());
			long in = of.getOrDefault(Consent.Status.OPT_IN.code(), 0);
			long out = of.getOrDefault(Consent.Status.OPT_OUT.code(), 0);
			counts.add(new ConsentStanding.Count(channel, in, out, total - in - out));
		}
		return counts;
	}

	@Transactional(readOnly = true)
	List<ConsentStanding> standings(String channel, String status, int limit) {
		if (!Consent.CHANNELS.contains(channel)) {
			throw new BusinessRuleException("channel", "consent.report.channel.unknown", channel);
		}
		if (UNKNOWN.equals(status)) {
			return this.dsl.select(PERSON.ID, PERSON.DISPLAY_NAME)
				.from(PERSON)
				.where(people())
				.andNotExists(DSL.selectOne()
					.from(CONSENT_EVENT)
					.where(CONSENT_EVENT.WORKSPACE_ID.eq(PERSON.WORKSPACE_ID))
					.and(CONSENT_EVENT.PERSON_ID.eq(PERSON.ID))
					.and(CONSENT_EVENT.CHANNEL.eq(channel)))
				.orderBy(PERSON.NAME_KEY, PERSON.ID)
				.limit(limit)
				.fetch((r) -> new ConsentStanding(r.value1(), r.value2(), channel, UNKNOWN, null, null));
		}
		if (Consent.Status.fromCode(status).isEmpty()) {
			throw new BusinessRuleException("status", "consent.report.status.unknown", status);
		}
		return this.dsl
			.select(PERSON.ID, PERSON.DISPLAY_NAME, CONSENT_EVENT.STATUS, CONSENT_EVENT.RECORDED_AT,
					CONSENT_EVENT.SOURCE)
			.from(CONSENT_EVENT)
			.join(PERSON)
			.on(PERSON.WORKSPACE_ID.eq(CONSENT_EVENT.WORKSPACE_ID).and(PERSON.ID.eq(CONSENT_EVENT.PERSON_ID)))
			.where(people())
			.and(CONSENT_EVENT.CHANNEL.eq(channel))
			.and(CONSENT_EVENT.STATUS.eq(status))
			.and(newest(CONSENT_EVENT))
			.orderBy(CONSENT_EVENT.RECORDED_AT.desc(), PERSON.ID)
			.limit(limit)
			.fetch((r) -> new ConsentStanding(r.value1(), r.value2(), channel, r.value3(), r.value4(), r.value5()));
	}

	private Condition people() {
		return this.accessPolicy.condition(PersonService.PEOPLE, Access.READ).and(PERSON.DELETED_AT.isNull());
	}

	/** The entry is the newest of its person and channel. */
	private static Condition newest(ConsentEvent e) {
		ConsentEvent newer = CONSENT_EVENT.as("newer");
		return DSL.notExists(DSL.selectOne()
			.from(newer)
			.where(newer.WORKSPACE_ID.eq(e.WORKSPACE_ID))
			.and(newer.PERSON_ID.eq(e.PERSON_ID))
			.and(newer.CHANNEL.eq(e.CHANNEL))
			.and(newer.RECORDED_AT.gt(e.RECORDED_AT).or(newer.RECORDED_AT.eq(e.RECORDED_AT).and(newer.ID.gt(e.ID)))));
	}

}
