package dev.rapport.customers.api;

import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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

import dev.rapport.customers.ContactInput.AddressInput;
import dev.rapport.customers.ContactInput.EmailInput;
import dev.rapport.customers.ContactInput.PhoneInput;
import dev.rapport.customers.LifecycleStage;
import dev.rapport.customers.PersonChange;
import dev.rapport.customers.PersonSummary;
import dev.rapport.customers.PersonView;
import dev.rapport.customers.internal.Filters;
import dev.rapport.customers.internal.ListCount;
import dev.rapport.customers.internal.PersonService.PersonQuery;
import dev.rapport.customers.internal.PersonService.Sort;
import dev.rapport.customers.internal.PersonService;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.web.ETags;

/**
 * People over REST: list and search, read, create, replace, move between stages, delete.
 */
@RestController
@RequestMapping("/api/v1/people")
@Tag(name = "People")
@SecurityRequirement(name = "bearer")
@Validated
class PersonApiController {

	private final PersonService people;

	PersonApiController(PersonService people) {
		this.people = people;
	}

	/** A person in the API. */
	record PersonResource(UUID id, @Nullable String givenName, @Nullable String familyName, String displayName,
			List<EmailResource> emails, List<PhoneResource> phones, List<AddressResource> addresses,
			@Nullable LocalDate birthday, @Nullable String jobTitle, @Nullable UUID companyId,
			@Nullable String companyName, @Nullable String source, UUID ownerId, String ownerName,
			@Nullable UUID teamId, List<String> tags, String lifecycleStage, OffsetDateTime lifecycleEnteredAt,
			String status, @Nullable String preferredChannel, @Nullable String notes, Map<String, Object> custom,
			OffsetDateTime createdAt, OffsetDateTime updatedAt, int version) {

		static PersonResource of(PersonView p) {
			return new PersonResource(p.id(), p.givenName(), p.familyName(), p.displayName(),
					p.emails()
						.stream()
						.map((e) -> new EmailResource(e.address(), e.label().code(), e.primary()))
						.toList(),
					p.phones()
						.stream()
						.map((ph) -> new PhoneResource(ph.typed(), ph.e164(), ph.label().code(), ph.primary()))
						.toList(),
					p.addresses().stream().map(AddressResource::of).toList(), p.birthday(), p.jobTitle(), p.companyId(),
					p.companyName(), p.source(), p.ownerId(), p.ownerName(), p.teamId(), p.tags(),
					p.lifecycleStage().code(), p.lifecycleEnteredAt(), p.status(), p.preferredChannel(), p.notes(),
					p.custom(), p.createdAt(), p.updatedAt(), p.version());
		}

	}

	/** An e-mail address; label is work, home, mobile or other. */
	record EmailResource(@Nullable String address, @Nullable String label, @Nullable Boolean primary) {
	}

	/** A phone number as typed and in E.164 (read only). */
	record PhoneResource(String number, @Nullable String e164, String label, boolean primary) {
	}

	/** A postal address; countryCode is ISO 3166-1 alpha-2. */
	record AddressResource(@Nullable String label, @Nullable String street, @Nullable String postalCode,
			@Nullable String city, @Nullable String region, @Nullable String countryCode) {

		static AddressResource of(PersonView.Address a) {
			return new AddressResource(a.label().code(), a.street(), a.postalCode(), a.city(), a.region(),
					a.countryCode());
		}

		AddressInput input() {
			return new AddressInput(this.label, this.street, this.postalCode, this.city, this.region, this.countryCode);
		}

	}

	/** A row of the people list. */
	record PersonRow(UUID id, String displayName, @Nullable String primaryEmail, @Nullable String primaryPhone,
			@Nullable UUID companyId, @Nullable String companyName, String lifecycleStage, UUID ownerId,
			String ownerName, int version) {

		static PersonRow of(PersonSummary p) {
			return new PersonRow(p.id(), p.displayName(), p.primaryEmail(), p.primaryPhone(), p.companyId(),
					p.companyName(), p.lifecycleStage().code(), p.ownerId(), p.ownerName(), p.version());
		}

	}

	/** A page of results and the cursor of the next page, or null on the last page. */
	/**
	 * A page of people. similar lists the words searched instead of a word of q that
	 * starts no name, address or number (a typo); empty when q matched as typed.
	 */
	record PeoplePage(List<PersonRow> items, @Nullable String next, List<String> similar) {
	}

	record Page<T>(List<T> items, @Nullable String next) {
	}

	/**
	 * How many match: exact; or, when exact is false, the database's estimate when
	 * estimated is true, else at least this many.
	 */
	record CountResource(long count, boolean exact, boolean estimated) {
	}

