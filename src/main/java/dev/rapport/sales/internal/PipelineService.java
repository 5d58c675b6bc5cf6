package dev.rapport.sales.internal;

import static dev.rapport.sales.internal.db.Tables.DEAL;
import static dev.rapport.sales.internal.db.Tables.PIPELINE;
import static dev.rapport.sales.internal.db.Tables.PIPELINE_STAGE;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.identity.AccessPolicy;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.WorkspaceScope;
import dev.rapport.platform.web.AccessDeniedProblem;
import dev.rapport.sales.DealView;
import dev.rapport.sales.PipelineView;
import dev.rapport.sales.Pipelines;
import dev.rapport.sales.internal.db.tables.records.PipelineRecord;
import dev.rapport.sales.internal.db.tables.records.PipelineStageRecord;

/**
 * Pipelines and their stages: anyone reads them, administrators create, rename, reorder
 * and archive them. A stage or pipeline still holding open deals cannot be archived (move
 * the deals first); won and lost deals stay in an archived stage, but no deal moves into
 * one. A pipeline keeps at least one open stage, and a workspace at least one pipeline.
 */
@Service
public class PipelineService implements Pipelines {

	static final String KIND = "pipeline";

	static final String STAGE = "stage";

	static final List<String> KINDS = List.of(DealView.OPEN, DealView.WON, DealView.LOST);

	/** The kinds of stages, for pickers. */
	public static final List<String> KINDS_LIST = KINDS;

	private final DSLContext dsl;

	private final SalesSettings settings;

	private final AccessPolicy accessPolicy;

	private final Clock clock;

	private final MessageSource messages;

	PipelineService(DSLContext dsl, SalesSettings settings, AccessPolicy accessPolicy, Clock clock,
			MessageSource messages) {
		this.messages = messages;
		this.dsl = dsl;
		this.settings = settings;
		this.accessPolicy = accessPolicy;
		this.clock = clock;
	}

	/** A new pipeline's or stage's values. */
	public record StageInput(@Nullable String name, @Nullable Integer probability, @Nullable String kind,
			@Nullable Integer position) {
	}

	@Override
	@Transactional
	public List<PipelineView> list(boolean withArchived) {
		this.settings.ensureSetUp();
		var condition = WorkspaceScope.of(PIPELINE.WORKSPACE_ID);
		if (!withArchived) {
			condition = condition.and(PIPELINE.ARCHIVED_AT.isNull());
		}
		List<PipelineRecord> pipelines = this.dsl.selectFrom(PIPELINE)
			.where(condition)
			.orderBy(PIPELINE.ARCHIVED_AT.isNotNull(), PIPELINE.POSITION, PIPELINE.ID)
			.fetch();
		List<PipelineStageRecord> stages = this.dsl.selectFrom(PIPELINE_STAGE)
			.where(WorkspaceScope.of(PIPELINE_STAGE.WORKSPACE_ID))
			.orderBy(PIPELINE_STAGE.POSITION, PIPELINE_STAGE.ID)
			.fetch();
		return pipelines.stream()
			.map((p) -> view(p, stages.stream().filter((s) -> s.getPipelineId().equals(p.getId())).toList()))
			.toList();
	}

	@Override
	@Transactional
	public Optional<PipelineView> find(UUID id) {
		this.settings.ensureSetUp();
		return this.dsl.selectFrom(PIPELINE)
			.where(WorkspaceScope.of(PIPELINE.WORKSPACE_ID))
			.and(PIPELINE.ID.eq(id))
			.fetchOptional()
			.map((p) -> view(p, stagesOf(id)));
	}

	/** A pipeline, or 404. */
	@Transactional
	public PipelineView get(UUID id) {
		return find(id).orElseThrow(() -> new NotFoundException(KIND, id));
	}

	/** A stage of the workspace, archived or not. */
	@Transactional(readOnly = true)
	public Optional<PipelineView.Stage> stage(UUID id) {
		return this.dsl.selectFrom(PIPELINE_STAGE)
			.where(WorkspaceScope.of(PIPELINE_STAGE.WORKSPACE_ID))
			.and(PIPELINE_STAGE.ID.eq(id))
			.fetchOptional()
			.map(PipelineService::stageView);
	}

