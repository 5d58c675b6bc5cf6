package dev.rapport.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.rapport.support.Fixtures;
import dev.rapport.support.ServerTest;
import dev.rapport.support.WebSession;

/** Sessions as a browser lives them against the running server. */
@ServerTest
class SessionIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	private String email;

	@BeforeEach
	void user() {
		Fixtures.Workspace workspace = this.fixtures.workspace("Session");
		UUID rep = this.fixtures.user(workspace.id(), "Rep Lin", "Sales rep", null);
		this.email = this.fixtures.email(workspace.id(), rep);
	}

	@Test
	void signingInGivesANewSessionId() {
		WebSession browser = new WebSession(this.port);
		browser.get("/login");
		String before = browser.cookie("JSESSIONID").orElseThrow();
		assertThat(browser.signIn(this.email, Fixtures.PASSWORD, false).statusCode()).isEqualTo(302);
		assertThat(browser.cookie("JSESSIONID")).isPresent().get().isNotEqualTo(before);
		assertThat(browser.get("/").statusCode()).isEqualTo(200);
	}

	@Test
	void rememberMeSignsTheBrowserBackInAfterTheSessionEnds() {
		WebSession browser = new WebSession(this.port);
		browser.signIn(this.email, Fixtures.PASSWORD, true);
		assertThat(browser.cookie("remember-me")).isPresent();
		browser.forget("JSESSIONID");
		assertThat(browser.get("/").statusCode()).isEqualTo(200);

		WebSession forgetful = new WebSession(this.port);
		forgetful.signIn(this.email, Fixtures.PASSWORD, false);
		assertThat(forgetful.cookie("remember-me")).isEmpty();
		forgetful.forget("JSESSIONID");
		assertThat(forgetful.get("/").statusCode()).isEqualTo(302);
	}

	@Test
	void signingOutEndsTheSessionAndForgetsTheDevice() {
		WebSession browser = new WebSession(this.port);
		browser.signIn(this.email, Fixtures.PASSWORD, true);
		browser.get("/");
		assertThat(browser.post("/logout", Map.of()).headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?signedOut"));
		assertThat(browser.get("/").statusCode()).isEqualTo(302);
	}

	@Test
	void aFailedSignInKeepsTheTypedEmail() {
		WebSession browser = new WebSession(this.port);
		browser.signIn(this.email, "not the password", false);
		assertThat(browser.get("/login?error=credentials").body()).contains("value=\"" + this.email + "\"");
	}

}
