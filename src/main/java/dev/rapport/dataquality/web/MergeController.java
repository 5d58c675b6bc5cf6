package dev.rapport.dataquality.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.customers.CustomerKind;
import dev.rapport.customers.Customers;
import dev.rapport.customization.CustomFields;
import dev.rapport.customization.FieldDefinition;
import dev.rapport.dataquality.internal.merge.MergeService;
import dev.rapport.dataquality.internal.merge.MergeService.Merge;
import dev.rapport.dataquality.internal.merge.MergeService.MergeCommand;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.StaleVersionException;

/**
 * The merge pages: pick the other record, compare two records field by field and merge
 * them, the list of merges and one merge with its undo button.
 */
@Controller
@RequestMapping("/data-quality")
class MergeController {

	private static final String PREFIX = "v.";

	private final MergeService merges;

	private final Customers customers;

	private final CustomFields customFields;

	private final MessageSource messages;

	MergeController(MergeService merges, Customers customers, CustomFields customFields, MessageSource messages) {
		this.merges = merges;
		this.customers = customers;
		this.customFields = customFields;
		this.messages = messages;
	}

	/** A record offered as the other one of a merge. */
	record Candidate(UUID id, String name, @Nullable String detail) {
	}

	/**
	 * The compare page of a and b; without b, a search for the record to merge a with.
	 */
	@GetMapping("/merge")
	String compare(@RequestParam String kind, @RequestParam String a,
			@RequestParam(required = false) @Nullable String b, @RequestParam(required = false) @Nullable String q,
			Model model) {
		CustomerKind customerKind = kind(kind);
		UUID aId = Ids.parse("a", a);
		if (b == null || b.isBlank()) {
			return pick(customerKind, aId, q, model);
		}
		return comparePage(customerKind, aId, Ids.parse("b", b), model);
	}

	private String pick(CustomerKind kind, UUID a, @Nullable String q, Model model) {
		String name = (kind == CustomerKind.PERSON) ? this.customers.personForChange(a).displayName()
				: this.customers.companyForChange(a).name();
		List<Candidate> candidates = new ArrayList<>();
		if (q != null && !q.isBlank()) {
			if (kind == CustomerKind.PERSON) {
				this.customers.searchPeople(q, 21)
					.stream()
					.filter((p) -> !p.id().equals(a))
					.forEach((p) -> candidates.add(new Candidate(p.id(), p.displayName(),
							(p.primaryEmail() != null) ? p.primaryEmail() : p.companyName())));
			}
			else {
				this.customers.searchCompanies(q, 21)
					.stream()
					.filter((c) -> !c.id().equals(a))
					.forEach((c) -> candidates.add(new Candidate(c.id(), c.name(), c.domain())));
			}
		}
		model.addAttribute("kind", code(kind));
		model.addAttribute("a", a);
		model.addAttribute("name", name);
		model.addAttribute("q", (q != null) ? q : "");
		model.addAttribute("candidates", candidates.subList(0, Math.min(20, candidates.size())));
		return "dataquality/merge-pick";
	}

	private String comparePage(CustomerKind kind, UUID a, UUID b, Model model) {
		MergeService.Preview preview = shownInWords(this.merges.preview(kind, a, b));
		model.addAttribute("preview", preview);
		model.addAttribute("kind", code(kind));
		model.addAttribute("labels", labels(kind, preview));
		if (!model.containsAttribute("chosen")) {
			Map<String, String> chosen = new HashMap<>();
			preview.fields().forEach((f) -> chosen.put(f.field(), f.choice()));
			chosen.put("survivor", preview.survivorId().equals(a) ? "a" : "b");
			model.addAttribute("chosen", chosen);
		}
		return "dataquality/merge";
	}

	/** Lifecycle stages and channels by their names rather than their codes. */
	private MergeService.Preview shownInWords(MergeService.Preview preview) {
		Locale locale = LocaleContextHolder.getLocale();
		List<MergeService.FieldChoice> fields = preview.fields().stream().map((f) -> {
			String prefix = switch (f.field()) {
				case "lifecycleStage" -> "customers.stage.";
				case "preferredChannel" -> "channel.";
				default -> null;
			};
			if (prefix == null) {
				return f;
			}
			return new MergeService.FieldChoice(f.field(), f.list(), f.a(), f.b(), word(prefix, f.aShown(), locale),
					word(prefix, f.bShown(), locale), f.same(), f.choice());
		}).toList();
		return new MergeService.Preview(preview.kind(), preview.a(), preview.b(), preview.survivorId(), fields);
	}

	private String word(String prefix, String code, Locale locale) {
		return code.isEmpty() ? code : this.messages.getMessage(prefix + code, null, code, locale);
	}