	/**
	 * Creates a pipeline at the end, with the given stages or the standard won and lost
	 * ones.
	 */
	@Transactional
	public PipelineView create(@Nullable String name, @Nullable List<StageInput> stages) {
		requireAdministrator();
		this.settings.ensureSetUp();
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		String valid = name(problems, "name", name);
		List<StageInput> wanted = (stages != null && !stages.isEmpty()) ? stages
				: List.of(new StageInput(message("deals.stage.default.new"), 10, DealView.OPEN, null),
						new StageInput(message("deals.stage.default.won"), 100, DealView.WON, null),
						new StageInput(message("deals.stage.default.lost"), 0, DealView.LOST, null));
		List<StageInput> checked = new ArrayList<>();
		for (int i = 0; i < wanted.size(); i++) {
			checked.add(stageInput(problems, "stages[" + i + "].", wanted.get(i), null));
		}
		if (checked.stream().noneMatch((s) -> DealView.OPEN.equals(s.kind()))) {
			problems.reject("stages", "deals.pipeline.open-stage.required");
		}
		problems.throwIfAny();
		Integer last = this.dsl.select(DSL.max(PIPELINE.POSITION))
			.from(PIPELINE)
			.where(WorkspaceScope.of(PIPELINE.WORKSPACE_ID))
			.fetchOne(0, Integer.class);
		PipelineRecord pipeline = this.dsl.newRecord(PIPELINE);
		pipeline.setId(Ids.newId());
		pipeline.setName(valid);
		pipeline.setPosition((last != null) ? last + 1 : 0);
		pipeline.store();
		int position = 0;
		for (StageInput stage : checked) {
			insertStage(pipeline.getId(), stage, position++);
		}
		return get(pipeline.getId());
	}

	/** Renames a pipeline. */
	@Transactional
	public PipelineView rename(UUID id, int version, @Nullable String name) {
		requireAdministrator();
		PipelineRecord pipeline = lockPipeline(id);
		StaleVersionException.check(KIND, version, pipeline.getVersion());
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		String valid = name(problems, "name", name);
		problems.throwIfAny();
		pipeline.setName(valid);
		pipeline.store();
		return get(id);
	}

	/**
	 * Archives a pipeline: its deals stay, it no longer offers itself for new ones.
	 * Rejects a pipeline with open deals and the last pipeline in use.
	 */
	@Transactional
	public PipelineView archive(UUID id, int version) {
		requireAdministrator();
		PipelineRecord pipeline = lockPipeline(id);
		StaleVersionException.check(KIND, version, pipeline.getVersion());
		if (pipeline.getArchivedAt() != null) {
			return get(id);
		}
		int open = openDeals(DEAL.PIPELINE_ID.eq(id));
		if (open > 0) {
			throw new BusinessRuleException(null, "deals.pipeline.archive.open-deals", open);
		}
		if (this.dsl.fetchCount(PIPELINE,
				WorkspaceScope.of(PIPELINE.WORKSPACE_ID)
					.and(PIPELINE.ARCHIVED_AT.isNull())
					.and(PIPELINE.ID.ne(id))) == 0) {
			throw new BusinessRuleException(null, "deals.pipeline.archive.last");
		}
		pipeline.setArchivedAt(now());
		pipeline.store();
		return get(id);
	}

	/** Brings an archived pipeline back. */
	@Transactional
	public PipelineView restore(UUID id, int version) {
		requireAdministrator();
		PipelineRecord pipeline = lockPipeline(id);
		StaleVersionException.check(KIND, version, pipeline.getVersion());
		pipeline.setArchivedAt(null);
		pipeline.store();
		return get(id);
	}

	/**
	 * Adds a stage to a pipeline, at the given position or before its won and lost
	 * stages.
	 */
	@Transactional
	public PipelineView.Stage addStage(UUID pipelineId, StageInput input) {
		requireAdministrator();
		lockPipeline(pipelineId);
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		StageInput valid = stageInput(problems, "", input, null);
		problems.throwIfAny();
		List<PipelineStageRecord> stages = stageRecords(pipelineId);
		int position;
		if (input.position() != null) {
			position = Math.max(0, Math.min(input.position(), stages.size()));
		}
		else if (DealView.OPEN.equals(valid.kind())) {
			// New open stages go before the closing ones, where they belong.
			position = (int) stages.stream().takeWhile((s) -> DealView.OPEN.equals(s.getKind())).count();
		}
		else {
			position = stages.size();
		}
		UUID id = insertStage(pipelineId, valid, stages.size());
		reorder(pipelineId, id, position);
		return stage(id).orElseThrow();
	}

