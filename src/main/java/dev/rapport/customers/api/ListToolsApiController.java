package dev.rapport.customers.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.customers.api.PersonApiController.CountResource;
import dev.rapport.customers.internal.Bulk;
import dev.rapport.customers.internal.CompanyService.CompanyQuery;
import dev.rapport.customers.internal.CompanyService;
import dev.rapport.customers.internal.ListCount;
import dev.rapport.customers.internal.PersonService;
import dev.rapport.customers.internal.SavedViews;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;

/**
 * Bulk actions on people and companies, the count of the companies list, and saved views
 * of both lists, over REST.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Bulk actions and views")
@SecurityRequirement(name = "bearer")
@Validated
class ListToolsApiController {

	static final String COMPANY_FILTER = "field:operator:value, repeatable. Fields: name, domain, industry, size, "
			+ "ownerId, parentId, createdAt, updatedAt, and custom.<key> for custom fields of companies. Operators: eq, "
			+ "ne, contains, gt, gte, lt, lte, set, unset. Dates as YYYY-MM-DD. Example: size:eq:11-50";

	static final String COMPANY_SORT = "name (the default), -updatedAt (most recently changed first), or "
			+ "custom.<key> (a custom field, companies without a value last; -custom.<key> for highest first)";

	private final PersonService people;

	private final CompanyService companies;

	private final SavedViews views;

	ListToolsApiController(PersonService people, CompanyService companies, SavedViews views) {
		this.people = people;
		this.companies = companies;
		this.views = views;
	}

	/**
	 * A bulk action: assign_owner (value: user id), add_tag or remove_tag (value: the
	 * tag), move_stage (people only; value: lead, potential, active, loyal or lost),
	 * delete.
	 */
	record BulkRequest(@Nullable List<UUID> ids, @Nullable String action, @Nullable String value) {

		List<UUID> requireIds() {
			if (this.ids == null || this.ids.isEmpty()) {
				throw new BusinessRuleException("ids", "people.bulk.none");
			}
			return this.ids;
		}

	}

	/**
	 * A view to save: object is person (the default) or company; query is the list's
	 * query string, such as stage=lead&amp;tag=VIP.
	 */
	record ViewRequest(@Nullable String object, @Nullable String name, boolean shared, @Nullable String query,
			@Nullable String columns) {
	}

	@PostMapping("/people/bulk")
	@Operation(summary = "Apply one action to many people",
			description = "Each person is changed within the access policy; the answer counts the changed ones and "
					+ "lists the skipped ones with the reason. At most 500 ids.")
	Bulk.Result bulk(@RequestBody BulkRequest body) {
		return this.people.bulk(body.requireIds(), Bulk.Action.parse(body.action()), body.value());
	}

	@PostMapping("/companies/bulk")
	@Operation(summary = "Apply one action to many companies",
			description = "assign_owner, add_tag, remove_tag or delete (companies have no lifecycle stage). Each "
					+ "company is changed within the access policy; the answer counts the changed ones and lists the "
					+ "skipped ones with the reason. At most 500 ids.")
	Bulk.Result bulkCompanies(@RequestBody BulkRequest body) {
		return this.companies.bulk(body.requireIds(), Bulk.Action.parse(body.action()), body.value());
	}

	@GetMapping("/companies/count")
	@Tag(name = "Companies")
	@Operation(summary = "Count companies",
			description = "Takes the filters of the list. Exact up to 10,000 (rapport.customers.count-exact-limit). "
					+ "Above that, exact is false and count is the database's estimate rounded to two digits "
					+ "(estimated true, on PostgreSQL) or the limit meaning more than that (estimated false).")
	CountResource countCompanies(@RequestParam(required = false) @Size(max = 200) @Nullable String q,
			@RequestParam(required = false) @Size(max = 100) @Nullable String tag,
			@RequestParam(required = false) @Parameter(description = COMPANY_FILTER) @Nullable List<String> filter,
			@RequestParam(defaultValue = "all") String match) {
		ListCount count = this.companies.count(CompanyQuery.of(q, tag, filter, match, null));
		return new CountResource(count.value(), count.exact(), count.estimated());
	}

	@GetMapping("/views")
	@Operation(summary = "Saved views the token's user sees: their own and the shared ones")
	List<SavedViews.View> views(
			@RequestParam(defaultValue = "person") @Parameter(description = "person or company") String object) {
		return this.views.visible(object);
	}

	@PostMapping("/views")
	@Operation(summary = "Save a view of the people or companies list")
	ResponseEntity<SavedViews.View> save(@RequestBody ViewRequest body) {
		SavedViews.View view = this.views.save((body.object() != null) ? body.object() : "person", body.name(),
				body.shared(), body.query(), body.columns());
		return ResponseEntity.created(URI.create("/api/v1/views/" + view.id())).body(view);
	}

	@DeleteMapping("/views/{id}")
	@Operation(summary = "Delete a view", description = "Your own views; administrators also shared ones.")
	ResponseEntity<Void> delete(@PathVariable String id) {
		this.views.delete(Ids.parse("view", id));
		return ResponseEntity.noContent().build();
	}

}
