package dev.rapport.dataquality.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.customers.CustomerKind;
import dev.rapport.dataquality.Duplicates;
import dev.rapport.dataquality.Duplicates.Candidate;
import dev.rapport.dataquality.Duplicates.Level;
import dev.rapport.dataquality.internal.DuplicatePairs;
import dev.rapport.identity.UserView;
import dev.rapport.identity.Users;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.web.NavigationItem;

/**
 * The duplicates queue, and the "this may already exist" hint of the person and company
 * forms.
 */
@Controller
class DuplicatesController {

	private static final Pattern EMAIL = Pattern.compile("^emails\\[(\\d+)]\\.address$");

	private static final Pattern PHONE = Pattern.compile("^phones\\[(\\d+)]\\.number$");

	private final Duplicates duplicates;

	private final DuplicatePairs pairs;

	private final Users users;

	DuplicatesController(Duplicates duplicates, DuplicatePairs pairs, Users users) {
		this.duplicates = duplicates;
		this.pairs = pairs;
		this.users = users;
	}

	/** The records the form being typed may duplicate, as a fragment for htmx. */
	@PostMapping("/data-quality/duplicates/hint/{kind}")
	String hint(@PathVariable String kind, @RequestParam(required = false) @Nullable String id,
			@RequestParam MultiValueMap<String, String> form, Model model) {
		UUID self = (id != null && !id.isBlank()) ? Ids.parse("id", id) : null;
		List<Candidate> candidates;
		if ("company".equals(kind)) {
			String name = first(form, "name");
			candidates = (name == null) ? List.of()
					: this.duplicates.similarCompanies(new Duplicates.CompanyProbe(self, name, first(form, "domain"),
							first(form, "addresses[0].street"), first(form, "addresses[0].postalCode"),
							first(form, "addresses[0].city")), 5);
		}
		else {
			List<String> emails = new ArrayList<>();
			List<String> phones = new ArrayList<>();
			form.forEach((key, values) -> {
				if (EMAIL.matcher(key).matches()) {
					values.stream().filter((v) -> !v.isBlank()).forEach(emails::add);
				}
				if (PHONE.matcher(key).matches()) {
					values.stream().filter((v) -> !v.isBlank()).forEach(phones::add);
				}
			});
			String given = first(form, "givenName");
			String family = first(form, "familyName");
			String display = first(form, "displayName");
			candidates = (given == null && family == null && display == null && emails.isEmpty() && phones.isEmpty())
					? List.of()
					: this.duplicates.similarPeople(new Duplicates.PersonProbe(self, given, family, display, emails,
							phones, null, first(form, "addresses[0].street"), first(form, "addresses[0].postalCode"),
							first(form, "addresses[0].city")), 5);
		}
		model.addAttribute("candidates", candidates);
		model.addAttribute("base", "company".equals(kind) ? "/companies/" : "/people/");
		return "dataquality/_duplicate-hint :: hint";
	}

	/** The queue of open pairs, filtered. */
	@GetMapping("/data-quality/duplicates")
	String queue(@RequestParam(required = false) @Nullable String level,
			@RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String owner,
			@RequestParam(required = false) @Nullable String cursor, Model model) {
		Level l = switch ((level != null) ? level : "") {
			case "likely" -> Level.LIKELY;
			case "possible" -> Level.POSSIBLE;
			default -> null;
		};
		CustomerKind k = switch ((kind != null) ? kind : "") {
			case "person" -> CustomerKind.PERSON;
			case "company" -> CustomerKind.COMPANY;
			default -> null;
		};
		UUID ownerId = null;
		if (owner != null && !owner.isBlank()) {
			try {
				ownerId = UUID.fromString(owner);
			}
			catch (IllegalArgumentException ex) {
				throw new BusinessRuleException("owner", "duplicates.kind.unknown", owner);
			}
		}
		DuplicatePairs.Page page = this.pairs.queue(new DuplicatePairs.Filter(l, k, ownerId), cursor, 25);
		Map<UUID, String> owners = new LinkedHashMap<>();
		for (UserView user : this.users.active()) {
			owners.put(user.id(), user.displayName());
		}
		model.addAttribute("page", page);
		model.addAttribute("owners", owners);
		model.addAttribute("level", (level != null) ? level : "");
		model.addAttribute("kind", (kind != null) ? kind : "");
		model.addAttribute("owner", (owner != null) ? owner : "");
		return "dataquality/duplicates";
	}

	/** "Not a duplicate". */
	@PostMapping("/data-quality/duplicates/{id}/dismiss")
	String dismiss(@PathVariable String id, RedirectAttributes redirect) {
		this.pairs.dismiss(Ids.parse("duplicate", id));
		redirect.addFlashAttribute("dismissed", true);
		return "redirect:/data-quality/duplicates";
	}

	private static @Nullable String first(MultiValueMap<String, String> form, String key) {
		String value = form.getFirst(key);
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/** The entries of duplicate detection in the menu. */
	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		NavigationItem duplicatesNavigation() {
			return new NavigationItem(NavigationItem.MAIN, "nav.duplicates", "/data-quality/duplicates", 60, null);
		}

		@Bean
		NavigationItem duplicateRulesNavigation() {
			return new NavigationItem(NavigationItem.ADMIN, "nav.admin.duplicate-rules", "/admin/duplicate-rules", 50,
					"ROLE_ADMIN");
		}

	}

}
