package dev.rapport.dataquality.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.dataquality.internal.rules.RuleOperator;
import dev.rapport.dataquality.internal.rules.ValidationRule;
import dev.rapport.dataquality.internal.rules.ValidationRules;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.web.Forms;
import dev.rapport.platform.web.NavigationItem;

/**
 * The administrator's pages for validation rules: list them per object, add, change,
 * switch on and off, delete, and try one on an existing record.
 */
@Controller
@RequestMapping("/admin/validation-rules")
class ValidationRuleAdminController {

	/** How many "when" rows the form offers. */
	static final int CONDITION_ROWS = 3;

	private static final Pattern UUID_IN_TEXT = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private final ValidationRules rules;

	ValidationRuleAdminController(ValidationRules rules) {
		this.rules = rules;
	}

	/** One "when" row of the form. */
	record ConditionRow(@Nullable String field, @Nullable String op, @Nullable String value) {
	}

	/** The rule form. */
	record RuleForm(@Nullable String name, @Nullable List<ConditionRow> when, @Nullable String thenField,
			@Nullable String thenOp, @Nullable String thenValue, @Nullable String message, boolean active,
			@Nullable Integer version) {

		static RuleForm empty() {
			return new RuleForm(null, List.of(), null, RuleOperator.NOT_EMPTY.code(), null, null, true, null)
				.withRows();
		}

		static RuleForm of(ValidationRule rule) {
			return new RuleForm(rule.name(),
					rule.when().stream().map((c) -> new ConditionRow(c.field(), c.op(), c.value())).toList(),
					rule.then().field(), rule.then().op(), rule.then().value(), rule.message(), rule.active(),
					rule.version())
				.withRows();
		}

		/** The form with empty "when" rows up to the number offered. */
		RuleForm withRows() {
			List<ConditionRow> rows = new ArrayList<>((this.when != null) ? this.when : List.of());
			while (rows.size() < CONDITION_ROWS) {
				rows.add(new ConditionRow(null, null, null));
			}
			return new RuleForm(this.name, rows, this.thenField, this.thenOp, this.thenValue, this.message, this.active,
					this.version);
		}

		ValidationRules.RuleInput input(@Nullable String object) {
			List<ValidationRule.Condition> conditions = new ArrayList<>();
			for (ConditionRow row : (this.when != null) ? this.when : List.<ConditionRow>of()) {
				conditions.add((row != null) ? new ValidationRule.Condition(row.field(), row.op(), row.value())
						: new ValidationRule.Condition(null, null, null));
			}
			return new ValidationRules.RuleInput(object, this.name, conditions,
					new ValidationRule.Condition(this.thenField, this.thenOp, this.thenValue), this.message,
					this.active);
		}

	}

	@GetMapping
	String list(@RequestParam(required = false) @Nullable String object, Model model) {
		String kind = (object != null && ValidationRules.OBJECTS.contains(object)) ? object : null;
		model.addAttribute("object", kind);
		model.addAttribute("objects", ValidationRules.OBJECTS);
		model.addAttribute("rules", this.rules.list(kind));
		return "dataquality/validation-rules";
	}

	@GetMapping("/new")
	String newRule(@RequestParam(defaultValue = "person") String object, Model model) {
		model.addAttribute("form", RuleForm.empty());
		return form(model, ValidationRules.OBJECTS.contains(object) ? object : "person", null);
	}

