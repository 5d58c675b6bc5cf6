package dev.rapport.dataquality.web;

import java.time.Clock;
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

import dev.rapport.dataquality.internal.retention.RetentionService;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.StaleVersionException;

/**
 * The administrator's retention page: a policy per end-of-life state with a preview of
 * what it would do now, "Run now", and the reports of past runs.
 */
@Controller
@RequestMapping("/admin/retention")
class RetentionController {

	private final RetentionService retention;

	private final Clock clock;

	RetentionController(RetentionService retention, Clock clock) {
		this.retention = retention;
		this.clock = clock;
	}

	@GetMapping
	String show(Model model) {
		return page(model);
	}

	@PostMapping("/policies")
	String save(@RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable Integer afterMonths,
			@RequestParam(defaultValue = "0") int version, RedirectAttributes redirect) {
		try {
			this.retention.save(state, action, afterMonths, version);
			redirect.addFlashAttribute("notice", "retention.saved");
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("problem", "form.stale");
		}
		catch (InvalidFieldsException ex) {
			redirect.addFlashAttribute("problem", ex.problems().get(0).messageKey());
		}
		return "redirect:/admin/retention";
	}

	@PostMapping("/preview")
	String preview(@RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable Integer afterMonths, Model model) {
		try {
			model.addAttribute("preview", this.retention.preview(state, action, afterMonths));
		}
		catch (InvalidFieldsException ex) {
			model.addAttribute("problem", ex.problems().get(0).messageKey());
		}
		catch (BusinessRuleException ex) {
			model.addAttribute("problem", ex.messageKey());
		}
		return page(model);
	}

	@PostMapping("/run")
	String run(RedirectAttributes redirect) {
		RetentionService.Run run = this.retention.run(this.clock.instant(), "manual");
		redirect.addFlashAttribute("notice", "retention.run.done");
		return "redirect:/admin/retention/runs/" + run.id();
	}

	@GetMapping("/runs/{id}")
	String report(@PathVariable String id, Model model) {
		UUID runId = Ids.parse("retention-run", id);
		model.addAttribute("run", this.retention.get(runId));
		return "dataquality/retention-run";
	}

	private String page(Model model) {
		model.addAttribute("policies", this.retention.policies());
		model.addAttribute("runs", this.retention.runs(20));
		return "dataquality/retention";
	}

}
