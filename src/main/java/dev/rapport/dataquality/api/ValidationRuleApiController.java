package dev.rapport.dataquality.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
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

import dev.rapport.dataquality.internal.rules.ValidationRule;
import dev.rapport.dataquality.internal.rules.ValidationRules;
import dev.rapport.dataquality.internal.rules.ValidationRules.RuleInput;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.web.ETags;

/**
 * The workspace's validation rules over REST: anyone reads them to know what a write must
 * meet; administrators add, change, switch on and off, delete and try them.
 */
@RestController
@RequestMapping("/api/v1/validation-rules")
@Tag(name = "Validation rules")
@SecurityRequirement(name = "bearer")
class ValidationRuleApiController {

	private final ValidationRules rules;

	ValidationRuleApiController(ValidationRules rules) {
		this.rules = rules;
	}

	/** A record to try a rule on. */
	record TryRequest(@Nullable String recordId) {
	}

	/** What trying a rule on a record found: not_applicable, passes or fails. */
	record TryResult(String outcome, @Nullable String message) {
	}

	@GetMapping
	@Operation(summary = "The validation rules, of one object or all")
	List<ValidationRule> list(@RequestParam(required = false) @Parameter(
			description = "person, company, deal, activity or transaction; all when left out") @Nullable String object) {
		if (object != null && !ValidationRules.OBJECTS.contains(object)) {
			throw new BusinessRuleException("object", "dataquality.rule.object.unknown",
					String.join(", ", ValidationRules.OBJECTS));
		}
		return this.rules.list(object);
	}

	@GetMapping("/fields")
	@Operation(summary = "The fields a rule on an object can name",
			description = "Standard fields by their API names, then custom.<key> for each custom field.")
	List<String> fields(@RequestParam String object) {
		if (!ValidationRules.OBJECTS.contains(object)) {
			throw new BusinessRuleException("object", "dataquality.rule.object.unknown",
					String.join(", ", ValidationRules.OBJECTS));
		}
		return this.rules.fields(object);
	}

	@GetMapping("/{id}")
	@Operation(summary = "Read a validation rule")
	ResponseEntity<ValidationRule> get(@PathVariable String id) {
		ValidationRule rule = this.rules.get(Ids.parse("validation rule", id));
		return ResponseEntity.ok().eTag(ETags.of(rule.version())).body(rule);
	}

	@PostMapping
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Add a validation rule", description = "Administrators only. Active unless active is false.")
	ResponseEntity<ValidationRule> create(@RequestBody RuleInput body) {
		ValidationRule created = this.rules.create(body);
		return ResponseEntity.created(URI.create("/api/v1/validation-rules/" + created.id()))
			.eTag(ETags.of(created.version()))
			.body(created);
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Replace a validation rule",
			description = "Administrators only; the object stays. Requires If-Match.")
	ResponseEntity<ValidationRule> update(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody RuleInput body) {
		ValidationRule current = this.rules.get(Ids.parse("validation rule", id));
		int version = ETags.requireMatch(ifMatch, "validation rule", current.version());
		ValidationRule updated = this.rules.update(current.id(), version, body);
		return ResponseEntity.ok().eTag(ETags.of(updated.version())).body(updated);
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Delete a validation rule", description = "Administrators only. Requires If-Match.")
	ResponseEntity<Void> delete(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		ValidationRule current = this.rules.get(Ids.parse("validation rule", id));
		int version = ETags.requireMatch(ifMatch, "validation rule", current.version());
		this.rules.delete(current.id(), version);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/try")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Try a rule on an existing record",
			description = "Whether the rule applies to the record and whether the record meets it; "
					+ "404 when the record does not exist or is out of reach.")
	TryResult tryOn(@PathVariable String id, @RequestBody TryRequest body) {
		ValidationRule rule = this.rules.get(Ids.parse("validation rule", id));
		UUID recordId = Ids.parse(rule.object(), String.valueOf(body.recordId()));
		ValidationRules.TryOutcome outcome = this.rules.tryOn(rule, recordId);
		return new TryResult(outcome.name().toLowerCase(java.util.Locale.ROOT),
				(outcome == ValidationRules.TryOutcome.FAILS) ? rule.message() : null);
	}

}
