package dev.rapport.exchange.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.exchange.internal.imports.ImportJobView;
import dev.rapport.exchange.internal.imports.ImportPreview;
import dev.rapport.exchange.internal.imports.ImportService;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.web.NavigationItem;

/**
 * The import pages: upload a file, check the preview and the mapping, run a dry run,
 * import with a progress bar, read the summary and the report, undo.
 */
@Controller
class ImportController {

	private final ImportService imports;

	ImportController(ImportService imports) {
		this.imports = imports;
	}

	@GetMapping("/imports")
	String list(Model model) {
		model.addAttribute("jobs", this.imports.recent(50));
		model.addAttribute("objects", List.of("person", "company", "deal", "activity", "transaction"));
		model.addAttribute("actions", ImportService.ACTIONS);
		return "exchange/imports";
	}

	@PostMapping("/imports")
	String upload(@RequestParam("file") MultipartFile file, @RequestParam(required = false) @Nullable String object,
			@RequestParam(required = false) @Nullable String duplicateAction,
			@RequestParam(required = false) @Nullable List<String> matchOn,
			@RequestParam(required = false) @Nullable String mappingId, RedirectAttributes redirect) {
		try {
			ImportJobView job = this.imports.create(new ImportService.Upload(
					(file.getOriginalFilename() != null) ? file.getOriginalFilename() : "upload", file.getContentType(),
					file.getInputStream(), object, null, null, null, duplicateAction,
					(matchOn != null) ? matchOn : List.of("externalId", "email", "phone", "name"),
					(mappingId != null && !mappingId.isBlank()) ? Ids.parse("mappingId", mappingId) : null));
			return "redirect:/imports/" + job.id();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (BusinessRuleException ex) {
			problem(redirect, ex);
			return "redirect:/imports";
		}
	}

	@GetMapping("/imports/{id}")
	String page(@PathVariable String id, Model model,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, HttpServletResponse response) {
		ImportJobView job = this.imports.get(Ids.parse("import", id));
		Locale locale = LocaleContextHolder.getLocale();
		model.addAttribute("job", job);
		model.addAttribute("failure", this.imports.failure(job, locale));
		model.addAttribute("findings", this.imports.findings(job.id(), 50, locale));
		if (htmx != null) {
			if (!job.working()) {
				// The page was shown while the job worked: reload it whole, so that the
				// buttons for what comes next (import, undo) appear.
				response.setHeader("HX-Refresh", "true");
			}
			return "exchange/_progress";
		}
		ImportPreview preview = null;
		try {
			preview = this.imports.preview(job.id());
		}
		catch (BusinessRuleException ex) {
			model.addAttribute("problem", ex.messageKey());
			model.addAttribute("problemArgs", ex.arguments());
		}
		model.addAttribute("preview", preview);
		model.addAttribute("actions", ImportService.ACTIONS);
		model.addAttribute("matches", ImportService.MATCHES);
		model.addAttribute("mappings", this.imports.mappings(job.object()));
		List<Integer> columns = new ArrayList<>();
		for (int i = 0; i < job.header().size(); i++) {
			columns.add(i);
		}
		model.addAttribute("columns", columns);
		return "exchange/import";
	}

	@PostMapping("/imports/{id}/mapping")
	String mapping(@PathVariable String id, @RequestParam Map<String, String> form,
			@RequestParam(required = false) @Nullable List<String> matchOn, RedirectAttributes redirect) {
		UUID importId = Ids.parse("import", id);
		Map<Integer, String> mapping = new LinkedHashMap<>();
		form.forEach((name, value) -> {
			if (name.startsWith("column") && value != null && !value.isBlank()) {
				try {
					mapping.put(Integer.parseInt(name.substring("column".length())), value);
				}
				catch (NumberFormatException ex) {
					// not a column of the form
				}
			}
		});
		Integer version = null;
		try {
			version = Integer.valueOf(form.getOrDefault("version", ""));
		}
		catch (NumberFormatException ex) {
			// without a version the change is not checked for staleness
		}
		Integer known = version;
		return changed(id, "imports.page.saved", redirect,
				() -> this.imports.configure(importId, known,
						new ImportService.Settings(mapping, form.get("duplicateAction"),
								(matchOn != null) ? matchOn : List.of(), blank(form.get("encoding")),
								blank(form.get("delimiter")), blank(form.get("sheet")), form.get("saveAs"))));
	}

	@PostMapping("/imports/{id}/saved-mapping")
	String useMapping(@PathVariable String id, @RequestParam(required = false) @Nullable String mappingId,
			@RequestParam(required = false) @Nullable Integer version, RedirectAttributes redirect) {
		UUID importId = Ids.parse("import", id);
		return changed(id, "imports.page.mapping-used", redirect, () -> {
			if (mappingId == null || mappingId.isBlank()) {
				throw new BusinessRuleException("mappingId", "imports.mapping.unknown");
			}
			this.imports.useMapping(importId, version, Ids.parse("mappingId", mappingId));
		});
	}

	/**
	 * Changes an import's settings, then back to its page with a notice or the problem.
	 */
	private String changed(String id, String notice, RedirectAttributes redirect, Runnable change) {
		try {
			change.run();
			redirect.addFlashAttribute("notice", notice);
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("problem", "imports.page.stale");
		}
		catch (InvalidFieldsException ex) {
			problem(redirect, ex.problems().get(0));
		}
		catch (BusinessRuleException ex) {
			problem(redirect, ex);
		}
		return "redirect:/imports/" + id;
	}

	@PostMapping("/imports/{id}/{action:dry-run|run|undo}")
	String start(@PathVariable String id, @PathVariable String action, RedirectAttributes redirect) {
		UUID importId = Ids.parse("import", id);
		try {
			switch (action) {
				case "dry-run" -> this.imports.dryRun(importId);
				case "run" -> this.imports.run(importId);
				default -> this.imports.undo(importId);
			}
		}
		catch (BusinessRuleException ex) {
			problem(redirect, ex);
		}
		return "redirect:/imports/" + id;
	}

	@GetMapping("/imports/{id}/report.csv")
	void report(@PathVariable String id, HttpServletResponse response) throws IOException {
		UUID importId = Ids.parse("import", id);
		this.imports.get(importId);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-report-" + id + ".csv\"");
		this.imports.writeReport(importId, new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
				LocaleContextHolder.getLocale());
	}

	private static @Nullable String blank(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private static void problem(RedirectAttributes redirect, BusinessRuleException ex) {
		redirect.addFlashAttribute("problem", ex.messageKey());
		redirect.addFlashAttribute("problemArgs", ex.arguments());
	}

	/** The menu entry of imports. */
	@Configuration(proxyBeanMethods = false)
	static class ImportNavigation {

		@Bean
		NavigationItem importsNavigation() {
			return new NavigationItem(NavigationItem.MAIN, "nav.imports", "/imports", 85, null);
		}

	}

}
