package dev.rapport.customers.web;

import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.customers.LifecycleStage;
import dev.rapport.customers.internal.CustomerSettings.LifecycleRule;
import dev.rapport.customers.internal.CustomerSettings.Settings;
import dev.rapport.customers.internal.CustomerSettings;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.web.Forms;

/** The administrator's settings of the customer database. */
@Controller
@RequestMapping("/admin/customers")
class CustomerSettingsController {

	private final CustomerSettings settings;

	private final CustomerPages pages;

	CustomerSettingsController(CustomerSettings settings, CustomerPages pages) {
		this.settings = settings;
		this.pages = pages;
	}

	/** The settings form; a blank stage name keeps the default. */
	record SettingsForm(@Nullable String phoneRegion, @Nullable String lifecycleRule, @Nullable String leadLabel,
			@Nullable String potentialLabel, @Nullable String activeLabel, @Nullable String loyalLabel,
			@Nullable String lostLabel, int version) {

		Map<LifecycleStage, String> labels() {
			Map<LifecycleStage, String> labels = new EnumMap<>(LifecycleStage.class);
			labels.put(LifecycleStage.LEAD, (this.leadLabel != null) ? this.leadLabel : "");
			labels.put(LifecycleStage.POTENTIAL, (this.potentialLabel != null) ? this.potentialLabel : "");
			labels.put(LifecycleStage.ACTIVE, (this.activeLabel != null) ? this.activeLabel : "");
			labels.put(LifecycleStage.LOYAL, (this.loyalLabel != null) ? this.loyalLabel : "");
			labels.put(LifecycleStage.LOST, (this.lostLabel != null) ? this.lostLabel : "");
			return labels;
		}

	}

	@GetMapping
	String show(Model model) {
		Settings current = this.settings.current();
		Map<LifecycleStage, String> own = this.settings.stageLabels();
		model.addAttribute("form",
				new SettingsForm(current.phoneRegion(), current.lifecycleRule().code(), own.get(LifecycleStage.LEAD),
						own.get(LifecycleStage.POTENTIAL), own.get(LifecycleStage.ACTIVE),
						own.get(LifecycleStage.LOYAL), own.get(LifecycleStage.LOST), current.version()));
		return page(model);
	}

	@PostMapping
	String save(@ModelAttribute("form") SettingsForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return page(model);
		}
		try {
			LifecycleRule rule = "forward".equals(form.lifecycleRule()) ? LifecycleRule.FORWARD : LifecycleRule.FREE;
			this.settings.updateAll(form.version(), form.phoneRegion(), rule, form.labels());
			redirect.addFlashAttribute("saved", true);
			return "redirect:/admin/customers";
		}
		catch (StaleVersionException ex) {
			model.addAttribute("stale", true);
			return page(model);
		}
		catch (BusinessRuleException ex) {
			String field = ex.field();
			if (field != null && field.startsWith("labels[")) {
				String code = field.substring("labels[".length(), field.length() - 1);
				ex = new BusinessRuleException(code + "Label", ex.messageKey(), ex.arguments());
			}
			Forms.reject(result, ex);
			return page(model);
		}
	}

	private String page(Model model) {
		model.addAttribute("stageNames", this.pages.stages());
		model.addAttribute("stages", LifecycleStage.values());
		return "customers/settings";
	}

}
