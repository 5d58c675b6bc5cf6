package dev.rapport.exchange.internal.imports;

import static dev.rapport.exchange.internal.db.Tables.IMPORT_JOB;
import static dev.rapport.exchange.internal.db.Tables.IMPORT_MAPPING;
import static dev.rapport.exchange.internal.db.Tables.IMPORT_ROW;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.rapport.customization.CustomFields;
import dev.rapport.exchange.internal.FileStore;
import dev.rapport.exchange.internal.db.tables.records.ImportJobRecord;
import dev.rapport.exchange.internal.db.tables.records.ImportMappingRecord;
import dev.rapport.platform.Actors;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.WorkspaceScope;

/**
 * Imports of the current user: upload, preview, mapping, dry run, run, report and undo.
 * The work on the rows runs as a background job ({@link ImportRunner}); an import is seen
 * only by the user who started it.
 */
@Service
public class ImportService {

	static final String KIND = "import";

	/** What a row may be matched on against existing records. */
	public static final List<String> MATCHES = List.of("externalId", "email", "phone", "name", "fuzzy");

	/** What happens to a row that matches an existing record. */
	public static final List<String> ACTIONS = List.of("create", "update", "skip");

	static final int PREVIEW_ROWS = 20;

	private final DSLContext dsl;

	private final FileStore files;

	private final ImportFiles importFiles;

	private final ImportProperties properties;

	private final CustomFields customFields;

	private final JsonMapper json;

	private final SchedulerClient scheduler;

	private final OneTimeTask<String> task;

	private final MessageSource messages;

	private final Clock clock;

	ImportService(DSLContext dsl, FileStore files, ImportFiles importFiles, ImportProperties properties,
			CustomFields customFields, JsonMapper json, SchedulerClient scheduler, OneTimeTask<String> importTask,
			MessageSource messages, Clock clock) {
		this.dsl = dsl;
		this.files = files;
		this.importFiles = importFiles;
		this.properties = properties;
		this.customFields = customFields;
		this.json = json;
		this.scheduler = scheduler;
		this.task = importTask;
		this.messages = messages;
		this.clock = clock;
	}

	/** A new import: the file and the first choices, all optional but the object. */
	public record Upload(String fileName, @Nullable String contentType, InputStream content, @Nullable String object,
			@Nullable String encoding, @Nullable String delimiter, @Nullable String sheet,
			@Nullable String duplicateAction, @Nullable List<String> matchOn, @Nullable UUID mappingId) {
	}

	/**
	 * New settings of an import; what is null stays. A changed encoding, delimiter or
	 * sheet reads the header again and suggests a new mapping unless one is given.
	 *
	 * @param mapping column index to field; a column left out is not imported
	 * @param saveAs a name to save the mapping under, for later files
	 */
	public record Settings(@Nullable Map<Integer, String> mapping, @Nullable String duplicateAction,
			@Nullable List<String> matchOn, @Nullable String encoding, @Nullable String delimiter,
			@Nullable String sheet, @Nullable String saveAs) {
	}

	/** A mapping saved for reuse: header name to field. */
	public record SavedMapping(UUID id, String name, String object, Map<String, String> fields) {
	}

	/**
	 * Stores the file and reads its header: refuses an unknown object, a file over the
	 * size limit and a file that cannot be read, keeping nothing.
	 */
	@Transactional
	public ImportJobView create(Upload upload) {
		String object = object(upload.object());
		String action = action(upload.duplicateAction(), "skip");
		Set<String> matchOn = matchOn(upload.matchOn());
		FileStore.StoredFile file;
		try {
			file = this.files.store(upload.fileName(),
					(upload.contentType() != null) ? upload.contentType() : "application/octet-stream", "import",
					upload.content(), this.properties.maxUpload().toBytes(), now().plus(this.properties.undoPeriod()));
		}
		catch (FileStore.FileTooLargeException ex) {
			throw new BusinessRuleException("file", "imports.file.too-large",
					this.properties.maxUpload().toMegabytes());
		}
		if (file.sizeBytes() == 0) {
			throw new BusinessRuleException("file", "imports.file.empty");
		}
		ImportJobRecord job = this.dsl.newRecord(IMPORT_JOB);
		job.setId(Ids.newId());
		job.setFileId(file.id());
		job.setFileName(file.name());
		job.setObjectKind(object);
		job.setDuplicateAction(action);
		job.setMatchOn(String.join(",", matchOn));
		job.setStatus("uploaded");
		job.setDryRun(false);
		job.setBytesTotal(file.sizeBytes());
		job.setBytesDone(0L);
		job.setRowsDone(0);
		job.setCreatedCount(0);
		job.setUpdatedCount(0);
		job.setSkippedCount(0);
		job.setFailedCount(0);
		job.setWarningCount(0);
		readHeader(job, new ImportFiles.Choices(upload.encoding(), upload.delimiter(), upload.sheet()));
		Map<Integer, String> mapping = (upload.mappingId() != null)
				? applySaved(upload.mappingId(), object, header(job))
				: ImportFields.suggest(object, header(job), customFieldsOf(object));
		job.setMapping(this.json.writeValueAsString(mapping));
		job.store();
		return view(job);
	}

