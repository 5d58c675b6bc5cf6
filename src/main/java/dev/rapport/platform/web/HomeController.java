package dev.rapport.platform.web;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page after sign-in. */
@Controller
class HomeController {

	@GetMapping("/")
	String home() {
		return "platform/home";
	}

	@Bean
	static NavigationItem homeNavigation() {
		return new NavigationItem(NavigationItem.MAIN, "nav.home", "/", 0, null);
	}

}
