package dev.rapport.exchange.api;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.rapport.exchange.internal.imports.ImportJobView;
import dev.rapport.exchange.internal.imports.ImportPreview;
import dev.rapport.exchange.internal.imports.ImportService;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.web.ETags;

/** Imports over REST: upload, mapping, dry run, report, run, progress and undo. */
@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "Imports")
@SecurityRequirement(name = "bearer")
class ImportApiController {

	private final ImportService imports;

	ImportApiController(ImportService imports) {
		this.imports = imports;
	}

	/** A column of the file and the field it fills, if any. */
	record Column(int index, String header, @Nullable String field) {
	}

	/** What the rows did or would do. */
	record Summary(int created, int updated, int skipped, int failed, int warnings) {
	}

	/** How far a job is. */
	record Progress(double fraction, int rowsDone, @Nullable Integer rowsTotal, double rowsPerSecond,
			@Nullable Long etaSeconds) {
	}

	/** An import with its preview when asked for. */
	record ImportResource(UUID id, String fileName, String object, String format, @Nullable String encoding,
			@Nullable String delimiter, @Nullable String sheet, String status, boolean dryRun, List<Column> columns,
			String duplicateAction, List<String> matchOn, Progress progress, Summary summary, @Nullable String failure,
			boolean undoable, @Nullable String undoSummary, @Nullable Preview preview, String report, int version) {
	}

	/** The first rows and what can be chosen. */
	record Preview(List<List<String>> rows, List<String> sheets, List<String> fields, List<String> encodings,
			List<String> delimiters) {
	}

