package dev.rapport.dataquality.api;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.customers.CustomerKind;
import dev.rapport.dataquality.internal.merge.MergeService;
import dev.rapport.dataquality.internal.merge.MergeService.Merge;
import dev.rapport.dataquality.internal.merge.MergeService.MergeCommand;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.web.PreconditionRequiredException;

/** Merges of two people or two companies over REST: preview, merge, read, undo. */
@RestController
@RequestMapping("/api/v1/merges")
@Tag(name = "Merges")
@SecurityRequirement(name = "bearer")
class MergeApiController {

	private final MergeService merges;

	MergeApiController(MergeService merges) {
		this.merges = merges;
	}

	/** One of the two records compared, with the version to send back in If-Match. */
	record SideResource(UUID id, String name, OffsetDateTime createdAt, OffsetDateTime updatedAt, int version) {

		static SideResource of(MergeService.Side s) {
			return new SideResource(s.id(), s.name(), s.createdAt(), s.updatedAt(), s.version());
		}

	}

	/**
	 * A field of the comparison: a's and b's value, whether they agree, and the default
	 * choice (a, b or both).
	 */
	record FieldResource(String field, boolean list, @Nullable Object a, @Nullable Object b, boolean same,
			String choice) {
	}

	/** Two records side by side and the merge proposed by default. */
	record PreviewResource(String kind, SideResource a, SideResource b, UUID survivorId, List<FieldResource> fields) {
	}

	/**
	 * A merge to make: values names the source of each field to choose, survivor or
	 * merged ({@code both} for emails, phones, addresses and tags); fields left out get
	 * their default.
	 */
	record MergeBody(@Nullable String kind, @Nullable UUID survivorId, @Nullable UUID mergedId,
			@Nullable Map<String, String> values) {
	}

	/** A merge as recorded; moved counts the records each participant moved. */
	record MergeResource(UUID id, String kind, UUID survivorId, String survivorName, UUID mergedId, String mergedName,
			OffsetDateTime mergedAt, @Nullable UUID mergedBy, OffsetDateTime undoUntil, boolean undoable,
			@Nullable OffsetDateTime undoneAt, @Nullable UUID undoneBy, Map<String, @Nullable Object> before,
			Map<String, @Nullable Object> after, Map<String, List<UUID>> moved, List<String> keptFields) {

		static MergeResource of(Merge m, boolean undoable, List<String> kept) {
			return new MergeResource(m.id(), m.kind().name().toLowerCase(Locale.ROOT), m.survivorId(), m.survivorName(),
					m.mergedId(), m.mergedName(), m.mergedAt(), m.mergedBy(), m.undoUntil(), undoable, m.undoneAt(),
					m.undoneBy(), m.before(), m.after(), m.moved(), kept);
		}

	}

	@GetMapping("/preview")
	@Operation(summary = "Compare two people or two companies",
			description = "Both must be records the caller may change (404 or 403 otherwise). Answers each field's "
					+ "values, the default choice and the proposed survivor (the older record).")
	PreviewResource preview(@RequestParam String kind, @RequestParam String a, @RequestParam String b) {
		MergeService.Preview preview = this.merges.preview(kind(kind), Ids.parse("a", a), Ids.parse("b", b));
		return new PreviewResource(kind(kind).name().toLowerCase(Locale.ROOT), SideResource.of(preview.a()),
				SideResource.of(preview.b()), preview.survivorId(),
				preview.fields()
					.stream()
					.map((f) -> new FieldResource(f.field(), f.list(), f.a(), f.b(), f.same(), f.choice()))
					.toList());
	}

	@PostMapping
	@Operation(summary = "Merge two people or two companies",
			description = "Requires If-Match with the versions both records were read at, survivor first: "
					+ "If-Match: \"3\", \"7\". A stale one answers 412 and changes nothing. The merged record "
					+ "is deleted and marked merged; every module moves its records to the survivor.")
	ResponseEntity<MergeResource> merge(@RequestBody MergeBody body,
			@RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch) {
		if (body.kind() == null) {
			throw new BusinessRuleException("kind", "merge.kind.unknown");
		}
		if (body.survivorId() == null) {
			throw new BusinessRuleException("survivorId", "merge.id.required");
		}
		if (body.mergedId() == null) {
			throw new BusinessRuleException("mergedId", "merge.id.required");
		}
		int[] versions = versions(ifMatch);
		Merge merge = this.merges.merge(new MergeCommand(kind(body.kind()), body.survivorId(), body.mergedId(),
				versions[0], versions[1], (body.values() != null) ? body.values() : Map.of()));
		return ResponseEntity.created(URI.create("/api/v1/merges/" + merge.id()))
			.body(MergeResource.of(merge, this.merges.undoable(merge), List.of()));
	}

	@GetMapping
	@Operation(summary = "The latest merges of records the caller may read, newest first")
	List<MergeResource> list() {
		return this.merges.recent(100)
			.stream()
			.map((m) -> MergeResource.of(m, this.merges.undoable(m), List.of()))
			.toList();
	}

	@GetMapping("/{id}")
	@Operation(summary = "Read a merge")
	MergeResource get(@PathVariable String id) {
		Merge merge = this.merges.get(Ids.parse("merge", id));
		return MergeResource.of(merge, this.merges.undoable(merge), List.of());
	}

	@PostMapping("/{id}/undo")
	@Operation(summary = "Undo a merge",
			description = "Moves back exactly the records the merge moved, brings the merged record back and "
					+ "restores the survivor's previous values, except fields changed since the merge (listed in "
					+ "keptFields). 422 when already undone or past the undo period.")
	MergeResource undo(@PathVariable String id) {
		MergeService.Undone undone = this.merges.undo(Ids.parse("merge", id));
		return MergeResource.of(undone.merge(), false, undone.keptFields());
	}

	private static CustomerKind kind(String kind) {
		return switch (kind.strip().toLowerCase(Locale.ROOT)) {
			case "person", "people" -> CustomerKind.PERSON;
			case "company", "companies" -> CustomerKind.COMPANY;
			default -> throw new BusinessRuleException("kind", "merge.kind.unknown");
		};
	}

	/** The two versions of an If-Match header: survivor, then merged. */
	static int[] versions(@Nullable String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank()) {
			throw new PreconditionRequiredException();
		}
		List<Integer> versions = new ArrayList<>();
		for (String tag : ifMatch.split(",")) {
			String value = tag.strip();
			if (value.startsWith("W/")) {
				value = value.substring(2);
			}
			try {
				versions.add(Integer.parseInt(value.replace("\"", "")));
			}
			catch (NumberFormatException ex) {
				throw new StaleVersionException("merge", -1);
			}
		}
		if (versions.size() != 2) {
			throw new BusinessRuleException("If-Match", "merge.if-match.two");
		}
		return new int[] { versions.get(0), versions.get(1) };
	}

}
