package dev.rapport.sales.api;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.web.ETags;
import dev.rapport.sales.DealInput;
import dev.rapport.sales.DealStageChange;
import dev.rapport.sales.DealView;
import dev.rapport.sales.LineItem;
import dev.rapport.sales.internal.DealService;

/**
 * Deals over REST: create, read with an ETag, change and delete with If-Match, move
 * between stages, their stage history, people and line items. The list of deals is the
 * board's.
 */
@RestController
@RequestMapping("/api/v1/deals")
@Tag(name = "Deals")
@SecurityRequirement(name = "bearer")
class DealApiController {

	private static final String MERGE_PATCH = "application/merge-patch+json";

	private final DealService deals;

	private final JsonMapper json;

	DealApiController(DealService deals, JsonMapper json) {
		this.deals = deals;
		this.json = json;
	}

	/** Where a deal moves. */
	record StageBody(@Nullable UUID stageId, @Nullable String lostReason) {
	}

	/** A person to put on a deal, with their role. */
	record PersonBody(@Nullable UUID personId, @Nullable String role) {
	}

	/** A line item to add or change. */
	record LineItemBody(@Nullable UUID productId, @Nullable String name, @Nullable BigDecimal quantity,
			@Nullable BigDecimal unitPrice, @Nullable BigDecimal discountPercent, @Nullable String currency) {

		DealService.LineItemInput input() {
			return new DealService.LineItemInput(this.productId, this.name, this.quantity, this.unitPrice,
					this.discountPercent, this.currency);
		}

	}

	@PostMapping
	@Operation(summary = "Create a deal",
			description = "name is required. Left out: currency is the workspace's default, pipelineId its first "
					+ "pipeline, stageId the pipeline's first open stage, ownerId the caller. A lost stage needs "
					+ "lostReason. people is a list of {personId, role}; custom holds the deal's custom fields.")
	ResponseEntity<DealView> create(@RequestBody DealInput body) {
		DealView deal = this.deals.create(body);
		return ResponseEntity.created(URI.create("/api/v1/deals/" + deal.id()))
			.eTag(ETags.of(deal.version()))
			.body(deal);
	}

	@GetMapping("/{id}")
	@Operation(summary = "Read a deal",
			description = "With its stage, status, secondsInStage and salesCycleSeconds (created to closed, or to "
					+ "now while open). The ETag header carries the version for If-Match.")
	ResponseEntity<DealView> get(@PathVariable String id) {
		DealView deal = this.deals.get(Ids.parse("deal", id));
		return ResponseEntity.ok().eTag(ETags.of(deal.version())).body(deal);
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace a deal's values",
			description = "Every field as for creating; fields left out are cleared, except currency, owner, "
					+ "people and custom values, which keep theirs. A different stageId moves the deal. Requires If-Match; a stale one "
					+ "answers 412.")
	ResponseEntity<DealView> replace(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody DealInput body) {
		DealView current = this.deals.get(Ids.parse("deal", id));
		int version = ETags.requireMatch(ifMatch, "deal", current.version());
		DealView deal = this.deals.update(current.id(), version, body);
		return ResponseEntity.ok().eTag(ETags.of(deal.version())).body(deal);
	}