	/**
	 * New settings: the mapping as a list of columns (index and field; a column left out
	 * or with a null field is not imported), the duplicate handling, what to match on,
	 * and how to read the file. Left out: unchanged.
	 */
	record SettingsBody(@Nullable List<Column> columns, @Nullable Map<String, String> mapping,
			@Nullable String duplicateAction, @Nullable List<String> matchOn, @Nullable String encoding,
			@Nullable String delimiter, @Nullable String sheet, @Nullable String saveAs) {
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload a file to import",
			description = "Multipart with file (CSV, XLSX or VCF, up to the upload limit, 300 MB by default) and "
					+ "object (person, company, deal, activity or transaction); optional encoding (UTF-8, "
					+ "UTF-16LE, UTF-16BE, windows-1252), delimiter (, ; tab |), sheet, duplicateAction (create, "
					+ "update, skip), matchOn (externalId, email, phone, name, fuzzy; comma-separated) and "
					+ "mappingId (a saved mapping). Answers 201 with the import, the first 20 rows and the "
					+ "suggested mapping. A file that cannot be read safely answers 422 naming file, and keeps "
					+ "nothing.")
	ResponseEntity<ImportResource> upload(@RequestPart("file") MultipartFile file,
			@RequestParam(required = false) @Nullable String object,
			@RequestParam(required = false) @Nullable String encoding,
			@RequestParam(required = false) @Nullable String delimiter,
			@RequestParam(required = false) @Nullable String sheet,
			@RequestParam(required = false) @Nullable String duplicateAction,
			@RequestParam(required = false) @Nullable List<String> matchOn,
			@RequestParam(required = false) @Nullable String mappingId) {
		ImportJobView job;
		try {
			job = this.imports.create(new ImportService.Upload(
					(file.getOriginalFilename() != null) ? file.getOriginalFilename() : "upload", file.getContentType(),
					file.getInputStream(), object, encoding, delimiter, sheet, duplicateAction, matchOn,
					(mappingId != null) ? Ids.parse("mappingId", mappingId) : null));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return ResponseEntity.status(HttpStatus.CREATED)
			.eTag(ETags.of(job.version()))
			.body(resource(job, this.imports.preview(job.id())));
	}

	@GetMapping("/{id}")
	@Operation(summary = "Read an import: status, progress, summary",
			description = "Progress has the fraction done, rows done, rows per second and the seconds left. "
					+ "With preview=true also the first 20 rows as read with the current settings.")
	ResponseEntity<ImportResource> get(@PathVariable String id, @RequestParam(defaultValue = "false") boolean preview) {
		ImportJobView job = this.imports.get(Ids.parse("import", id));
		return ResponseEntity.ok()
			.eTag(ETags.of(job.version()))
			.body(resource(job, preview ? this.imports.preview(job.id()) : null));
	}

	@PutMapping("/{id}/mapping")
	@Operation(summary = "Set the mapping and options of an import",
			description = "If-Match optional. columns: [{index, field}] with fields from the preview's fields "
					+ "(custom fields as custom.<key>). A changed encoding, delimiter or sheet reads the header "
					+ "again. saveAs saves the mapping under a name. An unknown or repeated field answers 400 "
					+ "naming mapping[<index>]; a running or finished import answers 422.")
	ResponseEntity<ImportResource> mapping(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody SettingsBody body) {
		UUID importId = Ids.parse("import", id);
		Integer version = null;
		if (ifMatch != null) {
			version = ETags.requireMatch(ifMatch, "import", this.imports.get(importId).version());
		}
		Map<Integer, String> mapping = null;
		if (body.columns() != null) {
			mapping = new LinkedHashMap<>();
			for (Column c : body.columns()) {
				if (c.field() != null && !c.field().isBlank()) {
					mapping.put(c.index(), c.field());
				}
			}
		}
		else if (body.mapping() != null) {
			mapping = new LinkedHashMap<>();
			for (Map.Entry<String, String> e : body.mapping().entrySet()) {
				try {
					mapping.put(Integer.parseInt(e.getKey()), e.getValue());
				}
				catch (NumberFormatException ex) {
					throw new BusinessRuleException("mapping[" + e.getKey() + "]", "imports.mapping.column-unknown",
							e.getKey());
				}
			}
		}
		ImportJobView job = this.imports.configure(importId, version,
				new ImportService.Settings(mapping, body.duplicateAction(), body.matchOn(), body.encoding(),
						body.delimiter(), body.sheet(), body.saveAs()));
		return ResponseEntity.ok().eTag(ETags.of(job.version())).body(resource(job, this.imports.preview(job.id())));
	}

	@PostMapping("/{id}/dry-run")
	@Operation(summary = "Check every row without writing",
			description = "Starts a background check; poll the import until its status is checked, then read the "
					+ "report. Answers 202.")
	ResponseEntity<ImportResource> dryRun(@PathVariable String id) {
		ImportJobView job = this.imports.dryRun(Ids.parse("import", id));
		return ResponseEntity.accepted().eTag(ETags.of(job.version())).body(resource(job, null));
	}

	@PostMapping("/{id}/run")
	@Operation(summary = "Import the rows",
			description = "Starts the import as a background job; poll the import for progress and the summary. "
					+ "Answers 202.")
	ResponseEntity<ImportResource> run(@PathVariable String id) {
		ImportJobView job = this.imports.run(Ids.parse("import", id));
		return ResponseEntity.accepted().eTag(ETags.of(job.version())).body(resource(job, null));
	}

	@PostMapping("/{id}/undo")
	@Operation(summary = "Undo an import",
			description = "Within 30 days: created records go to the trash, updated ones get their values back "
					+ "unless they changed since (listed in the report). Answers 202; poll until undone.")
	ResponseEntity<ImportResource> undo(@PathVariable String id) {
		ImportJobView job = this.imports.undo(Ids.parse("import", id));
		return ResponseEntity.accepted().eTag(ETags.of(job.version())).body(resource(job, null));
	}

	@GetMapping(path = "/{id}/report", produces = "text/csv")
	@Operation(summary = "Download the validation report as CSV",
			description = "One line per finding: row, level (error, warning, undo), column, field and message in "
					+ "the caller's language.")
	void report(@PathVariable String id, HttpServletResponse response) throws IOException {
		UUID importId = Ids.parse("import", id);
		this.imports.get(importId);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-report-" + id + ".csv\"");
		Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		this.imports.writeReport(importId, out, LocaleContextHolder.getLocale());
	}

	private ImportResource resource(ImportJobView job, @Nullable ImportPreview preview) {
		Locale locale = LocaleContextHolder.getLocale();
		List<Column> columns = new ArrayList<>();
		for (int i = 0; i < job.header().size(); i++) {
			columns.add(new Column(i, job.header().get(i), job.mapping().get(i)));
		}
		return new ImportResource(job.id(), job.fileName(), job.object(), job.format(), job.encoding(), job.delimiter(),
				job.sheet(), job.status(), job.dryRun(), columns, job.duplicateAction(), List.copyOf(job.matchOn()),
				new Progress(job.progress(), job.rowsDone(), job.rowsTotal(), job.rowsPerSecond(), job.etaSeconds()),
				new Summary(job.counts().created(), job.counts().updated(), job.counts().skipped(),
						job.counts().failed(), job.counts().warnings()),
				this.imports.failure(job, locale), job.undoable(), job.undoSummary(),
				(preview != null) ? new Preview(preview.rows(), preview.sheets(), preview.targets(),
						preview.encodings(), preview.delimiters()) : null,
				"/api/v1/imports/" + job.id() + "/report", job.version());
	}

}
