package dev.rapport.dataquality.api;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
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

import dev.rapport.customers.EndOfLifeState;
import dev.rapport.dataquality.internal.retention.RetentionService;
import dev.rapport.platform.Ids;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.web.ETags;

/**
 * Retention over REST, as on the administrator's retention page: the policy of each
 * end-of-life state (keep, archive or anonymise after N months), what a policy would do
 * now, running the policies now, and the reports of past runs. Administrators only.
 */
@RestController
@RequestMapping("/api/v1/retention")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Retention")
@SecurityRequirement(name = "bearer")
class RetentionApiController {

	private final RetentionService retention;

	private final Clock clock;

	RetentionApiController(RetentionService retention, Clock clock) {
		this.retention = retention;
		this.clock = clock;
	}

	/**
	 * The policy of one state.
	 *
	 * @param kind person or company
	 * @param actions the actions this state can take (companies are not anonymised)
	 * @param version 0 for a state never configured
	 */
	record PolicyView(String state, String kind, String action, int afterMonths, List<String> actions, int version) {

		static PolicyView of(RetentionService.Policy p) {
			return new PolicyView(p.state().code(), code(p.state().kind()), p.action().code(), p.afterMonths(),
					p.actions().stream().map(RetentionService.Action::code).toList(), p.version());
		}

	}

	/** A policy to save: what to do with records in the state, and after how long. */
	record PolicyInput(@Nullable String action, @Nullable Integer afterMonths) {
	}

	/**
	 * One record a run touched (or a preview would).
	 *
	 * @param outcome done or skipped (empty in a preview)
	 */
	record ItemView(String kind, UUID recordId, @Nullable String displayName, String state, String action,
			int afterMonths, String outcome, @Nullable String message) {

		static ItemView of(RetentionService.Item i) {
			return new ItemView(code(i.kind()), i.recordId(), i.displayName(), i.state().code(), i.action().code(),
					i.afterMonths(), i.outcome(), i.message());
		}

	}

	/**
	 * What a policy would do now: how many records (up to the run's limit) and the first
	 * 20.
	 */
	record PreviewView(PolicyView policy, int count, boolean more, List<ItemView> first) {
	}

	/** What one state's policy did in a run. */
	record StateView(String state, String action, int afterMonths, int done, int skipped) {
	}

	/**
	 * A run and its counts; with the report (per state, and each record) when read alone.
	 *
	 * @param kind scheduled or manual
	 */
	record RunView(UUID id, String kind, OffsetDateTime asOf, OffsetDateTime startedAt,
			@Nullable OffsetDateTime finishedAt, int archived, int anonymised, int skipped,
			@Nullable List<StateView> states, @Nullable List<ItemView> items) {

		static RunView of(RetentionService.Run r, boolean report) {
			return new RunView(r.id(), r.kind(), r.asOf(), r.startedAt(), r.finishedAt(), r.archived(), r.anonymised(),
					r.skipped(),
					report ? r.states()
						.stream()
						.map((s) -> new StateView(s.state().code(), s.action().code(), s.afterMonths(), s.done(),
								s.skipped()))
						.toList() : null,
					report ? r.items().stream().map(ItemView::of).toList() : null);
		}

	}

	@GetMapping("/policies")
	@Operation(summary = "The retention policies, one per end-of-life state",
			description = "A state never configured keeps its records (action keep, version 0).")
	List<PolicyView> policies() {
		return this.retention.policies().stream().map(PolicyView::of).toList();
	}

	@GetMapping("/policies/{state}")
	@Operation(summary = "The retention policy of one state", description = "Its ETag is the version to send back.")
	ResponseEntity<PolicyView> policy(@PathVariable String state) {
		PolicyView policy = PolicyView.of(find(state));
		return ResponseEntity.ok().eTag(ETags.of(policy.version())).body(policy);
	}

	@PutMapping("/policies/{state}")
	@Operation(summary = "Save the retention policy of one state",
			description = "Requires If-Match with the policy's version (\"0\" for a state never configured). "
					+ "action: keep, archive or anonymise (people only); afterMonths: 0 to 1200.")
	ResponseEntity<PolicyView> save(@PathVariable String state,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody PolicyInput body) {
		RetentionService.Policy current = find(state);
		int version = ETags.requireMatch(ifMatch, "retention policy", current.version());
		PolicyView saved = PolicyView
			.of(this.retention.save(current.state().code(), body.action(), body.afterMonths(), version));
		return ResponseEntity.ok().eTag(ETags.of(saved.version())).body(saved);
	}

	@GetMapping("/preview")
	@Operation(summary = "What a policy would do now, before it is saved",
			description = "How many records it would archive or anonymise (up to the run's limit) and the first 20.")
	PreviewView preview(
			@RequestParam(required = false) @Parameter(description = "an end-of-life state") @Nullable String state,
			@RequestParam(required = false) @Parameter(
					description = "keep, archive or anonymise") @Nullable String action,
			@RequestParam(required = false) @Nullable Integer afterMonths) {
		RetentionService.Preview preview = this.retention.preview(state, action, afterMonths);
		return new PreviewView(PolicyView.of(preview.policy()), preview.count(), preview.more(),
				preview.first().stream().map(ItemView::of).toList());
	}

	@GetMapping("/runs")
	@Operation(summary = "The latest runs, newest first, with their counts")
	List<RunView> runs(@RequestParam(defaultValue = "20") int limit) {
		return this.retention.runs(Math.max(1, Math.min(limit, 100)))
			.stream()
			.map((r) -> RunView.of(r, false))
			.toList();
	}

	@GetMapping("/runs/{id}")
	@Operation(summary = "One run with its report", description = "Per state, and each record with its outcome.")
	RunView run(@PathVariable String id) {
		return RunView.of(this.retention.get(Ids.parse("retention run", id)), true);
	}

	@PostMapping("/runs")
	@Operation(summary = "Run the policies now",
			description = "Runs them at once, as the daily job does, and answers the run with its report.")
	ResponseEntity<RunView> runNow() {
		RetentionService.Run run = this.retention.run(this.clock.instant(), "manual");
		return ResponseEntity.created(URI.create("/api/v1/retention/runs/" + run.id())).body(RunView.of(run, true));
	}

	private RetentionService.Policy find(String state) {
		EndOfLifeState known = EndOfLifeState.fromCode(state)
			.orElseThrow(() -> new NotFoundException("retention policy", state));
		return this.retention.policies()
			.stream()
			.filter((p) -> p.state() == known)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("retention policy", state));
	}

	private static String code(dev.rapport.customers.CustomerKind kind) {
		return kind.name().toLowerCase(Locale.ROOT);
	}

}
