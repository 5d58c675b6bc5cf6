package dev.rapport.sales.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.rapport.platform.RecordRules;

/**
 * Deals for the workspace's validation rules: their fields, and a stored deal's values.
 */
@Component
class DealRuleSubject implements RecordRules.Subject {

	private final DealService deals;

	DealRuleSubject(DealService deals) {
		this.deals = deals;
	}

	@Override
	public String object() {
		return RecordRules.DEAL;
	}

	@Override
	public List<String> fields() {
		return DealService.RULE_FIELDS;
	}

	@Override
	public Optional<Map<String, @Nullable Object>> values(UUID id) {
		return this.deals.ruleValues(id);
	}

}
