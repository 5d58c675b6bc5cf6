package dev.rapport.exchange.internal.imports;

import static dev.rapport.exchange.internal.db.Tables.IMPORT_RECORD;
import static dev.rapport.exchange.internal.db.Tables.IMPORT_ROW;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;

import org.springframework.stereotype.Component;

import dev.rapport.platform.WorkspaceScope;

/**
 * What import reports hold about a person, forgotten when the person is erased. A row of
 * a report is about the person when the row created or updated them, when it matched them
 * (its finding names their id), or when it repeats such a row of the same file; the
 * values shown in the findings of those rows (names, e-mail addresses, phone numbers,
 * dates, the id) are replaced by a mark the report shows as erased. The row numbers,
 * levels, columns and messages stay, so the report's figures still add up.
 */
@Component
public class ImportReports {

	/** Stands for the arguments of a finding whose values were erased. */
	static final String ERASED = "\u001e";

	/** Findings whose arguments are only row numbers and scores of the same file. */
	private static final List<String> REPEATS = List.of("imports.duplicate.in-file",
			"imports.duplicate.in-file-similar");

	private final DSLContext dsl;

	ImportReports(DSLContext dsl) {
		this.dsl = dsl;
	}

	/**
	 * Clears the values the workspace's import reports show about a person and forgets
	 * what imports did to them (the values an update replaced, kept for its undo). Runs
	 * in the caller's transaction.
	 * @return how many findings and import records were changed
	 */
	public int forgetPerson(UUID personId) {
		Map<UUID, Set<Integer>> rows = new HashMap<>();
		this.dsl.select(IMPORT_RECORD.JOB_ID, IMPORT_RECORD.ROW_NUMBER)
			.from(IMPORT_RECORD)
			.where(WorkspaceScope.of(IMPORT_RECORD.WORKSPACE_ID))
			.and(IMPORT_RECORD.RECORD_ID.eq(personId))
			.forEach((r) -> rows.computeIfAbsent(r.value1(), (job) -> new HashSet<>()).add(r.value2()));
		// A row that matched the person without changing them (a dry run, a skipped
		// duplicate) names their id in its finding, as does an undo that kept them.
		this.dsl.select(IMPORT_ROW.JOB_ID, IMPORT_ROW.ROW_NUMBER)
			.from(IMPORT_ROW)
			.where(WorkspaceScope.of(IMPORT_ROW.WORKSPACE_ID))
			.and(IMPORT_ROW.ARGUMENTS.contains(personId.toString()))
			.forEach((r) -> rows.computeIfAbsent(r.value1(), (job) -> new HashSet<>()).add(r.value2()));
		int changed = 0;
		for (Map.Entry<UUID, Set<Integer>> job : rows.entrySet()) {
			Set<Integer> numbers = job.getValue();
			this.dsl.select(IMPORT_ROW.ROW_NUMBER, IMPORT_ROW.ARGUMENTS)
				.from(IMPORT_ROW)
				.where(WorkspaceScope.of(IMPORT_ROW.WORKSPACE_ID))
				.and(IMPORT_ROW.JOB_ID.eq(job.getKey()))
				.and(IMPORT_ROW.MESSAGE_KEY.in(REPEATS))
				.fetch()
				.forEach((r) -> {
					if (numbers.contains(firstNumber(r.value2()))) {
						numbers.add(r.value1());
					}
				});
			changed += this.dsl.update(IMPORT_ROW)
				.set(IMPORT_ROW.ARGUMENTS, ERASED)
				.where(WorkspaceScope.of(IMPORT_ROW.WORKSPACE_ID))
				.and(IMPORT_ROW.JOB_ID.eq(job.getKey()))
				.and(IMPORT_ROW.ROW_NUMBER.in(numbers))
				.and(IMPORT_ROW.MESSAGE_KEY.notIn(REPEATS))
				.and(IMPORT_ROW.ARGUMENTS.isNotNull())
				.and(IMPORT_ROW.ARGUMENTS.ne(""))
				.and(IMPORT_ROW.ARGUMENTS.ne(ERASED))
				.execute();
		}
		return changed + this.dsl.deleteFrom(IMPORT_RECORD)
			.where(WorkspaceScope.of(IMPORT_RECORD.WORKSPACE_ID))
			.and(IMPORT_RECORD.RECORD_ID.eq(personId))
			.execute();
	}

	private static int firstNumber(String arguments) {
		int end = arguments.indexOf(ImportRunner.SEPARATOR);
		try {
			return Integer.parseInt((end < 0) ? arguments : arguments.substring(0, end));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
