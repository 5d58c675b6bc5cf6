package dev.rapport.exchange.internal.imports;

import static dev.rapport.exchange.internal.db.Tables.IMPORT_JOB;
import static dev.rapport.exchange.internal.db.Tables.IMPORT_RECORD;
import static dev.rapport.exchange.internal.db.Tables.IMPORT_ROW;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jooq.DSLContext;
import org.jooq.InsertValuesStepN;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.activities.Activities;
import dev.rapport.activities.ActivityInput;
import dev.rapport.activities.ActivityView;
import dev.rapport.customers.CompanyChange;
import dev.rapport.customers.CompanyView;
import dev.rapport.customers.ContactInput.AddressInput;
import dev.rapport.customers.ContactInput.EmailInput;
import dev.rapport.customers.ContactInput.PhoneInput;
import dev.rapport.customers.Customers;
import dev.rapport.customers.PersonChange;
import dev.rapport.customers.PersonView;
import dev.rapport.customization.FieldDefinition;
import dev.rapport.customization.FieldType;
import dev.rapport.dataquality.Duplicates;
import dev.rapport.exchange.internal.db.tables.records.ImportJobRecord;
import dev.rapport.exchange.internal.db.tables.records.ImportRecordRecord;
import dev.rapport.identity.UserView;
import dev.rapport.identity.Users;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.sales.DealInput;
import dev.rapport.sales.DealView;
import dev.rapport.sales.Deals;
import dev.rapport.sales.PipelineView;
import dev.rapport.sales.Pipelines;
import dev.rapport.sales.Transaction;
import dev.rapport.sales.TransactionInput;
import dev.rapport.sales.Transactions;

/**
 * Runs an import in the background, as the user who started it: reads the file row by
 * row, converts each row through the mapping, matches it against existing records and
 * earlier rows in batches (one query per kind of match and batch), and writes through the
 * other modules' facades, so that every row meets the same validation as a form. A dry
 * run does the same and writes nothing but its report. Undo reverses a run.
 */
@Component
class ImportRunner {

	/** What a job does. */
	enum Mode {

		CHECK, RUN, UNDO

	}

	/** Separates the arguments of a stored message. */
	static final String SEPARATOR = "\u001f";

	private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

	/** How many blocking keys of a file are remembered to find similar rows. */
	private static final int MAX_BLOCKS = 200_000;

	private static final Pattern INDEXED = Pattern.compile("^people\\[(\\d+)]\\.(.*)$");

	private static final Pattern CONTACT = Pattern.compile("^(emails|phones)\\[(\\d+)].*$");

	private final DSLContext dsl;

	private final ImportFiles files;

	private final ImportProperties properties;

	private final Customers customers;

	private final Deals deals;

	private final Pipelines pipelines;

	private final Activities activities;

	private final Transactions transactions;

	private final Users users;

	private final dev.rapport.customization.CustomFields customFields;

	private final ObjectProvider<Duplicates> duplicates;

	private final JsonMapper json;

	private final TransactionTemplate rolledBack;

	private final Clock clock;

