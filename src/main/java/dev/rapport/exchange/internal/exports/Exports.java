package dev.rapport.exchange.internal.exports;

import static dev.rapport.exchange.internal.db.Tables.EXCHANGE_FILE;
import static dev.rapport.exchange.internal.db.Tables.EXPORT_JOB;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import ezvcard.io.text.VCardWriter;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import dev.rapport.customers.Customers;
import dev.rapport.customers.PersonView;
import dev.rapport.exchange.internal.FileStore;
import dev.rapport.exchange.internal.db.tables.records.ExportJobRecord;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.platform.Actor;
import dev.rapport.platform.ActorPrincipal;
import dev.rapport.platform.Actors;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.ListExport;
import dev.rapport.platform.NotFoundException;

/**
 * Exports of list views: started by a user (the list's parameters checked at once), run
 * by a background job as that user, written to a temporary file and kept in the
 * {@link FileStore} until they expire. Only their creator, or an administrator, sees and
 * downloads them.
 */
@Component
public class Exports {

	private static final Logger log = LoggerFactory.getLogger(Exports.class);

	/** A running job whose node died is taken up again after this long. */
	private static final java.time.Duration STALE_RUN = java.time.Duration.ofMinutes(15);

	/** How often the written row count is saved, for the progress shown. */
	private static final int PROGRESS_EVERY = 500;

	private final DSLContext dsl;

	private final List<ListExport> lists;

	private final FileStore files;

	private final Customers customers;

	private final AccessPolicy accessPolicy;

	private final ExportProperties properties;

	private final Clock clock;

	private final ObjectProvider<SchedulerClient> scheduler;

	Exports(DSLContext dsl, List<ListExport> lists, FileStore files, Customers customers, AccessPolicy accessPolicy,
			ExportProperties properties, Clock clock, ObjectProvider<SchedulerClient> scheduler) {
		this.dsl = dsl;
		this.lists = lists;
		this.files = files;
		this.customers = customers;
		this.accessPolicy = accessPolicy;
		this.properties = properties;
		this.clock = clock;
		this.scheduler = scheduler;
	}

	/** The lists that can be exported, by name. */
	public List<String> objects() {
		return this.lists.stream().map(ListExport::object).sorted().toList();
	}

	/**
	 * Starts an export of a list with the parameters of its address bar, as the current
	 * user. Rejects an unknown list ({@code object}), format ({@code format}; vCard only
	 * for people) and parameters the list cannot read (naming them).
	 */
	public ExportJob start(String object, String format, @Nullable String query) {
		ListExport list = list(object);
		ExportFormat chosen = ExportFormat.of(format)
			.orElseThrow(() -> new BusinessRuleException("format", "export.format.unknown", format));
		if (chosen.vcard() && !"people".equals(list.object())) {
			throw new BusinessRuleException("format", "export.format.vcard-people");
		}
		Map<String, List<String>> parameters = QueryStrings.parse(query);
		ListExport.Presentation presentation = presentation();
		list.headers(parameters, presentation);
		ExportJobRecord job = this.dsl.newRecord(EXPORT_JOB);
		job.setId(Ids.newId());
		job.setObject(list.object());
		job.setFormat(chosen.code());
		String text = (query != null) ? query : "";
		job.setParameters(text.length() > 4000 ? text.substring(0, 4000) : text);
		job.setLocale(presentation.locale().toLanguageTag());
		job.setTimeZone(presentation.timeZone().getId());
		job.setStatus(ExportJob.QUEUED);
		job.setRowsWritten(0);
		job.store();
		// Scheduled after the job's row is committed, so the scheduler finds it at once.
		this.scheduler.getObject()
			.schedule(new TaskInstance<>(ExportJobs.EXPORT, job.getId().toString(), job.getWorkspaceId().toString()),
					Instant.now(this.clock));
		return view(job, null);
	}

	/** An export of the current user (any, for administrators). */
	public ExportJob get(UUID id) {
		return this.dsl.select(EXPORT_JOB.asterisk(), EXCHANGE_FILE.NAME, EXCHANGE_FILE.SIZE_BYTES)
			.from(EXPORT_JOB)
			.leftJoin(EXCHANGE_FILE)
			.on(EXCHANGE_FILE.WORKSPACE_ID.eq(EXPORT_JOB.WORKSPACE_ID).and(EXCHANGE_FILE.ID.eq(EXPORT_JOB.FILE_ID)))
			.where(reach())
			.and(EXPORT_JOB.ID.eq(id))
			.fetchOptional(this::view)
			.orElseThrow(() -> new NotFoundException("export", id));
	}

