package dev.rapport.customers.web;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.customers.internal.TagService;
import dev.rapport.customers.internal.TagService.TagSummary;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.web.Forms;

/**
 * The administrator's page of tags: how many people and companies carry each; renaming,
 * merging and deleting them.
 */
@Controller
@RequestMapping("/admin/tags")
class TagAdminController {

	static final int PAGE_SIZE = 200;

	private final TagService tags;

	TagAdminController(TagService tags) {
		this.tags = tags;
	}

	/** The search of the list of tags. */
	record Filter(@Nullable String q) {
	}

	/** A tag's new name, and the version it was read at. */
	record RenameForm(@Nullable String name, @Nullable Integer version) {
	}

	/** The tag to merge into, and the version of the tag merged. */
	record MergeForm(@Nullable String targetId, @Nullable Integer version) {
	}

	@GetMapping
	String list(@ModelAttribute("filter") Filter filter, @RequestParam(required = false) @Nullable String cursor,
			@RequestHeader(name = "HX-Target", required = false) @Nullable String target, Model model) {
		model.addAttribute("page", this.tags.page(filter.q(), cursor, PAGE_SIZE));
		if ("tag-results".equals(target)) {
			return "customers/_tag-results :: results";
		}
		if ("more-tags".equals(target)) {
			return "customers/_tag-results :: rows";
		}
		return "customers/tags";
	}

	@GetMapping("/{id}")
	String show(@PathVariable String id, Model model) {
		TagSummary tag = this.tags.get(Ids.parse("tag", id));
		model.addAttribute("form", new RenameForm(tag.name(), tag.version()));
		model.addAttribute("mergeForm", new MergeForm(null, tag.version()));
		return page(tag, model);
	}

	@PostMapping("/{id}")
	String rename(@PathVariable String id, @ModelAttribute("form") RenameForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		UUID tagId = Ids.parse("tag", id);
		TagSummary tag;
		try {
			tag = this.tags.get(tagId);
		}
		catch (NotFoundException ex) {
			return gone(redirect);
		}
		model.addAttribute("mergeForm", new MergeForm(null, tag.version()));
		if (!result.hasErrors()) {
			try {
				TagSummary renamed = this.tags.rename(tagId, version(form.version()), form.name());
				redirect.addFlashAttribute("notice", "customers.tags.renamed");
				redirect.addFlashAttribute("noticeArgs", new Object[] { tag.name(), renamed.name() });
				return "redirect:/admin/tags";
			}
			catch (NotFoundException ex) {
				return gone(redirect);
			}
			catch (StaleVersionException ex) {
				model.addAttribute("stale", true);
				model.addAttribute("form", new RenameForm(form.name(), tag.version()));
			}
			catch (InvalidFieldsException ex) {
				Forms.reject(result, ex);
				if (ex.problems().stream().anyMatch((p) -> "customers.tags.name.taken".equals(p.messageKey()))) {
					// Offer the tag of that name in the merge form.
					this.tags.idOfName(form.name())
						.ifPresent((other) -> model.addAttribute("mergeForm",
								new MergeForm(other.toString(), tag.version())));
				}
			}
		}
		return page(tag, model);
	}

	@PostMapping("/{id}/merge")
	String merge(@PathVariable String id, @ModelAttribute("mergeForm") MergeForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		UUID tagId = Ids.parse("tag", id);
		TagSummary tag;
		try {
			tag = this.tags.get(tagId);
		}
		catch (NotFoundException ex) {
			return gone(redirect);
		}
		model.addAttribute("form", new RenameForm(tag.name(), tag.version()));
		if (!result.hasErrors()) {
			try {
				TagSummary target = this.tags.merge(tagId, version(form.version()),
						TagService.targetId(form.targetId()));
				redirect.addFlashAttribute("notice", "customers.tags.merged");
				redirect.addFlashAttribute("noticeArgs", new Object[] { tag.name(), target.name() });
				return "redirect:/admin/tags";
			}
			catch (NotFoundException ex) {
				return gone(redirect);
			}
			catch (StaleVersionException ex) {
				model.addAttribute("stale", true);
				model.addAttribute("mergeForm", new MergeForm(form.targetId(), tag.version()));
			}
			catch (InvalidFieldsException ex) {
				Forms.reject(result, ex);
			}
		}
		return page(tag, model);
	}

	@GetMapping("/{id}/delete")
	String confirmDelete(@PathVariable String id, Model model) {
		model.addAttribute("tag", this.tags.get(Ids.parse("tag", id)));
		return "customers/tag-delete";
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable String id, @RequestParam(required = false) @Nullable Integer version,
			RedirectAttributes redirect) {
		UUID tagId = Ids.parse("tag", id);
		try {
			TagSummary tag = this.tags.get(tagId);
			this.tags.delete(tagId, version(version));
			redirect.addFlashAttribute("deleted", tag.name());
			return "redirect:/admin/tags";
		}
		catch (NotFoundException ex) {
			return gone(redirect);
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("problem", "customers.tags.changed");
			return "redirect:/admin/tags/" + tagId;
		}
	}

	private String page(TagSummary tag, Model model) {
		model.addAttribute("tag", tag);
		model.addAttribute("maxLength", TagService.MAX_LENGTH);
		model.addAttribute("others", this.tags.others(tag.id()));
		model.addAttribute("changes", this.tags.history(tag.id()));
		return "customers/tag";
	}

	private static String gone(RedirectAttributes redirect) {
		redirect.addFlashAttribute("problem", "customers.tags.gone");
		return "redirect:/admin/tags";
	}

	private static int version(@Nullable Integer version) {
		return (version != null) ? version : -1;
	}

}