	/**
	 * What a client sends to create or replace a person. Omitted lists are empty: a
	 * replace without emails removes them. The lifecycle stage is set at creation; later
	 * moves go through the lifecycle operation, which records a reason.
	 */
	record PersonBody(@Nullable String givenName, @Nullable String familyName, @Nullable String displayName,
			@Nullable List<EmailResource> emails, @Nullable List<PhoneBody> phones,
			@Nullable List<AddressResource> addresses, @Nullable LocalDate birthday, @Nullable String jobTitle,
			@Nullable UUID companyId, @Nullable String source, @Nullable UUID ownerId, @Nullable UUID teamId,
			@Nullable List<String> tags, @Nullable String lifecycleStage, @Nullable String preferredChannel,
			@Nullable String notes, @Nullable Map<String, Object> custom) {

		PersonChange change() {
			return new PersonChange(this.givenName, this.familyName, this.displayName,
					(this.emails != null) ? this.emails.stream()
						.map((e) -> (e != null)
								? new EmailInput(e.address(), e.label(), Boolean.TRUE.equals(e.primary())) : null)
						.toList() : List.of(),
					(this.phones != null) ? this.phones.stream()
						.map((p) -> (p != null)
								? new PhoneInput(p.number(), p.label(), Boolean.TRUE.equals(p.primary())) : null)
						.toList() : List.of(),
					(this.addresses != null)
							? this.addresses.stream().map((a) -> (a != null) ? a.input() : null).toList() : List.of(),
					this.birthday, this.jobTitle, this.companyId, this.source, this.ownerId, this.teamId,
					(this.tags != null) ? this.tags : List.of(), this.preferredChannel, this.notes, this.custom);
		}

	}

	/**
	 * A phone number as typed: with a country code, or in the workspace's default
	 * country.
	 */
	record PhoneBody(@Nullable String number, @Nullable String label, @Nullable Boolean primary) {
	}

	/** A move to another lifecycle stage, with an optional reason kept in the history. */
	record StageMove(@NotNull String stage, @Nullable String reason) {
	}

	/** One entry of a person's lifecycle history. */
	record StageChangeResource(@Nullable String from, String to, OffsetDateTime at, @Nullable UUID byId,
			@Nullable String byName, @Nullable String reason) {
	}

	@GetMapping
	@Operation(summary = "List and search people",
			description = "q matches the start of any word of a name, an e-mail address or domain, a phone number "
					+ "(digits, with or without country code) or the company name. A word of four letters or more that "
					+ "starts nothing is searched as the words one typo away (listed in similar). Filters combine with and. "
					+ "Cursor pagination: pass the returned next as cursor.")
	PeoplePage list(@RequestParam(required = false) @Size(max = 200) @Nullable String q,
			@RequestParam(required = false) @Parameter(
					description = "lead, potential, active, loyal or lost") @Nullable String stage,
			@RequestParam(required = false) @Nullable UUID ownerId,
			@RequestParam(required = false) @Nullable UUID companyId,
			@RequestParam(required = false) @Size(max = 100) @Nullable String tag,
			@RequestParam(required = false) @Parameter(description = SORT) @Nullable String sort,
			@RequestParam(required = false) @Parameter(description = FILTER) @Nullable List<String> filter,
			@RequestParam(defaultValue = "all") @Parameter(
					description = "all or any: how filters combine") String match,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
		PersonService.Page page = this.people.page(query(q, stage, ownerId, companyId, tag, sort, filter, match),
				cursor, limit);
		return new PeoplePage(page.items().stream().map(PersonRow::of).toList(), page.next(), page.similar());
	}

	@GetMapping("/count")
	@Operation(summary = "Count people",
			description = "Takes the filters of the list. Exact up to 10,000 (rapport.customers.count-exact-limit). "
					+ "Above that, exact is false and count is the database's estimate rounded to two digits (estimated true, on PostgreSQL) or the limit "
					+ "meaning more than that (estimated false).")
	CountResource count(@RequestParam(required = false) @Size(max = 200) @Nullable String q,
			@RequestParam(required = false) @Nullable String stage,
			@RequestParam(required = false) @Nullable UUID ownerId,
			@RequestParam(required = false) @Nullable UUID companyId,
			@RequestParam(required = false) @Size(max = 100) @Nullable String tag,
			@RequestParam(required = false) @Parameter(description = FILTER) @Nullable List<String> filter,
			@RequestParam(defaultValue = "all") String match) {
		ListCount count = this.people.count(query(q, stage, ownerId, companyId, tag, "name", filter, match));
		return new CountResource(count.value(), count.exact(), count.estimated());
	}

	@GetMapping("/{id}")
	@Operation(summary = "Read a person", description = "The ETag header carries the version for If-Match.")
	ResponseEntity<PersonResource> get(@PathVariable String id) {
		PersonView person = this.people.get(Ids.parse("person", id));
		return ResponseEntity.ok().eTag(ETags.of(person.version())).body(PersonResource.of(person));
	}

