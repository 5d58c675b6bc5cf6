package dev.rapport.customization.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.customization.internal.IndustryTemplates;
import dev.rapport.platform.web.NavigationItem;

/** The administrator's page to preview and apply an industry template. */
@Controller
@RequestMapping("/admin/templates")
class TemplateAdminController {

	private final IndustryTemplates templates;

	TemplateAdminController(IndustryTemplates templates) {
		this.templates = templates;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("templates", this.templates.list());
		return "customization/templates";
	}

	@GetMapping("/{id}")
	String preview(@PathVariable String id, Model model) {
		model.addAttribute("template",
				this.templates.list()
					.stream()
					.filter((t) -> t.id().equals(id))
					.findFirst()
					.orElseThrow(() -> new dev.rapport.platform.NotFoundException("template", id)));
		var items = this.templates.preview(id, LocaleContextHolder.getLocale());
		model.addAttribute("items", items);
		model.addAttribute("missing", items.stream().filter((i) -> !i.present()).count());
		return "customization/template";
	}

	@PostMapping("/{id}")
	String apply(@PathVariable String id, RedirectAttributes redirect) {
		var applied = this.templates.apply(id, LocaleContextHolder.getLocale());
		redirect.addFlashAttribute("notice", "customization.template.applied");
		redirect.addFlashAttribute("noticeArgs", new Object[] { applied.stream().filter((i) -> !i.present()).count() });
		return "redirect:/admin/templates/" + id;
	}

	/** The entry in the administration menu. */
	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		NavigationItem templatesNavigation() {
			return new NavigationItem(NavigationItem.ADMIN, "nav.admin.templates", "/admin/templates", 50,
					"ROLE_ADMIN");
		}

	}

}
