package dev.rapport.customers;

import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Setting a person or a company to an end-of-life state, from a form, a bulk action or
 * the API.
 *
 * @param state {@code left}, {@code deceased}, {@code disqualified} (people) or
 * {@code closed} (companies)
 * @param reasonCode for a disqualified lead, one of
 * {@link EndOfLifeState#DISQUALIFY_REASONS}
 * @param reason a free text, up to 1,000 characters
 * @param newCompanyId for a person who left: the company they moved to, if known
 * @param on the day it happened, if known (not in the future)
 */
public record EndOfLifeChange(@Nullable String state, @Nullable String reasonCode, @Nullable String reason,
		@Nullable UUID newCompanyId, @Nullable LocalDate on) {
}
