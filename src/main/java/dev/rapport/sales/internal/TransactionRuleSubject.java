package dev.rapport.sales.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.RecordRules;
import dev.rapport.sales.Transaction;

/**
 * Transactions for the workspace's validation rules: their fields, and a stored
 * transaction's values.
 */
@Component
class TransactionRuleSubject implements RecordRules.Subject {

	private final TransactionService transactions;

	TransactionRuleSubject(TransactionService transactions) {
		this.transactions = transactions;
	}

	@Override
	public String object() {
		return RecordRules.TRANSACTION;
	}

	@Override
	public List<String> fields() {
		return TransactionService.RULE_FIELDS;
	}

	@Override
	public Optional<Map<String, @Nullable Object>> values(UUID id) {
		Transaction t;
		try {
			t = this.transactions.get(id);
		}
		catch (NotFoundException ex) {
			return Optional.empty();
		}
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put("kind", t.kind());
		values.put("personId", t.personId());
		values.put("companyId", t.companyId());
		values.put("occurredOn", t.occurredOn());
		values.put("amount", t.amount());
		values.put("currency", t.currency());
		values.put("description", t.description());
		values.put("externalRef", t.externalRef());
		values.put("channel", t.channel());
		values.put("originalId", t.originalId());
		return Optional.of(values);
	}

}
