package dev.rapport.platform;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Test only: pages that fail, to prove errors reach nobody but the log. */
class FailingController {

	static final String SECRET = "jdbc:secret-detail-42";

	@Controller
	static class Page {

		@GetMapping("/test/fail")
		String fail() {
			throw new IllegalStateException(SECRET);
		}

	}

	@RestController
	static class Api {

		@GetMapping("/api/v1/test/fail")
		String fail() {
			throw new IllegalStateException(SECRET);
		}

	}

}
