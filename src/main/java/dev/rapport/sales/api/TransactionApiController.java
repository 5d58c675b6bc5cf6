package dev.rapport.sales.api;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

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

import dev.rapport.platform.Ids;
import dev.rapport.sales.Transaction;
import dev.rapport.sales.TransactionInput;
import dev.rapport.sales.internal.TransactionService;

/** Purchases and payments over REST, for people and for point-of-sale systems. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Transactions")
@SecurityRequirement(name = "bearer")
@Validated
class TransactionApiController {

	private final TransactionService transactions;

	TransactionApiController(TransactionService transactions) {
		this.transactions = transactions;
	}

	@PostMapping("/transactions")
	@Operation(summary = "Record a purchase or a payment",
			description = "kind is purchase (default) or payment; amount is positive, in the ISO 4217 currency. "
					+ "With an externalRef seen before, answers 200 with the transaction recorded then, so a "
					+ "point-of-sale system can retry safely.")
	ResponseEntity<Transaction> record(@RequestBody TransactionInput body) {
		TransactionService.Recorded recorded;
		try {
			recorded = this.transactions.recordOnce(body);
		}
		catch (DuplicateKeyException ex) {
			// A retry with the same external reference won the race: answer with that
			// one.
			recorded = this.transactions.recordOnce(body);
		}
		if (!recorded.created()) {
			return ResponseEntity.ok(recorded.transaction());
		}
		return ResponseEntity.created(URI.create("/api/v1/transactions/" + recorded.transaction().id()))
			.body(recorded.transaction());
	}

	@GetMapping("/transactions/{id}")
	@Operation(summary = "Read a transaction")
	Transaction get(@PathVariable String id) {
		return this.transactions.get(Ids.parse("transaction", id));
	}

	@GetMapping("/people/{id}/transactions")
	@Operation(summary = "A person's purchases and payments, newest first")
	List<Transaction> ofPerson(@PathVariable String id,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
		return this.transactions.ofPerson(Ids.parse("person", id), limit);
	}

	@GetMapping("/companies/{id}/transactions")
	@Operation(summary = "A company's purchases and payments, newest first")
	List<Transaction> ofCompany(@PathVariable String id,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
		return this.transactions.ofCompany(Ids.parse("company", id), limit);
	}

}
