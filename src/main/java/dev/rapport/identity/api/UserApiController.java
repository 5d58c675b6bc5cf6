package dev.rapport.identity.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

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

import dev.rapport.identity.UserView;
import dev.rapport.identity.internal.UserService.UserChange;
import dev.rapport.identity.internal.UserService;
import dev.rapport.platform.Actors;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.web.ETags;

/** The users of the workspace over REST. Everyone may read; administrators change. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Users")
@SecurityRequirement(name = "bearer")
class UserApiController {

	private final UserService users;

	UserApiController(UserService users) {
		this.users = users;
	}

	/** A user in the API. */
	record UserResource(UUID id, String email, String displayName, String locale, String timeZone, boolean active,
			UUID roleId, String roleName, @Nullable UUID managerId, List<UUID> teamIds, int version) {

		static UserResource of(UserView u) {
			return new UserResource(u.id(), u.email(), u.displayName(), u.locale(), u.timeZone(), u.active(),
					u.roleId(), u.roleName(), u.managerId(), u.teamIds(), u.version());
		}

	}

	/** A page of results and the cursor of the next page, if any. */
	record Page<T>(List<T> items, @Nullable String next) {
	}

	/** What a client sends to create a user; the password is temporary. */
	record NewUser(@NotBlank @Email @Size(max = 320) String email, @NotBlank @Size(max = 200) String displayName,
			@NotNull UUID roleId, @Nullable UUID managerId, @Nullable String locale, @Nullable String timeZone,
			@Nullable List<UUID> teamIds, @NotBlank @Size(max = 128) String password) {
	}

	/** What a client sends to replace a user's settings. */
	record UserUpdate(@NotBlank @Email @Size(max = 320) String email, @NotBlank @Size(max = 200) String displayName,
			@NotNull UUID roleId, @Nullable UUID managerId, @NotBlank String locale, @NotBlank String timeZone,
			@Nullable List<UUID> teamIds, @Nullable Boolean active) {
	}

	@GetMapping("/users")
	@Operation(summary = "List users", description = "Cursor pagination: pass the returned next as cursor.")
	Page<UserResource> list(@RequestParam(required = false) @Size(max = 200) String q,
			@RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
		UUID after = null;
		if (cursor != null && !cursor.isBlank()) {
			try {
				after = UUID.fromString(cursor);
			}
			catch (IllegalArgumentException ex) {
				throw new BusinessRuleException("cursor", "problem.cursor.invalid");
			}
		}
		List<UserView> page = this.users.page(q, after, limit + 1);
		boolean more = page.size() > limit;
		List<UserResource> items = page.stream().limit(limit).map(UserResource::of).toList();
		return new Page<>(items, more ? items.get(items.size() - 1).id().toString() : null);
	}

	@GetMapping("/users/{id}")
	@Operation(summary = "Read a user", description = "The ETag header carries the version for If-Match.")
	ResponseEntity<UserResource> get(@PathVariable String id) {
		UserView user = this.users.get(Ids.parse("user", id));
		return ResponseEntity.ok().eTag(ETags.of(user.version())).body(UserResource.of(user));
	}

	@GetMapping("/me")
	@Operation(summary = "The user the token belongs to")
	ResponseEntity<UserResource> me() {
		UserView user = this.users.get(Actors.require().userId());
		return ResponseEntity.ok().eTag(ETags.of(user.version())).body(UserResource.of(user));
	}

	@PostMapping("/users")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Create a user", description = "Administrators only. The password is temporary.")
	ResponseEntity<UserResource> create(@Valid @RequestBody NewUser body) {
		UserChange change = new UserChange(body.email(), body.displayName(), body.roleId(), body.managerId(),
				(body.locale() != null) ? body.locale() : "en", (body.timeZone() != null) ? body.timeZone() : "UTC",
				(body.teamIds() != null) ? body.teamIds() : List.of());
		UserView created = this.users.create(change, body.password());
		return ResponseEntity.created(URI.create("/api/v1/users/" + created.id()))
			.eTag(ETags.of(created.version()))
			.body(UserResource.of(created));
	}

	@PutMapping("/users/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Replace a user's settings",
			description = "Administrators only. Requires If-Match with the ETag read; a stale one answers 412.")
	ResponseEntity<UserResource> update(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody UserUpdate body) {
		UserView current = this.users.get(Ids.parse("user", id));
		int version = ETags.requireMatch(ifMatch, "user", current.version());
		UserChange change = new UserChange(body.email(), body.displayName(), body.roleId(), body.managerId(),
				body.locale(), body.timeZone(), (body.teamIds() != null) ? body.teamIds() : List.of());
		UserView updated = this.users.update(current.id(), version, change, body.active());
		return ResponseEntity.ok().eTag(ETags.of(updated.version())).body(UserResource.of(updated));
	}

}
