package dev.rapport.activities.web;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.activities.internal.myday.MyDaySettings;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.web.Forms;

/** The administrator's thresholds of "my day". */
@Controller
@RequestMapping("/admin/my-day")
class MyDaySettingsController {

	private final MyDaySettings settings;

	MyDaySettingsController(MyDaySettings settings) {
		this.settings = settings;
	}

	/** The settings form; an empty number is rejected like one out of range. */
	record SettingsForm(@Nullable Integer dealIdleDays, @Nullable Integer dealStalledDays, @Nullable Integer atRiskDays,
			@Nullable Integer leadUntouchedHours, @Nullable String renewalFieldKey, @Nullable Integer renewalWithinDays,
			int version) {

		static SettingsForm of(MyDaySettings.Settings s) {
			return new SettingsForm(s.dealIdleDays(), s.dealStalledDays(), s.atRiskDays(), s.leadUntouchedHours(),
					s.renewalFieldKey(), s.renewalWithinDays(), s.version());
		}

		MyDaySettings.Settings settings() {
			return new MyDaySettings.Settings(orZero(this.dealIdleDays), orZero(this.dealStalledDays),
					orZero(this.atRiskDays), orZero(this.leadUntouchedHours), this.renewalFieldKey,
					orZero(this.renewalWithinDays), this.version);
		}

		private static int orZero(@Nullable Integer value) {
			return (value != null) ? value : 0;
		}

	}

	@GetMapping
	String show(Model model) {
		model.addAttribute("form", SettingsForm.of(this.settings.current()));
		return page(model);
	}

	@PostMapping
	String save(@ModelAttribute("form") SettingsForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return page(model);
		}
		try {
			this.settings.update(form.version(), form.settings());
			redirect.addFlashAttribute("saved", true);
			return "redirect:/admin/my-day";
		}
		catch (StaleVersionException ex) {
			// Saving again replaces the newer thresholds, as the message says.
			model.addAttribute("form", new SettingsForm(form.dealIdleDays(), form.dealStalledDays(), form.atRiskDays(),
					form.leadUntouchedHours(), form.renewalFieldKey(), form.renewalWithinDays(), ex.currentVersion()));
			model.addAttribute("stale", true);
			return page(model);
		}
		catch (InvalidFieldsException ex) {
			Forms.reject(result, ex);
			return page(model);
		}
	}

	private String page(Model model) {
		model.addAttribute("renewalFields", this.settings.renewalFields());
		return "activities/my-day-settings";
	}

}
