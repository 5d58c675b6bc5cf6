package dev.rapport.customers.internal;

import static dev.rapport.customers.internal.db.Tables.COMPANY;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.CompanyNames;
import dev.rapport.identity.Access;
import dev.rapport.identity.AccessPolicy;

/** Company names by id in one query, as the access policy allows. */
@Service
class CompanyNamesQuery implements CompanyNames {

	private final DSLContext dsl;

	private final AccessPolicy accessPolicy;

	CompanyNamesQuery(DSLContext dsl, AccessPolicy accessPolicy) {
		this.dsl = dsl;
		this.accessPolicy = accessPolicy;
	}

	@Override
	@Transactional(readOnly = true)
	public Map<UUID, String> namesOf(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		return this.dsl.select(COMPANY.ID, COMPANY.NAME)
			.from(COMPANY)
			.where(this.accessPolicy.condition(CompanyService.COMPANIES, Access.READ))
			.and(COMPANY.ID.in(ids))
			.and(COMPANY.DELETED_AT.isNull())
			.fetchMap(COMPANY.ID, COMPANY.NAME);
	}

}
