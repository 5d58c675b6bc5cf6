package dev.rapport.dataquality.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.customers.CustomerKind;
import dev.rapport.dataquality.internal.DuplicatePairs;
import dev.rapport.dataquality.internal.DuplicateRules;
import dev.rapport.dataquality.internal.DuplicateScans;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.StaleVersionException;

/** The administrators' page of duplicate rules and scans (under /admin: admins only). */
@Controller
class DuplicateRulesController {

	private final DuplicateRules rules;

	private final DuplicateScans scans;

	private final DuplicatePairs pairs;

	DuplicateRulesController(DuplicateRules rules, DuplicateScans scans, DuplicatePairs pairs) {
		this.rules = rules;
		this.scans = scans;
		this.pairs = pairs;
	}

	@GetMapping("/admin/duplicate-rules")
	String page(Model model) {
		model.addAttribute("rules",
				List.of(this.rules.view(CustomerKind.PERSON), this.rules.view(CustomerKind.COMPANY)));
		model.addAttribute("scans", this.scans.recent(5));
		Map<String, Integer> counts = this.pairs.openCounts();
		model.addAttribute("likelyCount", counts.getOrDefault("likely", 0));
		model.addAttribute("possibleCount", counts.getOrDefault("possible", 0));
		return "dataquality/duplicate-rules";
	}

	@PostMapping("/admin/duplicate-rules/{kind}")
	String save(@PathVariable String kind, @RequestParam MultiValueMap<String, String> form, Model model,
			RedirectAttributes redirect) {
		CustomerKind k = "company".equals(kind) ? CustomerKind.COMPANY : CustomerKind.PERSON;
		Map<String, Double> weights = new LinkedHashMap<>();
		List<String> problems = new java.util.ArrayList<>();
		try {
			form.forEach((key, values) -> {
				if (key.startsWith("weights.") && !values.isEmpty()) {
					weights.put(key.substring("weights.".length()), number(key, values.get(0)));
				}
			});
			this.rules.update(k, (int) number("version", form.getFirst("version")), weights,
					number("possible", form.getFirst("possible")), number("likely", form.getFirst("likely")));
			redirect.addFlashAttribute("saved", kind);
			return "redirect:/admin/duplicate-rules";
		}
		catch (InvalidFieldsException ex) {
			ex.problems().forEach((p) -> problems.add(p.messageKey()));
		}
		catch (BusinessRuleException ex) {
			problems.add(ex.messageKey());
		}
		catch (StaleVersionException ex) {
			problems.add("duplicates.rules.stale");
		}
		model.addAttribute("problems", problems);
		return page(model);
	}

	@PostMapping("/admin/duplicate-rules/scan")
	String scan(RedirectAttributes redirect) {
		this.scans.request("admin");
		redirect.addFlashAttribute("scanRequested", true);
		return "redirect:/admin/duplicate-rules";
	}

	private static double number(String field, String text) {
		try {
			return Double.parseDouble((text != null) ? text.strip() : "");
		}
		catch (NumberFormatException ex) {
			throw new BusinessRuleException(field, "duplicates.rules.weight-range");
		}
	}

}
