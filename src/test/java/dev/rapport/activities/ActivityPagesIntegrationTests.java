package dev.rapport.activities;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The pages: a task added through the form shows on its page, in "My open tasks" and in
 * the person's fragment; a row is completed in place; the person's page links to adding a
 * task.
 *
 * <pre>
 * workspace "Desk": Sales rep Wen (owns the person Ana)
 * </pre>
 */
@IntegrationTest
class ActivityPagesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsLoader loader;

	private UserDetails wen;

	private String person;

	@BeforeEach
	void workspace() throws Exception {
		Fixtures.Workspace workspace = this.fixtures.workspace("Desk");
		UUID wenId = this.fixtures.user(workspace.id(), "Wen Rep", "Sales rep", null);
		String token = this.fixtures.token(workspace.id(), wenId, "read", "write");
		this.wen = this.loader.loadUserByUsername(this.fixtures.email(workspace.id(), wenId));
		MvcResult created = this.mvc
			.perform(post("/api/v1/people").header("Authorization", "Bearer " + token)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"displayName\":\"Ana Díaz\"}"))
			.andExpect(status().isCreated())
			.andReturn();
		this.person = JsonPath.read(created.getResponse().getContentAsString(), "$.id");
	}

	@Test
	void aTaskAddedThroughTheFormIsListedAndCompletedInPlace() throws Exception {
		this.mvc.perform(get("/activities/new?kind=task&person=" + this.person).with(user(this.wen)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Add task")))
			.andExpect(content().string(containsString("Ana Díaz")));
		this.mvc
			.perform(post("/activities").with(user(this.wen))
				.with(csrf())
				.param("kind", "task")
				.param("title", "")
				.param("date", LocalDate.now().toString())
				.param("personId", this.person))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "title"))
			.andExpect(content().string(containsString("Give it a title.")));
		MvcResult saved = this.mvc
			.perform(post("/activities").with(user(this.wen))
				.with(csrf())
				.param("kind", "task")
				.param("title", "Send the brochure")
				.param("date", LocalDate.now().plusDays(1).toString())
				.param("priority", "high")
				.param("personId", this.person))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		String page = saved.getResponse().getRedirectedUrl();
		String id = page.substring(page.lastIndexOf('/') + 1);
		this.mvc.perform(get(page).with(user(this.wen)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Send the brochure")))
			.andExpect(content().string(containsString("High")));
		this.mvc.perform(get("/activities").with(user(this.wen)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("My open tasks")))
			.andExpect(content().string(containsString("Send the brochure")));
		this.mvc.perform(get("/activities/fragment?person=" + this.person).with(user(this.wen)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Send the brochure")))
			.andExpect(content().string(containsString("/activities/new?kind=call&amp;person=" + this.person)));
		this.mvc.perform(get("/people/" + this.person).with(user(this.wen)))
			.andExpect(content().string(containsString("/activities/new?kind=task&amp;person=" + this.person)))
			.andExpect(content().string(containsString("Task (open)")));
		this.mvc
			.perform(post("/activities/" + id + "/complete").with(user(this.wen))
				.with(csrf())
				.header("HX-Request", "true")
				.param("version", "1"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("activity-" + id)))
			.andExpect(content().string(containsString("Done")));
		this.mvc.perform(get("/activities?tab=mine").with(user(this.wen)))
			.andExpect(content().string(not(containsString("Send the brochure"))));
	}

	@Test
	void aCallIsScheduledAndCompletedWithItsOutcomeLogged() throws Exception {
		MvcResult saved = this.mvc
			.perform(post("/activities").with(user(this.wen))
				.with(csrf())
				.param("kind", "call")
				.param("title", "Quarterly check-in")
				.param("date", LocalDate.now().minusDays(1).toString())
				.param("time", "10:00")
				.param("endTime", "10:30")
				.param("reminders", "15")
				.param("personId", this.person))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		String page = saved.getResponse().getRedirectedUrl();
		this.mvc.perform(get(page).with(user(this.wen)))
			.andExpect(content().string(containsString("Complete and log")))
			.andExpect(content().string(containsString("15 minutes before")));
		this.mvc.perform(get("/activities?tab=overdue").with(user(this.wen)))
			.andExpect(content().string(containsString("Quarterly check-in")));
		this.mvc
			.perform(post(page + "/complete").with(user(this.wen))
				.with(csrf())
				.param("version", "1")
				.param("outcome", "Happy, wants a demo")
				.param("logInteraction", "true"))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/people/" + this.person).with(user(this.wen)))
			.andExpect(content().string(containsString("Happy, wants a demo")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("Call (done)"))));
	}

}
