package dev.rapport.dataquality;

import java.util.Map;
import java.util.UUID;

/**
 * Erasure of a person on request or by a retention policy: personal data removed in every
 * module (each module's {@link dev.rapport.customers.PersonalData}), aggregate figures
 * kept, the fact audited. Irreversible.
 */
public interface PersonErasure {

	/**
	 * What an erasure did.
	 *
	 * @param erasureId the audit record of the erasure
	 * @param changed how many records each part changed, by part name
	 */
	record Result(UUID erasureId, Map<String, Integer> changed) {
	}

	/**
	 * Erases a person the current user may change (or any person of the workspace when
	 * run by the system, for a retention policy).
	 * @param reason why, e.g. "request by e-mail 2026-11-20" or "retention: deceased"
	 */
	Result erase(UUID personId, String reason);

}