	ImportRunner(DSLContext dsl, ImportFiles files, ImportProperties properties, Customers customers, Deals deals,
			Pipelines pipelines, Activities activities, Transactions transactions, Users users,
			dev.rapport.customization.CustomFields customFields, ObjectProvider<Duplicates> duplicates, JsonMapper json,
			PlatformTransactionManager transactions2, Clock clock) {
		this.dsl = dsl;
		this.files = files;
		this.properties = properties;
		this.customers = customers;
		this.deals = deals;
		this.pipelines = pipelines;
		this.activities = activities;
		this.transactions = transactions;
		this.users = users;
		this.customFields = customFields;
		this.duplicates = duplicates;
		this.json = json;
		this.rolledBack = new TransactionTemplate(transactions2);
		this.rolledBack.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/** Runs the job named by the task's data: {@code mode:workspace:job:user}. */
	void execute(String data) {
		String[] parts = data.split(":");
		Mode mode = Mode.valueOf(parts[0]);
		UUID workspaceId = UUID.fromString(parts[1]);
		UUID jobId = UUID.fromString(parts[2]);
		UUID userId = UUID.fromString(parts[3]);
		Actors.runAs(new Actor(workspaceId, userId), () -> run(mode, jobId));
	}

	private void run(Mode mode, UUID jobId) {
		ImportJobRecord job = this.dsl.selectFrom(IMPORT_JOB)
			.where(IMPORT_JOB.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(IMPORT_JOB.ID.eq(jobId))
			.fetchOne();
		if (job == null) {
			return;
		}
		try {
			if (mode == Mode.UNDO) {
				undo(job);
				return;
			}
			if (job.getStartedAt() != null && !"checking".equals(job.getStatus())) {
				// A run that started before (the node stopped) is not run twice.
				fail(job, "imports.job.interrupted");
				return;
			}
			this.dsl.deleteFrom(IMPORT_ROW)
				.where(IMPORT_ROW.WORKSPACE_ID.eq(job.getWorkspaceId()))
				.and(IMPORT_ROW.JOB_ID.eq(job.getId()))
				.execute();
			job.setStatus((mode == Mode.CHECK) ? "checking" : "running");
			job.setStartedAt(now());
			job.store();
			new Pass(job, mode).run();
		}
		catch (BusinessRuleException ex) {
			job.refresh();
			fail(job, ex.messageKey(), ex.arguments());
		}
		catch (RuntimeException ex) {
			log.warn("Import {} failed", jobId, ex);
			job.refresh();
			fail(job, "imports.job.failed");
		}
	}

	private void fail(ImportJobRecord job, String key, Object... arguments) {
		StringBuilder failure = new StringBuilder(key);
		for (Object argument : arguments) {
			failure.append(SEPARATOR).append(argument);
		}
		job.setStatus("failed");
		job.setFailure((failure.length() > 500) ? failure.substring(0, 500) : failure.toString());
		job.setFinishedAt(now());
		job.store();
	}

	/** One pass over the file. */
	private final class Pass {

		private final ImportJobRecord job;

		private final Mode mode;

		private final boolean check;

		private final String object;

		private final List<String> header;

		private final Map<Integer, String> mapping;

		private final Set<String> matchOn;

		private final String action;

		private final Map<String, FieldDefinition> customByKey = new HashMap<>();

		private final Map<String, UUID> ownersByName = new HashMap<>();

		private final LongIntMap seen = new LongIntMap();

		private final Map<String, UUID> newCompanies = new HashMap<>();

		private final Map<String, Map.Entry<Integer, Duplicates.PersonProbe>> blocks = new HashMap<>();

		private final List<Converted> pending = new ArrayList<>();

		private final Set<Integer> pendingRows = new HashSet<>();

		private int rows;

		private int created;

		private int updated;

		private int skipped;

		private int failed;

		private int warnings;

		private double progress;

		private @Nullable List<PipelineView> pipelineList;

		Pass(ImportJobRecord job, Mode mode) {
			this.job = job;
			this.mode = mode;
			this.check = mode == Mode.CHECK;
			this.object = job.getObjectKind();
			this.header = ImportRunner.this.json.readValue(job.getHeaderRow(), new TypeReference<List<String>>() {
			});
			this.mapping = ImportRunner.this.json.readValue(job.getMapping(),
					new TypeReference<LinkedHashMap<Integer, String>>() {
					});
			this.matchOn = new LinkedHashSet<>(List.of(job.getMatchOn().split(",")));
			this.action = job.getDuplicateAction();
			String kind = switch (this.object) {
				case ImportFields.PERSON -> dev.rapport.customization.CustomFields.PERSON;
				case ImportFields.COMPANY -> dev.rapport.customization.CustomFields.COMPANY;
				case ImportFields.DEAL -> dev.rapport.customization.CustomFields.DEAL;
				default -> null;
			};
			if (kind != null) {
				ImportRunner.this.customFields.fieldsOf(kind, false).forEach((f) -> this.customByKey.put(f.key(), f));
			}
			for (UserView user : ImportRunner.this.users.active()) {
				this.ownersByName.put(user.email().toLowerCase(Locale.ROOT), user.id());
				this.ownersByName.putIfAbsent(user.displayName().strip().toLowerCase(Locale.ROOT), user.id());
			}
		}

		void run() {
			try (ImportFiles.Opened opened = ImportRunner.this.files.open(this.job.getFileId(), this.job.getFileName(),
					this.job.getBytesTotal(), new ImportFiles.Choices(this.job.getEncoding(), this.job.getDelimiter(),
							this.job.getSheet(), Boolean.TRUE.equals(this.job.getEncodingChosen())))) {
				TableSource source = opened.source();
				TableSource.Row row;
				int batch = Math.max(1, ImportRunner.this.properties.batchSize());
				while ((row = source.next()) != null) {
					Converted c = convert(row);
					if (c.repeats > 0 && "update".equals(this.action) && this.pendingRows.contains(c.repeats)) {
						flush(source);
					}
					this.pending.add(c);
					this.pendingRows.add(row.number());
					if (this.pending.size() >= batch) {
						flush(source);
					}
				}
				this.progress = 1;
				flush(source);
			}
			this.job.refresh();
			this.job.setStatus(this.check ? "checked" : "done");
			this.job.setRowsTotal(this.rows);
			this.job.setBytesDone(this.job.getBytesTotal());
			this.job.setFinishedAt(now());
			this.job.store();
		}

		private void flush(TableSource source) {
			if (this.progress < 1) {
				this.progress = Math.max(0, source.progress());
			}
			if (!this.pending.isEmpty()) {
				List<Converted> batch = List.copyOf(this.pending);
				this.pending.clear();
				this.pendingRows.clear();
				switch (this.object) {
					case ImportFields.PERSON -> people(batch);
					case ImportFields.COMPANY -> companies(batch);
					case ImportFields.DEAL -> each(batch, this::deal);
					case ImportFields.ACTIVITY -> each(batch, this::activity);
					case ImportFields.TRANSACTION -> each(batch, this::transaction);
					default -> throw new IllegalStateException(this.object);
				}
				report(batch);
			}
			ImportRunner.this.dsl.update(IMPORT_JOB)
				.set(IMPORT_JOB.ROWS_DONE, this.rows)
				.set(IMPORT_JOB.CREATED_COUNT, this.created)
				.set(IMPORT_JOB.UPDATED_COUNT, this.updated)
				.set(IMPORT_JOB.SKIPPED_COUNT, this.skipped)
				.set(IMPORT_JOB.FAILED_COUNT, this.failed)
				.set(IMPORT_JOB.WARNING_COUNT, this.warnings)
				.set(IMPORT_JOB.BYTES_DONE, Math.round(this.job.getBytesTotal() * this.progress))
				.where(IMPORT_JOB.WORKSPACE_ID.eq(this.job.getWorkspaceId()))
				.and(IMPORT_JOB.ID.eq(this.job.getId()))
				.execute();
		}

		private void report(List<Converted> batch) {
			InsertValuesStepN<?> insert = null;
			int count = 0;
			for (Converted c : batch) {
				this.rows++;
				if (c.failed()) {
					this.failed++;
				}
				else if ("skip".equals(c.action)) {
					this.skipped++;
				}
				else if ("update".equals(c.action)) {
					this.updated++;
				}
				else {
					this.created++;
				}
				for (TableSource.Finding f : c.findings) {
					if (f.level() == TableSource.Level.WARNING) {
						this.warnings++;
					}
					if (insert == null) {
						insert = ImportRunner.this.dsl.insertInto(IMPORT_ROW,
								List.of(IMPORT_ROW.WORKSPACE_ID, IMPORT_ROW.JOB_ID, IMPORT_ROW.ROW_NUMBER,
										IMPORT_ROW.LEVEL, IMPORT_ROW.FIELD, IMPORT_ROW.COLUMN_NAME,
										IMPORT_ROW.MESSAGE_KEY, IMPORT_ROW.ARGUMENTS));
					}
					String column = (f.column() >= 0 && f.column() < this.header.size()) ? this.header.get(f.column())
							: (f.column() >= 0) ? XlsxSource.cellName(f.column(), 1).replaceAll("\\d", "") : null;
					String field = (f.field() != null) ? f.field()
							: (f.column() >= 0) ? this.mapping.get(f.column()) : null;
					String arguments = String.join(SEPARATOR, f.arguments());
					insert = insert.values(this.job.getWorkspaceId(), this.job.getId(), c.row.number(),
							f.level().code(), cut(field, 100), cut(column, 255), f.messageKey(), cut(arguments, 2000));
					if (++count >= 500) {
						insert.execute();
						insert = null;
						count = 0;
					}
				}
			}
			if (insert != null) {
				insert.execute();
			}
		}

		private Converted convert(TableSource.Row row) {
			Converted c = new Converted(row);
			this.mapping.forEach((column, field) -> {
				String value = row.cell(column).strip();
				if (value.isEmpty()) {
					return;
				}
				c.columns.putIfAbsent(field, column);
				switch (field) {
					case "email", "email2", "email3", "personEmail" -> {
						if (!"personEmail".equals(field)) {
							c.emails.add(value);
							c.emailColumns.add(column);
						}
						c.values.putIfAbsent(field, value);
					}
					case "phone", "mobile", "phone2" -> {
						c.phones.add(new String[] { value,
								"mobile".equals(field) ? "mobile" : "phone2".equals(field) ? "home" : "work" });
						c.phoneColumns.add(column);
					}
					default -> {
						if (field.startsWith(ImportFields.CUSTOM)) {
							customValue(c, field, value);
						}
						else {
							c.values.put(field, value);
						}
					}
				}
			});
			if (ImportFields.PERSON.equals(this.object)) {
				inFile(c);
			}
			return c;
		}

		private void customValue(Converted c, String field, String value) {
			String key = field.substring(ImportFields.CUSTOM.length());
			FieldDefinition definition = this.customByKey.get(key);
			Object converted = value;
			if (definition != null) {
				if (definition.type() == FieldType.DATE) {
					Optional<LocalDate> date = Values.date(value);
					if (date.isEmpty()) {
						c.error(field, "imports.value.date-invalid", value);
						return;
					}
					converted = date.get().toString();
				}
				else if (definition.type().numeric()) {
					Optional<BigDecimal> number = Values.amount(value);
					if (number.isEmpty()) {
						c.error(field, "imports.value.number-invalid", value);
						return;
					}
					converted = number.get().toPlainString();
				}
				else if (definition.type() == FieldType.MULTI_PICKLIST) {
					converted = split(value);
				}
			}
			c.custom.put(key, converted);
		}

		/**
		 * Flags a row that repeats an e-mail address, phone or external id of an earlier
		 * row.
		 */
		private void inFile(Converted c) {
			int first = 0;
			List<String> keys = new ArrayList<>();
			c.emails.forEach((e) -> keys.add("e:" + e.toLowerCase(Locale.ROOT)));
			for (String[] phone : c.phones) {
				String digits = phone[0].replaceAll("\\D", "");
				if (digits.length() >= 6) {
					keys.add("p:" + digits.substring(Math.max(0, digits.length() - 9)));
				}
			}
			if (c.value("externalId") != null) {
				keys.add("x:" + c.value("externalId"));
			}
			for (String key : keys) {
				int earlier = this.seen.putIfAbsent(LongIntMap.hash(key), c.row.number());
				if (earlier != 0 && earlier != c.row.number() && first == 0) {
					first = earlier;
				}
			}
			if (first != 0) {
				c.repeats = first;
				c.warning(null, "imports.duplicate.in-file", first);
			}
		}

		private @Nullable UUID owner(Converted c) {
			String owner = c.value("owner");
			if (owner == null) {
				return null;
			}
			UUID id = this.ownersByName.get(owner.toLowerCase(Locale.ROOT));
			if (id == null) {
				c.error("owner", "imports.owner.unknown", owner);
			}
			return id;
		}

		private List<AddressInput> address(Converted c) {
			String country = c.value("country");
			String code = (country != null) ? Countries.code(country) : null;
			if (country != null && code == null) {
				c.error("country", "imports.value.country-unknown", country);
			}
			AddressInput address = new AddressInput(null, c.value("street"), c.value("postalCode"), c.value("city"),
					c.value("region"), code);
			return address.isBlank() ? List.of() : List.of(address);
		}

		private void people(List<Converted> batch) {
			List<Converted> rows = new ArrayList<>();
			for (Converted c : batch) {
				PersonChange change = personChange(c);
				c.input = change;
				if (!c.failed()) {
					rows.add(c);
				}
			}
			linkCompanies(rows);
			similarInFile(rows);
			match(rows);
			List<Converted> creates = new ArrayList<>();
			List<Converted> updates = new ArrayList<>();
			for (Converted c : rows) {
				if (c.failed() || "skip".equals(c.action)) {
					continue;
				}
				(("update".equals(c.action)) ? updates : creates).add(c);
			}
			createPeople(creates);
			updatePeople(updates);
		}

		private PersonChange personChange(Converted c) {
			List<EmailInput> emails = new ArrayList<>();
			for (int i = 0; i < c.emails.size(); i++) {
				emails.add(new EmailInput(c.emails.get(i), null, i == 0));
			}
			List<PhoneInput> phones = new ArrayList<>();
			for (int i = 0; i < c.phones.size(); i++) {
				phones.add(new PhoneInput(c.phones.get(i)[0], c.phones.get(i)[1], i == 0));
			}
			LocalDate birthday = null;
			if (c.value("birthday") != null) {
				birthday = Values.date(c.value("birthday")).orElse(null);
				if (birthday == null) {
					c.error("birthday", "imports.value.date-invalid", c.value("birthday"));
				}
			}
			String given = c.value("givenName");
			String family = c.value("familyName");
			String display = c.value("displayName");
			return new PersonChange(given, family, display, emails, phones, address(c), birthday, c.value("jobTitle"),
					null, c.value("source"), owner(c), null,
					(c.value("tags") != null) ? split(c.value("tags")) : List.of(), c.value("preferredChannel"),
					c.value("notes"), c.custom.isEmpty() ? null : new HashMap<>(c.custom));
		}

		/** Links each row's company by name, creating those that do not exist yet. */
		private void linkCompanies(List<Converted> rows) {
			Set<String> names = new LinkedHashSet<>();
			rows.stream().map((c) -> c.value("company")).filter(Objects::nonNull).forEach(names::add);
			if (names.isEmpty()) {
				return;
			}
			Map<String, UUID> found = ImportRunner.this.customers.companiesByNames(names);
			for (Converted c : rows) {
				String name = c.value("company");
				if (name == null) {
					continue;
				}
				UUID id = found.get(name);
				if (id == null) {
					id = this.newCompanies.get(name.toLowerCase(Locale.ROOT));
				}
				if (id == null && !this.check) {
					try {
						CompanyView company = ImportRunner.this.customers.createCompany(new CompanyChange(name, null,
								null, null, null, null, null, List.of(), List.of(), null, null));
						id = company.id();
						this.newCompanies.put(name.toLowerCase(Locale.ROOT), id);
						record(c.row.number(), ImportFields.COMPANY, id, "created", null, null, company.version());
					}
					catch (InvalidFieldsException ex) {
						c.error("company", "imports.company.invalid", name);
						continue;
					}
				}
				if (id == null) {
					c.warning("company", "imports.company.new", name);
				}
				PersonChange p = (PersonChange) Objects.requireNonNull(c.input);
				c.input = new PersonChange(p.givenName(), p.familyName(), p.displayName(), p.emails(), p.phones(),
						p.addresses(), p.birthday(), p.jobTitle(), id, p.source(), p.ownerId(), p.teamId(), p.tags(),
						p.preferredChannel(), p.notes(), p.custom());
			}
		}

		/**
		 * Finds the existing person each row describes (by external id, e-mail, phone or
		 * the fuzzy rules, in that order, with one query per kind for the batch) and
		 * decides what the row does.
		 */
		private void match(List<Converted> rows) {
			Map<String, UUID> byExternal = this.matchOn.contains("externalId")
					? externalIds(ImportFields.PERSON,
							rows.stream().map((c) -> c.value("externalId")).filter(Objects::nonNull).toList())
					: Map.of();
			Map<String, List<UUID>> byEmail = this.matchOn.contains("email") ? ImportRunner.this.customers
				.peopleByEmails(rows.stream().flatMap((c) -> c.emails.stream()).collect(toSet())) : Map.of();
			Map<String, List<UUID>> byPhone = this.matchOn.contains("phone")
					? ImportRunner.this.customers.peopleByPhones(
							rows.stream().flatMap((c) -> c.phones.stream().map((p) -> p[0])).collect(toSet()))
					: Map.of();
			Map<Converted, UUID> matches = new LinkedHashMap<>();
			List<Converted> unmatched = new ArrayList<>();
			for (Converted c : rows) {
				UUID match = null;
				String how = null;
				if (c.value("externalId") != null && byExternal.containsKey(c.value("externalId"))) {
					match = byExternal.get(c.value("externalId"));
					how = "externalId";
				}
				for (int i = 0; match == null && i < c.emails.size(); i++) {
					List<UUID> ids = byEmail.get(c.emails.get(i).toLowerCase(Locale.ROOT));
					if (ids != null && !ids.isEmpty()) {
						match = ids.get(0);
						how = "email";
					}
				}
				for (int i = 0; match == null && i < c.phones.size(); i++) {
					List<UUID> ids = byPhone.get(c.phones.get(i)[0]);
					if (ids != null && !ids.isEmpty()) {
						match = ids.get(0);
						how = "phone";
					}
				}
				if (match != null) {
					matches.put(c, match);
					c.warning(how, "imports.duplicate.exists." + how, match);
				}
				else {
					unmatched.add(c);
				}
			}
			Duplicates fuzzy = this.matchOn.contains("fuzzy") ? ImportRunner.this.duplicates.getIfAvailable() : null;
			if (fuzzy != null && !unmatched.isEmpty()) {
				List<Duplicates.PersonProbe> probes = unmatched.stream().map(this::probe).toList();
				List<List<Duplicates.Candidate>> candidates = fuzzy.similarPeople(probes, 1);
				for (int i = 0; i < unmatched.size() && i < candidates.size(); i++) {
					List<Duplicates.Candidate> found = candidates.get(i);
					if (!found.isEmpty() && found.get(0).level() == Duplicates.Level.LIKELY) {
						Converted c = unmatched.get(i);
						matches.put(c, found.get(0).id());
						// The id, not shown, links the row to the person (erasure clears
						// it).
						c.warning(null, "imports.duplicate.exists.fuzzy", found.get(0).displayName(),
								Math.round(found.get(0).score() * 100), found.get(0).id());
					}
				}
			}
			// Rows that repeat an earlier row of the file follow the duplicate handling
			// too.
			// Read from the import's own records, not kept in memory: a million-row file
			// stays in a flat heap.
			Map<Integer, UUID> recordOfRow = new HashMap<>();
			List<Integer> earlier = new ArrayList<>();
			for (Converted c : rows) {
				if (c.repeats > 0 && !matches.containsKey(c)) {
					earlier.add(c.repeats);
				}
			}
			if (!earlier.isEmpty() && !this.check) {
				ImportRunner.this.dsl.select(IMPORT_RECORD.ROW_NUMBER, IMPORT_RECORD.RECORD_ID)
					.from(IMPORT_RECORD)
					.where(IMPORT_RECORD.WORKSPACE_ID.eq(this.job.getWorkspaceId()))
					.and(IMPORT_RECORD.JOB_ID.eq(this.job.getId()))
					.and(IMPORT_RECORD.OBJECT_KIND.eq(ImportFields.PERSON))
					.and(IMPORT_RECORD.ROW_NUMBER.in(earlier))
					.forEach((r) -> recordOfRow.put(r.value1(), r.value2()));
			}
			for (Converted c : rows) {
				UUID match = matches.get(c);
				boolean repeat = match == null && c.repeats > 0;
				if (repeat) {
					match = recordOfRow.get(c.repeats);
				}
				if (match == null && !repeat) {
					continue;
				}
				switch (this.action) {
					case "skip" -> c.action = "skip";
					case "update" -> {
						// An earlier row that failed made nothing to update; a dry run
						// wrote nothing.
						c.action = (match != null || this.check) ? "update" : "create";
						c.target = match;
					}
					default -> c.action = "create";
				}
			}
		}

		/**
		 * With the fuzzy rules, flags a row that is likely the same person as an earlier
		 * row of the file, comparing only rows that share a blocking key (the latest row
		 * per key is kept, for a bounded number of keys).
		 */
		private void similarInFile(List<Converted> rows) {
			Duplicates fuzzy = this.matchOn.contains("fuzzy") ? ImportRunner.this.duplicates.getIfAvailable() : null;
			if (fuzzy == null) {
				return;
			}
			for (Converted c : rows) {
				Duplicates.PersonProbe probe = probe(c);
				Set<String> keys = fuzzy.blockingKeys(probe);
				for (String key : keys) {
					Map.Entry<Integer, Duplicates.PersonProbe> earlier = this.blocks.get(key);
					if (c.repeats == 0 && earlier != null) {
						Duplicates.Match match = fuzzy.compare(earlier.getValue(), probe);
						if (match.level() == Duplicates.Level.LIKELY) {
							c.repeats = earlier.getKey();
							c.warning(null, "imports.duplicate.in-file-similar", earlier.getKey(),
									Math.round(match.score() * 100));
						}
					}
					if (this.blocks.size() < MAX_BLOCKS || this.blocks.containsKey(key)) {
						this.blocks.put(key, Map.entry(c.row.number(), probe));
					}
				}
			}
		}

		private Duplicates.PersonProbe probe(Converted c) {
			PersonChange p = (PersonChange) Objects.requireNonNull(c.input);
			AddressInput a = p.addresses().isEmpty() ? null : p.addresses().get(0);
			return new Duplicates.PersonProbe(null, p.givenName(), p.familyName(), p.displayName(), c.emails,
					c.phones.stream().map((x) -> x[0]).toList(), c.value("company"), (a != null) ? a.street() : null,
					(a != null) ? a.postalCode() : null, (a != null) ? a.city() : null);
		}

		private void createPeople(List<Converted> creates) {
			List<Converted> left = new ArrayList<>(creates);
			while (!left.isEmpty()) {
				List<PersonChange> changes = left.stream().map((c) -> (PersonChange) c.input).toList();
				try {
					if (this.check) {
						ImportRunner.this.customers.checkPeople(changes);
						return;
					}
					List<UUID> ids = ImportRunner.this.customers.createPeople(changes, null);
					for (int i = 0; i < ids.size(); i++) {
						Converted c = left.get(i);
						recordLater(c.row.number(), ImportFields.PERSON, ids.get(i), "created", c.value("externalId"),
								null, 0);
					}
					flushRecords();
					return;
				}
				catch (InvalidFieldsException ex) {
					Set<Converted> bad = new HashSet<>();
					for (BusinessRuleException problem : ex.problems()) {
						Matcher m = INDEXED.matcher(Objects.requireNonNullElse(problem.field(), ""));
						if (!m.matches()) {
							throw ex;
						}
						Converted c = left.get(Integer.parseInt(m.group(1)));
						problem(c, m.group(2), problem);
						bad.add(c);
					}
					left.removeAll(bad);
				}
			}
		}

		private void updatePeople(List<Converted> updates) {
			List<Converted> checked = new ArrayList<>();
			List<PersonChange> merged = new ArrayList<>();
			for (Converted c : updates) {
				if (c.target == null) {
					continue;
				}
				UUID id = c.target;
				Optional<PersonView> found = ImportRunner.this.customers.findPerson(id);
				if (found.isEmpty()) {
					c.error(null, "imports.update.gone");
					continue;
				}
				PersonView before = found.get();
				PersonChange change = merge(before, (PersonChange) Objects.requireNonNull(c.input));
				if (this.check) {
					checked.add(c);
					merged.add(change);
					continue;
				}
				guarded(c, "imports.update.denied", () -> {
					PersonView after = ImportRunner.this.customers.updatePerson(id, before.version(), change);
					recordLater(c.row.number(), ImportFields.PERSON, id, "updated", c.value("externalId"),
							ImportRunner.this.json.writeValueAsString(undoChange(before, change)), after.version());
				});
			}
			flushRecords();
			while (!checked.isEmpty()) {
				try {
					ImportRunner.this.customers.checkPeople(merged);
					return;
				}
				catch (InvalidFieldsException ex) {
					Set<Integer> bad = new HashSet<>();
					for (BusinessRuleException problem : ex.problems()) {
						Matcher m = INDEXED.matcher(Objects.requireNonNullElse(problem.field(), ""));
						if (!m.matches()) {
							throw ex;
						}
						int index = Integer.parseInt(m.group(1));
						problem(checked.get(index), m.group(2), problem);
						bad.add(index);
					}
					List<Converted> keptRows = new ArrayList<>();
					List<PersonChange> keptChanges = new ArrayList<>();
					for (int i = 0; i < checked.size(); i++) {
						if (!bad.contains(i)) {
							keptRows.add(checked.get(i));
							keptChanges.add(merged.get(i));
						}
					}
					checked = keptRows;
					merged = keptChanges;
				}
			}
		}

		/**
		 * A person's values with the row's non-empty values over them; contacts added.
		 */
		private PersonChange merge(PersonView p, PersonChange row) {
			List<EmailInput> emails = new ArrayList<>();
			Set<String> known = new HashSet<>();
			for (PersonView.Email e : p.emails()) {
				emails.add(new EmailInput(e.address(), e.label().code(), e.primary()));
				known.add(e.address().toLowerCase(Locale.ROOT));
			}
			row.emails()
				.stream()
				.filter((e) -> e.address() != null && known.add(e.address().strip().toLowerCase(Locale.ROOT)))
				.forEach((e) -> emails.add(new EmailInput(e.address(), e.label(), false)));
			List<PhoneInput> phones = new ArrayList<>();
			Set<String> knownPhones = new HashSet<>();
			for (PersonView.Phone ph : p.phones()) {
				phones.add(new PhoneInput(ph.typed(), ph.label().code(), ph.primary()));
				knownPhones.add(ph.typed().replaceAll("\\D", ""));
				if (ph.e164() != null) {
					knownPhones.add(ph.e164().replaceAll("\\D", ""));
				}
			}
			row.phones()
				.stream()
				.filter((ph) -> ph.number() != null && knownPhones
					.add(ImportRunner.this.customers.phoneE164(ph.number()).orElse(ph.number()).replaceAll("\\D", "")))
				.forEach((ph) -> phones.add(new PhoneInput(ph.number(), ph.label(), false)));
			List<AddressInput> addresses = new ArrayList<>(row.addresses());
			if (addresses.isEmpty()) {
				p.addresses()
					.forEach((a) -> addresses.add(new AddressInput(a.label().code(), a.street(), a.postalCode(),
							a.city(), a.region(), a.countryCode())));
			}
			Set<String> tags = new LinkedHashSet<>(p.tags());
			tags.addAll(row.tags());
			boolean names = row.givenName() != null || row.familyName() != null;
			// A new given or family name derives the display name again unless the row
			// has one.
			return new PersonChange(or(row.givenName(), p.givenName()), or(row.familyName(), p.familyName()),
					(row.displayName() != null) ? row.displayName() : (names ? null : p.displayName()), emails, phones,
					addresses, or(row.birthday(), p.birthday()), or(row.jobTitle(), p.jobTitle()),
					or(row.companyId(), p.companyId()), or(row.source(), p.source()), or(row.ownerId(), p.ownerId()),
					p.teamId(), new ArrayList<>(tags), or(row.preferredChannel(), p.preferredChannel()),
					or(row.notes(), p.notes()), row.custom());
		}

		/**
		 * The values to restore on undo: the person before, with the custom values the
		 * row set cleared.
		 */
		private PersonChange undoChange(PersonView p, PersonChange change) {
			Map<String, Object> custom = new HashMap<>(p.custom());
			if (change.custom() != null) {
				change.custom().keySet().forEach((k) -> custom.putIfAbsent(k, null));
			}
			return new PersonChange(p.givenName(), p.familyName(), p.displayName(),
					p.emails().stream().map((e) -> new EmailInput(e.address(), e.label().code(), e.primary())).toList(),
					p.phones()
						.stream()
						.map((ph) -> new PhoneInput(ph.typed(), ph.label().code(), ph.primary()))
						.toList(),
					p.addresses()
						.stream()
						.map((a) -> new AddressInput(a.label().code(), a.street(), a.postalCode(), a.city(), a.region(),
								a.countryCode()))
						.toList(),
					p.birthday(), p.jobTitle(), p.companyId(), p.source(), p.ownerId(), p.teamId(), p.tags(),
					p.preferredChannel(), p.notes(), custom);
		}

		/** Reports a problem the customer module found with a row, at its column. */
		private void problem(Converted c, String field, BusinessRuleException problem) {
			int column = -1;
			Matcher contact = CONTACT.matcher(field);
			if (contact.matches()) {
				List<Integer> columns = "emails".equals(contact.group(1)) ? c.emailColumns : c.phoneColumns;
				int index = Integer.parseInt(contact.group(2));
				column = (index < columns.size()) ? columns.get(index) : -1;
			}
			else {
				String mapped = switch (field.replaceAll("^addresses\\[\\d+]\\.", "")) {
					case "givenName", "familyName", "displayName" ->
						(c.columns.containsKey(field)) ? field : c.columns.containsKey("displayName") ? "displayName"
								: c.columns.containsKey("givenName") ? "givenName" : "familyName";
					case "countryCode" -> "country";
					case "ownerId" -> "owner";
					case "companyId" -> "company";
					case "street", "postalCode", "city", "region" -> field.replaceAll("^addresses\\[\\d+]\\.", "");
					default -> field;
				};
				column = c.column(mapped);
			}
			c.findings.add(new TableSource.Finding(TableSource.Level.ERROR, column, field, problem.messageKey(),
					java.util.Arrays.stream(problem.arguments()).map(String::valueOf).toList()));
		}

		private void companies(List<Converted> batch) {
			List<Converted> rows = new ArrayList<>();
			for (Converted c : batch) {
				c.input = new CompanyChange(c.value("name"), c.value("domain"), c.value("industry"),
						c.value("sizeBand"), null, owner(c), null,
						(c.value("tags") != null) ? split(c.value("tags")) : List.of(), address(c), c.value("notes"),
						c.custom.isEmpty() ? null : new HashMap<>(c.custom));
				if (!c.failed()) {
					rows.add(c);
				}
			}
			Map<String, UUID> byExternal = this.matchOn.contains("externalId")
					? externalIds(ImportFields.COMPANY,
							rows.stream().map((c) -> c.value("externalId")).filter(Objects::nonNull).toList())
					: Map.of();
			Map<String, UUID> byName = this.matchOn.contains("name") ? ImportRunner.this.customers.companiesByNames(
					rows.stream().map((c) -> c.value("name")).filter(Objects::nonNull).toList()) : Map.of();
			List<Converted> updates = new ArrayList<>();
			for (Converted c : rows) {
				UUID match = (c.value("externalId") != null) ? byExternal.get(c.value("externalId")) : null;
				String how = "externalId";
				if (match == null && c.value("name") != null) {
					match = byName.get(c.value("name"));
					how = "name";
				}
				if (match == null || "create".equals(this.action)) {
					continue;
				}
				c.warning(how, "imports.duplicate.exists." + how, match);
				if ("update".equals(this.action)) {
					c.action = "update";
					c.target = match;
					updates.add(c);
				}
				else {
					c.action = "skip";
				}
			}
			updateCompanies(updates);
			each(rows, (c) -> {
				CompanyView company = ImportRunner.this.customers.createCompany((CompanyChange) c.input);
				return new Created(company.id(), company.version());
			});
		}

		/**
		 * Updates the companies rows matched: the row's non-empty values over the
		 * company's, tags added, its address replacing theirs; what they were is kept for
		 * undo.
		 */
		private void updateCompanies(List<Converted> updates) {
			for (Converted c : updates) {
				UUID id = Objects.requireNonNull(c.target);
				Optional<CompanyView> found = ImportRunner.this.customers.findCompany(id);
				if (found.isEmpty()) {
					c.error(null, "imports.update.gone");
					continue;
				}
				CompanyView before = found.get();
				CompanyChange row = (CompanyChange) Objects.requireNonNull(c.input);
				Set<String> tags = new LinkedHashSet<>(before.tags());
				tags.addAll(row.tags());
				Map<String, Object> custom = new HashMap<>(before.custom());
				if (row.custom() != null) {
					custom.putAll(row.custom());
				}
				CompanyChange change = new CompanyChange(or(row.name(), before.name()),
						or(row.domain(), before.domain()), or(row.industry(), before.industry()),
						or(row.sizeBand(), before.sizeBand()), before.parentId(), or(row.ownerId(), before.ownerId()),
						before.teamId(), new ArrayList<>(tags),
						row.addresses().isEmpty() ? addresses(before.addresses()) : row.addresses(),
						or(row.notes(), before.notes()), custom);
				guarded(c, "imports.update.denied", () -> {
					if (this.check) {
						// Checked as the import would write it, then rolled back.
						ImportRunner.this.rolledBack.executeWithoutResult((status) -> {
							ImportRunner.this.customers.replaceCompany(id, before.version(), change);
							status.setRollbackOnly();
						});
						return;
					}
					CompanyView after = ImportRunner.this.customers.replaceCompany(id, before.version(), change);
					Map<String, Object> restored = new HashMap<>(before.custom());
					custom.keySet().forEach((k) -> restored.putIfAbsent(k, null));
					CompanyChange undo = new CompanyChange(before.name(), before.domain(), before.industry(),
							before.sizeBand(), before.parentId(), before.ownerId(), before.teamId(), before.tags(),
							addresses(before.addresses()), before.notes(), restored);
					recordLater(c.row.number(), ImportFields.COMPANY, id, "updated", c.value("externalId"),
							ImportRunner.this.json.writeValueAsString(undo), after.version());
				});
			}
			flushRecords();
		}

		/**
		 * Writes what a row says through another module; what that module refuses becomes
		 * the row's finding (a record out of reach: {@code denied}) and the import goes
		 * on.
		 */
		private void guarded(Converted c, String denied, Runnable write) {
			try {
				write.run();
			}
			catch (InvalidFieldsException ex) {
				ex.problems().forEach((p) -> problem(c, Objects.requireNonNullElse(p.field(), ""), p));
			}
			catch (StaleVersionException ex) {
				c.error(null, "imports.update.stale");
			}
			catch (BusinessRuleException ex) {
				problem(c, Objects.requireNonNullElse(ex.field(), ""), ex);
			}
			catch (NotFoundException ex) {
				c.error(null, denied);
			}
			catch (RuntimeException ex) {
				if (ex.getClass().getSimpleName().contains("AccessDenied")) {
					c.error(null, denied);
				}
				else {
					throw ex;
				}
			}
		}

		private static List<AddressInput> addresses(List<PersonView.Address> addresses) {
			return addresses.stream()
				.map((a) -> new AddressInput(a.label().code(), a.street(), a.postalCode(), a.city(), a.region(),
						a.countryCode()))
				.toList();
		}

		/** A record a row created and its version. */
		private record Created(UUID id, int version) {
		}

		private void each(List<Converted> batch, Function<Converted, @Nullable Created> create) {
			Map<String, UUID> byExternal = (!ImportFields.PERSON.equals(this.object)
					&& !ImportFields.COMPANY.equals(this.object) && this.matchOn.contains("externalId"))
							? externalIds(this.object,
									batch.stream().map((c) -> c.value("externalId")).filter(Objects::nonNull).toList())
							: Map.of();
			Map<String, List<UUID>> people = (ImportFields.DEAL.equals(this.object)
					|| ImportFields.ACTIVITY.equals(this.object) || ImportFields.TRANSACTION.equals(this.object))
							? ImportRunner.this.customers.peopleByEmails(batch.stream()
								.map((c) -> c.value("personEmail"))
								.filter(Objects::nonNull)
								.collect(toSet()))
							: Map.of();
			Map<String, UUID> peopleByExternal = externalIds(ImportFields.PERSON,
					batch.stream().map((c) -> c.value("personExternalId")).filter(Objects::nonNull).toList());
			Map<String, UUID> companies = ImportFields.COMPANY.equals(this.object) ? Map.of()
					: ImportRunner.this.customers.companiesByNames(
							batch.stream().map((c) -> c.value("company")).filter(Objects::nonNull).toList());
			for (Converted c : batch) {
				if (c.failed() || "skip".equals(c.action) || "update".equals(c.action)) {
					continue;
				}
				if (c.value("externalId") != null && byExternal.containsKey(c.value("externalId"))) {
					c.action = "skip";
					c.warning("externalId", "imports.duplicate.imported", c.value("externalId"));
					continue;
				}
				if (!ImportFields.COMPANY.equals(this.object)) {
					c.values.put("#person", resolvePerson(c, people, peopleByExternal));
					String company = c.value("company");
					if (company != null) {
						UUID id = companies.get(company);
						if (id == null) {
							c.error("company", "imports.company.unknown", company);
						}
						else {
							c.values.put("#company", id.toString());
						}
					}
				}
				if (c.failed()) {
					continue;
				}
				guarded(c, "imports.reference.denied", () -> {
					if (this.check) {
						ImportRunner.this.rolledBack.executeWithoutResult((status) -> {
							create.apply(c);
							status.setRollbackOnly();
						});
					}
					else {
						Created done = create.apply(c);
						if (done != null) {
							recordLater(c.row.number(), this.object, done.id(), "created", c.value("externalId"), null,
									done.version());
						}
					}
				});
			}
			flushRecords();
		}

		private @Nullable String resolvePerson(Converted c, Map<String, List<UUID>> byEmail,
				Map<String, UUID> byExternal) {
			String email = c.value("personEmail");
			if (email != null) {
				List<UUID> ids = byEmail.get(email.toLowerCase(Locale.ROOT));
				if (ids == null || ids.isEmpty()) {
					c.error("personEmail", "imports.person.unknown", email);
					return null;
				}
				return ids.get(0).toString();
			}
			String external = c.value("personExternalId");
			if (external != null) {
				UUID id = byExternal.get(external);
				if (id == null) {
					c.error("personExternalId", "imports.person.unknown", external);
					return null;
				}
				return id.toString();
			}
			return null;
		}

		private @Nullable UUID ref(Converted c, String key) {
			String value = c.values.get(key);
			return (value != null) ? UUID.fromString(value) : null;
		}

		private @Nullable Created deal(Converted c) {
			BigDecimal amount = amount(c, "amount");
			LocalDate close = date(c, "expectedCloseOn");
			UUID pipelineId = null;
			UUID stageId = null;
			String pipelineName = c.value("pipeline");
			String stageName = c.value("stage");
			if (pipelineName != null || stageName != null) {
				List<PipelineView> all = pipelines();
				PipelineView pipeline = (pipelineName == null) ? (all.isEmpty() ? null : all.get(0))
						: all.stream().filter((p) -> p.name().equalsIgnoreCase(pipelineName)).findFirst().orElse(null);
				if (pipeline == null) {
					c.error("pipeline", "imports.deal.pipeline-unknown", Objects.requireNonNullElse(pipelineName, ""));
				}
				else {
					pipelineId = pipeline.id();
					if (stageName != null) {
						stageId = pipeline.activeStages()
							.stream()
							.filter((s) -> s.name().equalsIgnoreCase(stageName))
							.map(PipelineView.Stage::id)
							.findFirst()
							.orElse(null);
						if (stageId == null) {
							c.error("stage", "imports.deal.stage-unknown", stageName, pipeline.name());
						}
					}
				}
			}
			UUID owner = owner(c);
			if (c.failed()) {
				return null;
			}
			UUID person = ref(c, "#person");
			DealView deal = ImportRunner.this.deals.create(new DealInput(c.value("name"), amount, c.value("currency"),
					null, close, pipelineId, stageId, owner, null, ref(c, "#company"), c.value("source"), null,
					c.value("lostReason"), (person != null) ? List.of(new DealView.Participant(person, null)) : null,
					c.custom.isEmpty() ? null : new HashMap<>(c.custom)));
			return new Created(deal.id(), deal.version());
		}

		private @Nullable Created activity(Converted c) {
			LocalDate due = date(c, "dueOn");
			OffsetDateTime starts = time(c, "startsAt");
			OffsetDateTime ends = time(c, "endsAt");
			UUID owner = owner(c);
			if (c.failed()) {
				return null;
			}
			String kind = (c.value("kind") != null) ? c.value("kind").toLowerCase(Locale.ROOT) : ActivityView.TASK;
			ActivityView activity = ImportRunner.this.activities
				.create(new ActivityInput(kind, c.value("title"), c.value("notes"),
						(c.value("priority") != null) ? c.value("priority").toLowerCase(Locale.ROOT) : null, starts,
						ends, due, owner, null, ref(c, "#person"), ref(c, "#company"), null, c.value("place"), null,
						null, null, null, null));
			return new Created(activity.id(), activity.version());
		}

		private @Nullable Created transaction(Converted c) {
			BigDecimal amount = amount(c, "amount");
			LocalDate on = date(c, "occurredOn");
			if (c.failed()) {
				return null;
			}
			String kind = (c.value("kind") != null) ? c.value("kind").toLowerCase(Locale.ROOT) : "purchase";
			Transaction t = ImportRunner.this.transactions
				.record(new TransactionInput(ref(c, "#person"), ref(c, "#company"), kind, on, amount,
						c.value("currency"), c.value("description"), c.value("externalId"), c.value("channel")));
			return new Created(t.id(), t.version());
		}

		private List<PipelineView> pipelines() {
			if (this.pipelineList == null) {
				this.pipelineList = ImportRunner.this.pipelines.list(false);
			}
			return this.pipelineList;
		}

		private @Nullable BigDecimal amount(Converted c, String field) {
			String text = c.value(field);
			if (text == null) {
				return null;
			}
			Optional<BigDecimal> amount = Values.amount(text);
			if (amount.isEmpty()) {
				c.error(field, "imports.value.amount-invalid", text);
			}
			return amount.orElse(null);
		}

		private @Nullable LocalDate date(Converted c, String field) {
			String text = c.value(field);
			if (text == null) {
				return null;
			}
			Optional<LocalDate> date = Values.date(text);
			if (date.isEmpty()) {
				c.error(field, "imports.value.date-invalid", text);
			}
			return date.orElse(null);
		}

		private @Nullable OffsetDateTime time(Converted c, String field) {
			String text = c.value(field);
			if (text == null) {
				return null;
			}
			Optional<OffsetDateTime> time = Values.time(text);
			if (time.isEmpty()) {
				c.error(field, "imports.value.time-invalid", text);
			}
			return time.orElse(null);
		}

		private final List<ImportRecordRecord> records = new ArrayList<>();

		private void recordLater(int row, String kind, UUID id, String what, @Nullable String externalId,
				@Nullable String before, int version) {
			ImportRecordRecord r = new ImportRecordRecord();
			r.setWorkspaceId(this.job.getWorkspaceId());
			r.setJobId(this.job.getId());
			r.setRowNumber(row);
			r.setObjectKind(kind);
			r.setRecordId(id);
			r.setAction(what);
			r.setExternalId(cut(externalId, 255));
			r.setBeforeValues(before);
			r.setAfterVersion(version);
			this.records.add(r);
		}

		private void record(int row, String kind, UUID id, String what, @Nullable String externalId,
				@Nullable String before, int version) {
			recordLater(row, kind, id, what, externalId, before, version);
			flushRecords();
		}

		private void flushRecords() {
			if (this.records.isEmpty()) {
				return;
			}
			InsertValuesStepN<?> insert = null;
			for (ImportRecordRecord r : this.records) {
				if (insert == null) {
					insert = ImportRunner.this.dsl.insertInto(IMPORT_RECORD,
							List.of(IMPORT_RECORD.WORKSPACE_ID, IMPORT_RECORD.JOB_ID, IMPORT_RECORD.ROW_NUMBER,
									IMPORT_RECORD.OBJECT_KIND, IMPORT_RECORD.RECORD_ID, IMPORT_RECORD.ACTION,
									IMPORT_RECORD.EXTERNAL_ID, IMPORT_RECORD.BEFORE_VALUES,
									IMPORT_RECORD.AFTER_VERSION));
				}
				insert = insert.values(r.getWorkspaceId(), r.getJobId(), r.getRowNumber(), r.getObjectKind(),
						r.getRecordId(), r.getAction(), r.getExternalId(), r.getBeforeValues(), r.getAfterVersion());
			}
			Objects.requireNonNull(insert).execute();
			this.records.clear();
		}

		/**
		 * The records earlier imports (not undone) made from these external ids, the
		 * newest per id.
		 */
		private Map<String, UUID> externalIds(String kind, Collection<String> ids) {
			Map<String, UUID> found = new HashMap<>();
			if (ids.isEmpty()) {
				return found;
			}
			ImportRunner.this.dsl.select(IMPORT_RECORD.EXTERNAL_ID, IMPORT_RECORD.RECORD_ID)
				.from(IMPORT_RECORD)
				.join(IMPORT_JOB)
				.on(IMPORT_JOB.WORKSPACE_ID.eq(IMPORT_RECORD.WORKSPACE_ID).and(IMPORT_JOB.ID.eq(IMPORT_RECORD.JOB_ID)))
				.where(IMPORT_RECORD.WORKSPACE_ID.eq(this.job.getWorkspaceId()))
				.and(IMPORT_RECORD.OBJECT_KIND.eq(kind))
				.and(IMPORT_RECORD.EXTERNAL_ID.in(new HashSet<>(ids)))
				.and(IMPORT_JOB.STATUS.ne("undone"))
				.and(IMPORT_JOB.ID.ne(this.job.getId()))
				.orderBy(IMPORT_JOB.CREATED_AT)
				.forEach((r) -> found.put(r.value1(), r.value2()));
			if (ImportFields.PERSON.equals(kind) && !found.isEmpty()) {
				Set<UUID> readable = ImportRunner.this.customers.readablePeople(found.values());
				found.values().removeIf((id) -> !readable.contains(id));
			}
			return found;
		}

	}

	private void undo(ImportJobRecord job) {
		int undone = 0;
		int kept = 0;
		List<Object[]> findings = new ArrayList<>();
		// People and the other records first, then the companies created for them; a page
		// at a time, so that a large import is undone with flat memory.
		List<ImportRecordRecord> ordered = new ArrayList<>();
		for (boolean companies : new boolean[] { false, true }) {
			int afterRow = -1;
			UUID afterId = new UUID(0, 0);
			while (true) {
				List<ImportRecordRecord> page = this.dsl.selectFrom(IMPORT_RECORD)
					.where(IMPORT_RECORD.WORKSPACE_ID.eq(job.getWorkspaceId()))
					.and(IMPORT_RECORD.JOB_ID.eq(job.getId()))
					.and(companies ? IMPORT_RECORD.OBJECT_KIND.eq(ImportFields.COMPANY)
							: IMPORT_RECORD.OBJECT_KIND.ne(ImportFields.COMPANY))
					.and(org.jooq.impl.DSL.row(IMPORT_RECORD.ROW_NUMBER, IMPORT_RECORD.RECORD_ID).gt(afterRow, afterId))
					.orderBy(IMPORT_RECORD.ROW_NUMBER, IMPORT_RECORD.RECORD_ID)
					.limit(1000)
					.fetch();
				if (page.isEmpty()) {
					break;
				}
				ImportRecordRecord last = page.get(page.size() - 1);
				afterRow = last.getRowNumber();
				afterId = last.getRecordId();
				ordered.clear();
				ordered.addAll(page);
				for (ImportRecordRecord r : ordered) {
					String reason;
					try {
						reason = undoOne(r);
					}
					catch (StaleVersionException ex) {
						reason = "imports.undo.changed";
					}
					catch (InvalidFieldsException | BusinessRuleException ex) {
						reason = "imports.undo.refused";
					}
					catch (NotFoundException ex) {
						reason = "imports.undo.gone";
					}
					catch (RuntimeException ex) {
						if (!ex.getClass().getSimpleName().contains("AccessDenied")) {
							throw ex;
						}
						reason = "imports.undo.denied";
					}
					if (reason == null) {
						undone++;
					}
					else {
						kept++;
						findings.add(new Object[] { r.getRowNumber(), reason, r.getObjectKind(), r.getRecordId() });
					}
				}
				for (Object[] f : findings) {
					this.dsl
						.insertInto(IMPORT_ROW, IMPORT_ROW.WORKSPACE_ID, IMPORT_ROW.JOB_ID, IMPORT_ROW.ROW_NUMBER,
								IMPORT_ROW.LEVEL, IMPORT_ROW.MESSAGE_KEY, IMPORT_ROW.ARGUMENTS)
						.values(job.getWorkspaceId(), job.getId(), (Integer) f[0], "undo", (String) f[1],
								f[2] + SEPARATOR + f[3])
						.execute();
				}
				findings.clear();
			}
		}
		job.refresh();
		job.setStatus("undone");
		job.setUndoneAt(now());
		job.setUndoSummary(undone + ":" + kept);
		job.store();
	}

	/** Undoes what one row did; answers why it was kept, or null when undone. */
	private @Nullable String undoOne(ImportRecordRecord r) {
		UUID id = r.getRecordId();
		switch (r.getObjectKind()) {
			case ImportFields.PERSON -> {
				Optional<PersonView> person = this.customers.findPerson(id);
				if (person.isEmpty()) {
					return "imports.undo.gone";
				}
				if ("created".equals(r.getAction())) {
					this.customers.deletePerson(id, person.get().version());
					return null;
				}
				if (r.getAfterVersion() == null || person.get().version() != r.getAfterVersion()) {
					return "imports.undo.changed";
				}
				PersonChange before = this.json.readValue(r.getBeforeValues(), PersonChange.class);
				this.customers.updatePerson(id, person.get().version(), before);
				return null;
			}
			case ImportFields.COMPANY -> {
				Optional<CompanyView> company = this.customers.findCompany(id);
				if (company.isEmpty()) {
					return "imports.undo.gone";
				}
				if ("created".equals(r.getAction())) {
					this.customers.deleteCompany(id, company.get().version());
					return null;
				}
				if (r.getAfterVersion() == null || company.get().version() != r.getAfterVersion()) {
					return "imports.undo.changed";
				}
				CompanyChange before = this.json.readValue(r.getBeforeValues(), CompanyChange.class);
				this.customers.replaceCompany(id, company.get().version(), before);
				return null;
			}
			case ImportFields.DEAL -> {
				Optional<DealView> deal = this.deals.find(id);
				if (deal.isEmpty()) {
					return "imports.undo.gone";
				}
				this.deals.delete(id, deal.get().version());
				return null;
			}
			case ImportFields.ACTIVITY -> {
				Optional<ActivityView> activity = this.activities.find(id);
				if (activity.isEmpty()) {
					return "imports.undo.gone";
				}
				this.activities.delete(id, activity.get().version());
				return null;
			}
			case ImportFields.TRANSACTION -> {
				this.transactions.voidTransaction(id, Objects.requireNonNullElse(r.getAfterVersion(), 0),
						"import undone");
				return null;
			}
			default -> {
				return "imports.undo.refused";
			}
		}
	}

	private static <T> @Nullable T or(@Nullable T first, @Nullable T second) {
		return (first != null) ? first : second;
	}

	private static List<String> split(String text) {
		List<String> parts = new ArrayList<>();
		for (String part : text.split("[;,|]")) {
			if (!part.isBlank()) {
				parts.add(part.strip());
			}
		}
		return parts;
	}

	private static @Nullable String cut(@Nullable String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max);
	}

	private static <T> java.util.stream.Collector<T, ?, Set<T>> toSet() {
		return java.util.stream.Collectors.toCollection(LinkedHashSet::new);
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