	private void readHeader(ImportJobRecord job, ImportFiles.Choices choices) {
		try (ImportFiles.Opened opened = this.importFiles.open(job.getFileId(), job.getFileName(), job.getBytesTotal(),
				choices)) {
			job.setFormat(opened.format());
			job.setEncoding(opened.encoding());
			job.setEncodingChosen(choices.encodingChosen());
			job.setDelimiter(opened.delimiter());
			job.setSheet(opened.sheet());
			job.setHeaderRow(this.json.writeValueAsString(opened.source().header()));
			// The whole file is read once now, so that a broken or hostile file is
			// refused
			// before anything of it is kept, and the number of rows is known for the
			// progress.
			int rows = 0;
			while (opened.source().next() != null) {
				rows++;
			}
			job.setRowsTotal(rows);
		}
	}

	/** An import of the current user. */
	@Transactional(readOnly = true)
	public ImportJobView get(UUID id) {
		return view(load(id));
	}

	/** The imports of the current user, newest first. */
	@Transactional(readOnly = true)
	public List<ImportJobView> recent(int limit) {
		return this.dsl.selectFrom(IMPORT_JOB)
			.where(WorkspaceScope.of(IMPORT_JOB.WORKSPACE_ID))
			.and(IMPORT_JOB.CREATED_BY.eq(Actors.require().userId()))
			.orderBy(IMPORT_JOB.CREATED_AT.desc(), IMPORT_JOB.ID.desc())
			.limit(limit)
			.fetch(this::view);
	}

	/** The first rows of the file as the import reads it, and what can be chosen. */
	public ImportPreview preview(UUID id) {
		ImportJobRecord job = load(id);
		List<List<String>> rows = new ArrayList<>();
		List<String> sheets;
		try (ImportFiles.Opened opened = this.importFiles.open(job.getFileId(), job.getFileName(), job.getBytesTotal(),
				choices(job))) {
			sheets = opened.sheets();
			TableSource.Row row;
			while (rows.size() < PREVIEW_ROWS && (row = opened.source().next()) != null) {
				rows.add(row.cells());
			}
		}
		return new ImportPreview(header(job), rows, sheets,
				ImportFields.targets(job.getObjectKind(), customFieldsOf(job.getObjectKind())), Decoding.CHOICES,
				List.of(",", ";", "tab", "|"));
	}

	/**
	 * Changes the mapping and options of an import that is not running or done. Rejects a
	 * stale version, an unknown field or column, and a field mapped twice.
	 */
	@Transactional
	public ImportJobView configure(UUID id, @Nullable Integer version, Settings settings) {
		ImportJobRecord job = load(id);
		if (version != null) {
			StaleVersionException.check(KIND, version, job.getVersion());
		}
		requireStatus(job, "uploaded", "checked", "failed");
		if (settings.duplicateAction() != null) {
			job.setDuplicateAction(action(settings.duplicateAction(), job.getDuplicateAction()));
		}
		if (settings.matchOn() != null) {
			job.setMatchOn(String.join(",", matchOn(settings.matchOn())));
		}
		boolean reread = settings.encoding() != null || settings.delimiter() != null || settings.sheet() != null;
		List<String> before = header(job);
		if (reread) {
			ImportFiles.Choices current = choices(job);
			readHeader(job,
					new ImportFiles.Choices(
							(settings.encoding() != null) ? blankToNull(settings.encoding()) : current.encoding(),
							(settings.delimiter() != null) ? blankToNull(settings.delimiter()) : current.delimiter(),
							(settings.sheet() != null) ? blankToNull(settings.sheet()) : current.sheet(),
							(settings.encoding() != null) ? !settings.encoding().isBlank() : current.encodingChosen()));
		}
		List<String> header = header(job);
		Map<Integer, String> mapping;
		if (settings.mapping() != null) {
			mapping = checkMapping(job.getObjectKind(), header, settings.mapping());
		}
		else if (!header.equals(before)) {
			mapping = ImportFields.suggest(job.getObjectKind(), header, customFieldsOf(job.getObjectKind()));
		}
		else {
			mapping = mapping(job);
		}
		job.setMapping(this.json.writeValueAsString(mapping));
		if (!"uploaded".equals(job.getStatus())) {
			job.setStatus("uploaded");
			resetCounts(job);
			this.dsl.deleteFrom(IMPORT_ROW)
				.where(IMPORT_ROW.WORKSPACE_ID.eq(job.getWorkspaceId()))
				.and(IMPORT_ROW.JOB_ID.eq(job.getId()))
				.execute();
		}
		job.store();
		if (settings.saveAs() != null && !settings.saveAs().isBlank()) {
			saveMapping(settings.saveAs(), job.getObjectKind(), header, mapping);
		}
		return view(job);
	}

