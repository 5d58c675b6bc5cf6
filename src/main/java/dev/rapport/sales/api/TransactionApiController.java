package dev.rapport.sales.api;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.web.ETags;
import dev.rapport.sales.Transaction;
import dev.rapport.sales.TransactionCorrection;
import dev.rapport.sales.TransactionInput;
import dev.rapport.sales.internal.TransactionService;

/**
 * Purchases, payments and refunds over REST, for people and for point-of-sale systems:
 * recording them, correcting and voiding them with If-Match, and reading them back with
 * their refunds and history.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Transactions")
@SecurityRequirement(name = "bearer")
@Validated
class TransactionApiController {

	private static final String MERGE_PATCH = "application/merge-patch+json";

	private final TransactionService transactions;

	private final JsonMapper json;

	TransactionApiController(TransactionService transactions, JsonMapper json) {
		this.transactions = transactions;
		this.json = json;
	}

	/** A refund of the purchase named in the path. */
	record RefundBody(@Nullable BigDecimal amount, @Nullable String currency, @Nullable LocalDate occurredOn,
			@Nullable String description, @Nullable String channel, @Nullable String externalRef) {
	}

	/** Why a transaction is voided. */
	record VoidBody(@Nullable String reason) {
	}

	/** One changed field of a transaction. */
	record ChangeResource(UUID changeSet, String field, @Nullable String oldValue, @Nullable String newValue,
			OffsetDateTime changedAt, @Nullable UUID changedBy, @Nullable String changedByName) {

		static ChangeResource of(TransactionService.Change c) {
			return new ChangeResource(c.entry().changeSet(), c.entry().field(), c.entry().oldValue(),
					c.entry().newValue(), c.entry().changedAt(), c.entry().changedBy(), c.byName());
		}

	}

	@PostMapping("/transactions")
	@Operation(summary = "Record a purchase, a payment or a refund",
			description = "kind is purchase (default), payment or refund; a refund names the purchase in originalId "
					+ "and may give back at most what is left of it, in its currency. amount is positive, in the "
					+ "ISO 4217 currency. With an externalRef seen before, answers 200 with the transaction recorded "
					+ "then, so a point-of-sale system can retry safely.")
	ResponseEntity<Transaction> record(@RequestBody TransactionInput body) {
		return answer(() -> this.transactions.recordOnce(body));
	}

	@PostMapping("/transactions/{id}/refunds")
	@Operation(summary = "Refund a purchase, in full or in part",
			description = "amount is at most what is left to refund; currency, when sent, must be the purchase's. "
					+ "Idempotent with externalRef, as for recording.")
	ResponseEntity<Transaction> refund(@PathVariable String id, @RequestBody RefundBody body) {
		UUID originalId = Ids.parse("transaction", id);
		TransactionInput input = new TransactionInput(null, null, null, body.occurredOn(), body.amount(),
				body.currency(), body.description(), body.externalRef(), body.channel(), originalId);
		return answer(() -> this.transactions.refundOnce(originalId, input));
	}

	private static ResponseEntity<Transaction> answer(Supplier<TransactionService.Recorded> record) {
		TransactionService.Recorded recorded;
		try {
			recorded = record.get();
		}
		catch (DuplicateKeyException ex) {
			// A retry with the same external reference won the race: answer with that
			// one.
			recorded = record.get();
		}
		Transaction transaction = recorded.transaction();
		if (!recorded.created()) {
			return ResponseEntity.ok().eTag(ETags.of(transaction.version())).body(transaction);
		}
		return ResponseEntity.created(URI.create("/api/v1/transactions/" + transaction.id()))
			.eTag(ETags.of(transaction.version()))
			.body(transaction);
	}

	@GetMapping("/transactions/{id}")
	@Operation(summary = "Read a transaction",
			description = "With its kind, the purchase a refund refunds (originalId), what a purchase's refunds add "
					+ "up to (refundedAmount) and whether it was voided. The ETag header carries the version for "
					+ "If-Match.")
	ResponseEntity<Transaction> get(@PathVariable String id) {
		Transaction transaction = this.transactions.get(Ids.parse("transaction", id));
		return ResponseEntity.ok().eTag(ETags.of(transaction.version())).body(transaction);
	}

	@PatchMapping(path = "/transactions/{id}", consumes = { MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH })
	@Operation(summary = "Correct a transaction",
			description = "A JSON merge patch of amount, occurredOn, description and channel; fields left out keep "
					+ "their value. The kind, currency, customer, original and externalRef cannot be corrected. "
					+ "Requires If-Match with the ETag read; a stale one answers 412 and changes nothing. Each changed "
					+ "field is kept in the history.")
	ResponseEntity<Transaction> correct(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody String body, HttpServletRequest request) {
		Transaction current = this.transactions.get(Ids.parse("transaction", id));
		int version = ETags.requireMatch(ifMatch, "transaction", current.version());
		Transaction corrected = this.transactions.correct(current.id(), version, merge(current, body, request));
		return ResponseEntity.ok().eTag(ETags.of(corrected.version())).body(corrected);
	}

	@PostMapping("/transactions/{id}/void")
	@Operation(summary = "Void a transaction",
			description = "The transaction is kept, marked voided with who, when and the reason (required, at most "
					+ "500 characters), and no longer counts in the figures. A purchase with refunds is voided after "
					+ "them. Requires If-Match.")
	ResponseEntity<Transaction> voidTransaction(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody(required = false) @Nullable VoidBody body) {
		Transaction current = this.transactions.get(Ids.parse("transaction", id));
		int version = ETags.requireMatch(ifMatch, "transaction", current.version());
		Transaction voided = this.transactions.voidTransaction(current.id(), version,
				(body != null) ? body.reason() : null);
		return ResponseEntity.ok().eTag(ETags.of(voided.version())).body(voided);
	}

	@GetMapping("/transactions/{id}/refunds")
	@Operation(summary = "The refunds of a purchase, oldest first, voided ones too")
	List<Transaction> refunds(@PathVariable String id) {
		return this.transactions.refundsOf(Ids.parse("transaction", id));
	}

	@GetMapping("/transactions/{id}/history")
	@Operation(summary = "A transaction's corrections and void, field by field, newest first")
	List<ChangeResource> history(@PathVariable String id) {
		return this.transactions.history(Ids.parse("transaction", id), 500).stream().map(ChangeResource::of).toList();
	}

	@GetMapping("/people/{id}/transactions")
	@Operation(summary = "A person's purchases, payments and refunds, newest first")
	List<Transaction> ofPerson(@PathVariable String id,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
		return this.transactions.ofPerson(Ids.parse("person", id), limit);
	}

	@GetMapping("/companies/{id}/transactions")
	@Operation(summary = "A company's purchases, payments and refunds, newest first")
	List<Transaction> ofCompany(@PathVariable String id,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
		return this.transactions.ofCompany(Ids.parse("company", id), limit);
	}

	/**
	 * The correctable values after a merge patch: what is sent replaces, what is left out
	 * stays, null clears. Fields that cannot be corrected are refused when they differ
	 * from the transaction's, so a client may send back what it read.
	 */
	private TransactionCorrection merge(Transaction current, String body, HttpServletRequest request) {
		JsonNode patch;
		try {
			patch = this.json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(body);
		}
		catch (JacksonException ex) {
			throw new HttpMessageNotReadableException("Not JSON", ex, new ServletServerHttpRequest(request));
		}
		if (patch == null || !patch.isObject()) {
			throw new HttpMessageNotReadableException("Not a JSON object", new ServletServerHttpRequest(request));
		}
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		fixed(problems, patch, "kind", current.kind());
		fixed(problems, patch, "currency", current.currency());
		fixed(problems, patch, "personId", current.personId());
		fixed(problems, patch, "companyId", current.companyId());
		fixed(problems, patch, "originalId", current.originalId());
		fixed(problems, patch, "externalRef", current.externalRef());
		BigDecimal amount = current.amount();
		if (patch.has("amount")) {
			JsonNode value = patch.get("amount");
			amount = null;
			if (value.isNumber()) {
				amount = value.decimalValue();
			}
			else if (value.isString()) {
				try {
					amount = new BigDecimal(value.stringValue().strip());
				}
				catch (NumberFormatException ex) {
					problems.reject("amount", "sales.transaction.amount.number");
				}
			}
			else if (!value.isNull()) {
				problems.reject("amount", "sales.transaction.amount.number");
			}
		}
		LocalDate occurredOn = current.occurredOn();
		if (patch.has("occurredOn")) {
			JsonNode value = patch.get("occurredOn");
			occurredOn = null;
			if (!value.isNull()) {
				try {
					occurredOn = LocalDate.parse(value.asString().strip());
				}
				catch (DateTimeParseException ex) {
					problems.reject("occurredOn", "sales.transaction.date.invalid");
				}
			}
		}
		String description = patch.has("description") ? text(patch.get("description")) : current.description();
		String channel = patch.has("channel") ? text(patch.get("channel")) : current.channel();
		problems.throwIfAny();
		return new TransactionCorrection(amount, occurredOn, description, channel);
	}

	private static void fixed(InvalidFieldsException.Collector problems, JsonNode patch, String field,
			@Nullable Object current) {
		if (!patch.has(field)) {
			return;
		}
		JsonNode value = patch.get(field);
		String sent = value.isNull() ? null : value.asString().strip();
		String now = (current != null) ? current.toString() : null;
		if (!Objects.equals((sent != null) ? sent.toLowerCase(Locale.ROOT) : null,
				(now != null) ? now.toLowerCase(Locale.ROOT) : null)) {
			problems.reject(field, "sales.correction.fixed");
		}
	}

	private static @Nullable String text(JsonNode value) {
		return value.isNull() ? null : value.asString();
	}

}
