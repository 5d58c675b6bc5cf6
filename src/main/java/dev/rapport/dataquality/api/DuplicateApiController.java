package dev.rapport.dataquality.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.customers.CustomerKind;
import dev.rapport.customers.MatchData;
import dev.rapport.dataquality.Duplicates;
import dev.rapport.dataquality.Duplicates.Candidate;
import dev.rapport.dataquality.Duplicates.Level;
import dev.rapport.dataquality.Duplicates.Reason;
import dev.rapport.dataquality.internal.DuplicatePairs;
import dev.rapport.dataquality.internal.DuplicateRules;
import dev.rapport.dataquality.internal.DuplicateScans;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.web.ETags;

/**
 * Duplicate detection over REST: the check, the queue, dismissing, the rules and scans.
 */
@RestController
@RequestMapping("/api/v1/duplicates")
@Tag(name = "Duplicates")
@SecurityRequirement(name = "bearer")
class DuplicateApiController {

	private static final int MAX_LIMIT = 100;

	private final Duplicates duplicates;

	private final DuplicatePairs pairs;

	private final DuplicateRules rules;

	private final DuplicateScans scans;

	DuplicateApiController(Duplicates duplicates, DuplicatePairs pairs, DuplicateRules rules, DuplicateScans scans) {
		this.duplicates = duplicates;
		this.pairs = pairs;
		this.rules = rules;
		this.scans = scans;
	}

	/**
	 * A person or company to check: {@code kind} is person (names, e-mails, phones,
	 * company, address) or company (name, domain, address).
	 */
	record CheckBody(@Nullable String kind, @Nullable UUID id, @Nullable String givenName, @Nullable String familyName,
			@Nullable String displayName, @Nullable List<String> emails, @Nullable List<String> phones,
			@Nullable String companyName, @Nullable String name, @Nullable String domain, @Nullable String street,
			@Nullable String postalCode, @Nullable String city, @Nullable Integer limit) {
	}

	/** Existing records that may be the one checked. */
	record CheckResult(List<CandidateResource> items) {
	}

	record CandidateResource(UUID id, String displayName, double score, String level, List<Reason> reasons) {

		static CandidateResource of(Candidate c) {
			return new CandidateResource(c.id(), c.displayName(), c.score(), levelCode(c.level()), c.reasons());
		}

	}

	@PostMapping("/check")
	@Operation(summary = "Existing people or companies that may be the one described",
			description = "Best first, at least \"possible\" by the workspace's rules, only records the token's user "
					+ "may read. Phones are read in the workspace's default country. Leave id out for a new record; "
					+ "give it when editing so the record itself is left out.")
	CheckResult check(@RequestBody CheckBody body) {
		int limit = (body.limit() != null) ? Math.max(1, Math.min(MAX_LIMIT, body.limit())) : 10;
		String kind = (body.kind() != null) ? body.kind() : "person";
		List<Candidate> found = switch (kind) {
			case "person" -> this.duplicates.similarPeople(new Duplicates.PersonProbe(body.id(), body.givenName(),
					body.familyName(), body.displayName(), (body.emails() != null) ? body.emails() : List.of(),
					(body.phones() != null) ? body.phones() : List.of(), body.companyName(), body.street(),
					body.postalCode(), body.city()), limit);
			case "company" -> {
				if (body.name() == null || body.name().isBlank()) {
					throw new BusinessRuleException("name", "duplicates.check.name-required");
				}
				yield this.duplicates.similarCompanies(new Duplicates.CompanyProbe(body.id(), body.name(),
						body.domain(), body.street(), body.postalCode(), body.city()), limit);
			}
			default -> throw new BusinessRuleException("kind", "duplicates.kind.unknown", kind);
		};
		return new CheckResult(found.stream().map(CandidateResource::of).toList());
	}

	/** One side of a pair. */
	record RecordResource(UUID id, String displayName, List<String> emails, List<String> phones,
			@Nullable String companyName, @Nullable String domain, UUID ownerId) {

		static RecordResource of(MatchData d) {
			return new RecordResource(d.id(), d.displayName(), d.emails(), d.phones(), d.companyName(), d.domain(),
					d.ownerId());
		}

	}

