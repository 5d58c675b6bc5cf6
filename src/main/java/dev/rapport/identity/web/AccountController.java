package dev.rapport.identity.web;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.identity.UserView;
import dev.rapport.identity.internal.ApiTokens.CreatedToken;
import dev.rapport.identity.internal.ApiTokens;
import dev.rapport.identity.internal.IdentityProperties;
import dev.rapport.identity.internal.UserService;
import dev.rapport.platform.Actors;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.web.Forms;

/** A user's own pages: profile, password, API tokens. */
@Controller
@RequestMapping("/account")
class AccountController {

	private final UserService users;

	private final ApiTokens tokens;

	private final int passwordMinLength;

	AccountController(UserService users, ApiTokens tokens, IdentityProperties properties) {
		this.users = users;
		this.tokens = tokens;
		this.passwordMinLength = properties.password().minLength();
	}

	record ProfileForm(@NotBlank @Size(max = 200) String displayName, @NotBlank String locale,
			@NotBlank String timeZone, @NotNull Integer version) {
	}

	record PasswordForm(@NotBlank String currentPassword, @NotBlank String newPassword, @NotBlank String confirmation) {
	}

	record TokenForm(@NotBlank @Size(max = 100) String name, @Nullable Set<String> scopes,
			@Nullable Integer validDays) {
	}

	@GetMapping
	String profile(Model model) {
		UserView me = me();
		model.addAttribute("form", new ProfileForm(me.displayName(), me.locale(), me.timeZone(), me.version()));
		return profileForm(model, me);
	}

	@PostMapping
	String updateProfile(@Valid @ModelAttribute("form") ProfileForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		UserView me = me();
		if (result.hasErrors()) {
			return profileForm(model, me);
		}
		try {
			this.users.updateProfile(me.id(), form.version(), form.displayName(), form.locale(), form.timeZone());
			redirect.addFlashAttribute("saved", true);
			return "redirect:/account";
		}
		catch (StaleVersionException ex) {
			model.addAttribute("form",
					new ProfileForm(form.displayName(), form.locale(), form.timeZone(), me.version()));
			model.addAttribute("stale", true);
			return profileForm(model, me);
		}
		catch (BusinessRuleException ex) {
			Forms.reject(result, ex);
			return profileForm(model, me);
		}
	}

	@GetMapping("/password")
	String password(Model model) {
		model.addAttribute("form", new PasswordForm("", "", ""));
		return passwordPage(model);
	}

	@PostMapping("/password")
	String changePassword(@Valid @ModelAttribute("form") PasswordForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return passwordPage(model);
		}
		try {
			this.users.changeOwnPassword(me().id(), form.currentPassword(), form.newPassword(), form.confirmation());
			redirect.addFlashAttribute("passwordChanged", true);
			return "redirect:/";
		}
		catch (BusinessRuleException ex) {
			Forms.reject(result, ex);
			return passwordPage(model);
		}
	}

	@GetMapping("/tokens")
	String tokens(Model model) {
		model.addAttribute("form", new TokenForm("", Set.of("read"), 90));
		return tokenPage(model);
	}

	@PostMapping("/tokens")
	String createToken(@Valid @ModelAttribute("form") TokenForm form, BindingResult result, Model model) {
		if (result.hasErrors()) {
			return tokenPage(model);
		}
		try {
			CreatedToken created = this.tokens.create(form.name(), (form.scopes() != null) ? form.scopes() : Set.of(),
					form.validDays());
			model.addAttribute("created", created);
			model.addAttribute("form", new TokenForm("", Set.of("read"), 90));
			return tokenPage(model);
		}
		catch (BusinessRuleException ex) {
			Forms.reject(result, ex);
			return tokenPage(model);
		}
	}

	@PostMapping("/tokens/{id}/revoke")
	String revoke(@PathVariable String id, RedirectAttributes redirect) {
		this.tokens.revoke(Ids.parse("token", id));
		redirect.addFlashAttribute("revoked", true);
		return "redirect:/account/tokens";
	}

	private String passwordPage(Model model) {
		boolean forced = me().mustChangePassword();
		model.addAttribute("forced", forced);
		model.addAttribute("minLength", this.passwordMinLength);
		if (forced) {
			model.addAttribute("navigation", List.of());
		}
		return "identity/account/password";
	}

	private String tokenPage(Model model) {
		model.addAttribute("tokens", this.tokens.mine());
		model.addAttribute("now", java.time.OffsetDateTime.now());
		return "identity/account/tokens";
	}

	private String profileForm(Model model, UserView me) {
		model.addAttribute("me", me);
		model.addAttribute("locales", Forms.locales());
		model.addAttribute("timeZones", Forms.timeZones());
		return "identity/account/profile";
	}

	private UserView me() {
		UUID id = Actors.require().userId();
		return this.users.get(id);
	}

}
