package dev.rapport.dataquality.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.customers.Consent;
import dev.rapport.customers.CustomerLinks;
import dev.rapport.customers.Customers;
import dev.rapport.customers.PersonView;
import dev.rapport.dataquality.internal.privacy.Privacy;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.web.AccessDeniedProblem;

/**
 * Privacy pages: what is held about a person (readable, and as a JSON download), erasing
 * them on request after a confirmation, the audit of erasures, and the consent report.
 */
@Controller
class PrivacyController implements CustomerLinks {

	/** What the user types to confirm an erasure, besides the person's name. */
	static final String CONFIRM_WORD = "ERASE";

	private final Privacy privacy;

	private final Customers customers;

	private final AccessPolicy accessPolicy;

	PrivacyController(Privacy privacy, Customers customers, AccessPolicy accessPolicy) {
		this.privacy = privacy;
		this.customers = customers;
		this.accessPolicy = accessPolicy;
	}

	@GetMapping("/people/{id}/privacy")
	String page(@PathVariable String id, Model model) {
		UUID personId = Ids.parse("person", id);
		model.addAttribute("data", this.privacy.export(personId));
		model.addAttribute("erasure", this.privacy.erasure(personId).orElse(null));
		return "dataquality/privacy";
	}

	@GetMapping("/people/{id}/personal-data.json")
	ResponseEntity<Privacy.PersonalExport> download(@PathVariable String id) {
		UUID personId = Ids.parse("person", id);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename("personal-data-" + personId + ".json", StandardCharsets.UTF_8)
						.build()
						.toString())
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.privacy.export(personId));
	}

	@PostMapping("/people/{id}/erasure")
	String erase(@PathVariable String id, @RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @Nullable String confirm, RedirectAttributes redirect) {
		UUID personId = Ids.parse("person", id);
		PersonView person = this.customers.findPerson(personId)
			.orElseThrow(() -> new NotFoundException("person", personId));
		String typed = (confirm != null) ? confirm.strip() : "";
		if (!typed.equals(CONFIRM_WORD) && !typed.equals(person.displayName())) {
			redirect.addFlashAttribute("problem", "privacy.erase.confirm.wrong");
			redirect.addFlashAttribute("reason", reason);
			return "redirect:/people/" + personId + "/privacy";
		}
		try {
			this.privacy.erase(personId, (reason != null) ? reason : "");
			redirect.addFlashAttribute("notice", "privacy.erase.done");
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("problem", ex.messageKey());
			redirect.addFlashAttribute("reason", reason);
		}
		return "redirect:/people/" + personId + "/privacy";
	}

	@GetMapping("/admin/erasures")
	String erasures(Model model) {
		model.addAttribute("erasures", this.privacy.erasures(500));
		return "dataquality/erasures";
	}

	@GetMapping("/data-quality/consent")
	String consent(@RequestParam(required = false) @Nullable String channel,
			@RequestParam(required = false) @Nullable String status, Model model) {
		if (!this.accessPolicy.currentScope().administrator()) {
			throw new AccessDeniedProblem("privacy.forbidden");
		}
		model.addAttribute("counts", this.customers.consentCounts());
		if (channel != null && status != null) {
			model.addAttribute("channel", channel);
			model.addAttribute("status", status);
			model.addAttribute("people", this.customers.consentStandings(channel, status, 500));
		}
		model.addAttribute("channels", Consent.CHANNELS);
		return "dataquality/consent";
	}

	@Override
	public List<Link> forPerson(UUID personId) {
		return List.of(new Link("privacy.link", "/people/" + personId + "/privacy", 90));
	}

	@Override
	public List<Link> forCompany(UUID companyId) {
		return List.of();
	}

}
