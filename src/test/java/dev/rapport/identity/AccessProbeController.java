package dev.rapport.identity;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.platform.Ids;
import dev.rapport.platform.NotFoundException;

/**
 * Test only: a REST resource over the test table {@code access_probe} that applies the
 * access policy exactly as the business modules do (list and read by condition, 404
 * outside reach, 403 for a readable record that may not be changed so).
 */
@RestController
@RequestMapping("/api/v1/test-probes")
class AccessProbeController {

	static final Table<Record> PROBE = table(name("access_probe"));

	static final Field<UUID> WORKSPACE_ID = field(name("access_probe", "workspace_id"), UUID.class);

	static final Field<UUID> ID = field(name("access_probe", "id"), UUID.class);

	static final Field<UUID> OWNER_ID = field(name("access_probe", "owner_id"), UUID.class);

	static final Field<UUID> TEAM_ID = field(name("access_probe", "team_id"), UUID.class);

	static final Field<String> TITLE = field(name("access_probe", "title"), String.class);

	static final OwnedRecords RECORDS = new OwnedRecords(WORKSPACE_ID, OWNER_ID, TEAM_ID);

	private final DSLContext dsl;

	private final AccessPolicy policy;

	AccessProbeController(DSLContext dsl, AccessPolicy policy) {
		this.dsl = dsl;
		this.policy = policy;
	}

	@GetMapping
	List<String> list() {
		return this.dsl.select(TITLE)
			.from(PROBE)
			.where(this.policy.condition(RECORDS, Access.READ))
			.orderBy(TITLE)
			.fetch(TITLE);
	}

	@GetMapping("/{id}")
	Map<String, Object> read(@PathVariable String id) {
		Record probe = find(id);
		return Map.of("id", probe.get(ID), "title", probe.get(TITLE));
	}

	@PutMapping("/{id}")
	Map<String, Object> update(@PathVariable String id, @RequestBody Map<String, String> body) {
		Record probe = find(id);
		this.policy.check(Access.UPDATE, "probe", probe.get(ID), probe.get(OWNER_ID), probe.get(TEAM_ID));
		this.dsl.update(PROBE)
			.set(TITLE, body.get("title"))
			.where(WORKSPACE_ID.eq(probe.get(WORKSPACE_ID)))
			.and(ID.eq(probe.get(ID)))
			.execute();
		return Map.of("id", probe.get(ID), "title", body.get("title"));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String id) {
		Record probe = find(id);
		this.policy.check(Access.DELETE, "probe", probe.get(ID), probe.get(OWNER_ID), probe.get(TEAM_ID));
		this.dsl.deleteFrom(PROBE).where(WORKSPACE_ID.eq(probe.get(WORKSPACE_ID))).and(ID.eq(probe.get(ID))).execute();
		return ResponseEntity.noContent().build();
	}

	/** Stores a probe directly, as a module's repository would. */
	static UUID insert(DSLContext dsl, UUID workspaceId, String title, UUID owner, @Nullable UUID team) {
		UUID id = Ids.newId();
		OffsetDateTime now = OffsetDateTime.now();
		dsl.insertInto(PROBE)
			.set(field(name("workspace_id"), UUID.class), workspaceId)
			.set(field(name("id"), UUID.class), id)
			.set(field(name("owner_id"), UUID.class), owner)
			.set(field(name("team_id"), UUID.class), team)
			.set(field(name("title"), String.class), title)
			.set(field(name("created_at"), OffsetDateTime.class), now)
			.set(field(name("updated_at"), OffsetDateTime.class), now)
			.set(field(name("version"), Integer.class), 1)
			.execute();
		return id;
	}

	private Record find(String id) {
		UUID probeId = Ids.parse("probe", id);
		return this.dsl.select(WORKSPACE_ID, ID, OWNER_ID, TEAM_ID, TITLE)
			.from(PROBE)
			.where(this.policy.condition(RECORDS, Access.READ))
			.and(ID.eq(probeId))
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException("probe", probeId));
	}

}