	/**
	 * Maps the columns of an import as a saved mapping says (by header name; columns it
	 * does not know are left out). Rejects an unknown mapping, a stale version and an
	 * import past its checks as {@link #configure} does.
	 */
	@Transactional
	public ImportJobView useMapping(UUID id, @Nullable Integer version, UUID mappingId) {
		ImportJobRecord job = load(id);
		Map<Integer, String> mapping = applySaved(mappingId, job.getObjectKind(), header(job));
		return configure(id, version, new Settings(mapping, null, null, null, null, null, null));
	}

	private Map<Integer, String> checkMapping(String object, List<String> header, Map<Integer, String> mapping) {
		List<String> targets = ImportFields.targets(object, customFieldsOf(object));
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		Map<Integer, String> checked = new LinkedHashMap<>();
		Set<String> used = new HashSet<>();
		mapping.forEach((column, field) -> {
			if (field == null || field.isBlank()) {
				return;
			}
			String name = "mapping[" + column + "]";
			if (column == null || column < 0 || column >= header.size()) {
				problems.reject(name, "imports.mapping.column-unknown", String.valueOf(column));
			}
			else if (!targets.contains(field)) {
				problems.reject(name, "imports.mapping.field-unknown", field);
			}
			else if (!used.add(field)) {
				problems.reject(name, "imports.mapping.field-twice", field);
			}
			else {
				checked.put(column, field);
			}
		});
		problems.throwIfAny();
		return checked;
	}

	/** Starts a dry run: every row is checked as the import would, nothing is written. */
	@Transactional
	public ImportJobView dryRun(UUID id) {
		return start(id, ImportRunner.Mode.CHECK, "checking", "uploaded", "checked", "failed");
	}

	/** Starts the import of the rows as a background job. */
	@Transactional
	public ImportJobView run(UUID id) {
		return start(id, ImportRunner.Mode.RUN, "queued", "uploaded", "checked");
	}

	/**
	 * Starts undoing a finished import within the undo period: created records go to the
	 * trash, updated ones get their values back where nobody changed them since.
	 */
	@Transactional
	public ImportJobView undo(UUID id) {
		ImportJobRecord job = load(id);
		requireStatus(job, "done", "failed");
		if (job.getFinishedAt() == null
				|| job.getFinishedAt().toInstant().plus(this.properties.undoPeriod()).isBefore(this.clock.instant())) {
			throw new BusinessRuleException(null, "imports.undo.too-late", this.properties.undoPeriod().toDays());
		}
		return start(id, ImportRunner.Mode.UNDO, "undoing", "done", "failed");
	}