	@PostMapping
	@Operation(summary = "Create a person",
			description = "The owner defaults to the token's user, the lifecycle stage to lead.")
	ResponseEntity<PersonResource> create(@RequestBody PersonBody body) {
		LifecycleStage stage = (body.lifecycleStage() != null) ? stage(body.lifecycleStage()) : null;
		PersonView created = this.people.create(body.change(), stage);
		return ResponseEntity.created(URI.create("/api/v1/people/" + created.id()))
			.eTag(ETags.of(created.version()))
			.body(PersonResource.of(created));
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace a person",
			description = "Requires If-Match with the ETag read; a stale one answers 412 and changes nothing. "
					+ "lifecycleStage is ignored here: use the lifecycle operation.")
	ResponseEntity<PersonResource> update(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody PersonBody body) {
		PersonView current = this.people.get(Ids.parse("person", id));
		int version = ETags.requireMatch(ifMatch, "person", current.version());
		PersonView updated = this.people.update(current.id(), version, body.change());
		return ResponseEntity.ok().eTag(ETags.of(updated.version())).body(PersonResource.of(updated));
	}

	@PostMapping("/{id}/lifecycle")
	@Operation(summary = "Move a person to another lifecycle stage",
			description = "Records when, who and the reason. Requires If-Match. A move the workspace forbids "
					+ "answers 422 naming lifecycleStage.")
	ResponseEntity<PersonResource> move(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody StageMove body) {
		PersonView current = this.people.get(Ids.parse("person", id));
		int version = ETags.requireMatch(ifMatch, "person", current.version());
		if (body.stage() == null) {
			throw new BusinessRuleException("stage", "customers.lifecycle.unknown", "");
		}
		PersonView moved = this.people.moveToStage(current.id(), version, stage(body.stage()), body.reason());
		return ResponseEntity.ok().eTag(ETags.of(moved.version())).body(PersonResource.of(moved));
	}

	@GetMapping("/{id}/lifecycle")
	@Operation(summary = "A person's lifecycle history, newest first")
	List<StageChangeResource> history(@PathVariable String id) {
		return this.people.stageHistory(Ids.parse("person", id))
			.stream()
			.map((c) -> new StageChangeResource((c.from() != null) ? c.from().code() : null, c.to().code(), c.at(),
					c.byId(), c.byName(), c.reason()))
			.toList();
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Move a person to the trash", description = "Requires If-Match.")
	ResponseEntity<Void> delete(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		PersonView current = this.people.get(Ids.parse("person", id));
		int version = ETags.requireMatch(ifMatch, "person", current.version());
		this.people.delete(current.id(), version);
		return ResponseEntity.noContent().build();
	}

	static final String FILTER = "field:operator:value, repeatable. Fields: source, jobTitle, displayName, "
			+ "preferredChannel, ownerId, companyId, birthday, createdAt, updatedAt, lifecycleEnteredAt, status, "
			+ "archived, and custom.<key> for custom fields. Operators: eq, ne, contains, gt, gte, lt, lte, set, "
			+ "unset. Dates as YYYY-MM-DD. Without a status filter, deceased and disqualified people are left "
			+ "out; without an archived filter, archived ones. Example: custom.visits_per_month:gte:4";

	static final String SORT = "relevance (best matches of q first: by the matched word, then by name; the default "
			+ "with q), name (the default without q), -updatedAt, or custom.<key> (a custom field, people without a value last; "
			+ "-custom.<key> for highest first)";

	private static PersonQuery query(@Nullable String q, @Nullable String stage, @Nullable UUID ownerId,
			@Nullable UUID companyId, @Nullable String tag, @Nullable String sort, @Nullable List<String> filter,
			String match) {
		List<Filters.Filter> filters = Filters.parseAll(filter);
		boolean any = Filters.any(match);
		boolean searching = q != null && !q.isBlank();
		String chosen = (sort != null && !sort.isBlank()) ? sort.strip().toLowerCase(Locale.ROOT)
				: (searching ? "relevance" : "name");
		boolean custom = chosen.startsWith("custom.") || chosen.startsWith("-custom.");
		Sort order = switch (custom ? "custom" : chosen) {
			case "name" -> Sort.NAME;
			case "-updatedat" -> Sort.RECENTLY_UPDATED;
			case "relevance" -> Sort.RELEVANCE;
			case "custom" -> Sort.CUSTOM;
			default -> throw new BusinessRuleException("sort", "customers.sort.unknown",
					"relevance, name, -updatedAt, custom.<key>, -custom.<key>");
		};
		return new PersonQuery(q, (stage != null && !stage.isBlank()) ? stage(stage) : null, ownerId, companyId, tag,
				order, filters, any, (custom && sort != null) ? sort.strip() : null);
	}

	private static LifecycleStage stage(String code) {
		return LifecycleStage.fromCode(code)
			.orElseThrow(() -> new BusinessRuleException("lifecycleStage", "customers.lifecycle.unknown", code));
	}

}
