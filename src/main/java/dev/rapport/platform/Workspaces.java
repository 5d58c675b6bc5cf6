package dev.rapport.platform;

import static dev.rapport.platform.internal.db.Tables.WORKSPACE;

import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.platform.internal.db.tables.records.WorkspaceRecord;

/** The workspaces of this installation: one per business using it. */
@Service
public class Workspaces {

	/** The slug of the workspace made at first start. */
	public static final String DEFAULT_SLUG = "default";

	private final DSLContext dsl;

	Workspaces(DSLContext dsl) {
		this.dsl = dsl;
	}

	/** A workspace as others see it. */
	public record Workspace(UUID id, String slug, String name, String defaultLocale, String defaultTimeZone) {
	}

	@Transactional
	public Workspace create(String slug, String name, String defaultLocale, String defaultTimeZone) {
		WorkspaceRecord record = this.dsl.newRecord(WORKSPACE);
		record.setId(Ids.newId());
		record.setSlug(slug);
		record.setName(name);
		record.setDefaultLocale(defaultLocale);
		record.setDefaultTimeZone(defaultTimeZone);
		Actors.runAs(Actor.system(record.getId()), record::store);
		return toWorkspace(record);
	}

	@Transactional(readOnly = true)
	public Optional<Workspace> findBySlug(String slug) {
		return this.dsl.selectFrom(WORKSPACE).where(WORKSPACE.SLUG.eq(slug)).fetchOptional(Workspaces::toWorkspace);
	}

	@Transactional(readOnly = true)
	public Workspace get(UUID id) {
		return this.dsl.selectFrom(WORKSPACE)
			.where(WORKSPACE.ID.eq(id))
			.fetchOptional(Workspaces::toWorkspace)
			.orElseThrow(() -> new NotFoundException("workspace", id));
	}

	private static Workspace toWorkspace(WorkspaceRecord r) {
		return new Workspace(r.getId(), r.getSlug(), r.getName(), r.getDefaultLocale(), r.getDefaultTimeZone());
	}

}
