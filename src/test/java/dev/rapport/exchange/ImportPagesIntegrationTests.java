package dev.rapport.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.rapport.exchange.internal.imports.ImportJobView;
import dev.rapport.exchange.internal.imports.ImportService;
import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The import pages: upload, preview with the suggested mapping, import with the progress
 * partial that htmx polls, the summary, and a refused file named on the page.
 */
@IntegrationTest
class ImportPagesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsLoader loader;

	@Autowired
	ImportService imports;

	private Actor actor;

	private RequestPostProcessor signedIn;

	@BeforeEach
	void workspace() {
		Fixtures.Workspace workspace = this.fixtures.workspace("Pages");
		UUID userId = this.fixtures.user(workspace.id(), "Paula Pages", "Sales rep", null);
		this.actor = new Actor(workspace.id(), userId);
		this.signedIn = user(this.loader.loadUserByUsername(this.fixtures.email(workspace.id(), userId)));
	}

	@Test
	void uploadsPreviewsImportsAndShowsTheSummary() throws Exception {
		String list = this.mvc.perform(get("/imports").with(this.signedIn))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(list).contains("enctype=\"multipart/form-data\"").contains("You have not imported anything yet.");

		MvcResult uploaded = this.mvc
			.perform(multipart("/imports")
				.file(new MockMultipartFile("file", "web.csv", "text/csv",
						"Nombre,Apellidos,Correo electrónico\nAna,García,ana@pages.test\n"
							.getBytes(StandardCharsets.UTF_8)))
				.param("object", "person")
				.with(this.signedIn)
				.with(csrf()))
			.andReturn();
		String location = uploaded.getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/imports/");

		String page = this.mvc.perform(get(location).with(this.signedIn))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("García")
			.contains("<option value=\"givenName\" selected=\"selected\">Given name</option>")
			.contains("<option value=\"email\" selected=\"selected\">E-mail</option>");

		this.mvc.perform(post(location + "/run").with(this.signedIn).with(csrf())).andReturn();
		UUID id = UUID.fromString(location.substring("/imports/".length()));
		long deadline = System.currentTimeMillis() + 60_000;
		ImportJobView job;
		do {
			Thread.sleep(100);
			job = Actors.callAs(this.actor, () -> this.imports.get(id));
		}
		while (job.working() && System.currentTimeMillis() < deadline);
		String progress = this.mvc.perform(get(location).header("HX-Request", "true").with(this.signedIn))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(progress).contains("Imported")
			.contains("<dt>Created</dt><dd>1</dd>")
			.contains("report.csv")
			.doesNotContain("every 1s");
	}

	@Test
	void aSavedMappingIsOfferedForTheNextFileAndMapsItsColumnsByName() throws Exception {
		String first = upload("shop.csv", "Klant,Mail,Stad\nAnna,anna@pages.test,Delft\n");
		this.mvc
			.perform(post(first + "/mapping").param("column0", "displayName")
				.param("column1", "email")
				.param("saveAs", "Webwinkel")
				.with(this.signedIn)
				.with(csrf()))
			.andReturn();

		String second = upload("shop-2.csv", "Stad,Mail,Klant\nLeiden,bert@pages.test,Bert\n");
		String page = this.mvc.perform(get(second).with(this.signedIn))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		UUID mappingId = Actors.callAs(this.actor, () -> this.imports.mappings("person").get(0).id());
		assertThat(page).contains("Use a saved mapping").contains(mappingId + "\" dir=\"auto\">Webwinkel</option>");

		MvcResult used = this.mvc
			.perform(post(second + "/saved-mapping").param("mappingId", mappingId.toString())
				.with(this.signedIn)
				.with(csrf()))
			.andReturn();
		assertThat(used.getFlashMap().get("notice")).isEqualTo("imports.page.mapping-used");
		UUID id = UUID.fromString(second.substring("/imports/".length()));
		ImportJobView job = Actors.callAs(this.actor, () -> this.imports.get(id));
		assertThat(job.mapping()).containsEntry(1, "email").containsEntry(2, "displayName").doesNotContainKey(0);

		MvcResult unknown = this.mvc
			.perform(post(second + "/saved-mapping").param("mappingId", UUID.randomUUID().toString())
				.with(this.signedIn)
				.with(csrf()))
			.andReturn();
		assertThat(unknown.getFlashMap().get("problem")).isEqualTo("imports.mapping.unknown");
	}

	private String upload(String name, String content) throws Exception {
		return this.mvc
			.perform(multipart("/imports")
				.file(new MockMultipartFile("file", name, "text/csv", content.getBytes(StandardCharsets.UTF_8)))
				.param("object", "person")
				.with(this.signedIn)
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
	}

	@Test
	void aRefusedFileIsNamedOnThePage() throws Exception {
		MvcResult refused = this.mvc
			.perform(multipart("/imports")
				.file(new MockMultipartFile("file", "old.xls", "application/vnd.ms-excel", new byte[] { 1, 2, 3 }))
				.param("object", "person")
				.with(this.signedIn)
				.with(csrf()))
			.andReturn();
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/imports");
		assertThat(refused.getFlashMap().get("problem")).isEqualTo("imports.xls.unsupported");
	}

}
