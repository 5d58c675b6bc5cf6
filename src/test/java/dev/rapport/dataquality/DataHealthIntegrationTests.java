package dev.rapport.dataquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.MockMvc;

import dev.rapport.customers.CompanyChange;
import dev.rapport.customers.ContactInput.EmailInput;
import dev.rapport.customers.ContactInput.PhoneInput;
import dev.rapport.customers.Customers;
import dev.rapport.customers.DataHealth;
import dev.rapport.customers.InteractionInput;
import dev.rapport.customers.PersonChange;
import dev.rapport.dataquality.PersonErasure;
import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The data health page on a known set of people and companies: completeness, stale and
 * invalid values per owner and team, what each user may see, and links that open exactly
 * the records counted.
 *
 * <pre>
 * workspace "Health"
 *   admin ─ Sales manager Maya ─┬─ Sales rep Rui   (team North)
 *                               └─ Sales rep Sven
 * Rui:  Ada   e-mail, phone, company Acme, team North, contacted last week
 *       Bram  nothing but a name, contacted two years ago
 *       Cleo  e-mail "cleo at example" (stored invalid), team North, created two years ago
 * Sven: Dirk  phone kept without E.164
 * companies: Acme (Rui, domain), Bolt (Sven, no domain)
 * </pre>
 */
