package dev.rapport.customers.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.customers.EndOfLifeChange;
import dev.rapport.customers.internal.Bulk;
import dev.rapport.customers.internal.EndOfLifeService;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.StaleVersionException;

/**
 * The end-of-life forms of the person and company pages: set a state, clear it, restore
 * from the archive. Each answers with the page again and a message.
 */
@Controller
class EndOfLifeController {

	/** The bulk action of the lists that sets an end-of-life state. */
	static final String BULK_ACTION = "end_of_life";

	private final EndOfLifeService endOfLife;

	EndOfLifeController(EndOfLifeService endOfLife) {
		this.endOfLife = endOfLife;
	}

	@PostMapping("/people/{id}/end-of-life")
	String setPerson(@PathVariable String id, @RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable String reasonCode,
			@RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @Nullable UUID newCompanyId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate on,
			@RequestParam int version, RedirectAttributes redirect) {
		UUID personId = Ids.parse("person", id);
		return outcome(redirect, "/people/" + personId, "eol.saved", () -> this.endOfLife.setPersonState(personId,
				version, new EndOfLifeChange(state, blankToNull(reasonCode), reason, newCompanyId, on)));
	}

	@PostMapping("/people/{id}/end-of-life/clear")
	String clearPerson(@PathVariable String id, @RequestParam int version, RedirectAttributes redirect) {
		UUID personId = Ids.parse("person", id);
		return outcome(redirect, "/people/" + personId, "eol.reactivated",
				() -> this.endOfLife.reactivatePerson(personId, version));
	}

	@PostMapping("/people/{id}/archive/restore")
	String restorePerson(@PathVariable String id, @RequestParam int version, RedirectAttributes redirect) {
		UUID personId = Ids.parse("person", id);
		return outcome(redirect, "/people/" + personId, "eol.restored",
				() -> this.endOfLife.restorePerson(personId, version));
	}

	@PostMapping("/companies/{id}/end-of-life")
	String closeCompany(@PathVariable String id, @RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate on,
			@RequestParam int version, RedirectAttributes redirect) {
		UUID companyId = Ids.parse("company", id);
		return outcome(redirect, "/companies/" + companyId, "eol.saved", () -> this.endOfLife.closeCompany(companyId,
				version, new EndOfLifeChange((state != null) ? state : "closed", null, reason, null, on)));
	}

	@PostMapping("/companies/{id}/end-of-life/clear")
	String reopenCompany(@PathVariable String id, @RequestParam int version, RedirectAttributes redirect) {
		UUID companyId = Ids.parse("company", id);
		return outcome(redirect, "/companies/" + companyId, "eol.reopened",
				() -> this.endOfLife.reopenCompany(companyId, version));
	}

	@PostMapping("/companies/{id}/archive/restore")
	String restoreCompany(@PathVariable String id, @RequestParam int version, RedirectAttributes redirect) {
		UUID companyId = Ids.parse("company", id);
		return outcome(redirect, "/companies/" + companyId, "eol.restored",
				() -> this.endOfLife.restoreCompany(companyId, version));
	}

	private static String outcome(RedirectAttributes redirect, String page, String notice, Runnable change) {
		try {
			change.run();
			redirect.addFlashAttribute("notice", notice);
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("problem", "form.stale");
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
		return "redirect:" + page;
	}

	/**
	 * Sets the state of the records ticked in a list, putting the outcome or the problem
	 * in the model as the other bulk actions do.
	 */
	static void bulk(Model model, @Nullable List<UUID> ids, String prefix, Function<List<UUID>, Bulk.Result> run) {
		if (ids == null || ids.isEmpty()) {
			model.addAttribute("bulkProblem", prefix + ".bulk.none");
			return;
		}
		try {
			model.addAttribute("bulkResult", run.apply(ids));
		}
		catch (InvalidFieldsException ex) {
			model.addAttribute("bulkProblem", ex.problems().get(0).messageKey());
		}
		catch (BusinessRuleException ex) {
			model.addAttribute("bulkProblem", ex.messageKey());
		}
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

}
