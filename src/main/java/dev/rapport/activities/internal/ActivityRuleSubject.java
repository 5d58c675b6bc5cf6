package dev.rapport.activities.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.rapport.platform.RecordRules;

/**
 * Activities for the workspace's validation rules: their fields, and a stored activity's
 * values.
 */
@Component
class ActivityRuleSubject implements RecordRules.Subject {

	private final ActivityService activities;

	ActivityRuleSubject(ActivityService activities) {
		this.activities = activities;
	}

	@Override
	public String object() {
		return RecordRules.ACTIVITY;
	}

	@Override
	public List<String> fields() {
		return ActivityService.RULE_FIELDS;
	}

	@Override
	public Optional<Map<String, @Nullable Object>> values(UUID id) {
		return this.activities.ruleValues(id);
	}

}
