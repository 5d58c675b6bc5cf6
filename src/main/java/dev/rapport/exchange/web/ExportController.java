package dev.rapport.exchange.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.customers.CustomerLinks;
import dev.rapport.exchange.internal.exports.ExportJob;
import dev.rapport.exchange.internal.exports.Exports;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;

/**
 * Exports in the web UI: the "Export" button of the lists starts one, its page shows its
 * progress and the download, {@code /exports} lists the user's exports, and a person's
 * page offers their vCard.
 */
@Controller
class ExportController implements CustomerLinks {

	private final Exports exports;

	ExportController(Exports exports) {
		this.exports = exports;
	}

	@PostMapping("/exports")
	String start(@RequestParam(required = false) @Nullable String object,
			@RequestParam(required = false) @Nullable String format,
			@RequestParam(required = false) @Nullable String query, RedirectAttributes redirect) {
		try {
			ExportJob job = this.exports.start((object != null) ? object : "", (format != null) ? format : "csv",
					query);
			return "redirect:/exports/" + job.id();
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("problem", ex.messageKey());
			redirect.addFlashAttribute("problemArgs", ex.arguments());
			return "redirect:/exports";
		}
	}

	@GetMapping("/exports")
	String list(Model model) {
		model.addAttribute("jobs", this.exports.mine(100));
		return "exchange/exports";
	}

	@GetMapping("/exports/{id}")
	String show(@PathVariable String id, @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
			Model model) {
		model.addAttribute("job", this.exports.get(Ids.parse("export", id)));
		return (htmx != null) ? "exchange/_export-status" : "exchange/export";
	}

	@GetMapping("/exports/{id}/file")
	ResponseEntity<InputStreamResource> file(@PathVariable String id) {
		return send(this.exports.download(Ids.parse("export", id)));
	}

	@GetMapping("/exports/people/{id}/vcard")
	ResponseEntity<byte[]> personVcard(@PathVariable String id,
			@RequestParam(name = "version", required = false) @Nullable String version) {
		UUID personId = Ids.parse("person", id);
		byte[] card = this.exports.vcard(personId, "3.0".equals(version) || "3".equals(version));
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(personId + ".vcf", StandardCharsets.UTF_8)
						.build()
						.toString())
			.contentType(MediaType.parseMediaType("text/vcard; charset=UTF-8"))
			.body(card);
	}

	static ResponseEntity<InputStreamResource> send(Exports.Download download) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(download.file().name(), StandardCharsets.UTF_8)
						.build()
						.toString())
			.contentType(MediaType.parseMediaType(download.file().contentType()))
			.contentLength(download.file().sizeBytes())
			.body(new InputStreamResource(download.content()));
	}

	@Override
	public List<Link> forPerson(UUID personId) {
		return List.of(new Link("export.vcard.person", "/exports/people/" + personId + "/vcard", 80));
	}

	@Override
	public List<Link> forCompany(UUID companyId) {
		return List.of();
	}

}
