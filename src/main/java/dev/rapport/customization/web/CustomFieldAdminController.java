package dev.rapport.customization.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

import dev.rapport.customization.FieldDefinition.Option;
import dev.rapport.customization.FieldDefinition;
import dev.rapport.customization.FieldType;
import dev.rapport.customization.internal.CustomFieldService.FieldChange;
import dev.rapport.customization.internal.CustomFieldService;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.web.Forms;
import dev.rapport.platform.web.NavigationItem;

/** The administrator's pages to add, change, order and archive custom fields. */
@Controller
@RequestMapping("/admin/fields")
class CustomFieldAdminController {

	private final CustomFieldService fields;

	CustomFieldAdminController(CustomFieldService fields) {
		this.fields = fields;
	}

	/** The field form; options are typed one per line, as "label" or "value | label". */
	record FieldForm(@Nullable String key, @Nullable String label, @Nullable String type, boolean required,
			@Nullable String defaultValue, @Nullable String helpText, @Nullable BigDecimal min,
			@Nullable BigDecimal max, @Nullable String pattern, @Nullable String options, @Nullable String currency,
			@Nullable Integer position, @Nullable Integer version) {

		static FieldForm empty() {
			return new FieldForm(null, null, FieldType.TEXT.code(), false, null, null, null, null, null, null, "EUR",
					null, null);
		}

		static FieldForm of(FieldDefinition f) {
			String options = String.join("\n",
					f.options()
						.stream()
						.map((o) -> o.value().equals(o.label()) ? o.label() : o.value() + " | " + o.label())
						.toList());
			String defaultValue = (f.defaultValue() == null) ? null : (f.defaultValue() instanceof List<?> list)
					? String.join(",", list.stream().map(String::valueOf).toList())
					: (f.defaultValue() instanceof BigDecimal n) ? n.toPlainString() : String.valueOf(f.defaultValue());
			return new FieldForm(f.key(), f.label(), f.type().code(), f.required(), defaultValue, f.helpText(), f.min(),
					f.max(), f.pattern(), options, f.currency(), f.position(), f.version());
		}

		FieldChange change() {
			List<Option> parsed = new ArrayList<>();
			if (this.options != null) {
				for (String line : this.options.split("\\R")) {
					if (line.isBlank()) {
						continue;
					}
					int bar = line.indexOf('|');
					parsed.add((bar >= 0) ? new Option(line.substring(0, bar).strip(), line.substring(bar + 1).strip())
							: new Option(line.strip(), line.strip()));
				}
			}
			return new FieldChange(this.key, this.label, this.type, this.required, this.defaultValue, this.helpText,
					this.min, this.max, this.pattern, parsed, this.currency, this.position);
		}

	}

	@GetMapping
	String list(@RequestParam(defaultValue = "person") String object, Model model) {
		String kind = CustomFieldService.OBJECTS.contains(object) ? object : "person";
		model.addAttribute("object", kind);
		model.addAttribute("objects", CustomFieldService.OBJECTS);
		model.addAttribute("fields", this.fields.fieldsOf(kind, true));
		return "customization/fields";
	}

	@GetMapping("/new")
	String newField(@RequestParam(defaultValue = "person") String object, Model model) {
		model.addAttribute("form", FieldForm.empty());
		return form(model, object, null);
	}

	@PostMapping
	String create(@RequestParam(defaultValue = "person") String object, @ModelAttribute("form") FieldForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				FieldDefinition created = this.fields.create(object, form.change());
				redirect.addFlashAttribute("saved", created.label());
				return "redirect:/admin/fields?object=" + created.objectKind();
			}
			catch (InvalidFieldsException ex) {
				Forms.reject(result, ex);
			}
			catch (BusinessRuleException ex) {
				Forms.reject(result, ex);
			}
		}
		return form(model, object, null);
	}

	@GetMapping("/{id}")
	String edit(@PathVariable String id, Model model) {
		FieldDefinition field = this.fields.get(Ids.parse("custom field", id));
		model.addAttribute("form", FieldForm.of(field));
		return form(model, field.objectKind(), field);
	}

	@PostMapping("/{id}")
	String update(@PathVariable String id, @ModelAttribute("form") FieldForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		FieldDefinition field = this.fields.get(Ids.parse("custom field", id));
		if (!result.hasErrors()) {
			try {
				this.fields.update(field.id(), (form.version() != null) ? form.version() : -1, form.change());
				redirect.addFlashAttribute("saved", form.label());
				return "redirect:/admin/fields?object=" + field.objectKind();
			}
			catch (StaleVersionException ex) {
				model.addAttribute("stale", true);
			}
			catch (InvalidFieldsException ex) {
				Forms.reject(result, ex);
			}
		}
		return form(model, field.objectKind(), field);
	}

	@PostMapping("/{id}/archived")
	String archive(@PathVariable String id, @RequestParam boolean archived, @RequestParam int version,
			RedirectAttributes redirect) {
		FieldDefinition field = this.fields.get(Ids.parse("custom field", id));
		try {
			this.fields.setArchived(field.id(), version, archived);
			redirect.addFlashAttribute("saved", field.label());
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("problem", "form.stale");
		}
		return "redirect:/admin/fields?object=" + field.objectKind();
	}

	private String form(Model model, String object, @Nullable FieldDefinition field) {
		model.addAttribute("object", object);
		model.addAttribute("field", field);
		model.addAttribute("types", Arrays.stream(FieldType.values()).map(FieldType::code).toList());
		return "customization/field-form";
	}

	/** The entry in the administration menu. */
	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		NavigationItem customFieldsNavigation() {
			return new NavigationItem(NavigationItem.ADMIN, "nav.admin.custom-fields", "/admin/fields", 45,
					"ROLE_ADMIN");
		}

	}

}
