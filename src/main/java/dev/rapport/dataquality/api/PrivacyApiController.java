package dev.rapport.dataquality.api;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.customers.ConsentStanding;
import dev.rapport.customers.Customers;
import dev.rapport.dataquality.PersonErasure;
import dev.rapport.dataquality.internal.privacy.Privacy;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.platform.Ids;
import dev.rapport.platform.web.AccessDeniedProblem;

/** A person's data and its erasure, and the consent report, over REST. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Personal data and erasure")
@SecurityRequirement(name = "bearer")
class PrivacyApiController {

	private final Privacy privacy;

	private final Customers customers;

	private final AccessPolicy accessPolicy;

	PrivacyApiController(Privacy privacy, Customers customers, AccessPolicy accessPolicy) {
		this.privacy = privacy;
		this.customers = customers;
		this.accessPolicy = accessPolicy;
	}

	/** Why a person is erased. */
	record ErasureRequest(@Nullable String reason) {
	}

	/**
	 * The consent report: counts per channel, and the people of one channel and status.
	 */
	record ConsentReportResource(List<ConsentStanding.Count> channels, @Nullable List<ConsentStanding> people) {
	}

	@GetMapping("/people/{id}/personal-data")
	@Operation(summary = "Everything held about a person, one key per part",
			description = "For administrators and the person's owner (403 for others who may read the person).")
	Privacy.PersonalExport personalData(@PathVariable String id) {
		return this.privacy.export(Ids.parse("person", id));
	}

	@PostMapping("/people/{id}/erasure")
	@Operation(summary = "Erase a person's personal data everywhere (irreversible)",
			description = "For administrators and the person's owner. The person stays as an anonymous shell so "
					+ "figures add up; the erasure is audited with the reason. 422 when already erased or without "
					+ "a reason.")
	PersonErasure.Result erase(@PathVariable String id, @RequestBody ErasureRequest request) {
		return this.privacy.erase(Ids.parse("person", id), (request.reason() != null) ? request.reason() : "");
	}

	@GetMapping("/consent-report")
	@Operation(summary = "How many people are opted in, opted out or unknown per channel (administrators)",
			description = "With channel and status (opt-in, opt-out, unknown), also the people, newest entry first.")
	ConsentReportResource consentReport(@RequestParam(required = false) @Nullable String channel,
			@RequestParam(required = false) @Nullable String status) {
		if (!this.accessPolicy.currentScope().administrator()) {
			throw new AccessDeniedProblem("privacy.forbidden");
		}
		return new ConsentReportResource(this.customers.consentCounts(),
				(channel != null && status != null) ? this.customers.consentStandings(channel, status, 1000) : null);
	}

}
