package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.rapport.identity.internal.UserService.UserChange;
import dev.rapport.identity.internal.UserService;
import dev.rapport.support.Fixtures;
import dev.rapport.support.ServerTest;
import dev.rapport.support.WebSession;

/**
 * What operators and API clients see: health, metrics, the API description, and error
 * pages that leak nothing.
 */
@ServerTest
class OperationsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserService users;

	private Fixtures.Workspace workspace;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Ops");
	}

	@Test
	void theLogFileHoldsOneJsonObjectPerLine() throws Exception {
		new WebSession(this.port).get("/actuator/health");
		List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("target/test-logs/rapport.log"));
		assertThat(lines).isNotEmpty();
		tools.jackson.databind.ObjectMapper json = new tools.jackson.databind.ObjectMapper();
		for (String line : lines.subList(Math.max(0, lines.size() - 50), lines.size())) {
			tools.jackson.databind.JsonNode event = json.readTree(line);
			assertThat(event.path("@timestamp").asString()).as(line).isNotBlank();
			assertThat(event.path("log").path("level").asString()).as(line).isNotBlank();
			assertThat(event.path("service").path("name").asString()).isEqualTo("rapport");
		}
	}

	@Test
	void anOversizedBodyWithoutContentLengthGets413() throws Exception {
		String admin = this.fixtures.token(this.workspace.id(), this.workspace.adminId(), "read", "write");
		byte[] huge = ("{\"email\":\"big@ops.test\",\"displayName\":\"" + "x".repeat(2_000_000) + "\"}")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		java.net.http.HttpRequest chunked = java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://localhost:" + this.port + "/api/v1/users"))
			.header("Authorization", "Bearer " + admin)
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)))
			.build();
		HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
			.send(chunked, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void healthIsPublic() {
		HttpResponse<String> health = new WebSession(this.port).get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void prometheusMetricsNeedAnAdministratorsToken() {
		String admin = this.fixtures.token(this.workspace.id(), this.workspace.adminId(), "read");
		HttpResponse<String> metrics = new WebSession(this.port).get("/actuator/prometheus", "Authorization",
				"Bearer " + admin);
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");
		assertThat(new WebSession(this.port).get("/actuator/prometheus").statusCode()).isEqualTo(401);
		String rep = this.fixtures.token(this.workspace.id(),
				this.fixtures.user(this.workspace.id(), "Rep Ops", "Sales rep", null), "read");
		assertThat(new WebSession(this.port).get("/actuator/prometheus", "Authorization", "Bearer " + rep).statusCode())
			.isEqualTo(403);
	}

	@Test
	void theApiIsDescribedAndBrowsable() {
		HttpResponse<String> spec = new WebSession(this.port).get("/v3/api-docs");
		assertThat(spec.statusCode()).isEqualTo(200);
		assertThat(spec.body()).contains("\"/api/v1/users\"").contains("\"/api/v1/users/{id}\"").contains("bearer");
		assertThat(new WebSession(this.port).get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
	}

	@Test
	void anUnknownPageIsAFriendly404() {
		WebSession browser = signedIn();
		HttpResponse<String> page = browser.get("/no/such/page");
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).contains("Page not found").doesNotContain("Whitelabel").doesNotContain("Exception");
	}

	@Test
	void aFailureIsA500PageThatLeaksNothing() {
		WebSession browser = signedIn();
		HttpResponse<String> page = browser.get("/test/fail");
		assertThat(page.statusCode()).isEqualTo(500);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("<html")
			.contains("Something went wrong on our side")
			.doesNotContain(FailingController.SECRET)
			.doesNotContain("IllegalStateException")
			.doesNotContain("at dev.rapport");
		String token = this.fixtures.token(this.workspace.id(), this.workspace.adminId(), "read");
		HttpResponse<String> api = new WebSession(this.port).get("/api/v1/test/fail", "Authorization",
				"Bearer " + token);
		assertThat(api.statusCode()).isEqualTo(500);
		assertThat(api.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(api.body()).doesNotContain(FailingController.SECRET).doesNotContain("IllegalStateException");
	}

	@Test
	void aUserWhoMustChangeThePasswordStillGetsStylesAndScripts() {
		String email = "fresh" + System.nanoTime() + "@ops.test";
		UserChange change = new UserChange(email, "Fresh", this.fixtures.role(this.workspace.id(), "Sales rep"), null,
				"en", "UTC", List.of());
		Actors.runAs(new Actor(this.workspace.id(), this.workspace.adminId()),
				() -> this.users.create(change, "Temporary sea shells 5"));
		WebSession browser = new WebSession(this.port);
		browser.signIn(email, "Temporary sea shells 5", false);
		assertThat(browser.get("/").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/account/password"));
		assertThat(browser.get("/css/rapport.css").statusCode()).isEqualTo(200);
		assertThat(browser.get("/js/rapport.js").statusCode()).isEqualTo(200);
		assertThat(browser.get("/webjars/htmx.org/dist/htmx.min.js").statusCode()).isEqualTo(200);
		assertThat(browser.get("/account/password").body()).doesNotContain("/admin/users");
		assertThat(browser.get("/notifications/badge", "HX-Request", "true").statusCode()).isEqualTo(204);
	}

	@Test
	void anHtmxRequestAfterTheSessionEndedSendsThePageToSignIn() {
		HttpResponse<String> fragment = new WebSession(this.port).get("/notifications/badge", "HX-Request", "true");
		assertThat(fragment.statusCode()).isEqualTo(401);
		assertThat(fragment.headers().firstValue("HX-Redirect")).hasValue("/login");
	}

	private WebSession signedIn() {
		WebSession browser = new WebSession(this.port);
		browser.signIn(this.workspace.adminEmail(), Fixtures.PASSWORD, false);
		return browser;
	}

}
