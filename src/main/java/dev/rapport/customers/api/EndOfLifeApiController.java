package dev.rapport.customers.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.customers.CompanyView;
import dev.rapport.customers.EndOfLifeChange;
import dev.rapport.customers.EndOfLifeView;
import dev.rapport.customers.PersonView;
import dev.rapport.customers.internal.CompanyService;
import dev.rapport.customers.internal.EndOfLifeService;
import dev.rapport.customers.internal.PersonService;
import dev.rapport.platform.Ids;
import dev.rapport.platform.web.ETags;

/**
 * End-of-life states through the API: a person left the company, died or was
 * disqualified; a company closed. Setting and clearing need If-Match with the record's
 * ETag.
 */
@RestController
@Tag(name = "End-of-life states")
@SecurityRequirement(name = "bearer")
class EndOfLifeApiController {

	private final EndOfLifeService endOfLife;

	private final PersonService people;

	private final CompanyService companies;

	EndOfLifeApiController(EndOfLifeService endOfLife, PersonService people, CompanyService companies) {
		this.endOfLife = endOfLife;
		this.people = people;
		this.companies = companies;
	}

	/** The body that sets a state. */
	record StateBody(@Nullable String state, @Nullable String reasonCode, @Nullable String reason,
			@Nullable UUID newCompanyId, @Nullable LocalDate on) {

		EndOfLifeChange change() {
			return new EndOfLifeChange(this.state, this.reasonCode, this.reason, this.newCompanyId, this.on);
		}

	}

	/**
	 * A record's end-of-life state: {@code active} or the state, when, who, why, the
	 * company a person left, whether retention archived it, and the record's version.
	 */
	record StateResource(String state, @Nullable OffsetDateTime changedAt, @Nullable String changedBy,
			@Nullable String reasonCode, @Nullable String reason, @Nullable LocalDate on,
			@Nullable UUID formerCompanyId, @Nullable UUID companyId, @Nullable OffsetDateTime archivedAt,
			int version) {

		static StateResource of(EndOfLifeView v, @Nullable UUID companyId, int version) {
			return new StateResource((v.state() != null) ? v.state().code() : EndOfLifeService.ACTIVE, v.changedAt(),
					v.changedByName(), v.reasonCode(), v.reason(), v.on(), v.formerCompanyId(), companyId,
					v.archivedAt(), version);
		}

	}

	@GetMapping("/api/v1/people/{id}/end-of-life")
	@Operation(summary = "Read a person's end-of-life state",
			description = "The ETag header carries the person's version for If-Match.")
	ResponseEntity<StateResource> person(@PathVariable String id) {
		PersonView person = this.people.get(Ids.parse("person", id));
		return personState(person);
	}

	@PostMapping("/api/v1/people/{id}/end-of-life")
	@Operation(summary = "Set a person's end-of-life state",
			description = "state is left, deceased or disqualified. A disqualified lead needs reasonCode (no_budget, "
					+ "no_need, no_authority, bad_timing, competitor, unreachable, spam, other). A person who left "
					+ "moves to newCompanyId (or to no company) and keeps the old one as formerCompanyId. on is the "
					+ "day it happened. Requires If-Match; 412 when stale, 422 naming the field at fault.")
	ResponseEntity<StateResource> setPerson(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody StateBody body) {
		PersonView current = this.people.get(Ids.parse("person", id));
		int version = ETags.requireMatch(ifMatch, "person", current.version());
		return personState(this.endOfLife.setPersonState(current.id(), version, body.change()));
	}

	@DeleteMapping("/api/v1/people/{id}/end-of-life")
	@Operation(summary = "Make a person active again",
			description = "Undoes a departure (the person goes back to the company they left). Requires If-Match.")
	ResponseEntity<StateResource> reactivatePerson(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		PersonView current = this.people.get(Ids.parse("person", id));
		int version = ETags.requireMatch(ifMatch, "person", current.version());
		return personState(this.endOfLife.reactivatePerson(current.id(), version));
	}

	@GetMapping("/api/v1/companies/{id}/end-of-life")
	@Operation(summary = "Read a company's end-of-life state")
	ResponseEntity<StateResource> company(@PathVariable String id) {
		return companyState(this.companies.get(Ids.parse("company", id)));
	}

	@PostMapping("/api/v1/companies/{id}/end-of-life")
	@Operation(summary = "Close a company",
			description = "state is closed; on is the day it closed. Requires If-Match; 412 when stale.")
	ResponseEntity<StateResource> closeCompany(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody StateBody body) {
		CompanyView current = this.companies.get(Ids.parse("company", id));
		int version = ETags.requireMatch(ifMatch, "company", current.version());
		return companyState(this.endOfLife.closeCompany(current.id(), version, body.change()));
	}

	@DeleteMapping("/api/v1/companies/{id}/end-of-life")
	@Operation(summary = "Open a closed company again", description = "Requires If-Match.")
	ResponseEntity<StateResource> reopenCompany(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		CompanyView current = this.companies.get(Ids.parse("company", id));
		int version = ETags.requireMatch(ifMatch, "company", current.version());
		return companyState(this.endOfLife.reopenCompany(current.id(), version));
	}

	private ResponseEntity<StateResource> personState(PersonView person) {
		return ResponseEntity.ok()
			.eTag(ETags.of(person.version()))
			.body(StateResource.of(this.endOfLife.ofPerson(person.id()), person.companyId(), person.version()));
	}

	private ResponseEntity<StateResource> companyState(CompanyView company) {
		return ResponseEntity.ok()
			.eTag(ETags.of(company.version()))
			.body(StateResource.of(this.endOfLife.ofCompany(company.id()), null, company.version()));
	}

}