	/** The current user's exports, newest first. */
	public List<ExportJob> mine(int limit) {
		return this.dsl.select(EXPORT_JOB.asterisk(), EXCHANGE_FILE.NAME, EXCHANGE_FILE.SIZE_BYTES)
			.from(EXPORT_JOB)
			.leftJoin(EXCHANGE_FILE)
			.on(EXCHANGE_FILE.WORKSPACE_ID.eq(EXPORT_JOB.WORKSPACE_ID).and(EXCHANGE_FILE.ID.eq(EXPORT_JOB.FILE_ID)))
			.where(EXPORT_JOB.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(EXPORT_JOB.CREATED_BY.eq(Actors.require().userId()))
			.orderBy(EXPORT_JOB.CREATED_AT.desc(), EXPORT_JOB.ID.desc())
			.limit(limit)
			.fetch(this::view);
	}

	/** A written export file, to download; 404 when expired or not written yet. */
	public Download download(UUID id) {
		ExportJob job = get(id);
		UUID fileId = this.dsl.select(EXPORT_JOB.FILE_ID)
			.from(EXPORT_JOB)
			.where(EXPORT_JOB.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(EXPORT_JOB.ID.eq(id))
			.fetchOne(EXPORT_JOB.FILE_ID);
		if (!job.downloadable() || fileId == null) {
			throw new NotFoundException("export-file", id);
		}
		FileStore.StoredFile file = this.files.find(fileId).orElseThrow(() -> new NotFoundException("export-file", id));
		return new Download(file, this.files.open(fileId));
	}

	/** A file to send and its content, read in chunks. */
	public record Download(FileStore.StoredFile file, InputStream content) {
	}

	/** One person as a vCard (4.0, or 3.0), if the current user may read them. */
	public byte[] vcard(UUID personId, boolean version3) {
		PersonView person = this.customers.findPerson(personId)
			.orElseThrow(() -> new NotFoundException("person", personId));
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		try (VCardWriter writer = VCards.writer(out, version3)) {
			VCards.write(writer, person);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * Runs a queued export (called by its job, on any node): claims it, writes the file
	 * as its creator, stores it and marks it done, or failed with the reason. A job
	 * another run holds is left alone.
	 */
	public void run(UUID workspaceId, UUID id) {
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		int claimed = this.dsl.update(EXPORT_JOB)
			.set(EXPORT_JOB.STATUS, ExportJob.RUNNING)
			.set(EXPORT_JOB.STARTED_AT, now)
			.where(EXPORT_JOB.WORKSPACE_ID.eq(workspaceId))
			.and(EXPORT_JOB.ID.eq(id))
			.and(EXPORT_JOB.STATUS.eq(ExportJob.QUEUED)
				.or(EXPORT_JOB.STATUS.eq(ExportJob.RUNNING).and(EXPORT_JOB.STARTED_AT.lt(now.minus(STALE_RUN)))))
			.execute();
		if (claimed == 0) {
			return;
		}
		ExportJobRecord job = this.dsl.selectFrom(EXPORT_JOB)
			.where(EXPORT_JOB.WORKSPACE_ID.eq(workspaceId))
			.and(EXPORT_JOB.ID.eq(id))
			.fetchSingle();
		Locale previous = LocaleContextHolder.getLocale();
		try {
			Locale locale = Locale.forLanguageTag(job.getLocale());
			LocaleContextHolder.setLocale(locale);
			Actors.runAs(new Actor(workspaceId, job.getCreatedBy()),
					() -> write(job, new ListExport.Presentation(locale, ZoneId.of(job.getTimeZone()))));
		}
		catch (BusinessRuleException ex) {
			fail(workspaceId, id, ex.messageKey());
		}
		catch (RuntimeException ex) {
			log.warn("Export {} failed", id, ex);
			fail(workspaceId, id, "export.failed");
		}
		finally {
			LocaleContextHolder.setLocale(previous);
		}
	}

	/** Deletes the import and export files of every workspace whose time has come. */
	public int cleanup() {
		return this.files.deleteExpired(OffsetDateTime.now(this.clock));
	}

	private void write(ExportJobRecord job, ListExport.Presentation presentation) {
		ListExport list = list(job.getObject());
		ExportFormat format = ExportFormat.of(job.getFormat()).orElseThrow();
		Map<String, List<String>> parameters = QueryStrings.parse(job.getParameters());
		int[] count = new int[1];
		Path temp = null;
		try {
			temp = Files.createTempFile("rapport-export-", "." + format.extension());
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
				if (format.vcard()) {
					try (VCardWriter writer = VCards.writer(out, format == ExportFormat.VCARD3)) {
						list.rows(parameters, presentation, (row) -> {
							Optional<PersonView> person = this.customers.findPerson(row.id());
							if (person.isPresent()) {
								try {
									VCards.write(writer, person.get());
								}
								catch (IOException ex) {
									throw new java.io.UncheckedIOException(ex);
								}
								progress(job, ++count[0]);
							}
						});
					}
				}
				else {
					try (TableWriter writer = (format == ExportFormat.CSV) ? TableWriter.csv(out)
							: TableWriter.xlsx(out, list.object())) {
						writer.header(list.headers(parameters, presentation));
						list.rows(parameters, presentation, (row) -> {
							try {
								writer.row(row.cells());
							}
							catch (IOException ex) {
								throw new java.io.UncheckedIOException(ex);
							}
							progress(job, ++count[0]);
						});
						writer.finish();
					}
				}
			}
			OffsetDateTime finished = OffsetDateTime.now(this.clock);
			OffsetDateTime expires = finished.plus(this.properties.expiry());
			String name = job.getObject() + "-" + finished.atZoneSameInstant(presentation.timeZone())
				.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm", Locale.ROOT)) + "." + format.extension();
			FileStore.StoredFile file;
			try (InputStream in = Files.newInputStream(temp)) {
				file = this.files.store(name, format.contentType(), "export", in, this.properties.maxBytes(), expires);
			}
			this.dsl.update(EXPORT_JOB)
				.set(EXPORT_JOB.STATUS, ExportJob.DONE)
				.set(EXPORT_JOB.ROWS_WRITTEN, count[0])
				.set(EXPORT_JOB.FILE_ID, file.id())
				.set(EXPORT_JOB.FINISHED_AT, finished)
				.set(EXPORT_JOB.EXPIRES_AT, expires)
				.where(EXPORT_JOB.WORKSPACE_ID.eq(job.getWorkspaceId()))
				.and(EXPORT_JOB.ID.eq(job.getId()))
				.execute();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (FileStore.FileTooLargeException ex) {
			throw new BusinessRuleException(null, "export.too-large");
		}
		finally {
			if (temp != null) {
				try {
					Files.deleteIfExists(temp);
				}
				catch (IOException ex) {
					log.warn("Could not delete {}", temp, ex);
				}
			}
		}
	}

	private void progress(ExportJobRecord job, int written) {
		if (written % PROGRESS_EVERY == 0) {
			this.dsl.update(EXPORT_JOB)
				.set(EXPORT_JOB.ROWS_WRITTEN, written)
				.where(EXPORT_JOB.WORKSPACE_ID.eq(job.getWorkspaceId()))
				.and(EXPORT_JOB.ID.eq(job.getId()))
				.execute();
		}
	}

	private void fail(UUID workspaceId, UUID id, String messageKey) {
		this.dsl.update(EXPORT_JOB)
			.set(EXPORT_JOB.STATUS, ExportJob.FAILED)
			.set(EXPORT_JOB.ERROR, messageKey)
			.set(EXPORT_JOB.FINISHED_AT, OffsetDateTime.now(this.clock))
			.where(EXPORT_JOB.WORKSPACE_ID.eq(workspaceId))
			.and(EXPORT_JOB.ID.eq(id))
			.execute();
	}

	private ListExport list(String object) {
		return this.lists.stream()
			.filter((l) -> l.object().equals(object))
			.findFirst()
			.orElseThrow(() -> new BusinessRuleException("object", "export.object.unknown", object,
					String.join(", ", objects())));
	}

	private Condition reach() {
		Condition workspace = EXPORT_JOB.WORKSPACE_ID.eq(Actors.workspaceId());
		if (this.accessPolicy.currentScope().administrator()) {
			return workspace;
		}
		return workspace.and(EXPORT_JOB.CREATED_BY.eq(Actors.require().userId()));
	}

	private static ListExport.Presentation presentation() {
		Optional<ActorPrincipal> principal = Actors.principal();
		return new ListExport.Presentation(
				principal.map(ActorPrincipal::locale).orElse(LocaleContextHolder.getLocale()),
				principal.map(ActorPrincipal::timeZone).orElse(ZoneOffset.UTC));
	}

	private ExportJob view(Record r) {
		return view(r.into(EXPORT_JOB), r);
	}

	private ExportJob view(ExportJobRecord job, @Nullable Record joined) {
		String fileName = (joined != null) ? joined.get(EXCHANGE_FILE.NAME) : null;
		Long size = (joined != null) ? joined.get(EXCHANGE_FILE.SIZE_BYTES) : null;
		boolean downloadable = ExportJob.DONE.equals(job.getStatus()) && fileName != null
				&& (job.getExpiresAt() == null || job.getExpiresAt().isAfter(OffsetDateTime.now(this.clock)));
		return new ExportJob(job.getId(), job.getObject(), job.getFormat(), job.getStatus(), job.getRowsWritten(),
				fileName, size, job.getError(), job.getCreatedAt(), job.getCreatedBy(), job.getFinishedAt(),
				job.getExpiresAt(), downloadable);
	}

}
