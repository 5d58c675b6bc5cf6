package dev.rapport.customization.api;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.customization.FieldDefinition;
import dev.rapport.customization.internal.CustomFieldService.FieldChange;
import dev.rapport.customization.internal.CustomFieldService;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.web.ETags;

/**
 * The custom fields of the workspace over REST: anyone reads them to know what the
 * {@code custom} object of people and companies may hold; administrators change them.
 */
@RestController
@RequestMapping("/api/v1/custom-fields")
@Tag(name = "Custom fields")
@SecurityRequirement(name = "bearer")
class CustomFieldApiController {

	private final CustomFieldService fields;

	CustomFieldApiController(CustomFieldService fields) {
		this.fields = fields;
	}

	/** An archive or restore request. */
	record Archive(boolean archived) {
	}

	@GetMapping
	@Operation(summary = "The custom fields of an object",
			description = "Each field's key is a property of the object's custom map in the API; the type says "
					+ "what it holds: text, long-text, number, money, date (YYYY-MM-DD), boolean, picklist (one "
					+ "option value), multi-picklist (a list of option values), email, phone (E.164), url.")
	List<FieldDefinition> list(
			@RequestParam(defaultValue = "person") @Parameter(description = "person, company or deal") String object,
			@RequestParam(defaultValue = "false") boolean archived) {
		if (!CustomFieldService.OBJECTS.contains(object)) {
			throw new BusinessRuleException("object", "customization.object.unknown",
					String.join(", ", CustomFieldService.OBJECTS));
		}
		return this.fields.fieldsOf(object, archived);
	}

	@GetMapping("/{id}")
	@Operation(summary = "Read a custom field")
	ResponseEntity<FieldDefinition> get(@PathVariable String id) {
		FieldDefinition field = this.fields.get(Ids.parse("custom field", id));
		return ResponseEntity.ok().eTag(ETags.of(field.version())).body(field);
	}

	@PostMapping
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Add a custom field", description = "Administrators only.")
	ResponseEntity<FieldDefinition> create(
			@RequestParam(defaultValue = "person") @Parameter(description = "person, company or deal") String object,
			@RequestBody FieldChange body) {
		FieldDefinition created = this.fields.create(object, body);
		return ResponseEntity.created(URI.create("/api/v1/custom-fields/" + created.id()))
			.eTag(ETags.of(created.version()))
			.body(created);
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Change a custom field",
			description = "Administrators only; key and type stay. Requires If-Match.")
	ResponseEntity<FieldDefinition> update(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody FieldChange body) {
		FieldDefinition current = this.fields.get(Ids.parse("custom field", id));
		int version = ETags.requireMatch(ifMatch, "custom field", current.version());
		FieldDefinition updated = this.fields.update(current.id(), version, body);
		return ResponseEntity.ok().eTag(ETags.of(updated.version())).body(updated);
	}

	@PostMapping("/{id}/archived")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Archive or restore a custom field", description = "Administrators only. Requires If-Match.")
	ResponseEntity<FieldDefinition> archive(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody Archive body) {
		FieldDefinition current = this.fields.get(Ids.parse("custom field", id));
		int version = ETags.requireMatch(ifMatch, "custom field", current.version());
		FieldDefinition changed = this.fields.setArchived(current.id(), version, body.archived());
		return ResponseEntity.ok().eTag(ETags.of(changed.version())).body(changed);
	}

}