	/**
	 * Changes a stage's name, probability, kind and position (values left out stay).
	 * Rejects a change of kind while deals are in it, and leaving a pipeline without an
	 * open stage.
	 */
	@Transactional
	public PipelineView.Stage updateStage(UUID stageId, int version, StageInput input) {
		requireAdministrator();
		PipelineStageRecord stage = lockStage(stageId);
		StaleVersionException.check(STAGE, version, stage.getVersion());
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		StageInput valid = stageInput(problems, "", input, stage);
		if (!valid.kind().equals(stage.getKind())) {
			if (this.dsl.fetchExists(DEAL,
					WorkspaceScope.of(DEAL.WORKSPACE_ID)
						.and(DEAL.STAGE_ID.eq(stageId))
						.and(DEAL.DELETED_AT.isNull()))) {
				problems.reject("kind", "deals.stage.kind.has-deals");
			}
			else if (DealView.OPEN.equals(stage.getKind()) && otherOpenStages(stage) == 0) {
				problems.reject("kind", "deals.pipeline.open-stage.required");
			}
		}
		problems.throwIfAny();
		stage.setName(valid.name());
		stage.setProbability(valid.probability());
		stage.setKind(valid.kind());
		stage.store();
		if (input.position() != null) {
			reorder(stage.getPipelineId(), stageId, input.position());
		}
		return stage(stageId).orElseThrow();
	}

	/** Moves a stage one place up (towards the start) or down. */
	@Transactional
	public void moveStage(UUID stageId, boolean up) {
		requireAdministrator();
		PipelineStageRecord stage = lockStage(stageId);
		List<PipelineStageRecord> stages = stageRecords(stage.getPipelineId());
		int index = 0;
		for (int i = 0; i < stages.size(); i++) {
			if (stages.get(i).getId().equals(stageId)) {
				index = i;
			}
		}
		reorder(stage.getPipelineId(), stageId, up ? index - 1 : index + 1);
	}

	/**
	 * Archives a stage. Rejects a stage that still holds open deals (they must move
	 * first, so none disappears from the board) and the last open stage of its pipeline;
	 * won and lost deals stay in it, and its history is kept.
	 */
	@Transactional
	public PipelineView.Stage archiveStage(UUID stageId, int version) {
		requireAdministrator();
		PipelineStageRecord stage = lockStage(stageId);
		StaleVersionException.check(STAGE, version, stage.getVersion());
		if (stage.getArchivedAt() != null) {
			return stageView(stage);
		}
		int open = openDeals(DEAL.STAGE_ID.eq(stageId));
		if (open > 0) {
			throw new BusinessRuleException(null, "deals.stage.archive.open-deals", open);
		}
		if (DealView.OPEN.equals(stage.getKind()) && otherOpenStages(stage) == 0) {
			throw new BusinessRuleException(null, "deals.pipeline.open-stage.required");
		}
		stage.setArchivedAt(now());
		stage.store();
		return stageView(stage);
	}

	/** Brings an archived stage back. */
	@Transactional
	public PipelineView.Stage restoreStage(UUID stageId, int version) {
		requireAdministrator();
		PipelineStageRecord stage = lockStage(stageId);
		StaleVersionException.check(STAGE, version, stage.getVersion());
		stage.setArchivedAt(null);
		stage.store();
		return stageView(stage);
	}

	private int openDeals(org.jooq.Condition where) {
		return this.dsl.fetchCount(DEAL,
				WorkspaceScope.of(DEAL.WORKSPACE_ID)
					.and(where)
					.and(DEAL.STATUS.eq(DealView.OPEN))
					.and(DEAL.DELETED_AT.isNull()));
	}

	private int otherOpenStages(PipelineStageRecord stage) {
		return this.dsl.fetchCount(PIPELINE_STAGE,
				WorkspaceScope.of(PIPELINE_STAGE.WORKSPACE_ID)
					.and(PIPELINE_STAGE.PIPELINE_ID.eq(stage.getPipelineId()))
					.and(PIPELINE_STAGE.ID.ne(stage.getId()))
					.and(PIPELINE_STAGE.KIND.eq(DealView.OPEN))
					.and(PIPELINE_STAGE.ARCHIVED_AT.isNull()));
	}

	/** Puts a stage at a position and numbers the pipeline's stages 0, 1, 2, ... */
	private void reorder(UUID pipelineId, UUID stageId, int position) {
		List<PipelineStageRecord> stages = new ArrayList<>(stageRecords(pipelineId));
		PipelineStageRecord moved = stages.stream().filter((s) -> s.getId().equals(stageId)).findFirst().orElseThrow();
		stages.remove(moved);
		stages.add(Math.max(0, Math.min(position, stages.size())), moved);
		for (int i = 0; i < stages.size(); i++) {
			PipelineStageRecord s = stages.get(i);
			if (s.getPosition() != i) {
				s.setPosition(i);
				s.store();
			}
		}
	}

