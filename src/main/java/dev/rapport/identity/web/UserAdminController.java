package dev.rapport.identity.web;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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

import dev.rapport.identity.UserView;
import dev.rapport.identity.internal.RoleService;
import dev.rapport.identity.internal.TeamService;
import dev.rapport.identity.internal.UserService.UserChange;
import dev.rapport.identity.internal.UserService;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.web.Forms;

/**
 * The administrator's pages to list, create, edit, deactivate users and reset passwords.
 */
@Controller
@RequestMapping("/admin/users")
class UserAdminController {

	private final UserService users;

	private final RoleService roles;

	private final TeamService teams;

	UserAdminController(UserService users, RoleService roles, TeamService teams) {
		this.users = users;
		this.roles = roles;
		this.teams = teams;
	}

	/** The user form; the password is asked only when creating. */
	record UserForm(@NotBlank @Email @Size(max = 320) String email, @NotBlank @Size(max = 200) String displayName,
			@NotNull UUID roleId, @Nullable UUID managerId, @NotBlank String locale, @NotBlank String timeZone,
			@Nullable List<UUID> teamIds, @Nullable String password, @Nullable Integer version) {

		static UserForm empty() {
			return new UserForm("", "", null, null, "en", "UTC", List.of(), "", null);
		}

		static UserForm of(UserView user) {
			return new UserForm(user.email(), user.displayName(), user.roleId(), user.managerId(), user.locale(),
					user.timeZone(), user.teamIds(), null, user.version());
		}

		UserChange change() {
			return new UserChange(this.email, this.displayName, this.roleId, this.managerId, this.locale, this.timeZone,
					(this.teamIds != null) ? this.teamIds : List.of());
		}

	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("users", this.users.all());
		return "identity/admin/users";
	}

	@GetMapping("/new")
	String newUser(Model model) {
		model.addAttribute("form", UserForm.empty());
		return form(model, null);
	}

	@PostMapping
	String create(@Valid @ModelAttribute("form") UserForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (form.password() == null || form.password().isBlank()) {
			result.rejectValue("password", "NotBlank");
		}
		if (result.hasErrors()) {
			return form(model, null);
		}
		try {
			UserView created = this.users.create(form.change(), form.password());
			redirect.addFlashAttribute("saved", created.displayName());
			return "redirect:/admin/users";
		}
		catch (BusinessRuleException ex) {
			Forms.reject(result, ex);
			return form(model, null);
		}
	}

	@GetMapping("/{id}")
	String edit(@PathVariable String id, Model model) {
		UserView user = this.users.get(Ids.parse("user", id));
		model.addAttribute("form", UserForm.of(user));
		return form(model, user);
	}

	@PostMapping("/{id}")
	String update(@PathVariable String id, @Valid @ModelAttribute("form") UserForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		UserView user = this.users.get(Ids.parse("user", id));
		if (result.hasErrors()) {
			return form(model, user);
		}
		try {
			this.users.update(user.id(), (form.version() != null) ? form.version() : -1, form.change());
			redirect.addFlashAttribute("saved", form.displayName());
			return "redirect:/admin/users";
		}
		catch (StaleVersionException ex) {
			return stale(model, user, form);
		}
		catch (BusinessRuleException ex) {
			Forms.reject(result, ex);
			return form(model, user);
		}
	}

	@PostMapping("/{id}/active")
	String setActive(@PathVariable String id, @RequestParam boolean active, @RequestParam int version,
			RedirectAttributes redirect) {
		UserView user = this.users.get(Ids.parse("user", id));
		try {
			this.users.setActive(user.id(), version, active);
			redirect.addFlashAttribute("saved", user.displayName());
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("problem", "form.stale");
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("problem", ex.messageKey());
		}
		return "redirect:/admin/users/" + user.id();
	}

	@PostMapping("/{id}/password")
	String resetPassword(@PathVariable String id, @RequestParam String temporaryPassword, RedirectAttributes redirect) {
		UserView user = this.users.get(Ids.parse("user", id));
		try {
			this.users.resetPassword(user.id(), temporaryPassword);
			redirect.addFlashAttribute("passwordReset", true);
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("problem", ex.messageKey());
			redirect.addFlashAttribute("problemArgs", ex.arguments());
		}
		return "redirect:/admin/users/" + user.id();
	}

	private String stale(Model model, UserView user, UserForm mine) {
		UserView current = this.users.get(user.id());
		model.addAttribute("form", new UserForm(mine.email(), mine.displayName(), mine.roleId(), mine.managerId(),
				mine.locale(), mine.timeZone(), mine.teamIds(), null, current.version()));
		model.addAttribute("stale", current);
		return form(model, current);
	}

	private String form(Model model, @Nullable UserView user) {
		model.addAttribute("user", user);
		model.addAttribute("roles", this.roles.all());
		// A deactivated manager stays offered while assigned, so that saving does not
		// clear it.
		model.addAttribute("managers",
				this.users.all()
					.stream()
					.filter((u) -> user == null || !u.id().equals(user.id()))
					.filter((u) -> u.active() || (user != null && u.id().equals(user.managerId())))
					.toList());
		model.addAttribute("teams", this.teams.all());
		model.addAttribute("locales", Forms.locales());
		model.addAttribute("timeZones", Forms.timeZones());
		return "identity/admin/user-form";
	}

}
