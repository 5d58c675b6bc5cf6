package dev.rapport.activities.internal.myday;

import static dev.rapport.activities.internal.db.Tables.MY_DAY_SETTINGS;

import java.util.List;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.activities.internal.db.tables.records.MyDaySettingsRecord;
import dev.rapport.customization.CustomFields;
import dev.rapport.customization.FieldDefinition;
import dev.rapport.customization.FieldType;
import dev.rapport.platform.Actors;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.WorkspaceScope;

/**
 * The thresholds of "my day" in the current workspace: when a deal counts as idle or
 * stalled, a customer as at risk, a lead as untouched, and which date field of people
 * says when a contract or membership ends. A workspace that never saved them gets the
 * defaults (version 0).
 */
@Service
public class MyDaySettings {

	static final String KIND = "my-day-settings";

	/** The thresholds when a workspace has not chosen its own. */
	public static final Settings DEFAULTS = new Settings(14, 30, 60, 24, null, 30, 0);

	private final DSLContext dsl;

	private final CustomFields customFields;

	MyDaySettings(DSLContext dsl, CustomFields customFields) {
		this.dsl = dsl;
		this.customFields = customFields;
	}

	/**
	 * The thresholds: days without activity before a deal is idle, days in one stage
	 * before it is stalled, days without contact before an active or loyal customer is at
	 * risk, hours before a new lead counts as untouched, the date field of people that
	 * holds a contract's or membership's end (none: no renewals), and how many days ahead
	 * renewals show.
	 */
	public record Settings(int dealIdleDays, int dealStalledDays, int atRiskDays, int leadUntouchedHours,
			@Nullable String renewalFieldKey, int renewalWithinDays, int version) {
	}

	@Transactional(readOnly = true)
	public Settings current() {
		MyDaySettingsRecord r = this.dsl.selectFrom(MY_DAY_SETTINGS)
			.where(WorkspaceScope.of(MY_DAY_SETTINGS.WORKSPACE_ID))
			.fetchOne();
		if (r == null) {
			return DEFAULTS;
		}
		return new Settings(r.getDealIdleDays(), r.getDealStalledDays(), r.getAtRiskDays(), r.getLeadUntouchedHours(),
				r.getRenewalFieldKey(), r.getRenewalWithinDays(), r.getVersion());
	}

	/** The date fields of people an administrator can choose as the renewal date. */
	@Transactional(readOnly = true)
	public List<FieldDefinition> renewalFields() {
		return this.customFields.fieldsOf(CustomFields.PERSON, false)
			.stream()
			.filter((f) -> f.type() == FieldType.DATE)
			.toList();
	}

	/**
	 * Changes the thresholds. Rejects, naming each field, days outside 1 to 3650, hours
	 * outside 1 to 8760, a renewal window outside 1 to 365 days and a renewal field that
	 * is not a date field of people; rejects a stale version.
	 */
	@Transactional
	public Settings update(int version, Settings change) {
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		range(problems, "dealIdleDays", change.dealIdleDays(), 3650);
		range(problems, "dealStalledDays", change.dealStalledDays(), 3650);
		range(problems, "atRiskDays", change.atRiskDays(), 3650);
		range(problems, "leadUntouchedHours", change.leadUntouchedHours(), 8760);
		range(problems, "renewalWithinDays", change.renewalWithinDays(), 365);
		String field = (change.renewalFieldKey() == null || change.renewalFieldKey().isBlank()) ? null
				: change.renewalFieldKey().strip();
		if (field != null && renewalFields().stream().noneMatch((f) -> f.key().equals(field))) {
			problems.reject("renewalFieldKey", "myday.settings.renewal-field.unknown", field);
		}
		MyDaySettingsRecord record = this.dsl.selectFrom(MY_DAY_SETTINGS)
			.where(WorkspaceScope.of(MY_DAY_SETTINGS.WORKSPACE_ID))
			.forUpdate()
			.fetchOne();
		StaleVersionException.check(KIND, version, (record != null) ? record.getVersion() : 0);
		problems.throwIfAny();
		if (record == null) {
			record = this.dsl.newRecord(MY_DAY_SETTINGS);
			record.setWorkspaceId(Actors.workspaceId());
		}
		record.setDealIdleDays(change.dealIdleDays());
		record.setDealStalledDays(change.dealStalledDays());
		record.setAtRiskDays(change.atRiskDays());
		record.setLeadUntouchedHours(change.leadUntouchedHours());
		record.setRenewalFieldKey(field);
		record.setRenewalWithinDays(change.renewalWithinDays());
		record.store();
		return current();
	}

	private static void range(InvalidFieldsException.Collector problems, String field, int value, int max) {
		if (value < 1 || value > max) {
			problems.reject(field, "myday.settings.range", 1, max);
		}
	}

}
