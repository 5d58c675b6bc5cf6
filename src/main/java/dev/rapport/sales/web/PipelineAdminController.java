package dev.rapport.sales.web;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.platform.Ids;
import dev.rapport.sales.internal.PipelineService;
import dev.rapport.sales.internal.SalesSettings;

/**
 * The administration of pipelines and their stages, and of the sales settings: one page,
 * each change a small form that comes back to it.
 */
@Controller
@RequestMapping("/admin/pipelines")
class PipelineAdminController {

	private static final String BACK = "redirect:/admin/pipelines";

	private final PipelineService pipelines;

	private final SalesSettings settings;

	PipelineAdminController(PipelineService pipelines, SalesSettings settings) {
		this.pipelines = pipelines;
		this.settings = settings;
	}

	@GetMapping
	String page(Model model) {
		model.addAttribute("pipelines", this.pipelines.list(true));
		model.addAttribute("settings", this.settings.current());
		model.addAttribute("kinds", PipelineService.KINDS_LIST);
		return "sales/pipelines";
	}

	@PostMapping
	String create(@RequestParam(required = false) @Nullable String name, RedirectAttributes redirect) {
		SalesPages.attempt(redirect, "deals.pipeline.created", () -> this.pipelines.create(name, null));
		return BACK;
	}

	@PostMapping("/{id}")
	String rename(@PathVariable String id, @RequestParam(required = false) @Nullable String name,
			@RequestParam int version, RedirectAttributes redirect) {
		UUID pipeline = Ids.parse("pipeline", id);
		SalesPages.attempt(redirect, "form.saved", () -> this.pipelines.rename(pipeline, version, name));
		return BACK;
	}

	@PostMapping("/{id}/archive")
	String archive(@PathVariable String id, @RequestParam int version, RedirectAttributes redirect) {
		UUID pipeline = Ids.parse("pipeline", id);
		SalesPages.attempt(redirect, "deals.pipeline.archived.notice", () -> this.pipelines.archive(pipeline, version));
		return BACK;
	}

	@PostMapping("/{id}/restore")
	String restore(@PathVariable String id, @RequestParam int version, RedirectAttributes redirect) {
		UUID pipeline = Ids.parse("pipeline", id);
		SalesPages.attempt(redirect, "form.saved", () -> this.pipelines.restore(pipeline, version));
		return BACK;
	}

	@PostMapping("/{id}/stages")
	String addStage(@PathVariable String id, @RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable Integer probability,
			@RequestParam(required = false) @Nullable String kind, RedirectAttributes redirect) {
		UUID pipeline = Ids.parse("pipeline", id);
		SalesPages.attempt(redirect, "form.saved",
				() -> this.pipelines.addStage(pipeline, new PipelineService.StageInput(name, probability, kind, null)));
		return BACK;
	}

	@PostMapping("/stages/{stageId}")
	String updateStage(@PathVariable String stageId, @RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable Integer probability, @RequestParam int version,
			RedirectAttributes redirect) {
		UUID stage = Ids.parse("stage", stageId);
		SalesPages.attempt(redirect, "form.saved", () -> this.pipelines.updateStage(stage, version,
				new PipelineService.StageInput(name, probability, null, null)));
		return BACK;
	}

	@PostMapping("/stages/{stageId}/move")
	String moveStage(@PathVariable String stageId, @RequestParam String direction, RedirectAttributes redirect) {
		UUID stage = Ids.parse("stage", stageId);
		SalesPages.attempt(redirect, "form.saved", () -> this.pipelines.moveStage(stage, "up".equals(direction)));
		return BACK;
	}

	@PostMapping("/stages/{stageId}/archive")
	String archiveStage(@PathVariable String stageId, @RequestParam int version, RedirectAttributes redirect) {
		UUID stage = Ids.parse("stage", stageId);
		SalesPages.attempt(redirect, "deals.stage.archived.notice", () -> this.pipelines.archiveStage(stage, version));
		return BACK;
	}

	@PostMapping("/stages/{stageId}/restore")
	String restoreStage(@PathVariable String stageId, @RequestParam int version, RedirectAttributes redirect) {
		UUID stage = Ids.parse("stage", stageId);
		SalesPages.attempt(redirect, "form.saved", () -> this.pipelines.restoreStage(stage, version));
		return BACK;
	}

	@PostMapping("/settings")
	String settings(@RequestParam(required = false) @Nullable String defaultCurrency,
			@RequestParam(defaultValue = "false") boolean winActivatesPeople, @RequestParam int version,
			RedirectAttributes redirect) {
		SalesPages.attempt(redirect, "form.saved",
				() -> this.settings.update(version, defaultCurrency, winActivatesPeople));
		return BACK;
	}

}
