package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.CUSTOMER_SETTINGS;
import static dev.rapport.customers.internal.db.Tables.LIFECYCLE_LABEL;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.LifecycleStage;
import dev.rapport.customers.internal.db.tables.records.CustomerSettingsRecord;
import dev.rapport.platform.Actors;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.WorkspaceScope;

/**
 * The customer database's settings of the current workspace: the country phone numbers
 * without a country code belong to, and which moves between lifecycle stages are allowed.
 */
@Service
public class CustomerSettings {

	private final DSLContext dsl;

	CustomerSettings(DSLContext dsl) {
		this.dsl = dsl;
	}

	/** Which lifecycle moves a workspace allows. */
	public enum LifecycleRule {

		/** Any stage to any stage. */
		FREE,
		/**
		 * Forward only (lead, potential, active, loyal; steps may be skipped), to lost
		 * from anywhere, and from lost back to lead.
		 */
		FORWARD;

		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** The settings as read and edited. */
	public record Settings(@Nullable String phoneRegion, LifecycleRule lifecycleRule, int version) {
	}

	@Transactional(readOnly = true)
	public Settings current() {
		CustomerSettingsRecord record = this.dsl.selectFrom(CUSTOMER_SETTINGS)
			.where(WorkspaceScope.of(CUSTOMER_SETTINGS.WORKSPACE_ID))
			.fetchOne();
		if (record == null) {
			return new Settings(null, LifecycleRule.FREE, 0);
		}
		return new Settings(record.getPhoneRegion(),
				LifecycleRule.valueOf(record.getLifecycleRule().toUpperCase(Locale.ROOT)), record.getVersion());
	}

	/** Changes the settings; rejects an unknown country and a stale version. */
	@Transactional
	public Settings update(int version, @Nullable String phoneRegion, LifecycleRule rule) {
		String region = Text.trimToNull(phoneRegion);
		if (region != null) {
			region = region.toUpperCase(Locale.ROOT);
			if (!PhoneNumbers.isKnownRegion(region)) {
				throw new BusinessRuleException("phoneRegion", "customers.settings.phone-region.unknown", region);
			}
		}
		CustomerSettingsRecord record = this.dsl.selectFrom(CUSTOMER_SETTINGS)
			.where(WorkspaceScope.of(CUSTOMER_SETTINGS.WORKSPACE_ID))
			.forUpdate()
			.fetchOne();
		if (record == null) {
			StaleVersionException.check("settings", version, 0);
			record = this.dsl.newRecord(CUSTOMER_SETTINGS);
			record.setWorkspaceId(Actors.workspaceId());
		}
		else {
			StaleVersionException.check("settings", version, record.getVersion());
		}
		record.setPhoneRegion(region);
		record.setLifecycleRule(rule.code());
		record.store();
		return current();
	}

	/**
	 * The workspace's names of the lifecycle stages: its own where it set one, otherwise
	 * empty (the caller shows the translated default).
	 */
	@Transactional(readOnly = true)
	public Map<LifecycleStage, String> stageLabels() {
		Map<LifecycleStage, String> labels = new EnumMap<>(LifecycleStage.class);
		this.dsl.selectFrom(LIFECYCLE_LABEL)
			.where(WorkspaceScope.of(LIFECYCLE_LABEL.WORKSPACE_ID))
			.forEach(
					(r) -> LifecycleStage.fromCode(r.getStage()).ifPresent((stage) -> labels.put(stage, r.getLabel())));
		return labels;
	}

	/**
	 * Replaces the workspace's names of the lifecycle stages; a blank name goes back to
	 * the default. Rejects names longer than 50 characters and two stages with the same
	 * name.
	 */
	@Transactional
	public void updateStageLabels(Map<LifecycleStage, String> labels) {
		Map<String, LifecycleStage> seen = new java.util.HashMap<>();
		for (Map.Entry<LifecycleStage, String> entry : labels.entrySet()) {
			String label = Text.trimToNull(entry.getValue());
			if (label == null) {
				continue;
			}
			String field = "labels[" + entry.getKey().code() + "]";
			if (label.length() > 50) {
				throw new BusinessRuleException(field, "customers.text.too-long", 50);
			}
			if (seen.put(TextKeys.fold(label), entry.getKey()) != null) {
				throw new BusinessRuleException(field, "customers.settings.label.duplicate", label);
			}
		}
		java.util.UUID workspaceId = Actors.workspaceId();
		this.dsl.deleteFrom(LIFECYCLE_LABEL).where(LIFECYCLE_LABEL.WORKSPACE_ID.eq(workspaceId)).execute();
		labels.forEach((stage, text) -> {
			String label = Text.trimToNull(text);
			if (label != null) {
				this.dsl.insertInto(LIFECYCLE_LABEL)
					.set(LIFECYCLE_LABEL.WORKSPACE_ID, workspaceId)
					.set(LIFECYCLE_LABEL.STAGE, stage.code())
					.set(LIFECYCLE_LABEL.LABEL, label)
					.execute();
			}
		});
	}

	/** Changes the settings and the stage names together, all or nothing. */
	@Transactional
	public Settings updateAll(int version, @Nullable String phoneRegion, LifecycleRule rule,
			Map<LifecycleStage, String> labels) {
		updateStageLabels(labels);
		return update(version, phoneRegion, rule);
	}

	/** Whether the workspace allows moving a person from one stage to another. */
	static boolean allows(LifecycleRule rule, @Nullable LifecycleStage from, LifecycleStage to) {
		if (rule == LifecycleRule.FREE || from == null || from == to || to == LifecycleStage.LOST) {
			return true;
		}
		if (from == LifecycleStage.LOST) {
			return to == LifecycleStage.LEAD;
		}
		return to.ordinal() > from.ordinal();
	}

}
