package dev.rapport.identity.web;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.identity.internal.RoleService.RoleChange;
import dev.rapport.identity.internal.RoleService.RoleView;
import dev.rapport.identity.internal.RoleService;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.web.Forms;

/** The administrator's pages for roles and the role hierarchy. */
@Controller
@RequestMapping("/admin/roles")
class RoleAdminController {

	private final RoleService roles;

	RoleAdminController(RoleService roles) {
		this.roles = roles;
	}

	record RoleForm(@NotBlank @Size(max = 100) String name, @Nullable @Size(max = 500) String description,
			@Nullable Boolean administrator, @Nullable UUID parentId, @Nullable Integer version) {

		static RoleForm of(RoleView role) {
			return new RoleForm(role.name(), role.description(), role.administrator(), role.parentId(), role.version());
		}

		RoleChange change() {
			return new RoleChange(this.name, this.description, Boolean.TRUE.equals(this.administrator), this.parentId);
		}

	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("roles", this.roles.all());
		return "identity/admin/roles";
	}

	@GetMapping("/new")
	String newRole(Model model) {
		model.addAttribute("form", new RoleForm("", null, Boolean.FALSE, null, null));
		return form(model, null);
	}

	@PostMapping
	String create(@Valid @ModelAttribute("form") RoleForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return form(model, null);
		}
		try {
			this.roles.create(form.change());
			redirect.addFlashAttribute("saved", form.name());
			return "redirect:/admin/roles";
		}
		catch (BusinessRuleException ex) {
			Forms.reject(result, ex);
			return form(model, null);
		}
	}

	@GetMapping("/{id}")
	String edit(@PathVariable String id, Model model) {
		RoleView role = this.roles.get(Ids.parse("role", id));
		model.addAttribute("form", RoleForm.of(role));
		return form(model, role);
	}

	@PostMapping("/{id}")
	String update(@PathVariable String id, @Valid @ModelAttribute("form") RoleForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		RoleView role = this.roles.get(Ids.parse("role", id));
		if (result.hasErrors()) {
			return form(model, role);
		}
		try {
			this.roles.update(role.id(), (form.version() != null) ? form.version() : -1, form.change());
			redirect.addFlashAttribute("saved", form.name());
			return "redirect:/admin/roles";
		}
		catch (StaleVersionException ex) {
			RoleView current = this.roles.get(role.id());
			model.addAttribute("form", new RoleForm(form.name(), form.description(), form.administrator(),
					form.parentId(), current.version()));
			model.addAttribute("stale", true);
			return form(model, current);
		}
		catch (BusinessRuleException ex) {
			Forms.reject(result, ex);
			return form(model, role);
		}
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable String id, @RequestParam int version, RedirectAttributes redirect) {
		RoleView role = this.roles.get(Ids.parse("role", id));
		try {
			this.roles.delete(role.id(), version);
			redirect.addFlashAttribute("deleted", role.name());
			return "redirect:/admin/roles";
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("problem", "form.stale");
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("problem", ex.messageKey());
		}
		return "redirect:/admin/roles/" + role.id();
	}

	private String form(Model model, @Nullable RoleView role) {
		model.addAttribute("role", role);
		model.addAttribute("parents",
				this.roles.all().stream().filter((r) -> role == null || !r.id().equals(role.id())).toList());
		return "identity/admin/role-form";
	}

}
