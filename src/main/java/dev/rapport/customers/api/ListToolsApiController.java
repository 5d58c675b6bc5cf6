package dev.rapport.customers.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.customers.internal.Bulk;
import dev.rapport.customers.internal.PersonService;
import dev.rapport.customers.internal.SavedViews;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;

/** Bulk actions on people and saved views of lists, over REST. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Bulk actions and views")
@SecurityRequirement(name = "bearer")
class ListToolsApiController {

	private final PersonService people;

	private final SavedViews views;

	ListToolsApiController(PersonService people, SavedViews views) {
		this.people = people;
		this.views = views;
	}

	/**
	 * A bulk action: assign_owner (value: user id), add_tag or remove_tag (value: the
	 * tag), move_stage (value: lead, potential, active, loyal or lost), delete.
	 */
	record BulkRequest(@Nullable List<UUID> ids, @Nullable String action, @Nullable String value) {
	}

	/**
	 * A view to save: query is a people-list query string, such as
	 * stage=lead&amp;tag=VIP.
	 */
	record ViewRequest(@Nullable String name, boolean shared, @Nullable String query, @Nullable String columns) {
	}

	@PostMapping("/people/bulk")
	@Operation(summary = "Apply one action to many people",
			description = "Each person is changed within the access policy; the answer counts the changed ones and "
					+ "lists the skipped ones with the reason. At most 500 ids.")
	Bulk.Result bulk(@RequestBody BulkRequest body) {
		if (body.ids() == null || body.ids().isEmpty()) {
			throw new BusinessRuleException("ids", "people.bulk.none");
		}
		return this.people.bulk(body.ids(), Bulk.Action.parse(body.action()), body.value());
	}

	@GetMapping("/views")
	@Operation(summary = "Saved views the token's user sees: their own and the shared ones")
	List<SavedViews.View> views(@RequestParam(defaultValue = "person") String object) {
		return this.views.visible(object);
	}

	@PostMapping("/views")
	@Operation(summary = "Save a view of the people list")
	ResponseEntity<SavedViews.View> save(@RequestBody ViewRequest body) {
		SavedViews.View view = this.views.save("person", body.name(), body.shared(), body.query(), body.columns());
		return ResponseEntity.created(URI.create("/api/v1/views/" + view.id())).body(view);
	}

	@DeleteMapping("/views/{id}")
	@Operation(summary = "Delete a view", description = "Your own views; administrators also shared ones.")
	ResponseEntity<Void> delete(@PathVariable String id) {
		this.views.delete(Ids.parse("view", id));
		return ResponseEntity.noContent().build();
	}

}
