package dev.rapport.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import dev.rapport.customers.ContactInput.EmailInput;
import dev.rapport.customers.Customers;
import dev.rapport.customers.PersonChange;
import dev.rapport.dataquality.PersonErasure;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * Erasing a person clears what import reports hold about them: the values shown in the
 * findings of every row that created, updated or matched the person, and of the rows of
 * the file that repeat such a row. Other rows of the report keep their values.
 *
 * <pre>
 * workspace "Reports"
 *   Sales rep Ravi (imports and erases as himself)
 * </pre>
 */
@IntegrationTest
class ImportReportErasureIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Customers customers;

	@Autowired
	PersonErasure erasure;

	private Fixtures.Workspace workspace;

	private UUID raviId;

	private ImportApiSupport api;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Reports");
		this.raviId = this.fixtures.user(this.workspace.id(), "Ravi Rep", "Sales rep", null);
		this.api = new ImportApiSupport(this.mvc,
				this.fixtures.token(this.workspace.id(), this.raviId, "read", "write"));
	}

	@Test
	void erasingAPersonAnImportMatchedClearsTheirRowsOfTheReport() throws Exception {
		UUID erin = existingPerson("Erin Erase", "erin@reports.test");
		byte[] file = ("Name,Email,Phone,Birthday\n" + "Erin Erase,erin@reports.test,+31 6 1234 5678 99,\n"
				+ "Other Person,other@reports.test,+31 6 9999 0000 99,\n" + "Erin E.,ERIN@reports.test,,1980-31-31\n")
			.getBytes(StandardCharsets.UTF_8);
		String id = this.api.uploaded("erin.csv", file, "object", "person", "duplicateAction", "update");
		String done = this.api.runAndWait(id, "run");
		assertThat((String) JsonPath.read(done, "$.status")).isEqualTo("done");
		String before = this.api.report(id);
		assertThat(before).contains(erin.toString(), "+31 6 1234 5678 99", "1980-31-31", "+31 6 9999 0000 99");

		erase(erin);

		String after = this.api.report(id);
		assertThat(after).doesNotContain(erin.toString(), "+31 6 1234 5678 99", "1980-31-31");
		assertThat(after).contains("+31 6 9999 0000 99", "2,Error,Phone,phones[0].number,\"\"\"(erased)\"\" is not");
	}

	@Test
	void erasingAPersonAnImportCreatedClearsTheirRowAndTheRowsRepeatingIt() throws Exception {
		byte[] file = ("Name,Email,Phone,Birthday\n" + "Fay Fresh,fay@reports.test,,\n"
				+ "Gus Green,gus@reports.test,,1970-13-13\n" + "Fay F.,FAY@reports.test,+31 6 1234 5678 99,\n"
				+ "Fay Fresh,fay@reports.test,,1999-99-99\n")
			.getBytes(StandardCharsets.UTF_8);
		String id = this.api.uploaded("fay.csv", file, "object", "person", "duplicateAction", "skip");
		String done = this.api.runAndWait(id, "run");
		assertThat((Integer) JsonPath.read(done, "$.summary.created")).isEqualTo(1);
		assertThat(this.api.report(id)).contains("1999-99-99", "1970-13-13");
		UUID fay = Actors.callAs(actor(), () -> this.customers.peopleByEmails(Set.of("fay@reports.test")))
			.get("fay@reports.test")
			.get(0);

		erase(fay);

		String after = this.api.report(id);
		assertThat(after).doesNotContain("1999-99-99");
		assertThat(after).contains("1970-13-13", "Repeats row 2");
	}

	@Test
	void erasingAPersonAnImportMatchedOnlyByTheFuzzyRulesClearsThatRow() throws Exception {
		UUID robert = Actors.callAs(actor(),
				() -> this.customers
					.createPerson(new PersonChange("Robert", "Fuzzlewick", null,
							List.of(new EmailInput("robert.fuzzlewick@reports.test", null, true)), List.of(), List.of(),
							null, null, null, null, null, null, List.of(), null, null, null), null)
					.id());
		byte[] file = ("First Name,Last Name,Email,Birthday\n" + "Bob,Fuzzlewick,Robert.Fuzzlewick@reports.test,\n"
				+ "Gus,Green,gus@reports.test,1970-13-13\n")
			.getBytes(StandardCharsets.UTF_8);
		String id = this.api.uploaded("bob.csv", file, "object", "person", "duplicateAction", "skip", "matchOn",
				"fuzzy");
		String done = this.api.runAndWait(id, "run");
		assertThat(this.api.report(id)).contains("Likely the same as Robert Fuzzlewick");
		assertThat((Integer) JsonPath.read(done, "$.summary.skipped")).isEqualTo(1);

		erase(robert);

		String after = this.api.report(id);
		assertThat(after).doesNotContain("Fuzzlewick", robert.toString());
		assertThat(after).contains("1970-13-13");
	}

	private void erase(UUID person) {
		Actors.runAs(actor(), () -> this.erasure.erase(person, "Request by e-mail"));
	}

	private Actor actor() {
		return new Actor(this.workspace.id(), this.raviId);
	}

	private UUID existingPerson(String name, String email) {
		return Actors.callAs(actor(), () -> this.customers
			.createPerson(new PersonChange(null, null, name, List.of(new EmailInput(email, null, true)), List.of(),
					List.of(), null, null, null, null, null, null, List.of(), null, null, null), null)
			.id());
	}

}
