package dev.rapport.sales.web;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.web.NavigationItem;

/** The navigation entries of deals and products, and helpers shared by their pages. */
@Configuration(proxyBeanMethods = false)
class SalesPages {

	@Bean
	NavigationItem productsNavigation() {
		return new NavigationItem(NavigationItem.MAIN, "nav.products", "/products", 45, null);
	}

	@Bean
	NavigationItem pipelinesNavigation() {
		return new NavigationItem(NavigationItem.ADMIN, "nav.admin.pipelines", "/admin/pipelines", 50, "ROLE_ADMIN");
	}

	/** Custom values as forms show them: every value a list of strings. */
	static Map<String, List<String>> formValues(Map<String, Object> values) {
		Map<String, List<String>> form = new LinkedHashMap<>();
		values.forEach((key, value) -> form
			.put(key, (value instanceof Collection<?> c) ? c.stream().map(String::valueOf).toList()
					: List.of((value instanceof java.math.BigDecimal n) ? n.toPlainString() : String.valueOf(value))));
		return form;
	}

	/**
	 * Runs a change from a button, showing what went wrong above the page after the
	 * redirect.
	 */
	static void attempt(RedirectAttributes redirect, String notice, Runnable change) {
		try {
			change.run();
			redirect.addFlashAttribute("notice", notice);
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("problem", "deals.stale");
		}
		catch (InvalidFieldsException ex) {
			BusinessRuleException first = ex.problems().get(0);
			redirect.addFlashAttribute("problem", first.messageKey());
			redirect.addFlashAttribute("problemArgs", first.arguments());
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("problem", ex.messageKey());
			redirect.addFlashAttribute("problemArgs", ex.arguments());
		}
	}

}
