package dev.rapport.customers.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.customers.internal.Trash;
import dev.rapport.platform.Ids;
import dev.rapport.platform.web.NavigationItem;

/** The trash: deleted people and companies, and restoring them. */
@Controller
@RequestMapping("/trash")
class TrashController {

	private final Trash trash;

	TrashController(Trash trash) {
		this.trash = trash;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("items", this.trash.list());
		return "customers/trash";
	}

	@PostMapping("/{kind}/{id}")
	String restore(@PathVariable String kind, @PathVariable String id, @RequestParam String name,
			RedirectAttributes redirect) {
		if ("company".equals(kind)) {
			this.trash.restoreCompany(Ids.parse("company", id));
			redirect.addFlashAttribute("notice", "trash.restored");
			redirect.addFlashAttribute("noticeArgs", new Object[] { name });
			return "redirect:/companies/" + id;
		}
		this.trash.restorePerson(Ids.parse("person", id));
		redirect.addFlashAttribute("notice", "trash.restored");
		redirect.addFlashAttribute("noticeArgs", new Object[] { name });
		return "redirect:/people/" + id;
	}

	/** The entry in the menu. */
	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		NavigationItem trashNavigation() {
			return new NavigationItem(NavigationItem.MAIN, "nav.trash", "/trash", 90, null);
		}

	}

}
