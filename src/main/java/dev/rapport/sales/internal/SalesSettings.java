package dev.rapport.sales.internal;

import static dev.rapport.sales.internal.db.Tables.PIPELINE;
import static dev.rapport.sales.internal.db.Tables.PIPELINE_STAGE;
import static dev.rapport.sales.internal.db.Tables.SALES_SETTINGS;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.platform.Actors;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.WorkspaceScope;
import dev.rapport.platform.Workspaces;
import dev.rapport.sales.internal.db.tables.records.PipelineRecord;
import dev.rapport.sales.internal.db.tables.records.PipelineStageRecord;
import dev.rapport.sales.internal.db.tables.records.SalesSettingsRecord;

/**
 * A workspace's sales settings (default currency, whether winning a deal makes its people
 * active customers) and its set-up: like the customer settings, a workspace gets them on
 * first use, together with the default pipeline "New business", so workspaces opened
 * before deals existed get them too.
 */
@Service
public class SalesSettings {

	static final String DEFAULT_CURRENCY = "EUR";

	/** The default pipeline's stages: message key, probability and kind. */
	private static final List<DefaultStage> DEFAULT_STAGES = List.of(new DefaultStage("qualified", 10, "open"),
			new DefaultStage("meeting", 25, "open"), new DefaultStage("proposal", 50, "open"),
			new DefaultStage("negotiation", 75, "open"), new DefaultStage("won", 100, "won"),
			new DefaultStage("lost", 0, "lost"));

	private record DefaultStage(String key, int probability, String kind) {
	}

	/** The settings as read and edited. */
	public record Settings(String defaultCurrency, boolean winActivatesPeople, int version) {
	}

	private final DSLContext dsl;

	private final Workspaces workspaces;

	private final MessageSource messages;

	private final Clock clock;

	SalesSettings(DSLContext dsl, Workspaces workspaces, MessageSource messages, Clock clock) {
		this.dsl = dsl;
		this.workspaces = workspaces;
		this.messages = messages;
		this.clock = clock;
	}

	/** The current workspace's settings, setting the workspace up on first use. */
	@Transactional
	public Settings current() {
		SalesSettingsRecord record = ensureSetUp();
		return new Settings(record.getDefaultCurrency(), record.getWinActivatesPeople(), record.getVersion());
	}

	/** Changes the settings; rejects an unknown currency and a stale version. */
	@Transactional
	public Settings update(int version, @Nullable String defaultCurrency, boolean winActivatesPeople) {
		ensureSetUp();
		SalesSettingsRecord record = this.dsl.selectFrom(SALES_SETTINGS)
			.where(WorkspaceScope.of(SALES_SETTINGS.WORKSPACE_ID))
			.forUpdate()
			.fetchSingle();
		StaleVersionException.check("settings", version, record.getVersion());
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		String currency = currency(problems, "defaultCurrency", defaultCurrency);
		problems.throwIfAny();
		record.setDefaultCurrency(currency);
		record.setWinActivatesPeople(winActivatesPeople);
		record.store();
		return current();
	}

	/**
	 * Makes sure the workspace has its settings and, the first time, the default
	 * pipeline. The settings row is written first with "on conflict do nothing", so of
	 * two first requests at once only one makes the pipeline.
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	SalesSettingsRecord ensureSetUp() {
		SalesSettingsRecord record = this.dsl.selectFrom(SALES_SETTINGS)
			.where(WorkspaceScope.of(SALES_SETTINGS.WORKSPACE_ID))
			.fetchOne();
		if (record != null) {
			return record;
		}
		UUID workspaceId = Actors.workspaceId();
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		int inserted = this.dsl.insertInto(SALES_SETTINGS)
			.set(SALES_SETTINGS.WORKSPACE_ID, workspaceId)
			.set(SALES_SETTINGS.DEFAULT_CURRENCY, DEFAULT_CURRENCY)
			.set(SALES_SETTINGS.WIN_ACTIVATES_PEOPLE, true)
			.set(SALES_SETTINGS.CREATED_AT, now)
			.set(SALES_SETTINGS.CREATED_BY, Actors.require().userId())
			.set(SALES_SETTINGS.UPDATED_AT, now)
			.set(SALES_SETTINGS.UPDATED_BY, Actors.require().userId())
			.set(SALES_SETTINGS.VERSION, 1)
			.onConflictDoNothing()
			.execute();
		if (inserted == 1 && !this.dsl.fetchExists(PIPELINE, WorkspaceScope.of(PIPELINE.WORKSPACE_ID))) {
			createDefaultPipeline(workspaceId);
		}
		return this.dsl.selectFrom(SALES_SETTINGS).where(WorkspaceScope.of(SALES_SETTINGS.WORKSPACE_ID)).fetchSingle();
	}

	private void createDefaultPipeline(UUID workspaceId) {
		Locale locale = Locale.forLanguageTag(this.workspaces.get(workspaceId).defaultLocale());
		PipelineRecord pipeline = this.dsl.newRecord(PIPELINE);
		pipeline.setId(Ids.newId());
		pipeline.setName(this.messages.getMessage("deals.pipeline.default", null, locale));
		pipeline.setPosition(0);
		pipeline.store();
		int position = 0;
		for (DefaultStage stage : DEFAULT_STAGES) {
			PipelineStageRecord record = this.dsl.newRecord(PIPELINE_STAGE);
			record.setId(Ids.newId());
			record.setPipelineId(pipeline.getId());
			record.setName(this.messages.getMessage("deals.stage.default." + stage.key(), null, locale));
			record.setPosition(position++);
			record.setProbability(stage.probability());
			record.setKind(stage.kind());
			record.store();
		}
	}

	static String currency(InvalidFieldsException.Collector problems, String field, @Nullable String code) {
		if (code == null || code.isBlank()) {
			problems.reject(field, "deals.currency.required");
			return DEFAULT_CURRENCY;
		}
		try {
			return Currency.getInstance(code.strip().toUpperCase(Locale.ROOT)).getCurrencyCode();
		}
		catch (IllegalArgumentException ex) {
			problems.reject(field, "deals.currency.unknown", code.strip());
			return DEFAULT_CURRENCY;
		}
	}

}
