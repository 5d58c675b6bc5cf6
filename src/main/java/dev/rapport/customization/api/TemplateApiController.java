package dev.rapport.customization.api;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.customization.TemplatePart;
import dev.rapport.customization.internal.IndustryTemplates;

/** Industry templates over REST: list, preview, apply (administrators). */
@RestController
@RequestMapping("/api/v1/industry-templates")
@Tag(name = "Industry templates")
@SecurityRequirement(name = "bearer")
class TemplateApiController {

	private final IndustryTemplates templates;

	private final org.springframework.context.MessageSource messages;

	TemplateApiController(IndustryTemplates templates, org.springframework.context.MessageSource messages) {
		this.templates = templates;
		this.messages = messages;
	}

	/** A template, named in the language of the request. */
	record TemplateResource(String id, String name, String description) {
	}

	/**
	 * One thing a template sets up: what it is, its name, whether the workspace has it.
	 */
	record ItemResource(String kind, String name, boolean present) {
	}

	@GetMapping
	@Operation(summary = "The industry templates")
	List<TemplateResource> list() {
		return this.templates.list()
			.stream()
			.map((t) -> new TemplateResource(t.id(), text(t.nameKey()), text(t.descriptionKey())))
			.toList();
	}

	@GetMapping("/{id}/preview")
	@Operation(summary = "What applying a template would set up",
			description = "Each item says whether the workspace already has it (present: true) and keeps it.")
	List<ItemResource> preview(@PathVariable String id) {
		return items(this.templates.preview(id, LocaleContextHolder.getLocale()));
	}

	@PostMapping("/{id}/apply")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Apply a template",
			description = "Administrators only. Adds what is missing and keeps what exists, so applying twice "
					+ "changes nothing. Answers the items as they were before (present: false was added).")
	List<ItemResource> apply(@PathVariable String id) {
		return items(this.templates.apply(id, LocaleContextHolder.getLocale()));
	}

	private List<ItemResource> items(List<TemplatePart.Item> items) {
		return items.stream().map((i) -> new ItemResource(text(i.kindKey()), i.name(), i.present())).toList();
	}

	private String text(String key) {
		return this.messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
	}

}
