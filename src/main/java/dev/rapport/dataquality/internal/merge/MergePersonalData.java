package dev.rapport.dataquality.internal.merge;

import static dev.rapport.dataquality.internal.db.Tables.CUSTOMER_MERGE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.rapport.customers.PersonalData;
import dev.rapport.platform.WorkspaceScope;

/**
 * The merges a person took part in: the survivor's values before and after hold their
 * data (and, merged in, the other's). Erasure empties those values and the person's name,
 * and ends the undo period, since an erased person cannot be brought back.
 */
@Component
class MergePersonalData implements PersonalData {

	static final String ERASED = "—";

	private static final TypeReference<LinkedHashMap<String, Object>> VALUES = new TypeReference<>() {
	};

	private final DSLContext dsl;

	private final JsonMapper json;

	MergePersonalData(DSLContext dsl, JsonMapper json) {
		this.dsl = dsl;
		this.json = json;
	}

	@Override
	public String name() {
		return "dataquality.merges";
	}

	@Override
	public List<Map<String, Object>> export(UUID personId) {
		return this.dsl.selectFrom(CUSTOMER_MERGE)
			.where(WorkspaceScope.of(CUSTOMER_MERGE.WORKSPACE_ID))
			.and(CUSTOMER_MERGE.KIND.eq("person"))
			.and(CUSTOMER_MERGE.SURVIVOR_ID.eq(personId).or(CUSTOMER_MERGE.MERGED_ID.eq(personId)))
			.orderBy(CUSTOMER_MERGE.CREATED_AT)
			.fetch((r) -> {
				Map<String, Object> merge = new LinkedHashMap<>();
				merge.put("id", r.getId().toString());
				merge.put("role", personId.equals(r.getSurvivorId()) ? "survivor" : "merged");
				merge.put("survivorName", r.getSurvivorName());
				merge.put("mergedName", r.getMergedName());
				merge.put("mergedAt", r.getCreatedAt().toString());
				merge.put("valuesBefore", this.json.readValue(r.getSurvivorBefore(), VALUES));
				merge.put("valuesAfter", this.json.readValue(r.getSurvivorAfter(), VALUES));
				return merge;
			});
	}

	@Override
	public int erase(UUID personId) {
		var scope = WorkspaceScope.of(CUSTOMER_MERGE.WORKSPACE_ID).and(CUSTOMER_MERGE.KIND.eq("person"));
		int survivor = this.dsl.update(CUSTOMER_MERGE)
			.set(CUSTOMER_MERGE.SURVIVOR_NAME, ERASED)
			.set(CUSTOMER_MERGE.SURVIVOR_BEFORE, "{}")
			.set(CUSTOMER_MERGE.SURVIVOR_AFTER, "{}")
			.set(CUSTOMER_MERGE.UNDO_UNTIL, CUSTOMER_MERGE.CREATED_AT)
			.where(scope)
			.and(CUSTOMER_MERGE.SURVIVOR_ID.eq(personId))
			.execute();
		int merged = this.dsl.update(CUSTOMER_MERGE)
			.set(CUSTOMER_MERGE.MERGED_NAME, ERASED)
			.set(CUSTOMER_MERGE.SURVIVOR_BEFORE, "{}")
			.set(CUSTOMER_MERGE.SURVIVOR_AFTER, "{}")
			.set(CUSTOMER_MERGE.UNDO_UNTIL, CUSTOMER_MERGE.CREATED_AT)
			.where(scope)
			.and(CUSTOMER_MERGE.MERGED_ID.eq(personId))
			.execute();
		return survivor + merged;
	}

}