	private ImportJobView start(UUID id, ImportRunner.Mode mode, String status, String... from) {
		ImportJobRecord job = load(id);
		requireStatus(job, from);
		if (mode != ImportRunner.Mode.UNDO && mapping(job).isEmpty()) {
			throw new BusinessRuleException("mapping", "imports.mapping.empty");
		}
		if (mode != ImportRunner.Mode.UNDO) {
			resetCounts(job);
			this.dsl.deleteFrom(IMPORT_ROW)
				.where(IMPORT_ROW.WORKSPACE_ID.eq(job.getWorkspaceId()))
				.and(IMPORT_ROW.JOB_ID.eq(job.getId()))
				.execute();
			job.setDryRun(mode == ImportRunner.Mode.CHECK);
			job.setStartedAt(null);
			job.setFinishedAt(null);
		}
		job.setStatus(status);
		job.setFailure(null);
		job.store();
		String data = mode.name() + ":" + job.getWorkspaceId() + ":" + job.getId() + ":" + Actors.require().userId();
		String instance = job.getId() + "-" + mode.name().toLowerCase(Locale.ROOT) + "-"
				+ Instant.now(this.clock).toEpochMilli();
		Runnable schedule = () -> this.scheduler.schedule(this.task.instance(instance, data), Instant.now(this.clock));
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			// The job must see the committed settings, so it is scheduled after the
			// commit.
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					schedule.run();
				}
			});
		}
		else {
			schedule.run();
		}
		return view(job);
	}

	private static void resetCounts(ImportJobRecord job) {
		job.setRowsDone(0);
		job.setBytesDone(0L);
		job.setCreatedCount(0);
		job.setUpdatedCount(0);
		job.setSkippedCount(0);
		job.setFailedCount(0);
		job.setWarningCount(0);
	}

	/**
	 * Writes the validation report of an import as CSV: one line per finding, with the
	 * row, the column, the field, the level and the message in the reader's language.
	 * Cells that a spreadsheet would run as a formula are quoted with an apostrophe.
	 */
	@Transactional(readOnly = true)
	public void writeReport(UUID id, Writer out, Locale locale) {
		ImportJobRecord job = load(id);
		try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
			csv.printRecord(this.messages.getMessage("imports.report.row", null, locale),
					this.messages.getMessage("imports.report.level", null, locale),
					this.messages.getMessage("imports.report.column", null, locale),
					this.messages.getMessage("imports.report.field", null, locale),
					this.messages.getMessage("imports.report.message", null, locale));
			try (var rows = this.dsl.selectFrom(IMPORT_ROW)
				.where(IMPORT_ROW.WORKSPACE_ID.eq(job.getWorkspaceId()))
				.and(IMPORT_ROW.JOB_ID.eq(job.getId()))
				.orderBy(IMPORT_ROW.ROW_NUMBER, IMPORT_ROW.ID)
				.fetchSize(1000)
				.fetchLazy()) {
				for (var row : rows) {
					csv.printRecord(row.getRowNumber(),
							this.messages.getMessage("imports.level." + row.getLevel(), null, row.getLevel(), locale),
							safe(row.getColumnName()), safe(row.getField()),
							safe(message(row.getMessageKey(), row.getArguments(), locale)));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** One finding of the report, for the page. */
	public record Finding(int row, String level, @Nullable String column, @Nullable String field, String message) {
	}

	/** The first findings of an import, for its page. */
	@Transactional(readOnly = true)
	public List<Finding> findings(UUID id, int limit, Locale locale) {
		ImportJobRecord job = load(id);
		return this.dsl.selectFrom(IMPORT_ROW)
			.where(IMPORT_ROW.WORKSPACE_ID.eq(job.getWorkspaceId()))
			.and(IMPORT_ROW.JOB_ID.eq(job.getId()))
			.orderBy(IMPORT_ROW.ROW_NUMBER, IMPORT_ROW.ID)
			.limit(limit)
			.fetch((r) -> new Finding(r.getRowNumber(), r.getLevel(), r.getColumnName(), r.getField(),
					message(r.getMessageKey(), r.getArguments(), locale)));
	}

	String message(String key, @Nullable String arguments, Locale locale) {
		Object[] args;
		if (ImportReports.ERASED.equals(arguments)) {
			args = new Object[10];
			Arrays.fill(args, this.messages.getMessage("imports.report.erased", null, locale));
		}
		else {
			args = (arguments == null || arguments.isEmpty()) ? new Object[0]
					: arguments.split(ImportRunner.SEPARATOR, -1);
		}
		return this.messages.getMessage(key, args, key, locale);
	}

	/** Why an import failed, in the reader's language; null when it did not. */
	public @Nullable String failure(ImportJobView job, Locale locale) {
		if (job.failure() == null) {
			return null;
		}
		int at = job.failure().indexOf(ImportRunner.SEPARATOR);
		return (at < 0) ? message(job.failure(), null, locale)
				: message(job.failure().substring(0, at), job.failure().substring(at + 1), locale);
	}

	/** A cell of a CSV file that no spreadsheet runs as a formula. */
	static String safe(@Nullable String text) {
		if (text == null || text.isEmpty()) {
			return "";
		}
		char first = text.charAt(0);
		return (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + text : text;
	}

	/** The mappings saved for a kind of record, by name. */
	@Transactional(readOnly = true)
	public List<SavedMapping> mappings(String object) {
		return this.dsl.selectFrom(IMPORT_MAPPING)
			.where(WorkspaceScope.of(IMPORT_MAPPING.WORKSPACE_ID))
			.and(IMPORT_MAPPING.OBJECT_KIND.eq(object(object)))
			.orderBy(IMPORT_MAPPING.NAME)
			.fetch((r) -> new SavedMapping(r.getId(), r.getName(), r.getObjectKind(),
					this.json.readValue(r.getMapping(), new TypeReference<LinkedHashMap<String, String>>() {
					})));
	}

	private void saveMapping(String name, String object, List<String> header, Map<Integer, String> mapping) {
		String trimmed = name.strip();
		if (trimmed.length() > 100) {
			throw new BusinessRuleException("saveAs", "imports.mapping.name-too-long", 100);
		}
		Map<String, String> byHeader = new LinkedHashMap<>();
		mapping.forEach((column, field) -> byHeader.put(header.get(column), field));
		ImportMappingRecord saved = this.dsl.selectFrom(IMPORT_MAPPING)
			.where(WorkspaceScope.of(IMPORT_MAPPING.WORKSPACE_ID))
			.and(IMPORT_MAPPING.OBJECT_KIND.eq(object))
			.and(IMPORT_MAPPING.NAME.eq(trimmed))
			.fetchOne();
		if (saved == null) {
			saved = this.dsl.newRecord(IMPORT_MAPPING);
			saved.setId(Ids.newId());
			saved.setName(trimmed);
			saved.setObjectKind(object);
		}
		saved.setMapping(this.json.writeValueAsString(byHeader));
		saved.store();
	}

	private Map<Integer, String> applySaved(UUID mappingId, String object, List<String> header) {
		SavedMapping saved = mappings(object).stream()
			.filter((m) -> m.id().equals(mappingId))
			.findFirst()
			.orElseThrow(() -> new BusinessRuleException("mappingId", "imports.mapping.unknown"));
		Map<String, String> byName = new HashMap<>();
		saved.fields().forEach((name, field) -> byName.put(ImportFields.normalise(name), field));
		Map<Integer, String> mapping = new LinkedHashMap<>();
		Set<String> used = new HashSet<>();
		for (int i = 0; i < header.size(); i++) {
			String field = byName.get(ImportFields.normalise(header.get(i)));
			if (field != null && used.add(field)) {
				mapping.put(i, field);
			}
		}
		return mapping;
	}

	ImportJobRecord load(UUID id) {
		ImportJobRecord job = this.dsl.selectFrom(IMPORT_JOB)
			.where(WorkspaceScope.of(IMPORT_JOB.WORKSPACE_ID))
			.and(IMPORT_JOB.ID.eq(id))
			.and(IMPORT_JOB.CREATED_BY.eq(Actors.require().userId()))
			.fetchOne();
		if (job == null) {
			throw new NotFoundException(KIND, id);
		}
		return job;
	}

	private static void requireStatus(ImportJobRecord job, String... allowed) {
		if (!List.of(allowed).contains(job.getStatus())) {
			throw new BusinessRuleException(null, "imports.status.wrong", job.getStatus());
		}
	}

	ImportFiles.Choices choices(ImportJobRecord job) {
		return new ImportFiles.Choices(job.getEncoding(), job.getDelimiter(), job.getSheet(),
				Boolean.TRUE.equals(job.getEncodingChosen()));
	}

	List<String> header(ImportJobRecord job) {
		return this.json.readValue(job.getHeaderRow(), new TypeReference<List<String>>() {
		});
	}

	Map<Integer, String> mapping(ImportJobRecord job) {
		if (job.getMapping() == null) {
			return Map.of();
		}
		return this.json.readValue(job.getMapping(), new TypeReference<LinkedHashMap<Integer, String>>() {
		});
	}

	List<dev.rapport.customization.FieldDefinition> customFieldsOf(String object) {
		return switch (object) {
			case ImportFields.PERSON -> this.customFields.fieldsOf(CustomFields.PERSON, false);
			case ImportFields.COMPANY -> this.customFields.fieldsOf(CustomFields.COMPANY, false);
			case ImportFields.DEAL -> this.customFields.fieldsOf(CustomFields.DEAL, false);
			default -> List.of();
		};
	}

	private static String object(@Nullable String object) {
		String o = (object == null) ? "" : object.strip().toLowerCase(Locale.ROOT);
		if (o.equals("people")) {
			o = ImportFields.PERSON;
		}
		else if (o.endsWith("s") && ImportFields.OBJECTS.contains(o.substring(0, o.length() - 1))) {
			o = o.substring(0, o.length() - 1);
		}
		else if (o.equals("companies")) {
			o = ImportFields.COMPANY;
		}
		else if (o.equals("activities")) {
			o = ImportFields.ACTIVITY;
		}
		if (!ImportFields.OBJECTS.contains(o)) {
			throw new BusinessRuleException("object", "imports.object.unknown",
					String.join(", ", ImportFields.OBJECTS));
		}
		return o;
	}

	private static String action(@Nullable String action, String fallback) {
		if (action == null || action.isBlank()) {
			return fallback;
		}
		String a = action.strip().toLowerCase(Locale.ROOT);
		if (!ACTIONS.contains(a)) {
			throw new BusinessRuleException("duplicateAction", "imports.action.unknown", String.join(", ", ACTIONS));
		}
		return a;
	}

	private static Set<String> matchOn(@Nullable List<String> matchOn) {
		if (matchOn == null) {
			return new LinkedHashSet<>(List.of("externalId", "email", "phone", "name"));
		}
		Set<String> set = new LinkedHashSet<>();
		for (String m : matchOn) {
			if (m == null || m.isBlank()) {
				continue;
			}
			for (String part : m.split(",")) {
				String p = part.strip();
				if (p.isEmpty()) {
					continue;
				}
				if (!MATCHES.contains(p)) {
					throw new BusinessRuleException("matchOn", "imports.match.unknown", String.join(", ", MATCHES));
				}
				set.add(p);
			}
		}
		return set;
	}

	private static @Nullable String blankToNull(String text) {
		return text.isBlank() ? null : text;
	}

	ImportJobView view(ImportJobRecord job) {
		double progress = ("done".equals(job.getStatus()) || "checked".equals(job.getStatus())
				|| "undone".equals(job.getStatus())) ? 1.0
						: (job.getBytesTotal() > 0) ? Math.min(1.0, (double) job.getBytesDone() / job.getBytesTotal())
								: 0;
		double rate = 0;
		Long eta = null;
		if (job.getStartedAt() != null) {
			OffsetDateTime end = (job.getFinishedAt() != null) ? job.getFinishedAt() : now();
			double seconds = Math.max(0.001, Duration.between(job.getStartedAt(), end).toMillis() / 1000.0);
			rate = job.getRowsDone() / seconds;
			if (job.getFinishedAt() == null && progress > 0.0001) {
				eta = Math.round(seconds * (1 - progress) / progress);
			}
		}
		boolean undoable = ("done".equals(job.getStatus()) || "failed".equals(job.getStatus()))
				&& !Boolean.TRUE.equals(job.getDryRun()) && job.getFinishedAt() != null
				&& job.getFinishedAt().toInstant().plus(this.properties.undoPeriod()).isAfter(this.clock.instant());
		return new ImportJobView(job.getId(), job.getFileName(), job.getObjectKind(), job.getFormat(),
				job.getEncoding(), job.getDelimiter(), job.getSheet(), header(job), mapping(job),
				job.getDuplicateAction(),
				new LinkedHashSet<>(List.of(job.getMatchOn().isEmpty() ? new String[0] : job.getMatchOn().split(","))),
				job.getStatus(), Boolean.TRUE.equals(job.getDryRun()), progress, job.getRowsDone(), job.getRowsTotal(),
				Math.round(rate * 10) / 10.0, eta,
				new ImportJobView.Counts(job.getCreatedCount(), job.getUpdatedCount(), job.getSkippedCount(),
						job.getFailedCount(), job.getWarningCount()),
				job.getStartedAt(), job.getFinishedAt(), job.getUndoneAt(), job.getUndoSummary(), job.getFailure(),
				undoable, job.getCreatedAt(), job.getVersion());
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