	@PostMapping
	String create(@RequestParam(defaultValue = "person") String object, @ModelAttribute("form") RuleForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				ValidationRule created = this.rules.create(form.input(object));
				redirect.addFlashAttribute("saved", created.name());
				return "redirect:/admin/validation-rules?object=" + created.object();
			}
			catch (InvalidFieldsException ex) {
				ex.problems().forEach((p) -> Forms.reject(result, onForm(p)));
			}
			catch (BusinessRuleException ex) {
				Forms.reject(result, onForm(ex));
			}
		}
		model.addAttribute("form", form.withRows());
		return form(model, ValidationRules.OBJECTS.contains(object) ? object : "person", null);
	}

	@GetMapping("/{id}")
	String edit(@PathVariable String id, Model model) {
		ValidationRule rule = this.rules.get(Ids.parse("validation rule", id));
		model.addAttribute("form", RuleForm.of(rule));
		return form(model, rule.object(), rule);
	}

	@PostMapping("/{id}")
	String update(@PathVariable String id, @ModelAttribute("form") RuleForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		ValidationRule rule = this.rules.get(Ids.parse("validation rule", id));
		if (!result.hasErrors()) {
			try {
				this.rules.update(rule.id(), (form.version() != null) ? form.version() : -1, form.input(null));
				redirect.addFlashAttribute("saved", form.name());
				return "redirect:/admin/validation-rules?object=" + rule.object();
			}
			catch (StaleVersionException ex) {
				model.addAttribute("stale", true);
			}
			catch (InvalidFieldsException ex) {
				ex.problems().forEach((p) -> Forms.reject(result, onForm(p)));
			}
		}
		model.addAttribute("form", form.withRows());
		return form(model, rule.object(), rule);
	}

	@PostMapping("/{id}/active")
	String activate(@PathVariable String id, @RequestParam boolean active, @RequestParam int version,
			RedirectAttributes redirect) {
		ValidationRule rule = this.rules.get(Ids.parse("validation rule", id));
		try {
			this.rules.setActive(rule.id(), version, active);
			redirect.addFlashAttribute("notice",
					active ? "dataquality.rules.activated" : "dataquality.rules.deactivated");
			redirect.addFlashAttribute("noticeArgs", new Object[] { rule.name() });
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("problem", "form.stale");
		}
		return "redirect:/admin/validation-rules?object=" + rule.object();
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable String id, @RequestParam int version, RedirectAttributes redirect) {
		ValidationRule rule = this.rules.get(Ids.parse("validation rule", id));
		try {
			this.rules.delete(rule.id(), version);
			redirect.addFlashAttribute("deleted", rule.name());
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("problem", "form.stale");
		}
		return "redirect:/admin/validation-rules?object=" + rule.object();
	}

	/**
	 * Tries the rule as saved on a record named by its id or by the address of its page.
	 */
	@PostMapping("/{id}/try")
	String tryOn(@PathVariable String id, @RequestParam(defaultValue = "") String record, Model model) {
		ValidationRule rule = this.rules.get(Ids.parse("validation rule", id));
		model.addAttribute("form", RuleForm.of(rule));
		model.addAttribute("tried", record);
		Matcher found = UUID_IN_TEXT.matcher(record);
		if (!found.find()) {
			model.addAttribute("tryProblem", "dataquality.rules.try.no-record");
			return form(model, rule.object(), rule);
		}
		try {
			model.addAttribute("tryOutcome",
					this.rules.tryOn(rule, UUID.fromString(found.group())).name().toLowerCase(java.util.Locale.ROOT));
		}
		catch (NotFoundException ex) {
			model.addAttribute("tryProblem", "dataquality.rules.try.not-found");
		}
		return form(model, rule.object(), rule);
	}

	/** The service names the "then" parts {@code then.field}; the form thenField. */
	private static BusinessRuleException onForm(BusinessRuleException problem) {
		String field = problem.field();
		if (field != null && field.startsWith("then.")) {
			String part = field.substring(5);
			field = "then" + Character.toUpperCase(part.charAt(0)) + part.substring(1);
		}
		else if ("object".equals(field)) {
			field = null;
		}
		return new BusinessRuleException(field, problem.messageKey(), problem.arguments());
	}

	private String form(Model model, String object, @Nullable ValidationRule rule) {
		model.addAttribute("object", object);
		model.addAttribute("rule", rule);
		model.addAttribute("fields", this.rules.fields(object));
		Map<String, String> labels = this.rules.customLabels(object);
		model.addAttribute("fieldLabels", labels);
		model.addAttribute("operators", Arrays.stream(RuleOperator.values()).map(RuleOperator::code).toList());
		return "dataquality/validation-rule-form";
	}

	/** The entry in the administration menu. */
	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		NavigationItem validationRulesNavigation() {
			return new NavigationItem(NavigationItem.ADMIN, "nav.admin.validation-rules", "/admin/validation-rules", 46,
					"ROLE_ADMIN");
		}

	}

}
