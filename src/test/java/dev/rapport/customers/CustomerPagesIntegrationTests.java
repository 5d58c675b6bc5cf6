package dev.rapport.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dev.rapport.customers.internal.CompanyService;
import dev.rapport.customers.internal.PersonService.PersonQuery;
import dev.rapport.customers.internal.PersonService;
import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The people and companies pages: forms that name bad fields and keep the input, the list
 * and its htmx partials, stage moves, a stale edit, and another rep's person as a 404.
 *
 * <pre>
 * workspace "Pages": admin; Sales rep Noor; Sales rep Piet (no relation to Noor)
 * </pre>
 */
@IntegrationTest
class CustomerPagesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsLoader loader;

	@Autowired
	PersonService people;

	@Autowired
	CompanyService companies;

	private Fixtures.Workspace workspace;

	private UserDetails admin;

	private UserDetails noor;

	private UserDetails piet;

	private UUID noorId;

	@BeforeEach
	void workspace() {
		this.workspace = this.fixtures.workspace("Pages");
		this.admin = this.loader.loadUserByUsername(this.workspace.adminEmail());
		this.noorId = this.fixtures.user(this.workspace.id(), "Noor Rep", "Sales rep", null);
		UUID pietId = this.fixtures.user(this.workspace.id(), "Piet Rep", "Sales rep", null);
		this.noor = this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), this.noorId));
		this.piet = this.loader.loadUserByUsername(this.fixtures.email(this.workspace.id(), pietId));
	}

	@Test
	void aFormWithBadFieldsNamesThemAndKeepsTheInput() throws Exception {
		this.mvc
			.perform(post("/people").with(user(this.noor))
				.with(csrf())
				.param("givenName", "Fatemeh")
				.param("familyName", "Karimi")
				.param("emails[0].address", "fatemeh@@example")
				.param("emails[0].label", "work")
				.param("phones[0].number", "+98 12")
				.param("phones[0].label", "mobile")
				.param("ownerId", this.noorId.toString())
				.param("lifecycleStage", "lead"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("is not a valid e-mail address")))
			.andExpect(content().string(containsString("is not a valid phone number")))
			.andExpect(content().string(containsString("value=\"Fatemeh\"")))
			.andExpect(content().string(containsString("aria-invalid=\"true\"")));
		assertThat(count(this.noorId)).isZero();
	}

	@Test
	void addsAPersonShowsThePageAndMovesTheStage() throws Exception {
		MvcResult created = this.mvc
			.perform(post("/people").with(user(this.noor))
				.with(csrf())
				.param("givenName", "Fatemeh")
				.param("familyName", "Karimi")
				.param("emails[0].address", "fatemeh@example.ir")
				.param("emails[0].label", "work")
				.param("primaryEmail", "0")
				.param("phones[0].number", "+98 912 345 6789")
				.param("phones[0].label", "mobile")
				.param("addresses[0].label", "home")
				.param("addresses[0].city", "Shiraz")
				.param("addresses[0].countryCode", "ir")
				.param("tags", "Yoga, Morning")
				.param("ownerId", this.noorId.toString())
				.param("lifecycleStage", "potential"))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		String location = created.getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/people/");
		this.mvc.perform(get(location).with(user(this.noor)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Fatemeh Karimi")))
			.andExpect(content().string(containsString("fatemeh@example.ir")))
			.andExpect(content().string(containsString("tel:+989123456789")))
			.andExpect(content().string(containsString("Shiraz")))
			.andExpect(content().string(containsString("Potential")));
		this.mvc
			.perform(post(location + "/stage").with(user(this.noor))
				.with(csrf())
				.param("stage", "active")
				.param("reason", "Bought a 10-class card")
				.param("version", "1"))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get(location).with(user(this.noor)))
			.andExpect(content().string(containsString("Moved from Potential to Active")))
			.andExpect(content().string(containsString("Bought a 10-class card")));
		this.mvc
			.perform(post(location + "/interactions").with(user(this.noor))
				.with(csrf())
				.param("channel", "call")
				.param("direction", "outbound")
				.param("minutes", "12")
				.param("outcome", "Reached")
				.param("summary", "Wants the morning yoga pass"))
			.andExpect(status().is3xxRedirection());
		this.mvc
			.perform(post(location + "/consents").with(user(this.noor))
				.with(csrf())
				.param("channel", "email")
				.param("status", "opt-in")
				.param("source", "Front desk form")
				.param("wording", "Yes, send me the class schedule"))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get(location).with(user(this.noor)))
			.andExpect(content().string(containsString("Call, outbound")))
			.andExpect(content().string(containsString("Wants the morning yoga pass")))
			.andExpect(content().string(containsString("Opted in for E-mail")))
			.andExpect(content().string(containsString("Front desk form")));
		this.mvc.perform(get(location + "/timeline").param("kind", "interaction").with(user(this.noor)))
			.andExpect(content().string(containsString("Call, outbound")))
			.andExpect(content().string(not(containsString("Moved from"))));
		this.mvc
			.perform(post(location + "/interactions").with(user(this.noor))
				.with(csrf())
				.param("channel", "telepathy")
				.param("minutes", "-5"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Choose one of")))
			.andExpect(content().string(containsString("between 0 and 86400")));
		// MockMvc does not render error pages; the browser journey checks the 404 page
		// itself.
		this.mvc.perform(get(location).with(user(this.piet)).accept(org.springframework.http.MediaType.TEXT_HTML))
			.andExpect(status().isNotFound());
		this.mvc.perform(get(location + "/edit").with(user(this.piet))).andExpect(status().isNotFound());
	}

	@Test
	void theEditFormKeepsTheBirthdayTheCompanyAndADerivedName() throws Exception {
		CompanyView company = Actors.callAs(new Actor(this.workspace.id(), this.noorId),
				() -> this.companies.create(new CompanyChange("Sportschool Noord", null, null, null, null, null, null,
						java.util.List.of(), java.util.List.of(), null, null)));
		PersonView person = Actors.callAs(new Actor(this.workspace.id(), this.noorId),
				() -> this.people.create(new PersonChange("Anna", "de Vries", null, java.util.List.of(),
						java.util.List.of(), java.util.List.of(), java.time.LocalDate.of(1980, 5, 17), null,
						company.id(), null, null, null, java.util.List.of(), null, null, null), null));
		this.mvc.perform(get("/people/" + person.id() + "/edit").with(user(this.noor)))
			.andExpect(content().string(containsString("value=\"1980-05-17\"")))
			.andExpect(content().string(containsString("Sportschool Noord")))
			.andExpect(content().string(not(containsString("value=\"Anna de Vries\""))));
		this.mvc
			.perform(get("/companies/choices").param("companySearch", "zzz")
				.param("companyId", company.id().toString())
				.with(user(this.noor)))
			.andExpect(content().string(containsString("Sportschool Noord")))
			.andExpect(content().string(containsString("selected")));
	}

	@Test
	void aStaleEditSaysSoAndKeepsTheInput() throws Exception {
		PersonView person = Actors.callAs(new Actor(this.workspace.id(), this.noorId),
				() -> this.people.create(change("Original Name"), null));
		Actors.runAs(new Actor(this.workspace.id(), this.noorId),
				() -> this.people.update(person.id(), 1, change("Changed Meanwhile")));
		this.mvc
			.perform(post("/people/" + person.id()).with(user(this.noor))
				.with(csrf())
				.param("displayName", "My Edit")
				.param("ownerId", this.noorId.toString())
				.param("version", "1"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Someone else saved this record")))
			.andExpect(content().string(containsString("value=\"My Edit\"")));
		assertThat(Actors.callAs(new Actor(this.workspace.id(), this.noorId),
				() -> this.people.get(person.id()).displayName()))
			.isEqualTo("Changed Meanwhile");
	}

	@Test
	void theListSearchesWithHtmxPartials() throws Exception {
		for (String name : new String[] { "Lucía Fernández", "Lucas Jansen", "王芳" }) {
			Actors.runAs(new Actor(this.workspace.id(), this.noorId), () -> this.people.create(change(name), null));
		}
		this.mvc.perform(get("/people").with(user(this.noor)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("3 people")))
			.andExpect(content().string(containsString("王芳")));
		this.mvc
			.perform(get("/people").param("q", "luc")
				.header("HX-Request", "true")
				.header("HX-Target", "people-results")
				.with(user(this.noor)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Lucía Fernández")))
			.andExpect(content().string(containsString("Lucas Jansen")))
			.andExpect(content().string(not(containsString("王芳"))))
			.andExpect(content().string(not(containsString("<html"))));
		this.mvc.perform(get("/people").with(user(this.piet))).andExpect(content().string(containsString("No people")));
	}

	@Test
	void companiesAndTheCompanyPicker() throws Exception {
		MvcResult created = this.mvc
			.perform(post("/companies").with(user(this.noor))
				.with(csrf())
				.param("name", "Gym Amsterdam B.V.")
				.param("domain", "https://gym-amsterdam.nl/")
				.param("ownerId", this.noorId.toString())
				.param("addresses[0].label", "work")
				.param("addresses[0].city", "Amsterdam"))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		String location = created.getResponse().getRedirectedUrl();
		this.mvc.perform(get(location).with(user(this.noor)))
			.andExpect(content().string(containsString("gym-amsterdam.nl")))
			.andExpect(content().string(containsString("Amsterdam")));
		this.mvc.perform(get("/companies/choices").param("companySearch", "gym").with(user(this.noor)))
			.andExpect(content().string(containsString("Gym Amsterdam B.V.")));
		this.mvc.perform(get("/companies/choices").param("companySearch", "gym").with(user(this.piet)))
			.andExpect(content().string(not(containsString("Gym Amsterdam B.V."))));
		this.mvc.perform(post("/companies").with(user(this.noor)).with(csrf()).param("name", "").param("domain", "x y"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Enter the company name.")))
			.andExpect(content().string(containsString("is not a web domain")));
	}

	@Test
	void administratorsNameTheStagesAndSetTheCountry() throws Exception {
		this.mvc
			.perform(post("/admin/customers").with(user(this.admin))
				.with(csrf())
				.param("version", "0")
				.param("phoneRegion", "nl")
				.param("lifecycleRule", "forward")
				.param("potentialLabel", "Trial member"))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/people/new").with(user(this.noor)))
			.andExpect(content().string(containsString("Trial member")));
		this.mvc.perform(get("/admin/customers").with(user(this.noor))).andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/customers").with(user(this.admin))
				.with(csrf())
				.param("version", "1")
				.param("phoneRegion", "XX")
				.param("lifecycleRule", "free"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("is not a country code")));
	}

	private long count(UUID ownerId) {
		return Actors.callAs(new Actor(this.workspace.id(), ownerId),
				() -> this.people.count(PersonQuery.all(), 100).value());
	}

	private static PersonChange change(String name) {
		return new PersonChange(null, null, name, java.util.List.of(), java.util.List.of(), java.util.List.of(), null,
				null, null, null, null, null, java.util.List.of(), null, null, null);
	}

}
