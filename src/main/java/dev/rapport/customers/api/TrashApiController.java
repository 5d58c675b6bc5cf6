package dev.rapport.customers.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.customers.internal.CompanyService;
import dev.rapport.customers.internal.PersonService;
import dev.rapport.customers.internal.Trash;
import dev.rapport.platform.Ids;

/** The history of people and companies, the trash, and restoring from it, over REST. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "History and trash")
@SecurityRequirement(name = "bearer")
class TrashApiController {

	private final Trash trash;

	private final PersonService people;

	private final CompanyService companies;

	TrashApiController(Trash trash, PersonService people, CompanyService companies) {
		this.trash = trash;
		this.people = people;
		this.companies = companies;
	}

	/** One changed field. */
	record ChangeResource(UUID changeSet, String field, @Nullable String oldValue, @Nullable String newValue,
			OffsetDateTime changedAt, @Nullable UUID changedBy, @Nullable String changedByName) {

		static ChangeResource of(PersonService.Change c) {
			return new ChangeResource(c.entry().changeSet(), c.entry().field(), c.entry().oldValue(),
					c.entry().newValue(), c.entry().changedAt(), c.entry().changedBy(), c.byName());
		}

	}

	@GetMapping("/people/{id}/history")
	@Operation(summary = "A person's changes, field by field, newest first",
			description = "Fields use the names of the API; custom fields are custom.<key>.")
	List<ChangeResource> personHistory(@PathVariable String id) {
		return this.people.history(Ids.parse("person", id), 500).stream().map(ChangeResource::of).toList();
	}

	@GetMapping("/companies/{id}/history")
	@Operation(summary = "A company's changes, field by field, newest first")
	List<ChangeResource> companyHistory(@PathVariable String id) {
		return this.companies.history(Ids.parse("company", id), 500).stream().map(ChangeResource::of).toList();
	}

	@GetMapping("/trash")
	@Operation(summary = "Deleted people and companies the token's user may restore",
			description = "Each can be restored until restorableUntil; after that it is removed for good.")
	List<Trash.Item> trash() {
		return this.trash.list();
	}

	@PostMapping("/people/{id}/restore")
	@Operation(summary = "Restore a deleted person")
	ResponseEntity<Void> restorePerson(@PathVariable String id) {
		this.trash.restorePerson(Ids.parse("person", id));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/companies/{id}/restore")
	@Operation(summary = "Restore a deleted company")
	ResponseEntity<Void> restoreCompany(@PathVariable String id) {
		this.trash.restoreCompany(Ids.parse("company", id));
		return ResponseEntity.noContent().build();
	}

}