	private UUID insertStage(UUID pipelineId, StageInput stage, int position) {
		PipelineStageRecord record = this.dsl.newRecord(PIPELINE_STAGE);
		record.setId(Ids.newId());
		record.setPipelineId(pipelineId);
		record.setName(stage.name());
		record.setPosition(position);
		record.setProbability(stage.probability());
		record.setKind(stage.kind());
		record.store();
		return record.getId();
	}

	/** A stage's values checked, those left out taken from the stage or the defaults. */
	private static StageInput stageInput(InvalidFieldsException.Collector problems, String prefix, StageInput input,
			@Nullable PipelineStageRecord current) {
		String name = (input.name() == null && current != null) ? current.getName()
				: name(problems, prefix + "name", input.name());
		String kind = (input.kind() != null) ? input.kind().strip().toLowerCase(Locale.ROOT)
				: (current != null) ? current.getKind() : DealView.OPEN;
		if (!KINDS.contains(kind)) {
			problems.reject(prefix + "kind", "deals.stage.kind.unknown");
			kind = DealView.OPEN;
		}
		int probability;
		if (input.probability() != null) {
			probability = input.probability();
			if (probability < 0 || probability > 100) {
				problems.reject(prefix + "probability", "deals.stage.probability.range");
			}
		}
		else if (current != null) {
			probability = current.getProbability();
		}
		else {
			probability = switch (kind) {
				case DealView.WON -> 100;
				case DealView.LOST -> 0;
				default -> 10;
			};
		}
		if (DealView.WON.equals(kind) && input.probability() == null) {
			probability = 100;
		}
		if (DealView.LOST.equals(kind) && input.probability() == null) {
			probability = 0;
		}
		return new StageInput(name, probability, kind, input.position());
	}

	private static String name(InvalidFieldsException.Collector problems, String field, @Nullable String name) {
		if (name == null || name.isBlank()) {
			problems.reject(field, "deals.name.required");
			return "";
		}
		String value = name.strip();
		if (value.length() > 200) {
			problems.reject(field, "deals.text.too-long", 200);
		}
		return value;
	}

	private String message(String key) {
		return this.messages.getMessage(key, null, LocaleContextHolder.getLocale());
	}

	private void requireAdministrator() {
		if (!this.accessPolicy.currentScope().administrator()) {
			throw new AccessDeniedProblem("problem.forbidden.update");
		}
	}

	private PipelineRecord lockPipeline(UUID id) {
		this.settings.ensureSetUp();
		return this.dsl.selectFrom(PIPELINE)
			.where(WorkspaceScope.of(PIPELINE.WORKSPACE_ID))
			.and(PIPELINE.ID.eq(id))
			.forUpdate()
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(KIND, id));
	}

	private PipelineStageRecord lockStage(UUID id) {
		return this.dsl.selectFrom(PIPELINE_STAGE)
			.where(WorkspaceScope.of(PIPELINE_STAGE.WORKSPACE_ID))
			.and(PIPELINE_STAGE.ID.eq(id))
			.forUpdate()
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(STAGE, id));
	}

	private List<PipelineStageRecord> stageRecords(UUID pipelineId) {
		return this.dsl.selectFrom(PIPELINE_STAGE)
			.where(WorkspaceScope.of(PIPELINE_STAGE.WORKSPACE_ID))
			.and(PIPELINE_STAGE.PIPELINE_ID.eq(pipelineId))
			.orderBy(PIPELINE_STAGE.POSITION, PIPELINE_STAGE.ID)
			.fetch();
	}

	private List<PipelineStageRecord> stagesOf(UUID pipelineId) {
		return stageRecords(pipelineId);
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

	private static PipelineView view(PipelineRecord p, List<PipelineStageRecord> stages) {
		return new PipelineView(p.getId(), p.getName(), p.getPosition(), p.getArchivedAt(),
				stages.stream().map(PipelineService::stageView).toList(), p.getVersion());
	}

	static PipelineView.Stage stageView(PipelineStageRecord s) {
		return new PipelineView.Stage(s.getId(), s.getPipelineId(), s.getName(), s.getPosition(), s.getProbability(),
				s.getKind(), s.getArchivedAt(), s.getVersion());
	}

}
