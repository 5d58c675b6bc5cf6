package dev.rapport.customers;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a person stands with the business: a lead becomes a potential customer, an active
 * one, a loyal one, or is lost.
 */
public enum LifecycleStage {

	LEAD, POTENTIAL, ACTIVE, LOYAL, LOST;

	/** The code used in the database, the API and message keys. */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<LifecycleStage> fromCode(String code) {
		for (LifecycleStage stage : values()) {
			if (stage.code().equalsIgnoreCase(code.trim())) {
				return Optional.of(stage);
			}
		}
		return Optional.empty();
	}

}