	/** The labels of the fields: standard ones by message, custom ones by their label. */
	private Map<String, String> labels(CustomerKind kind, MergeService.Preview preview) {
		Locale locale = LocaleContextHolder.getLocale();
		Map<String, String> byKey = new HashMap<>();
		for (FieldDefinition field : this.customFields
			.fieldsOf((kind == CustomerKind.PERSON) ? CustomFields.PERSON : CustomFields.COMPANY, true)) {
			byKey.put("custom." + field.key(), field.label());
		}
		Map<String, String> labels = new LinkedHashMap<>();
		for (MergeService.FieldChoice field : preview.fields()) {
			labels.put(field.field(),
					byKey.getOrDefault(field.field(), field.field().startsWith("custom.")
							? field.field().substring("custom.".length())
							: this.messages.getMessage("merge.field." + field.field(), null, field.field(), locale)));
		}
		return labels;
	}

	/**
	 * Merges: the form names a and b with the versions read, which one survives, and per
	 * field {@code v.<field>} = a, b or both.
	 */
	@PostMapping("/merge")
	String merge(@RequestParam String kind, @RequestParam String a, @RequestParam String b, @RequestParam int aVersion,
			@RequestParam int bVersion, @RequestParam String survivor, @RequestParam Map<String, String> form,
			Model model, RedirectAttributes redirect) {
		CustomerKind customerKind = kind(kind);
		UUID aId = Ids.parse("a", a);
		UUID bId = Ids.parse("b", b);
		boolean aSurvives = !"b".equals(survivor);
		Map<String, String> values = new LinkedHashMap<>();
		Map<String, String> chosen = new HashMap<>();
		chosen.put("survivor", aSurvives ? "a" : "b");
		form.forEach((name, choice) -> {
			if (name.startsWith(PREFIX)) {
				String field = name.substring(PREFIX.length());
				chosen.put(field, choice);
				values.put(field, switch (choice) {
					case "a" -> aSurvives ? "survivor" : "merged";
					case "b" -> aSurvives ? "merged" : "survivor";
					default -> choice;
				});
			}
		});
		try {
			Merge merge = this.merges.merge(new MergeCommand(customerKind, aSurvives ? aId : bId, aSurvives ? bId : aId,
					aSurvives ? aVersion : bVersion, aSurvives ? bVersion : aVersion, values));
			redirect.addFlashAttribute("notice", "merge.done");
			redirect.addFlashAttribute("noticeArgs", new Object[] { merge.mergedName(), merge.survivorName() });
			return "redirect:/data-quality/merges/" + merge.id();
		}
		catch (StaleVersionException ex) {
			model.addAttribute("stale", true);
			return comparePage(customerKind, aId, bId, model);
		}
		catch (InvalidFieldsException ex) {
			model.addAttribute("chosen", chosen);
			model.addAttribute("problems", ex.problems().stream().map(this::text).toList());
			return comparePage(customerKind, aId, bId, model);
		}
		catch (BusinessRuleException ex) {
			model.addAttribute("chosen", chosen);
			model.addAttribute("problems", List.of(text(ex)));
			return comparePage(customerKind, aId, bId, model);
		}
	}

	@GetMapping("/merges")
	String list(Model model) {
		List<Merge> recent = this.merges.recent(200);
		model.addAttribute("merges", recent);
		model.addAttribute("undoable", recent.stream().filter(this.merges::undoable).map(Merge::id).toList());
		return "dataquality/merges";
	}

	@GetMapping("/merges/{id}")
	String show(@PathVariable String id, Model model) {
		Merge merge = this.merges.get(Ids.parse("merge", id));
		model.addAttribute("merge", merge);
		model.addAttribute("kind", code(merge.kind()));
		model.addAttribute("undoable", this.merges.undoable(merge));
		Map<String, Integer> moved = new LinkedHashMap<>();
		merge.moved().forEach((name, ids) -> {
			if (!ids.isEmpty()) {
				moved.put(name, ids.size());
			}
		});
		model.addAttribute("moved", moved);
		model.addAttribute("changed", this.merges.changes(merge));
		return "dataquality/merge-done";
	}

	@PostMapping("/merges/{id}/undo")
	String undo(@PathVariable String id, RedirectAttributes redirect) {
		UUID mergeId = Ids.parse("merge", id);
		try {
			MergeService.Undone undone = this.merges.undo(mergeId);
			if (undone.keptFields().isEmpty()) {
				redirect.addFlashAttribute("notice", "merge.undone");
				redirect.addFlashAttribute("noticeArgs", new Object[] { undone.merge().mergedName() });
			}
			else {
				redirect.addFlashAttribute("notice", "merge.undone.kept");
				redirect.addFlashAttribute("noticeArgs",
						new Object[] { undone.merge().mergedName(), String.join(", ", undone.keptFields()) });
			}
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("problem", ex.messageKey());
		}
		return "redirect:/data-quality/merges/" + id;
	}

	private String text(BusinessRuleException problem) {
		String message = this.messages.getMessage(problem.messageKey(), problem.arguments(), problem.messageKey(),
				LocaleContextHolder.getLocale());
		return (problem.field() != null) ? problem.field() + ": " + message : message;
	}

	private static CustomerKind kind(String kind) {
		return "company".equals(kind) ? CustomerKind.COMPANY : CustomerKind.PERSON;
	}

	static String code(CustomerKind kind) {
		return (kind == CustomerKind.PERSON) ? "person" : "company";
	}

}
