package dev.rapport.customers.api;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.customers.CompanyChange;
import dev.rapport.customers.CompanySummary;
import dev.rapport.customers.CompanyView;
import dev.rapport.customers.api.PersonApiController.AddressResource;
import dev.rapport.customers.api.PersonApiController.Page;
import dev.rapport.customers.internal.CompanyService.CompanyQuery;
import dev.rapport.customers.internal.CompanyService;
import dev.rapport.platform.Ids;
import dev.rapport.platform.web.ETags;

/** Companies over REST: list and search, read, create, replace, delete. */
@RestController
@RequestMapping("/api/v1/companies")
@Tag(name = "Companies")
@SecurityRequirement(name = "bearer")
@Validated
class CompanyApiController {

	private final CompanyService companies;

	CompanyApiController(CompanyService companies) {
		this.companies = companies;
	}

	/** A company in the API. */
	record CompanyResource(UUID id, String name, @Nullable String domain, @Nullable String industry,
			@Nullable String sizeBand, @Nullable UUID parentId, @Nullable String parentName, UUID ownerId,
			String ownerName, @Nullable UUID teamId, List<String> tags, List<AddressResource> addresses,
			@Nullable String notes, Map<String, Object> custom, long peopleCount, OffsetDateTime createdAt,
			OffsetDateTime updatedAt, int version) {

		static CompanyResource of(CompanyView c) {
			return new CompanyResource(c.id(), c.name(), c.domain(), c.industry(), c.sizeBand(), c.parentId(),
					c.parentName(), c.ownerId(), c.ownerName(), c.teamId(), c.tags(),
					c.addresses().stream().map(AddressResource::of).toList(), c.notes(), c.custom(), c.peopleCount(),
					c.createdAt(), c.updatedAt(), c.version());
		}

	}

	/** A row of the companies list. */
	record CompanyRow(UUID id, String name, @Nullable String domain, @Nullable String industry, UUID ownerId,
			String ownerName, int version) {

		static CompanyRow of(CompanySummary c) {
			return new CompanyRow(c.id(), c.name(), c.domain(), c.industry(), c.ownerId(), c.ownerName(), c.version());
		}

	}

	/** What a client sends to create or replace a company; omitted lists are empty. */
	record CompanyBody(@Nullable String name, @Nullable String domain, @Nullable String industry,
			@Nullable String sizeBand, @Nullable UUID parentId, @Nullable UUID ownerId, @Nullable UUID teamId,
			@Nullable List<String> tags, @Nullable List<AddressResource> addresses, @Nullable String notes,
			@Nullable Map<String, Object> custom) {

		CompanyChange change() {
			return new CompanyChange(this.name, this.domain, this.industry, this.sizeBand, this.parentId, this.ownerId,
					this.teamId, (this.tags != null) ? this.tags : List.of(),
					(this.addresses != null)
							? this.addresses.stream().map((a) -> (a != null) ? a.input() : null).toList() : List.of(),
					this.notes, this.custom);
		}

	}

	@GetMapping
	@Operation(summary = "List and search companies",
			description = "q matches the start of any word of the name or the web domain. Filters combine with all "
					+ "or any (match). Cursor pagination.")
	Page<CompanyRow> list(@RequestParam(required = false) @Size(max = 200) @Nullable String q,
			@RequestParam(required = false) @Size(max = 100) @Nullable String tag,
			@RequestParam(required = false) @Parameter(
					description = ListToolsApiController.COMPANY_SORT) @Nullable String sort,
			@RequestParam(required = false) @Parameter(
					description = ListToolsApiController.COMPANY_FILTER) @Nullable List<String> filter,
			@RequestParam(defaultValue = "all") String match, @RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
		CompanyService.Page page = this.companies.page(CompanyQuery.of(q, tag, filter, match, sort), cursor, limit);
		return new Page<>(page.items().stream().map(CompanyRow::of).toList(), page.next());
	}

	@GetMapping("/{id}")
	@Operation(summary = "Read a company", description = "The ETag header carries the version for If-Match.")
	ResponseEntity<CompanyResource> get(@PathVariable String id) {
		CompanyView company = this.companies.get(Ids.parse("company", id));
		return ResponseEntity.ok().eTag(ETags.of(company.version())).body(CompanyResource.of(company));
	}

	@PostMapping
	@Operation(summary = "Create a company", description = "The owner defaults to the token's user.")
	ResponseEntity<CompanyResource> create(@RequestBody CompanyBody body) {
		CompanyView created = this.companies.create(body.change());
		return ResponseEntity.created(URI.create("/api/v1/companies/" + created.id()))
			.eTag(ETags.of(created.version()))
			.body(CompanyResource.of(created));
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace a company",
			description = "Requires If-Match with the ETag read; a stale one answers 412 and changes nothing.")
	ResponseEntity<CompanyResource> update(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody CompanyBody body) {
		CompanyView current = this.companies.get(Ids.parse("company", id));
		int version = ETags.requireMatch(ifMatch, "company", current.version());
		CompanyView updated = this.companies.update(current.id(), version, body.change());
		return ResponseEntity.ok().eTag(ETags.of(updated.version())).body(CompanyResource.of(updated));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Move a company to the trash", description = "Requires If-Match.")
	ResponseEntity<Void> delete(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		CompanyView current = this.companies.get(Ids.parse("company", id));
		int version = ETags.requireMatch(ifMatch, "company", current.version());
		this.companies.delete(current.id(), version);
		return ResponseEntity.noContent().build();
	}

}
