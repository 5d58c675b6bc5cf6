package dev.rapport.customers.api;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.customers.internal.TagService;
import dev.rapport.customers.internal.TagService.TagSummary;
import dev.rapport.platform.Ids;
import dev.rapport.platform.web.ETags;

/** The workspace's tags over REST: list with counts, rename, merge, delete. */
@RestController
@RequestMapping("/api/v1/tags")
@Tag(name = "Tags")
@SecurityRequirement(name = "bearer")
@Validated
class TagApiController {

	private final TagService tags;

	TagApiController(TagService tags) {
		this.tags = tags;
	}

	/**
	 * A tag: how many people and companies carry it, counted among those the token's user
	 * may see, without deleted ones.
	 */
	record TagResource(UUID id, String name, int people, int companies, int version) {

		static TagResource of(TagSummary t) {
			return new TagResource(t.id(), t.name(), t.people(), t.companies(), t.version());
		}

	}

	/** A page of tags and the cursor of the next page, or null on the last page. */
	record Page(List<TagResource> items, @Nullable String next) {
	}

	/** A tag's new name. */
	record RenameBody(@Nullable String name) {
	}

	/** The tag to merge into. */
	record MergeBody(@Nullable String targetId) {
	}

	@GetMapping
	@Operation(summary = "List the workspace's tags with how many people and companies carry each",
			description = "By name. q keeps the tags whose name contains it, regardless of case and accents. "
					+ "Counts include only the people and companies the token's user may see. "
					+ "Cursor pagination: pass the returned next as cursor.")
	Page list(@RequestParam(required = false) @Size(max = 100) @Nullable String q,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
		TagService.Page page = this.tags.page(q, cursor, limit);
		return new Page(page.items().stream().map(TagResource::of).toList(), page.next());
	}

	@GetMapping("/{id}")
	@Operation(summary = "Read a tag", description = "The ETag header carries the version for If-Match.")
	ResponseEntity<TagResource> get(@PathVariable String id) {
		TagSummary tag = this.tags.get(Ids.parse("tag", id));
		return ResponseEntity.ok().eTag(ETags.of(tag.version())).body(TagResource.of(tag));
	}

	@RequestMapping(path = "/{id}", method = { RequestMethod.PATCH, RequestMethod.PUT })
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Rename a tag",
			description = "Administrators only. Requires If-Match. The new name shows on everyone who carries the "
					+ "tag. A name another tag already has (regardless of case and accents) answers 422 naming "
					+ "name: merge into that tag instead.")
	ResponseEntity<TagResource> rename(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody RenameBody body) {
		TagSummary current = this.tags.get(Ids.parse("tag", id));
		int version = ETags.requireMatch(ifMatch, "tag", current.version());
		TagSummary renamed = this.tags.rename(current.id(), version, body.name());
		return ResponseEntity.ok().eTag(ETags.of(renamed.version())).body(TagResource.of(renamed));
	}

	@PostMapping("/{id}/merge")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Merge a tag into another",
			description = "Administrators only. Requires If-Match with the ETag of the tag in the path. Everyone who "
					+ "carries it carries the target afterwards, once; then the tag is deleted. Answers the target "
					+ "with its new counts. A missing, unknown or identical targetId answers 422 naming targetId.")
	ResponseEntity<TagResource> merge(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody MergeBody body) {
		TagSummary current = this.tags.get(Ids.parse("tag", id));
		int version = ETags.requireMatch(ifMatch, "tag", current.version());
		TagSummary target = this.tags.merge(current.id(), version, TagService.targetId(body.targetId()));
		return ResponseEntity.ok().eTag(ETags.of(target.version())).body(TagResource.of(target));
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Delete a tag",
			description = "Administrators only. Requires If-Match. Takes the tag off every person and company; "
					+ "they stay.")
	ResponseEntity<Void> delete(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		TagSummary current = this.tags.get(Ids.parse("tag", id));
		int version = ETags.requireMatch(ifMatch, "tag", current.version());
		this.tags.delete(current.id(), version);
		return ResponseEntity.noContent().build();
	}

}