	@PatchMapping(path = "/{id}", consumes = { MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH })
	@Operation(summary = "Change some of a deal's values",
			description = "A JSON merge patch: fields sent replace, null clears, fields left out stay. Requires "
					+ "If-Match; a stale one answers 412.")
	ResponseEntity<DealView> patch(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody JsonNode patch) {
		DealView current = this.deals.get(Ids.parse("deal", id));
		int version = ETags.requireMatch(ifMatch, "deal", current.version());
		if (!patch.isObject()) {
			throw new InvalidFieldsException(List.of(new BusinessRuleException("body", "deals.patch.object")));
		}
		ObjectNode merged = this.json.valueToTree(inputOf(current));
		// Custom values merge key by key in the service: send only the patched ones.
		merged.remove("custom");
		patch.properties().forEach((e) -> merged.set(e.getKey(), e.getValue()));
		DealInput input = this.json.readerFor(DealInput.class)
			.with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.readValue(merged);
		DealView deal = this.deals.update(current.id(), version, input);
		return ResponseEntity.ok().eTag(ETags.of(deal.version())).body(deal);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Move a deal to the trash",
			description = "Only its owner, the owner's managers and administrators may. Requires If-Match.")
	ResponseEntity<Void> delete(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		DealView current = this.deals.get(Ids.parse("deal", id));
		this.deals.delete(current.id(), ETags.requireMatch(ifMatch, "deal", current.version()));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/stage")
	@Operation(summary = "Move a deal to a stage",
			description = "stageId names a stage that is not archived, of any pipeline that is not archived. "
					+ "Entering a lost stage needs lostReason (422 naming lostReason otherwise). Winning may make "
					+ "the deal's people active customers (a workspace setting). Requires If-Match.")
	ResponseEntity<DealView> move(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody StageBody body) {
		DealView current = this.deals.get(Ids.parse("deal", id));
		int version = ETags.requireMatch(ifMatch, "deal", current.version());
		if (body.stageId() == null) {
			throw new InvalidFieldsException(List.of(new BusinessRuleException("stageId", "deals.stage.unknown")));
		}
		DealView deal = this.deals.moveToStage(current.id(), body.stageId(), version, body.lostReason());
		return ResponseEntity.ok().eTag(ETags.of(deal.version())).body(deal);
	}

	@GetMapping("/{id}/stage-changes")
	@Operation(summary = "A deal's stage history, oldest first",
			description = "Each move with when, who, from and to, and the seconds spent in the stage it left.")
	List<DealStageChange> stageChanges(@PathVariable String id) {
		return this.deals.stageChanges(Ids.parse("deal", id));
	}

	@PostMapping("/{id}/people")
	@Operation(summary = "Put a person on a deal with their role, or change their role")
	ResponseEntity<DealView> addPerson(@PathVariable String id, @RequestBody PersonBody body) {
		if (body.personId() == null) {
			throw new InvalidFieldsException(List.of(new BusinessRuleException("personId", "deals.person.unknown")));
		}
		DealView deal = this.deals.addPerson(Ids.parse("deal", id), body.personId(), body.role());
		return ResponseEntity.ok().eTag(ETags.of(deal.version())).body(deal);
	}

	@DeleteMapping("/{id}/people/{personId}")
	@Operation(summary = "Take a person off a deal")
	ResponseEntity<DealView> removePerson(@PathVariable String id, @PathVariable String personId) {
		DealView deal = this.deals.removePerson(Ids.parse("deal", id), Ids.parse("person", personId));
		return ResponseEntity.ok().eTag(ETags.of(deal.version())).body(deal);
	}

	@GetMapping("/{id}/line-items")
	@Operation(summary = "A deal's line items, in order")
	List<LineItem> lineItems(@PathVariable String id) {
		return this.deals.lineItems(Ids.parse("deal", id));
	}

	@PostMapping("/{id}/line-items")
	@Operation(summary = "Add a line item to a deal",
			description = "A product (its name and unit price are copied unless sent) or a free-text name; quantity "
					+ "defaults to 1, discountPercent to 0. A product or currency other than the deal's currency is "
					+ "rejected. The first line item makes the deal's amount the sum of its items; while "
					+ "amountFromItems is true every change updates the amount and the deal's version.")
	ResponseEntity<LineItem> addLineItem(@PathVariable String id, @RequestBody LineItemBody body) {
		LineItem item = this.deals.addLineItem(Ids.parse("deal", id), body.input());
		return ResponseEntity.created(URI.create("/api/v1/deals/" + id + "/line-items/" + item.id()))
			.eTag(ETags.of(item.version()))
			.body(item);
	}

	@PatchMapping("/{id}/line-items/{itemId}")
	@Operation(summary = "Change a line item", description = "Fields left out stay. Requires the item's If-Match.")
	ResponseEntity<LineItem> updateLineItem(@PathVariable String id, @PathVariable String itemId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody LineItemBody body) {
		UUID dealId = Ids.parse("deal", id);
		UUID item = Ids.parse("line item", itemId);
		LineItem current = this.deals.lineItems(dealId)
			.stream()
			.filter((i) -> i.id().equals(item))
			.findFirst()
			.orElseThrow(() -> new dev.rapport.platform.NotFoundException("line item", item));
		int version = ETags.requireMatch(ifMatch, "line item", current.version());
		LineItem changed = this.deals.updateLineItem(dealId, item, version, body.input());
		return ResponseEntity.ok().eTag(ETags.of(changed.version())).body(changed);
	}

	@DeleteMapping("/{id}/line-items/{itemId}")
	@Operation(summary = "Remove a line item")
	ResponseEntity<Void> removeLineItem(@PathVariable String id, @PathVariable String itemId) {
		this.deals.removeLineItem(Ids.parse("deal", id), Ids.parse("line item", itemId));
		return ResponseEntity.noContent().build();
	}

	static DealInput inputOf(DealView d) {
		return new DealInput(d.name(), d.amount(), d.currency(), d.amountFromItems(), d.expectedCloseOn(),
				d.pipelineId(), d.stageId(), d.ownerId(), d.teamId(), d.companyId(), d.source(), d.campaignId(),
				d.lostReason(), d.people(), Map.of());
	}

}
