package dev.rapport.identity.web;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.rapport.identity.internal.SignInFailureHandler;

/** The sign-in page. */
@Controller
class LoginController {

	@GetMapping("/login")
	String login(HttpSession session, Model model) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken)) {
			return "redirect:/";
		}
		Object email = session.getAttribute(SignInFailureHandler.LAST_EMAIL);
		session.removeAttribute(SignInFailureHandler.LAST_EMAIL);
		model.addAttribute("email", (email != null) ? email : "");
		return "identity/login";
	}

}
