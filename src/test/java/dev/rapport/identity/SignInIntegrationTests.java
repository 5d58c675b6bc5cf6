package dev.rapport.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import jakarta.servlet.http.Cookie;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.identity.internal.UserService;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Signing in and out of the web UI: the password, throttling, CSRF, session fixation,
 * remember-me, forced password change, deactivation and admin-only pages.
 */
@IntegrationTest
class SignInIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserService users;

	@Autowired
	UserDetailsLoader loader;

	private Fixtures.Workspace workspace;

	private UUID repId;

	private String repEmail;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("SignIn");
		this.repId = this.fixtures.user(this.workspace.id(), "Rep Ana", "Sales rep", null);
		this.repEmail = this.fixtures.email(this.workspace.id(), this.repId);
	}

	@Test
	void aWrongPasswordSaysSoWithoutTellingWhichPartWasWrong() throws Exception {
		this.mvc.perform(signIn(this.repEmail, "wrong password")).andExpect(redirectedUrl("/login?error=credentials"));
		this.mvc.perform(signIn("nobody@rapport.test", "x")).andExpect(redirectedUrl("/login?error=credentials"));
		this.mvc.perform(get("/login?error=credentials"))
			.andExpect(content().string(Matchers.containsString("The e-mail or password is not right.")));
	}

	@Test
	void tooManyFailuresLockTheAccountWithAClearMessage() throws Exception {
		RequestPostProcessor address = from("10.20.30.40");
		for (int i = 0; i < 5; i++) {
			this.mvc.perform(signIn(this.repEmail, "wrong " + i).with(address))
				.andExpect(redirectedUrl("/login?error=credentials"));
		}
		MvcResult locked = this.mvc.perform(signIn(this.repEmail, Fixtures.PASSWORD).with(from("10.20.30.41")))
			.andReturn();
		assertThat(locked.getResponse().getRedirectedUrl()).startsWith("/login?error=locked&minutes=");
		this.mvc.perform(get(locked.getResponse().getRedirectedUrl()))
			.andExpect(content().string(Matchers.containsString("Too many failed sign-ins")));
	}

	@Test
	void tooManyFailuresFromOneAddressLockThatAddress() throws Exception {
		RequestPostProcessor address = from("10.99.0." + (int) (Math.random() * 200));
		for (int i = 0; i < 20; i++) {
			this.mvc.perform(signIn("stranger" + i + "@rapport.test", "guess").with(address));
		}
		MvcResult result = this.mvc.perform(signIn(this.repEmail, Fixtures.PASSWORD).with(address)).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).startsWith("/login?error=locked");
	}

	@Test
	void aPostWithoutTheCsrfTokenIsRefused() throws Exception {
		this.mvc.perform(post("/login").param("email", this.repEmail).param("password", Fixtures.PASSWORD))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/account").with(user(this.loader.loadUserByUsername(this.repEmail))))
			.andExpect(status().isForbidden());
	}

	@Test
	void aTemporaryPasswordMustBeChangedBeforeAnythingElse() throws Exception {
		Actors.runAs(new Actor(this.workspace.id(), this.workspace.adminId()),
				() -> this.users.resetPassword(this.repId, "Temporary sea shells 5"));
		MockHttpSession session = (MockHttpSession) this.mvc.perform(signIn(this.repEmail, "Temporary sea shells 5"))
			.andReturn()
			.getRequest()
			.getSession();
		this.mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/account/password"));
		this.mvc.perform(get("/account/tokens").session(session)).andExpect(redirectedUrl("/account/password"));
		this.mvc.perform(get("/account/password").session(session))
			.andExpect(content().string(Matchers.containsString("Choose your own password")));
		this.mvc
			.perform(post("/account/password").session(session)
				.with(csrf())
				.param("currentPassword", "Temporary sea shells 5")
				.param("newPassword", "password123456")
				.param("confirmation", "password123456"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("too common")));
		String local = this.repEmail.substring(0, this.repEmail.indexOf('@'));
		this.mvc
			.perform(post("/account/password").session(session)
				.with(csrf())
				.param("currentPassword", "Temporary sea shells 5")
				.param("newPassword", "My " + local + " secret")
				.param("confirmation", "My " + local + " secret"))
			.andExpect(content().string(Matchers.containsString("must not contain your e-mail")));
		this.mvc
			.perform(post("/account/password").session(session)
				.with(csrf())
				.param("currentPassword", "Temporary sea shells 5")
				.param("newPassword", "Quiet river stones 8")
				.param("confirmation", "Quiet river stones 8"))
			.andExpect(redirectedUrl("/"));
		this.mvc.perform(get("/").session(session)).andExpect(status().isOk());
	}

	@Test
	void aDeactivatedUserIsSignedOutAndCannotSignIn() throws Exception {
		MockHttpSession session = (MockHttpSession) this.mvc.perform(signIn(this.repEmail, Fixtures.PASSWORD))
			.andReturn()
			.getRequest()
			.getSession();
		this.mvc.perform(get("/").session(session)).andExpect(status().isOk());
		Actors.runAs(new Actor(this.workspace.id(), this.workspace.adminId()),
				() -> this.users.setActive(this.repId, this.users.get(this.repId).version(), false));
		this.mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/login?deactivated"));
		this.mvc.perform(signIn(this.repEmail, Fixtures.PASSWORD)).andExpect(redirectedUrl("/login?error=credentials"));
	}

	@Test
	void administrationIsForAdministratorsOnly() throws Exception {
		this.mvc.perform(get("/admin/users").with(user(this.loader.loadUserByUsername(this.repEmail))))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/").with(user(this.loader.loadUserByUsername(this.repEmail))))
			.andExpect(content().string(Matchers.not(Matchers.containsString("/admin/users"))));
		this.mvc.perform(get("/").with(user(this.loader.loadUserByUsername(this.workspace.adminEmail()))))
			.andExpect(content().string(Matchers.containsString("/admin/users")));
	}

	@Test
	void anAdministratorCannotDeactivateThemselvesOrRemoveTheLastAdministrator() throws Exception {
		int version = Actors.callAs(new Actor(this.workspace.id(), this.workspace.adminId()),
				() -> this.users.get(this.workspace.adminId()).version());
		this.mvc
			.perform(post("/admin/users/" + this.workspace.adminId() + "/active").param("active", "false")
				.param("version", String.valueOf(version))
				.with(csrf())
				.with(user(this.loader.loadUserByUsername(this.workspace.adminEmail()))))
			.andExpect(redirectedUrl("/admin/users/" + this.workspace.adminId()))
			.andExpect(result -> assertThat(result.getFlashMap().get("problem")).isEqualTo("user.deactivate-self"));
	}

	private static MockHttpServletRequestBuilder signIn(String email, String password) {
		return post("/login").param("email", email).param("password", password).with(csrf());
	}

	private static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

}
