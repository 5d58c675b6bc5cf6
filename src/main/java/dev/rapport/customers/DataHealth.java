package dev.rapport.customers;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * How complete and current the people and companies the user may read are: counts of
 * missing key fields, stale records and invalid values, in total, per owner and per team.
 *
 * @param staleBefore people whose last contact is before this are stale
 * @param total the figures over everything the user may read
 * @param byOwner one row per owner, by name
 * @param byTeam one row per team, by name, and a last one without a team ({@code id}
 * null)
 * @param requiredFields people or companies without a value in a required custom field
 */
public record DataHealth(OffsetDateTime staleBefore, Figures total, List<Figures> byOwner, List<Figures> byTeam,
		List<EmptyField> requiredFields) {

	/**
	 * The figures of a group of records.
	 *
	 * @param id the owner or team, null for the total and for "no team"
	 * @param people the people
	 * @param noEmail people without an e-mail address
	 * @param noPhone people without a phone number
	 * @param noTeam people not shared with a team
	 * @param noCompany people without a company
	 * @param stale people contacted last before {@link DataHealth#staleBefore()}
	 * @param neverContacted people never contacted, created before then
	 * @param invalidEmail people with an e-mail address that does not look like one
	 * @param phoneNotE164 people with a phone number kept without its E.164 form
	 * @param companies the companies
	 * @param companiesNoDomain companies without a web domain
	 */
	public record Figures(@Nullable UUID id, String name, long people, long noEmail, long noPhone, long noTeam,
			long noCompany, long stale, long neverContacted, long invalidEmail, long phoneNotE164, long companies,
			long companiesNoDomain) {

		/** A share of the people as a whole percentage (0 when there are none). */
		public long percentOfPeople(long count) {
			return (this.people == 0) ? 0 : Math.round(100.0 * count / this.people);
		}

		/** A share of the companies as a whole percentage (0 when there are none). */
		public long percentOfCompanies(long count) {
			return (this.companies == 0) ? 0 : Math.round(100.0 * count / this.companies);
		}

	}

	/**
	 * A required custom field and how many records the user may read have no value in it.
	 *
	 * @param object person or company
	 */
	public record EmptyField(String object, String key, String label, long empty) {
	}

}
