package dev.rapport.dataquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.MockMvc;

import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The menu marks the one entry a data-quality page belongs to, though their paths share
 * the beginning {@code /data-quality}.
 *
 * <pre>
 * workspace "Menu"
 *   admin
 * </pre>
 */
@IntegrationTest
class DataQualityMenuIntegrationTests {

	private static final Pattern CURRENT = Pattern.compile("<a href=\"([^\"]*)\" aria-current=\"page\"");

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsLoader loader;

	private UserDetails admin;

	@BeforeEach
	void workspace() {
		Fixtures.Workspace workspace = this.fixtures.workspace("Menu");
		this.admin = this.loader.loadUserByUsername(workspace.adminEmail());
	}

	@Test
	void eachDataQualityPageMarksOnlyItsOwnMenuEntry() throws Exception {
		assertThat(current("/data-quality")).containsExactly("/data-quality");
		assertThat(current("/data-quality/duplicates")).containsExactly("/data-quality/duplicates");
		assertThat(current("/data-quality/merges")).containsExactly("/data-quality/merges");
		assertThat(current("/data-quality/consent")).containsExactly("/data-quality/consent");
	}

	private List<String> current(String path) throws Exception {
		String page = this.mvc.perform(get(path).with(user(this.admin)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		Matcher m = CURRENT.matcher(page);
		return m.results().map((r) -> r.group(1)).toList();
	}

}
