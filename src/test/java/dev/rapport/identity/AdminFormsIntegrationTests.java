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

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.MockMvc;

import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.identity.internal.UserService;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The administrator's forms: creating users, roles and teams, clear field messages for
 * bad input, and a "changed by someone else" message instead of a silent overwrite.
 */
@IntegrationTest
class AdminFormsIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserService users;

	@Autowired
	UserDetailsLoader loader;

	private Fixtures.Workspace workspace;

	private UserDetails admin;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Forms");
		this.admin = this.loader.loadUserByUsername(this.workspace.adminEmail());
	}

	@Test
	void createsAUserWithATemporaryPassword() throws Exception {
		UUID role = this.fixtures.role(this.workspace.id(), "Sales rep");
		this.mvc
			.perform(post("/admin/users").with(user(this.admin))
				.with(csrf())
				.param("displayName", "مریم رضایی")
				.param("email", "maryam@forms.test")
				.param("roleId", role.toString())
				.param("locale", "fa")
				.param("timeZone", "Asia/Tehran")
				.param("password", "Pomegranate garden 12"))
			.andExpect(redirectedUrl("/admin/users"));
		this.mvc.perform(get("/admin/users").with(user(this.admin)))
			.andExpect(content().string(Matchers.containsString("مریم رضایی")));
		var created = this.loader.loadUserByUsername("maryam@forms.test");
		assertThat(created.mustChangePassword()).isTrue();
		// Persian pages turn right to left once the Persian messages exist; until then
		// the
		// English text stays left to right, and the language is set for it.
		this.mvc.perform(get("/account/password").with(user(created)))
			.andExpect(content().string(Matchers.containsString("lang=\"fa\"")))
			.andExpect(content().string(Matchers.containsString("dir=\"ltr\"")));
	}

	@Test
	void badInputIsShownBesideItsFieldAndKeepsWhatWasTyped() throws Exception {
		UUID role = this.fixtures.role(this.workspace.id(), "Sales rep");
		this.mvc
			.perform(post("/admin/users").with(user(this.admin))
				.with(csrf())
				.param("displayName", "Typed Name")
				.param("email", "not-an-email")
				.param("roleId", role.toString())
				.param("locale", "en")
				.param("timeZone", "UTC")
				.param("password", "short"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("Please correct the fields marked below.")))
			.andExpect(content().string(Matchers.containsString("value=\"Typed Name\"")))
			.andExpect(content().string(Matchers.containsString("aria-invalid=\"true\"")));
		this.mvc
			.perform(post("/admin/users").with(user(this.admin))
				.with(csrf())
				.param("displayName", "Typed Name")
				.param("email", "typed@forms.test")
				.param("roleId", role.toString())
				.param("locale", "en")
				.param("timeZone", "UTC")
				.param("password", "short"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("Use at least 12 characters.")));
	}

	@Test
	void aStaleEditShowsChangedBySomeoneElseAndKeepsTheInput() throws Exception {
		UUID rep = this.fixtures.user(this.workspace.id(), "Rep Before", "Sales rep", null);
		String email = this.fixtures.email(this.workspace.id(), rep);
		UUID role = this.fixtures.role(this.workspace.id(), "Sales rep");
		Actors.runAs(new Actor(this.workspace.id(), this.workspace.adminId()),
				() -> this.users.updateProfile(rep, 1, "Changed Meanwhile", "en", "UTC"));
		this.mvc
			.perform(post("/admin/users/" + rep).with(user(this.admin))
				.with(csrf())
				.param("version", "1")
				.param("displayName", "My Edit")
				.param("email", email)
				.param("roleId", role.toString())
				.param("locale", "en")
				.param("timeZone", "UTC"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("Someone else saved this record")))
			.andExpect(content().string(Matchers.containsString("value=\"My Edit\"")));
		assertThat(Actors.callAs(new Actor(this.workspace.id(), this.workspace.adminId()),
				() -> this.users.get(rep).displayName()))
			.isEqualTo("Changed Meanwhile");
	}

	@Test
	void rolesFormAHierarchyWithoutLoops() throws Exception {
		this.mvc
			.perform(post("/admin/roles").with(user(this.admin))
				.with(csrf())
				.param("name", "Regional lead")
				.param("parentId", this.fixtures.role(this.workspace.id(), "Sales manager").toString()))
			.andExpect(redirectedUrl("/admin/roles"));
		UUID manager = this.fixtures.role(this.workspace.id(), "Sales manager");
		UUID lead = this.fixtures.role(this.workspace.id(), "Regional lead");
		this.mvc
			.perform(post("/admin/roles/" + manager).with(user(this.admin))
				.with(csrf())
				.param("version", "1")
				.param("name", "Sales manager")
				.param("parentId", lead.toString()))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("cannot report to itself or to a role below it")));
	}

	@Test
	void teamsCollectMembers() throws Exception {
		UUID rep = this.fixtures.user(this.workspace.id(), "Team Rep", "Sales rep", null);
		this.mvc
			.perform(post("/admin/teams").with(user(this.admin))
				.with(csrf())
				.param("name", "Amsterdam")
				.param("memberIds", rep.toString()))
			.andExpect(redirectedUrl("/admin/teams"));
		this.mvc.perform(get("/admin/teams").with(user(this.admin)))
			.andExpect(content().string(Matchers.containsString("Amsterdam")))
			.andExpect(content().string(Matchers.containsString("Team Rep")));
	}

	@Test
	void tokensAreShownOnceAndCanBeRevoked() throws Exception {
		String page = this.mvc
			.perform(post("/account/tokens").with(user(this.admin))
				.with(csrf())
				.param("name", "Reporting script")
				.param("scopes", "read")
				.param("validDays", "30"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String secret = page.replaceAll("(?s).*id=\"created-token\" class=\"secret\">(rpt_[A-Za-z0-9_-]+)<.*", "$1");
		assertThat(secret).startsWith("rpt_").hasSize(47);
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + secret)).andExpect(status().isOk());
		String list = this.mvc.perform(get("/account/tokens").with(user(this.admin)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(list).contains("Reporting script").doesNotContain(secret);
		String id = list.replaceAll("(?s).*/account/tokens/([0-9a-f-]{36})/revoke.*", "$1");
		this.mvc.perform(post("/account/tokens/" + id + "/revoke").with(user(this.admin)).with(csrf()))
			.andExpect(redirectedUrl("/account/tokens"));
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + secret))
			.andExpect(status().isUnauthorized());
	}

}
