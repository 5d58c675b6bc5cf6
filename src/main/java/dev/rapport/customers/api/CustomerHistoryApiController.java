package dev.rapport.customers.api;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.customers.Consent;
import dev.rapport.customers.Interaction;
import dev.rapport.customers.InteractionInput;
import dev.rapport.customers.api.PersonApiController.Page;
import dev.rapport.customers.internal.ConsentService.ConsentInput;
import dev.rapport.customers.internal.ConsentService;
import dev.rapport.customers.internal.InteractionService;
import dev.rapport.customers.timeline.Timeline;
import dev.rapport.customers.timeline.TimelineItem;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;

/**
 * What happened with a customer over REST: the timeline, interactions logged by people or
 * other systems, and the consent ledger.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Customer history")
@SecurityRequirement(name = "bearer")
@Validated
class CustomerHistoryApiController {

	private final Timeline timeline;

	private final InteractionService interactions;

	private final ConsentService consents;

	CustomerHistoryApiController(Timeline timeline, InteractionService interactions, ConsentService consents) {
		this.timeline = timeline;
		this.interactions = interactions;
		this.consents = consents;
	}

	/** A timeline entry. */
	record TimelineResource(UUID id, String kind, OffsetDateTime occurredAt, @Nullable UUID personId,
			@Nullable UUID companyId, @Nullable UUID actorId, @Nullable String actorName, @Nullable String title,
			@Nullable String summary, Map<String, String> data, String sourceModule, UUID sourceId) {

		static TimelineResource of(TimelineItem i) {
			return new TimelineResource(i.id(), i.kind(), i.occurredAt(), i.personId(), i.companyId(), i.actorId(),
					i.actorName(), i.title(), i.summary(), i.data(), i.sourceModule(), i.sourceId());
		}

	}

	/**
	 * An interaction to log: personId and channel are required, the time defaults to now.
	 */
	record InteractionBody(@Nullable UUID personId, @Nullable String channel, @Nullable String direction,
			@Nullable OffsetDateTime occurredAt, @Nullable Integer durationSeconds, @Nullable String outcome,
			@Nullable String summary, @Nullable String externalRef) {
	}

	/** A consent entry to add to the ledger. */
	record ConsentBody(@Nullable String channel, @Nullable String status, @Nullable String source,
			@Nullable String wording) {
	}

	/** A consent ledger entry. */
	record ConsentResource(UUID id, String channel, String status, String source, @Nullable String wording,
			OffsetDateTime recordedAt, @Nullable UUID recordedBy, @Nullable String recordedByName) {

		static ConsentResource of(Consent c) {
			return new ConsentResource(c.id(), c.channel(), c.status().code(), c.source(), c.wording(), c.recordedAt(),
					c.recordedBy(), c.recordedByName());
		}

	}

	@GetMapping("/people/{id}/timeline")
	@Operation(summary = "A person's timeline, newest first",
			description = "kind filters by kinds (comma separated: interaction, stage, consent, purchase, payment, ...). "
					+ "Pass the returned next as cursor for older entries.")
	Page<TimelineResource> personTimeline(@PathVariable String id,
			@RequestParam(required = false) @Parameter(description = "kinds, comma separated") @Nullable String kind,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
		List<TimelineItem> items = this.timeline.ofPerson(Ids.parse("person", id), kinds(kind), cursor(cursor),
				limit + 1);
		return page(items, limit);
	}

	@GetMapping("/companies/{id}/timeline")
	@Operation(summary = "A company's timeline and its people's, newest first")
	Page<TimelineResource> companyTimeline(@PathVariable String id,
			@RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
		List<TimelineItem> items = this.timeline.ofCompany(Ids.parse("company", id), kinds(kind), cursor(cursor),
				limit + 1);
		return page(items, limit);
	}

	@PostMapping("/interactions")
	@Operation(summary = "Log an interaction with a person",
			description = "For people and for telephony, chat and front-desk systems. With an externalRef seen "
					+ "before, answers 200 with the interaction logged then instead of logging it twice.")
	ResponseEntity<Interaction> log(@RequestBody InteractionBody body) {
		if (body.personId() == null) {
			throw new BusinessRuleException("personId", "customers.interaction.person.required");
		}
		InteractionInput input = new InteractionInput(body.channel(), body.direction(), body.occurredAt(),
				body.durationSeconds(), body.outcome(), body.summary(), body.externalRef());
		InteractionService.Logged logged;
		try {
			logged = this.interactions.log(body.personId(), input);
		}
		catch (DuplicateKeyException ex) {
			// The same external reference was logged at the same moment by a retry:
			// answer with that one.
			logged = this.interactions.log(body.personId(), input);
		}
		if (!logged.created()) {
			return ResponseEntity.ok(logged.interaction());
		}
		return ResponseEntity.created(URI.create("/api/v1/interactions/" + logged.interaction().id()))
			.body(logged.interaction());
	}

	@GetMapping("/interactions/{id}")
	@Operation(summary = "Read an interaction")
	Interaction interaction(@PathVariable String id) {
		return this.interactions.get(Ids.parse("interaction", id));
	}

	@GetMapping("/people/{id}/interactions")
	@Operation(summary = "A person's interactions, newest first")
	List<Interaction> interactions(@PathVariable String id,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
		return this.interactions.ofPerson(Ids.parse("person", id), limit);
	}

	@GetMapping("/people/{id}/consents")
	@Operation(summary = "A person's consent ledger, newest first")
	List<ConsentResource> ledger(@PathVariable String id) {
		return this.consents.ledger(Ids.parse("person", id)).stream().map(ConsentResource::of).toList();
	}

	@GetMapping("/people/{id}/consents/current")
	@Operation(summary = "A person's current consent per channel",
			description = "The newest ledger entry of each channel; channels with no entry are left out.")
	Map<String, ConsentResource> current(@PathVariable String id) {
		return this.consents.current(Ids.parse("person", id))
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (e) -> ConsentResource.of(e.getValue()), (a, b) -> a,
					java.util.LinkedHashMap::new));
	}

	@PostMapping("/people/{id}/consents")
	@Operation(summary = "Record an opt-in or opt-out",
			description = "status is opt-in or opt-out; source (web form, phone, paper...) is required. The ledger "
					+ "is never overwritten.")
	ResponseEntity<ConsentResource> record(@PathVariable String id, @RequestBody ConsentBody body) {
		Consent consent = this.consents.record(Ids.parse("person", id),
				new ConsentInput(body.channel(), body.status(), body.source(), body.wording()));
		return ResponseEntity.status(201).body(ConsentResource.of(consent));
	}

	private static @Nullable Set<String> kinds(@Nullable String kind) {
		if (kind == null || kind.isBlank()) {
			return null;
		}
		return Arrays.stream(kind.split(","))
			.map(String::strip)
			.filter((k) -> !k.isEmpty())
			.collect(Collectors.toSet());
	}

	private static @Nullable UUID cursor(@Nullable String cursor) {
		if (cursor == null || cursor.isBlank()) {
			return null;
		}
		try {
			return UUID.fromString(cursor);
		}
		catch (IllegalArgumentException ex) {
			throw new BusinessRuleException("cursor", "problem.cursor.invalid");
		}
	}

	private static Page<TimelineResource> page(List<TimelineItem> items, int limit) {
		List<TimelineResource> page = items.stream().limit(limit).map(TimelineResource::of).toList();
		return new Page<>(page, (items.size() > limit) ? page.get(page.size() - 1).id().toString() : null);
	}

}
