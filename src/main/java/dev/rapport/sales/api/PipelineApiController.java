package dev.rapport.sales.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.platform.Ids;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.web.ETags;
import dev.rapport.sales.PipelineView;
import dev.rapport.sales.internal.PipelineService;
import dev.rapport.sales.internal.SalesSettings;
import dev.rapport.sales.internal.StageTimes;

/**
 * Pipelines, their stages and the sales settings over REST: everyone reads them,
 * administrators change them, with If-Match.
 */
@RestController
@Validated
@RequestMapping("/api/v1")
@Tag(name = "Pipelines")
@SecurityRequirement(name = "bearer")
class PipelineApiController {

	private final PipelineService pipelines;

	private final SalesSettings settings;

	private final StageTimes stageTimes;

	PipelineApiController(PipelineService pipelines, SalesSettings settings, StageTimes stageTimes) {
		this.pipelines = pipelines;
		this.settings = settings;
		this.stageTimes = stageTimes;
	}

	/** A new pipeline, with its stages in order (standard ones when left out). */
	record PipelineBody(@Nullable String name, @Nullable List<PipelineService.StageInput> stages) {
	}

	/** A pipeline's new name, or whether it is archived. */
	record PipelinePatch(@Nullable String name, @Nullable Boolean archived) {
	}

	/** A stage's new values, or whether it is archived. */
	record StagePatch(@Nullable String name, @Nullable Integer probability, @Nullable String kind,
			@Nullable Integer position, @Nullable Boolean archived) {
	}

	/** The sales settings. */
	record SettingsBody(@Nullable String defaultCurrency, @Nullable Boolean winActivatesPeople) {
	}

	@GetMapping("/pipelines")
	@Operation(summary = "The pipelines with their stages, in order",
			description = "archived=true includes archived pipelines. Archived stages are listed, marked "
					+ "with archivedAt.")
	List<PipelineView> list(@RequestParam(defaultValue = "false") boolean archived) {
		return this.pipelines.list(archived);
	}

	@PostMapping("/pipelines")
	@Operation(summary = "Create a pipeline (administrators)",
			description = "stages is a list of {name, probability 0-100, kind open|won|lost}; at least one open "
					+ "stage. Left out: one open stage and the standard won and lost ones.")
	ResponseEntity<PipelineView> create(@RequestBody PipelineBody body) {
		PipelineView pipeline = this.pipelines.create(body.name(), body.stages());
		return ResponseEntity.created(URI.create("/api/v1/pipelines/" + pipeline.id()))
			.eTag(ETags.of(pipeline.version()))
			.body(pipeline);
	}

	@GetMapping("/pipelines/{id}")
	@Operation(summary = "Read a pipeline with its stages")
	ResponseEntity<PipelineView> get(@PathVariable String id) {
		PipelineView pipeline = this.pipelines.get(Ids.parse("pipeline", id));
		return ResponseEntity.ok().eTag(ETags.of(pipeline.version())).body(pipeline);
	}

	@GetMapping("/pipelines/{id}/stage-times")
	@Operation(summary = "Time in stage and sales cycle of a pipeline",
			description = "Over the last days (1 to 3650, default 365), for the deals the caller may read: per "
					+ "stage, how many deals left it and their average days in it, and the open deals in it now "
					+ "with their average days so far; the deals won and their average days from creation to won.")
	StageTimes.Report stageTimes(@PathVariable String id,
			@RequestParam(defaultValue = "365") @Min(1) @Max(3650) int days) {
		return this.stageTimes.of(this.pipelines.get(Ids.parse("pipeline", id)), days);
	}

	@PatchMapping("/pipelines/{id}")
	@Operation(summary = "Rename, archive or restore a pipeline (administrators)",
			description = "A pipeline with open deals cannot be archived, nor the last one in use. Requires "
					+ "If-Match.")
	ResponseEntity<PipelineView> patch(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody PipelinePatch body) {
		PipelineView current = this.pipelines.get(Ids.parse("pipeline", id));
		int version = ETags.requireMatch(ifMatch, "pipeline", current.version());
		PipelineView pipeline = current;
		if (body.name() != null) {
			pipeline = this.pipelines.rename(current.id(), version, body.name());
			version = pipeline.version();
		}
		if (Boolean.TRUE.equals(body.archived()) && !pipeline.archived()) {
			pipeline = this.pipelines.archive(current.id(), version);
		}
		else if (Boolean.FALSE.equals(body.archived()) && pipeline.archived()) {
			pipeline = this.pipelines.restore(current.id(), version);
		}
		return ResponseEntity.ok().eTag(ETags.of(pipeline.version())).body(pipeline);
	}