	record PairResource(UUID id, String kind, RecordResource a, RecordResource b, double score, String level,
			List<Reason> reasons, String status, OffsetDateTime foundAt, String mergeUrl) {

		static PairResource of(DuplicatePairs.Pair p) {
			String kind = (p.kind() == CustomerKind.PERSON) ? "person" : "company";
			return new PairResource(p.id(), kind, RecordResource.of(p.a()), RecordResource.of(p.b()), p.score(),
					levelCode(p.level()), p.reasons(), p.status(), p.foundAt(),
					"/data-quality/merge?kind=" + kind + "&a=" + p.a().id() + "&b=" + p.b().id());
		}

	}

	record PairPage(List<PairResource> items, @Nullable String next) {
	}

	@GetMapping
	@Operation(summary = "Open duplicate pairs, most likely first",
			description = "Only pairs whose two records the token's user may read. Filters: level (possible, likely), "
					+ "kind (person, company), owner (either record's owner). Pages with next as cursor.")
	PairPage list(@RequestParam(required = false) @Nullable String level,
			@RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String owner,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false, defaultValue = "50") int limit) {
		DuplicatePairs.Page page = this.pairs.queue(filter(level, kind, owner), cursor,
				Math.max(1, Math.min(MAX_LIMIT, limit)));
		return new PairPage(page.items().stream().map(PairResource::of).toList(), page.next());
	}

	@GetMapping("/{id}")
	@Operation(summary = "One duplicate pair")
	PairResource get(@PathVariable String id) {
		return PairResource.of(this.pairs.get(Ids.parse("duplicate", id)));
	}

	@PostMapping("/{id}/dismiss")
	@Operation(summary = "Mark a pair as not a duplicate",
			description = "It leaves the queue and no scan raises it again.")
	PairResource dismiss(@PathVariable String id) {
		return PairResource.of(this.pairs.dismiss(Ids.parse("duplicate", id)));
	}

	record RuleBody(@Nullable Map<String, Double> weights, @Nullable Double possible, @Nullable Double likely) {
	}

	@GetMapping("/rules/{kind}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "The duplicate rule of people or companies", description = "Administrators only.")
	ResponseEntity<DuplicateRules.RuleView> rule(@PathVariable String kind) {
		DuplicateRules.RuleView view = this.rules.view(kind(kind));
		return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
	}

	@PutMapping("/rules/{kind}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Replace the duplicate rule of people or companies",
			description = "Administrators only. Weights 0 to 1 per comparison (conflict weighs against), "
					+ "0 < possible < likely <= 1. Requires If-Match with the ETag read; a stale one answers 412.")
	ResponseEntity<DuplicateRules.RuleView> updateRule(@PathVariable String kind,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody RuleBody body) {
		CustomerKind k = kind(kind);
		DuplicateRules.RuleView current = this.rules.view(k);
		int version = ETags.requireMatch(ifMatch, "duplicate-rule", current.version());
		DuplicateRules.RuleView view = this.rules.update(k, version,
				(body.weights() != null) ? body.weights() : Map.of(),
				(body.possible() != null) ? body.possible() : current.possible(),
				(body.likely() != null) ? body.likely() : current.likely());
		return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
	}

	@PostMapping("/scans")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Start a scan of the whole database",
			description = "Administrators only. Runs in the background; a scan already queued or running is answered.")
	ResponseEntity<DuplicateScans.Scan> scan() {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(this.scans.request("admin"));
	}

	@GetMapping("/scans")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "The latest scans, newest first", description = "Administrators only.")
	List<DuplicateScans.Scan> scans() {
		return this.scans.recent(20);
	}

	static DuplicatePairs.Filter filter(@Nullable String level, @Nullable String kind, @Nullable String owner) {
		Level l = null;
		if (level != null && !level.isBlank()) {
			l = switch (level) {
				case "possible" -> Level.POSSIBLE;
				case "likely" -> Level.LIKELY;
				default -> throw new BusinessRuleException("level", "duplicates.level.unknown", level);
			};
		}
		return new DuplicatePairs.Filter(l, (kind != null && !kind.isBlank()) ? kind(kind) : null,
				(owner != null && !owner.isBlank()) ? Ids.parse("owner", owner) : null);
	}

	private static CustomerKind kind(String kind) {
		return switch (kind) {
			case "person", "people" -> CustomerKind.PERSON;
			case "company", "companies" -> CustomerKind.COMPANY;
			default -> throw new BusinessRuleException("kind", "duplicates.kind.unknown", kind);
		};
	}

	static String levelCode(Level level) {
		return (level == Level.LIKELY) ? "likely" : "possible";
	}

}