@IntegrationTest
class DataHealthIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Customers customers;

	@Autowired
	UserDetailsLoader loader;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PersonErasure erasure;

	private Fixtures.Workspace workspace;

	private UUID maya;

	private UUID rui;

	private UUID sven;

	private UUID north;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Health");
		this.maya = this.fixtures.user(this.workspace.id(), "Maya Manager", "Sales manager", null);
		this.rui = this.fixtures.user(this.workspace.id(), "Rui Rep", "Sales rep", this.maya);
		this.sven = this.fixtures.user(this.workspace.id(), "Sven Rep", "Sales rep", this.maya);
		this.north = this.fixtures.team(this.workspace.id(), "North", this.rui);
		UUID acme = as(this.rui,
				() -> this.customers
					.createCompany(new CompanyChange("Acme", "acme.example", null, null, null, null, null, List.of(),
							List.of(), null, null))
					.id());
		as(this.sven, () -> this.customers.createCompany(
				new CompanyChange("Bolt", null, null, null, null, null, null, List.of(), List.of(), null, null)));
		UUID ada = as(this.rui,
				() -> this.customers
					.createPerson(person("Ada", "ada@acme.example", "+31 6 12345678", acme, this.north), null)
					.id());
		UUID bram = as(this.rui, () -> this.customers.createPerson(person("Bram", null, null, null, null), null).id());
		UUID cleo = as(this.rui,
				() -> this.customers.createPerson(person("Cleo", "cleo@example.com", null, null, this.north), null)
					.id());
		UUID dirk = as(this.sven,
				() -> this.customers.createPerson(person("Dirk", null, "+49 30 1234567", null, null), null).id());
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		as(this.rui, () -> this.customers.logInteraction(ada,
				new InteractionInput("call", "outbound", now.minusDays(7), null, null, null, null)));
		as(this.rui, () -> this.customers.logInteraction(bram,
				new InteractionInput("call", "outbound", now.minusYears(2), null, null, null, null)));
		// Data from before the write paths checked it: an invalid address, a phone
		// without its E.164 form, a person created long ago.
		this.jdbc.update("update person_email set address = 'cleo at example' where person_id = ?", cleo);
		this.jdbc.update("update person_phone set e164 = null where person_id = ?", dirk);
		this.jdbc.update("update person set primary_phone = null where id = ?", dirk);
		this.jdbc.update("update person set created_at = ? where id = ?", now.minusYears(2), cleo);
	}

	@Test
	void countsMissingStaleAndInvalidValuesPerOwnerAndTeam() {
		DataHealth health = as(this.workspace.adminId(), () -> this.customers.dataHealth(12));
		DataHealth.Figures total = health.total();
		assertThat(total.people()).isEqualTo(4);
		assertThat(total.noEmail()).isEqualTo(2); // Bram, Dirk
		assertThat(total.noPhone()).isEqualTo(3); // Bram, Cleo, Dirk (no E.164)
		assertThat(total.noTeam()).isEqualTo(2); // Bram, Dirk
		assertThat(total.noCompany()).isEqualTo(3);
		assertThat(total.stale()).isEqualTo(1); // Bram
		assertThat(total.neverContacted()).isEqualTo(1); // Cleo
		assertThat(total.invalidEmail()).isEqualTo(1);
		assertThat(total.phoneNotE164()).isEqualTo(1);
		assertThat(total.companies()).isEqualTo(2);
		assertThat(total.companiesNoDomain()).isEqualTo(1);
		assertThat(total.percentOfPeople(total.noEmail())).isEqualTo(50);
		assertThat(health.byOwner())
			.extracting(DataHealth.Figures::name, DataHealth.Figures::people, DataHealth.Figures::noEmail,
					DataHealth.Figures::stale, DataHealth.Figures::companies)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("Rui Rep", 3L, 1L, 1L, 1L),
					org.assertj.core.groups.Tuple.tuple("Sven Rep", 1L, 1L, 0L, 1L));
		assertThat(health.byTeam()).extracting(DataHealth.Figures::id, DataHealth.Figures::people)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(this.north, 2L),
					org.assertj.core.groups.Tuple.tuple(null, 2L));
	}

	@Test
	void leavesOutArchivedDeceasedAndDisqualifiedRecordsAsThePeopleListDoes() {
		UUID eve = as(this.rui, () -> this.customers.createPerson(person("Eve", null, null, null, null), null).id());
		UUID finn = as(this.rui, () -> this.customers.createPerson(person("Finn", null, null, null, null), null).id());
		UUID gus = as(this.rui, () -> this.customers.createPerson(person("Gus", null, null, null, null), null).id());
		this.jdbc.update("update person set status = 'deceased' where id = ?", eve);
		this.jdbc.update("update person set status = 'disqualified' where id = ?", finn);
		this.jdbc.update("update person set archived_at = current_timestamp where id = ?", gus);
		this.jdbc.update("update company set archived_at = current_timestamp where name = 'Bolt' and workspace_id = ?",
				this.workspace.id());
		DataHealth.Figures total = as(this.workspace.adminId(), () -> this.customers.dataHealth(12)).total();
		assertThat(total.people()).isEqualTo(4);
		assertThat(total.noEmail()).isEqualTo(2);
		assertThat(total.companies()).isEqualTo(1);
		assertThat(total.companiesNoDomain()).isZero();
	}

	@Test
	void aRepSeesTheirOwnAndAManagerTheirReports() {
		DataHealth sven = as(this.sven, () -> this.customers.dataHealth(12));
		assertThat(sven.total().people()).isEqualTo(1);
		assertThat(sven.byOwner()).extracting(DataHealth.Figures::name).containsExactly("Sven Rep");
		assertThat(sven.total().companies()).isEqualTo(1);
		assertThat(as(this.maya, () -> this.customers.dataHealth(12)).total().people()).isEqualTo(4);
	}

	@Test
	void staleFollowsTheMonthsChosen() {
		assertThat(as(this.workspace.adminId(), () -> this.customers.dataHealth(36)).total().stale()).isZero();
	}

	@Test
	void leavesOutErasedPeopleAndSoDoItsLinks() throws Exception {
		UUID bram = this.jdbc.queryForObject("select id from person where workspace_id = ? and display_name = 'Bram'",
				UUID.class, this.workspace.id());
		as(this.workspace.adminId(), () -> this.erasure.erase(bram, "Request by e-mail"));
		DataHealth.Figures total = as(this.workspace.adminId(), () -> this.customers.dataHealth(12)).total();
		assertThat(total.people()).isEqualTo(3);
		assertThat(total.noEmail()).isEqualTo(1); // Dirk
		assertThat(total.noCompany()).isEqualTo(2); // Cleo, Dirk
		assertThat(total.stale()).isZero();
		UserDetails rui = this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), this.rui));
		String page = this.mvc.perform(get("/data-quality").with(user(rui)))
			.andReturn()
			.getResponse()
			.getContentAsString()
			.replace("&amp;", "&");
		String noCompany = href(page, "/people?owner=" + this.rui + "&ff=companyId&ff=erased&fo=unset&fo=unset&fv=");
		this.mvc.perform(get(noCompany).with(user(rui)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Cleo")))
			.andExpect(content().string(not(containsString("Erased person"))));
	}

	@Test
	void eachNumberLinksToTheListOfExactlyThoseRecords() throws Exception {
		UserDetails rui = this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), this.rui));
		String page = this.mvc.perform(get("/data-quality").with(user(rui)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Rui Rep")))
			.andExpect(content().string(not(containsString("Sven Rep"))))
			.andReturn()
			.getResponse()
			.getContentAsString()
			.replace("&amp;", "&");
		String noEmail = href(page, "/people?owner=" + this.rui + "&ff=primaryEmail&ff=erased&fo=unset&fo=unset&fv=");
		this.mvc.perform(get(noEmail).with(user(rui)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Bram")))
			.andExpect(content().string(not(containsString(">Ada<"))))
			.andExpect(content().string(not(containsString("Cleo"))));
		String invalid = href(page, "/people?ff=invalidEmail&ff=erased&fo=set&fo=unset&fv=");
		this.mvc.perform(get(invalid).with(user(rui)))
			.andExpect(content().string(containsString("Cleo")))
			.andExpect(content().string(not(containsString("Bram"))));
		String stale = href(page, "/people?owner=" + this.rui + "&ff=lastContactAt&ff=erased&fo=lt&fo=unset&fv=");
		this.mvc.perform(get(stale).with(user(rui)))
			.andExpect(content().string(containsString("Bram")))
			.andExpect(content().string(not(containsString("Cleo"))));
		String team = href(page, "/people?ff=teamId&ff=erased&fo=eq&fo=unset&fv=" + this.north);
		this.mvc.perform(get(team).with(user(rui)))
			.andExpect(content().string(containsString("Cleo")))
			.andExpect(content().string(not(containsString("Bram"))));
	}

	@Test
	void checksStoredRecordsAgainstTheActiveRulesOnDemand() throws Exception {
		UserDetails admin = this.loader.loadUserByUsername(this.workspace.adminEmail());
		String token = this.fixtures.token(this.workspace.id(), this.workspace.adminId(), "read", "write");
		this.mvc
			.perform(post("/api/v1/validation-rules").header("Authorization", "Bearer " + token)
				.contentType("application/json")
				.content("""
						{"object":"person","name":"People have a phone","then":{"field":"phones","op":"not_empty"},
						 "message":"A phone is needed"}"""))
			.andExpect(status().isCreated());
		this.mvc.perform(post("/data-quality/rules-check").with(user(admin)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("People have a phone")))
			.andExpect(content().string(containsString("2 break it")))
			.andExpect(content().string(containsString("Bram")))
			.andExpect(content().string(containsString("Cleo")));
	}

	/** The address of the first link on the page that starts with the given text. */
	private static String href(String page, String start) {
		Matcher m = Pattern.compile("href=\"(" + Pattern.quote(start) + "[^\"]*)\"").matcher(page);
		assertThat(m.find()).as("a link starting with " + start).isTrue();
		return m.group(1);
	}

	private PersonChange person(String name, String email, String phone, UUID companyId, UUID teamId) {
		return new PersonChange(name, null, null,
				(email != null) ? List.of(new EmailInput(email, null, true)) : List.of(),
				(phone != null) ? List.of(new PhoneInput(phone, null, true)) : List.of(), List.of(), null, null,
				companyId, null, null, teamId, List.of(), null, null, null);
	}

	private <T> T as(UUID userId, Supplier<T> work) {
		return Actors.callAs(new Actor(this.workspace.id(), userId), work);
	}

}