	@GetMapping("/pipelines/{id}/stages")
	@Operation(summary = "A pipeline's stages in order, archived ones included")
	List<PipelineView.Stage> stages(@PathVariable String id) {
		return this.pipelines.get(Ids.parse("pipeline", id)).stages();
	}

	@PostMapping("/pipelines/{id}/stages")
	@Operation(summary = "Add a stage to a pipeline (administrators)",
			description = "name, probability 0-100 (by default 10, 100 for won, 0 for lost), kind open|won|lost, "
					+ "and position (0 is first; by default an open stage goes before the won and lost ones).")
	ResponseEntity<PipelineView.Stage> addStage(@PathVariable String id, @RequestBody PipelineService.StageInput body) {
		PipelineView pipeline = this.pipelines.get(Ids.parse("pipeline", id));
		PipelineView.Stage stage = this.pipelines.addStage(pipeline.id(), body);
		return ResponseEntity.created(URI.create("/api/v1/pipelines/" + id + "/stages/" + stage.id()))
			.eTag(ETags.of(stage.version()))
			.body(stage);
	}

	@PatchMapping("/pipelines/{id}/stages/{stageId}")
	@Operation(summary = "Change, move, archive or restore a stage (administrators)",
			description = "Fields left out stay. The kind of a stage with deals cannot change. A stage with open "
					+ "deals cannot be archived (move them first); won and lost deals stay in an archived stage, "
					+ "and no deal can move into it. Requires If-Match.")
	ResponseEntity<PipelineView.Stage> patchStage(@PathVariable String id, @PathVariable String stageId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody StagePatch body) {
		PipelineView.Stage current = stageOf(id, stageId);
		int version = ETags.requireMatch(ifMatch, "stage", current.version());
		PipelineView.Stage stage = current;
		if (body.name() != null || body.probability() != null || body.kind() != null || body.position() != null) {
			stage = this.pipelines.updateStage(current.id(), version,
					new PipelineService.StageInput(body.name(), body.probability(), body.kind(), body.position()));
			version = stage.version();
		}
		if (Boolean.TRUE.equals(body.archived()) && !stage.archived()) {
			stage = this.pipelines.archiveStage(current.id(), version);
		}
		else if (Boolean.FALSE.equals(body.archived()) && stage.archived()) {
			stage = this.pipelines.restoreStage(current.id(), version);
		}
		return ResponseEntity.ok().eTag(ETags.of(stage.version())).body(stage);
	}

	@PostMapping("/pipelines/{id}/stages/{stageId}/archive")
	@Operation(summary = "Archive a stage (administrators)", description = "As archived=true in PATCH.")
	ResponseEntity<PipelineView.Stage> archiveStage(@PathVariable String id, @PathVariable String stageId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		PipelineView.Stage current = stageOf(id, stageId);
		int version = ETags.requireMatch(ifMatch, "stage", current.version());
		PipelineView.Stage stage = this.pipelines.archiveStage(current.id(), version);
		return ResponseEntity.ok().eTag(ETags.of(stage.version())).body(stage);
	}

	@GetMapping("/sales/settings")
	@Operation(summary = "The workspace's sales settings",
			description = "defaultCurrency of new deals and products, and winActivatesPeople: whether winning a "
					+ "deal makes its people active customers.")
	ResponseEntity<SalesSettings.Settings> settings() {
		SalesSettings.Settings current = this.settings.current();
		return ResponseEntity.ok().eTag(ETags.of(current.version())).body(current);
	}

	@PutMapping("/sales/settings")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Change the sales settings (administrators)", description = "Requires If-Match.")
	ResponseEntity<SalesSettings.Settings> updateSettings(
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody SettingsBody body) {
		SalesSettings.Settings current = this.settings.current();
		int version = ETags.requireMatch(ifMatch, "settings", current.version());
		SalesSettings.Settings changed = this.settings.update(version,
				(body.defaultCurrency() != null) ? body.defaultCurrency() : current.defaultCurrency(),
				(body.winActivatesPeople() != null) ? body.winActivatesPeople() : current.winActivatesPeople());
		return ResponseEntity.ok().eTag(ETags.of(changed.version())).body(changed);
	}

	private PipelineView.Stage stageOf(String pipelineId, String stageId) {
		UUID pipeline = Ids.parse("pipeline", pipelineId);
		UUID id = Ids.parse("stage", stageId);
		return this.pipelines.stage(id)
			.filter((s) -> s.pipelineId().equals(pipeline))
			.orElseThrow(() -> new NotFoundException("stage", id));
	}

}
