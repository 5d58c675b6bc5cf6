package dev.rapport.dataquality.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import dev.rapport.customers.CustomerKind;
import dev.rapport.customers.Customers;
import dev.rapport.customers.DataHealth;
import dev.rapport.dataquality.internal.health.OpenDuplicates;
import dev.rapport.dataquality.internal.health.RulesCheck;
import dev.rapport.platform.web.NavigationItem;

/**
 * The data health page: how complete and current the people and companies the user may
 * read are, in total, per owner and per team, each number a link to the list of the
 * records that need fixing; open duplicates; and, on demand, records breaking the
 * validation rules.
 */
@Controller
@RequestMapping("/data-quality")
class DataHealthController {

	static final int DEFAULT_MONTHS = 12;

	private final Customers customers;

	private final ObjectProvider<OpenDuplicates> duplicates;

	private final RulesCheck rulesCheck;

	DataHealthController(Customers customers, ObjectProvider<OpenDuplicates> duplicates, RulesCheck rulesCheck) {
		this.customers = customers;
		this.duplicates = duplicates;
		this.rulesCheck = rulesCheck;
	}

	/** A row of figures and, for each, the list that shows those records. */
	record Row(DataHealth.Figures figures, Map<String, String> links) {
	}

	@GetMapping
	String page(@RequestParam(defaultValue = "12") int months, Model model) {
		int chosen = (months < 1 || months > 120) ? DEFAULT_MONTHS : months;
		DataHealth health = this.customers.dataHealth(chosen);
		LocalDate cutoff = health.staleBefore().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
		model.addAttribute("months", chosen);
		model.addAttribute("health", health);
		model.addAttribute("total", new Row(health.total(), links(Scope.ALL, null, cutoff)));
		List<Row> owners = new ArrayList<>();
		health.byOwner().forEach((f) -> owners.add(new Row(f, links(Scope.OWNER, f.id(), cutoff))));
		List<Row> teams = new ArrayList<>();
		health.byTeam()
			.forEach(
					(f) -> teams.add(new Row(f, links((f.id() != null) ? Scope.TEAM : Scope.NO_TEAM, f.id(), cutoff))));
		model.addAttribute("owners", owners);
		model.addAttribute("teams", teams);
		OpenDuplicates open = this.duplicates.getIfUnique();
		model.addAttribute("duplicatePeople", (open != null) ? open.openPairs(CustomerKind.PERSON) : 0L);
		model.addAttribute("duplicateCompanies", (open != null) ? open.openPairs(CustomerKind.COMPANY) : 0L);
		model.addAttribute("duplicatesPath", (open != null) ? open.queuePath() : null);
		model.addAttribute("cap", RulesCheck.CAP);
		return "dataquality/data-health";
	}

	/** Checks the most recently changed records against the active validation rules. */
	@PostMapping("/rules-check")
	String checkRules(@RequestParam(defaultValue = "12") int months, Model model) {
		model.addAttribute("check", this.rulesCheck.run());
		return page(months, model);
	}

	private enum Scope {

		ALL, OWNER, TEAM, NO_TEAM

	}

	/** The people and companies lists filtered to what each figure counts. */
	private static Map<String, String> links(Scope scope, java.util.@Nullable UUID id, LocalDate cutoff) {
		Map<String, String> links = new LinkedHashMap<>();
		links.put("people", people(scope, id));
		links.put("noEmail", people(scope, id, "primaryEmail:unset:"));
		links.put("noPhone", people(scope, id, "primaryPhone:unset:"));
		links.put("noTeam", people(scope, id, "teamId:unset:"));
		links.put("noCompany", people(scope, id, "companyId:unset:"));
		links.put("stale", people(scope, id, "lastContactAt:lt:" + cutoff));
		links.put("neverContacted", people(scope, id, "lastContactAt:unset:", "createdAt:lt:" + cutoff));
		links.put("invalidEmail", people(scope, id, "invalidEmail:set:"));
		links.put("phoneNotE164", people(scope, id, "phoneNotE164:set:"));
		links.put("companies", companies(scope, id));
		links.put("companiesNoDomain", companies(scope, id, "domain:unset:"));
		return links;
	}

	private static String people(Scope scope, java.util.@Nullable UUID id, String... filters) {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/people");
		List<String> all = new ArrayList<>(List.of(filters));
		if (scope == Scope.OWNER) {
			url.queryParam("owner", id);
		}
		else if (scope == Scope.TEAM) {
			all.add("teamId:eq:" + id);
		}
		else if (scope == Scope.NO_TEAM && !all.contains("teamId:unset:")) {
			all.add("teamId:unset:");
		}
		// Erased people are not counted: their anonymous shells have nothing to fix.
		all.add("erased:unset:");
		return withFilters(url, all);
	}

	private static String companies(Scope scope, java.util.@Nullable UUID id, String... filters) {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/companies");
		List<String> all = new ArrayList<>(List.of(filters));
		switch (scope) {
			case OWNER -> all.add("ownerId:eq:" + id);
			case TEAM -> all.add("teamId:eq:" + id);
			case NO_TEAM -> all.add("teamId:unset:");
			default -> {
			}
		}
		return withFilters(url, all);
	}

	/** The filters as the rows of the lists' filter panel: ff, fo and fv side by side. */
	private static String withFilters(UriComponentsBuilder url, List<String> filters) {
		for (String filter : filters) {
			String[] parts = filter.split(":", 3);
			url.queryParam("ff", parts[0]).queryParam("fo", parts[1]).queryParam("fv", parts[2]);
		}
		return url.encode().build().toUriString();
	}

	/** The entry in the main menu. */
	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		NavigationItem dataQualityNavigation() {
			return new NavigationItem(NavigationItem.MAIN, "nav.data-quality", "/data-quality", 80, null);
		}

	}

}
