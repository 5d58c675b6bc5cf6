package dev.rapport.identity.web;

import java.util.List;
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

import dev.rapport.identity.internal.TeamService.TeamChange;
import dev.rapport.identity.internal.TeamService.TeamView;
import dev.rapport.identity.internal.TeamService;
import dev.rapport.identity.internal.UserService;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.web.Forms;

/** The administrator's pages for teams and their members. */
@Controller
@RequestMapping("/admin/teams")
class TeamAdminController {

	private final TeamService teams;

	private final UserService users;

	TeamAdminController(TeamService teams, UserService users) {
		this.teams = teams;
		this.users = users;
	}

	record TeamForm(@NotBlank @Size(max = 100) String name, @Nullable @Size(max = 500) String description,
			@Nullable List<UUID> memberIds, @Nullable Integer version) {

		static TeamForm of(TeamView team) {
			return new TeamForm(team.name(), team.description(), team.memberIds(), team.version());
		}

		TeamChange change() {
			return new TeamChange(this.name, this.description, (this.memberIds != null) ? this.memberIds : List.of());
		}

	}

	@GetMapping
	String list(Model model) {
		List<TeamView> all = this.teams.all();
		java.util.Map<UUID, String> names = new java.util.HashMap<>();
		this.users.all().forEach((u) -> names.put(u.id(), u.displayName()));
		java.util.Map<UUID, String> memberNames = new java.util.HashMap<>();
		all.forEach((t) -> memberNames.put(t.id(), String.join(", ",
				t.memberIds().stream().map(names::get).filter(java.util.Objects::nonNull).sorted().toList())));
		model.addAttribute("teams", all);
		model.addAttribute("memberNames", memberNames);
		return "identity/admin/teams";
	}

	@GetMapping("/new")
	String newTeam(Model model) {
		model.addAttribute("form", new TeamForm("", null, List.of(), null));
		return form(model, null);
	}

	@PostMapping
	String create(@Valid @ModelAttribute("form") TeamForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return form(model, null);
		}
		try {
			this.teams.create(form.change());
			redirect.addFlashAttribute("saved", form.name());
			return "redirect:/admin/teams";
		}
		catch (BusinessRuleException ex) {
			Forms.reject(result, ex);
			return form(model, null);
		}
	}

	@GetMapping("/{id}")
	String edit(@PathVariable String id, Model model) {
		TeamView team = this.teams.get(Ids.parse("team", id));
		model.addAttribute("form", TeamForm.of(team));
		return form(model, team);
	}

	@PostMapping("/{id}")
	String update(@PathVariable String id, @Valid @ModelAttribute("form") TeamForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		TeamView team = this.teams.get(Ids.parse("team", id));
		if (result.hasErrors()) {
			return form(model, team);
		}
		try {
			this.teams.update(team.id(), (form.version() != null) ? form.version() : -1, form.change());
			redirect.addFlashAttribute("saved", form.name());
			return "redirect:/admin/teams";
		}
		catch (StaleVersionException ex) {
			TeamView current = this.teams.get(team.id());
			model.addAttribute("form",
					new TeamForm(form.name(), form.description(), form.memberIds(), current.version()));
			model.addAttribute("stale", true);
			return form(model, current);
		}
		catch (BusinessRuleException ex) {
			Forms.reject(result, ex);
			return form(model, team);
		}
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable String id, @RequestParam int version, RedirectAttributes redirect) {
		TeamView team = this.teams.get(Ids.parse("team", id));
		try {
			this.teams.delete(team.id(), version);
			redirect.addFlashAttribute("deleted", team.name());
			return "redirect:/admin/teams";
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("problem", "form.stale");
			return "redirect:/admin/teams/" + team.id();
		}
	}

	private String form(Model model, @Nullable TeamView team) {
		model.addAttribute("team", team);
		// Deactivated users stay listed, so that saving the team does not drop them
		// silently.
		model.addAttribute("users", this.users.all());
		return "identity/admin/team-form";
	}

}
