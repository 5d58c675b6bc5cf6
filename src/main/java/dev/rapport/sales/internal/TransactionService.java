package dev.rapport.sales.internal;

import static dev.rapport.sales.internal.db.Tables.CUSTOMER_TRANSACTION;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.CompanyView;
import dev.rapport.customers.Customers;
import dev.rapport.customers.PersonView;
import dev.rapport.customers.timeline.Timeline;
import dev.rapport.customers.timeline.TimelineEntry;
import dev.rapport.identity.UserView;
import dev.rapport.identity.Users;
import dev.rapport.platform.Actors;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.ChangeLog;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.RecordRules;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.WorkspaceScope;
import dev.rapport.sales.Transaction;
import dev.rapport.sales.TransactionCorrection;
import dev.rapport.sales.TransactionInput;
import dev.rapport.sales.internal.db.tables.CustomerTransaction;
import dev.rapport.sales.internal.db.tables.records.CustomerTransactionRecord;

/**
 * Recording purchases, payments and refunds of customers the user may change, correcting
 * and voiding them, and reading them back for customers the user may read. A transaction
 * with an external reference seen before returns the earlier one, so a point-of-sale
 * system can retry safely. Nothing is deleted: a voided transaction is kept and counts in
 * no figure.
 */
@Service
public class TransactionService implements dev.rapport.sales.Transactions {

	static final String KIND = "transaction";

	static final String MODULE = "sales";

	/** The timeline kind of a voided transaction, whatever its own kind. */
	static final String VOIDED = "voided";

	private static final CustomerTransaction REFUNDS = CUSTOMER_TRANSACTION.as("refunds");

	private static final int MAX_DESCRIPTION = 500;

	private static final int MAX_REASON = 500;

	private final DSLContext dsl;

	private final Customers customers;

	private final Timeline timeline;

	private final ChangeLog changeLog;

	private final Users users;

	private final Clock clock;

	private final RecordRules rules;

	TransactionService(DSLContext dsl, Customers customers, Timeline timeline, ChangeLog changeLog, Users users,
			Clock clock, ObjectProvider<RecordRules> rules) {
		this.dsl = dsl;
		this.customers = customers;
		this.timeline = timeline;
		this.changeLog = changeLog;
		this.users = users;
		this.clock = clock;
		this.rules = RecordRules.of(rules);
	}

	/** The standard fields of a transaction that validation rules can name. */
	static final List<String> RULE_FIELDS = List.of("kind", "personId", "companyId", "occurredOn", "amount", "currency",
			"description", "externalRef", "channel", "originalId");

	/** A transaction as the workspace's validation rules see it. */
	static Map<String, @Nullable Object> ruleValues(CustomerTransactionRecord t) {
		Map<String, @Nullable Object> values = new java.util.LinkedHashMap<>();
		values.put("kind", t.getKind());
		values.put("personId", t.getPersonId());
		values.put("companyId", t.getCompanyId());
		values.put("occurredOn", t.getOccurredOn());
		values.put("amount", t.getAmount());
		values.put("currency", t.getCurrency());
		values.put("description", t.getDescription());
		values.put("externalRef", t.getExternalRef());
		values.put("channel", t.getChannel());
		values.put("originalId", t.getOriginalId());
		return values;
	}

	private void checkRules(CustomerTransactionRecord record) {
		this.rules.check(RecordRules.TRANSACTION, ruleValues(record));
	}

	/** A recorded transaction, and whether this call created it (false for a retry). */
	public record Recorded(Transaction transaction, boolean created) {
	}

	/**
	 * A customer's totals in one currency, leaving out what was voided.
	 *
	 * @param revenue the purchases less their refunds
	 * @param purchaseCount the purchases not refunded in full
	 * @param lastPurchase the date of the newest of those
	 */
	public record Totals(String currency, BigDecimal revenue, long purchaseCount, BigDecimal payments,
			@Nullable LocalDate lastPurchase) {

		public @Nullable BigDecimal averagePurchase() {
			return (this.purchaseCount == 0) ? null
					: this.revenue.divide(BigDecimal.valueOf(this.purchaseCount), 2, RoundingMode.HALF_EVEN);
		}

	}

	/** A change of a field of a transaction, with the name of who made it. */
	public record Change(ChangeLog.Entry entry, @Nullable String byName) {
	}

	/**
	 * Records a purchase, a payment or a refund and puts it on the customer's timeline.
	 * Rejects a missing customer, an unknown kind or currency, an amount that is not
	 * positive, a date more than a day ahead, an external reference used for something
	 * else, and for a refund what {@link #refundOnce} rejects.
	 */
	@Override
	@Transactional
	public Transaction record(TransactionInput input) {
		return recordOnce(input).transaction();
	}

	/** Records a transaction, saying whether this call created it (false for a retry). */
	@Transactional
	public Recorded recordOnce(TransactionInput input) {
		String kind = (input.kind() != null) ? input.kind().strip().toLowerCase(Locale.ROOT) : Transaction.PURCHASE;
		if (Transaction.REFUND.equals(kind)) {
			if (input.originalId() == null) {
				InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
				problems.reject("originalId", "sales.refund.original.required");
				validate(problems, input);
				problems.throwIfAny();
			}
			return refundOnce(Objects.requireNonNull(input.originalId()), input);
		}
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		if (input.personId() == null && input.companyId() == null) {
			problems.reject("personId", "sales.transaction.customer.required");
		}
		if (!Transaction.KINDS.contains(kind)) {
			problems.reject("kind", "sales.transaction.kind.unknown");
		}
		if (input.originalId() != null) {
			problems.reject("originalId", "sales.transaction.original.refunds-only");
		}
		Valid valid = validate(problems, input);
		Currency currency = currency(problems, input.currency());
		problems.throwIfAny();

		UUID personId = input.personId();
		UUID companyId = input.companyId();
		if (personId != null) {
			PersonView person = this.customers.personForChange(personId);
			if (companyId == null) {
				companyId = person.companyId();
			}
			else if (!companyId.equals(person.companyId())) {
				this.customers.companyForChange(companyId);
			}
		}
		else {
			this.customers.companyForChange(Objects.requireNonNull(companyId));
		}
		if (valid.externalRef() != null) {
			Optional<CustomerTransactionRecord> earlier = byExternalRef(valid.externalRef());
			if (earlier.isPresent()) {
				CustomerTransactionRecord e = earlier.get();
				if (Transaction.REFUND.equals(e.getKind())
						|| !Objects.equals(e.getPersonId(), personId) && personId != null
						|| !Objects.equals(e.getCompanyId(), companyId) && personId == null) {
					throw new BusinessRuleException("externalRef", "sales.transaction.external-ref.taken");
				}
				return new Recorded(view(e), false);
			}
		}
		CustomerTransactionRecord record = this.dsl.newRecord(CUSTOMER_TRANSACTION);
		record.setId(Ids.newId());
		record.setPersonId(personId);
		record.setCompanyId(companyId);
		record.setKind(kind);
		record.setCurrency(currency.getCurrencyCode());
		fill(record, valid);
		record.setExternalRef(valid.externalRef());
		checkRules(record);
		record.store();
		this.timeline.record(entry(record, null));
		return new Recorded(view(record), true);
	}

	/**
	 * Records a refund of a purchase, full or partial, for the purchase's customer, onto
	 * their timeline. With an external reference seen before for a refund of the same
	 * purchase, returns that one. Answers 404 when the purchase is out of reach and 403
	 * when its customer may only be read. Rejects, naming the field, a refund of what is
	 * not a purchase or was voided, an amount over what is left to refund, another
	 * currency, another customer and a date before the purchase.
	 */
	@Transactional
	public Recorded refundOnce(UUID originalId, TransactionInput input) {
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		if (input.kind() != null && !Transaction.REFUND.equals(input.kind().strip().toLowerCase(Locale.ROOT))) {
			problems.reject("kind", "sales.refund.kind");
		}
		Valid valid = validate(problems, input);
		Currency currency = (input.currency() != null && !input.currency().isBlank())
				? currency(problems, input.currency()) : null;
		problems.throwIfAny();

		// Locked, so that two refunds at once cannot give back more than was paid.
		CustomerTransactionRecord original = lockForChange(originalId);
		if (valid.externalRef() != null) {
			Optional<CustomerTransactionRecord> earlier = byExternalRef(valid.externalRef());
			if (earlier.isPresent()) {
				if (!originalId.equals(earlier.get().getOriginalId())) {
					throw new BusinessRuleException("externalRef", "sales.transaction.external-ref.taken");
				}
				return new Recorded(view(earlier.get()), false);
			}
		}
		if (input.personId() != null && !input.personId().equals(original.getPersonId())) {
			problems.reject("personId", "sales.refund.customer");
		}
		if (input.companyId() != null && !input.companyId().equals(original.getCompanyId())) {
			problems.reject("companyId", "sales.refund.customer");
		}
		if (!Transaction.PURCHASE.equals(original.getKind())) {
			problems.reject("originalId", "sales.refund.original.not-purchase");
		}
		else if (original.getVoidedAt() != null) {
			problems.reject("originalId", "sales.refund.original.voided");
		}
		else {
			checkRefund(problems, original, null, valid);
			if (currency != null && !currency.getCurrencyCode().equals(original.getCurrency())) {
				problems.reject("currency", "sales.refund.currency", original.getCurrency());
			}
		}
		problems.throwIfAny();

		CustomerTransactionRecord record = this.dsl.newRecord(CUSTOMER_TRANSACTION);
		record.setId(Ids.newId());
		record.setPersonId(original.getPersonId());
		record.setCompanyId(original.getCompanyId());
		record.setKind(Transaction.REFUND);
		record.setOriginalId(original.getId());
		record.setCurrency(original.getCurrency());
		fill(record, valid);
		record.setExternalRef(valid.externalRef());
		checkRules(record);
		record.store();
		this.timeline.record(entry(record, original.getDescription()));
		return new Recorded(view(record), true);
	}

	/**
	 * Corrects the amount, date, description and channel of a transaction, recording each
	 * changed field in its history and updating its timeline entry. Rejects a stale
	 * version (412), a voided transaction, invalid fields, a purchase amount below its
	 * refunds, and a refund over what is left of its purchase; 404 and 403 as for
	 * refunds.
	 */
	@Transactional
	public Transaction correct(UUID id, int version, TransactionCorrection correction) {
		CustomerTransactionRecord record = lockForChange(id);
		StaleVersionException.check(KIND, version, record.getVersion());
		if (record.getVoidedAt() != null) {
			throw new BusinessRuleException(null, "sales.transaction.voided.unchangeable");
		}
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		if (correction.occurredOn() == null) {
			problems.reject("occurredOn", "sales.transaction.date.required");
		}
		Valid valid = validate(problems, new TransactionInput(null, null, null, correction.occurredOn(),
				correction.amount(), null, correction.description(), null, correction.channel()));
		problems.throwIfAny();

		CustomerTransactionRecord original = null;
		if (Transaction.REFUND.equals(record.getKind())) {
			original = lock(Objects.requireNonNull(record.getOriginalId()));
			checkRefund(problems, original, record.getId(), valid);
		}
		else if (Transaction.PURCHASE.equals(record.getKind())) {
			BigDecimal refunded = refunded(record.getId(), null);
			if (valid.amount().compareTo(refunded) < 0) {
				problems.reject("amount", "sales.transaction.amount.below-refunds",
						plain(refunded, record.getCurrency()), record.getCurrency());
			}
			LocalDate firstRefund = this.dsl.select(DSL.min(CUSTOMER_TRANSACTION.OCCURRED_ON))
				.from(CUSTOMER_TRANSACTION)
				.where(live(CUSTOMER_TRANSACTION.ORIGINAL_ID.eq(record.getId())))
				.fetchOne(0, LocalDate.class);
			if (firstRefund != null && valid.occurredOn().isAfter(firstRefund)) {
				problems.reject("occurredOn", "sales.transaction.after-refund", firstRefund.toString());
			}
		}
		problems.throwIfAny();

		List<ChangeLog.FieldChange> changes = new ArrayList<>();
		if (valid.amount().compareTo(record.getAmount()) != 0) {
			changes.add(new ChangeLog.FieldChange("amount", plain(record.getAmount(), record.getCurrency()),
					plain(valid.amount(), record.getCurrency())));
		}
		changes.add(new ChangeLog.FieldChange("occurredOn", record.getOccurredOn().toString(),
				valid.occurredOn().toString()));
		changes.add(new ChangeLog.FieldChange("description", record.getDescription(), valid.description()));
		changes.add(new ChangeLog.FieldChange("channel", record.getChannel(), valid.channel()));
		if (changes.stream().allMatch((c) -> Objects.equals(c.oldValue(), c.newValue()))) {
			return view(record);
		}
		BigDecimal amount = (valid.amount().compareTo(record.getAmount()) != 0) ? valid.amount() : record.getAmount();
		String oldDescription = record.getDescription();
		fill(record, new Valid(amount, valid.occurredOn(), valid.description(), valid.externalRef(), valid.channel()));
		checkRules(record);
		record.store();
		this.changeLog.record(KIND, id, changes);
		this.timeline.record(entry(record, (original != null) ? original.getDescription() : null));
		if (Transaction.PURCHASE.equals(record.getKind()) && !Objects.equals(oldDescription, record.getDescription())) {
			// Its refunds without a description of their own show the purchase's.
			this.dsl.selectFrom(CUSTOMER_TRANSACTION)
				.where(WorkspaceScope.of(CUSTOMER_TRANSACTION.WORKSPACE_ID))
				.and(CUSTOMER_TRANSACTION.ORIGINAL_ID.eq(id))
				.and(CUSTOMER_TRANSACTION.DESCRIPTION.isNull())
				.forEach((refund) -> this.timeline.record(entry(refund, record.getDescription())));
		}
		return view(record);
	}

	/**
	 * Voids a transaction: it is kept, marked with who voided it, when and why, and no
	 * longer counts in the figures; its timeline entry says so. Rejects a stale version
	 * (412), a missing reason, a transaction already voided and a purchase with refunds
	 * (void those first); 404 and 403 as for refunds.
	 */
	@Override
	@Transactional
	public Transaction voidTransaction(UUID id, int version, @Nullable String reason) {
		CustomerTransactionRecord record = lockForChange(id);
		StaleVersionException.check(KIND, version, record.getVersion());
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		String why = text(problems, "reason", reason, MAX_REASON);
		if (why == null && !problems.has("reason")) {
			problems.reject("reason", "sales.transaction.void.reason.required");
		}
		problems.throwIfAny();
		if (record.getVoidedAt() != null) {
			throw new BusinessRuleException(null, "sales.transaction.void.already");
		}
		if (Transaction.PURCHASE.equals(record.getKind())
				&& this.dsl.fetchExists(CUSTOMER_TRANSACTION, live(CUSTOMER_TRANSACTION.ORIGINAL_ID.eq(id)))) {
			throw new BusinessRuleException(null, "sales.transaction.void.has-refunds");
		}
		OffsetDateTime voidedAt = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		record.setVoidedAt(voidedAt);
		record.setVoidedBy(Actors.require().userId());
		record.setVoidReason(why);
		record.store();
		// The moment, not a word: a value the history shows the same in every language.
		this.changeLog.record(
				KIND, id, List.of(
						new ChangeLog.FieldChange("voided", null,
								DateTimeFormatter.ISO_OFFSET_DATE_TIME
									.format(voidedAt.truncatedTo(ChronoUnit.SECONDS))),
						new ChangeLog.FieldChange("voidReason", null, why)));
		String originalDescription = (record.getOriginalId() != null)
				? this.dsl.select(CUSTOMER_TRANSACTION.DESCRIPTION)
					.from(CUSTOMER_TRANSACTION)
					.where(WorkspaceScope.of(CUSTOMER_TRANSACTION.WORKSPACE_ID))
					.and(CUSTOMER_TRANSACTION.ID.eq(record.getOriginalId()))
					.fetchOne(CUSTOMER_TRANSACTION.DESCRIPTION)
				: null;
		this.timeline.record(entry(record, originalDescription));
		return view(record);
	}

	/** A transaction of a customer the user may read; 404 otherwise. */
	@Transactional(readOnly = true)
	public Transaction get(UUID id) {
		return view(load(id).record());
	}

	/**
	 * A transaction read with its customer, checking access once: for the pages, which
	 * pass it on to {@link #refundsOf(Readable)}, {@link #originalOf} and
	 * {@link #history(Readable, int)}.
	 */
	public record Readable(Transaction transaction, @Nullable PersonView person, @Nullable CompanyView company) {
	}

	/**
	 * A transaction with the customer it belongs to, as the user may read it; 404
	 * otherwise.
	 */
	@Transactional(readOnly = true)
	public Readable read(UUID id) {
		Loaded loaded = load(id);
		return new Readable(view(loaded.record()), loaded.person(), loaded.company());
	}

	/** The refunds of a purchase the user may read, oldest first, voided ones too. */
	@Transactional(readOnly = true)
	public List<Transaction> refundsOf(UUID purchaseId) {
		load(purchaseId);
		return refunds(purchaseId);
	}

	/** The refunds of a purchase already read with {@link #read}. */
	@Transactional(readOnly = true)
	public List<Transaction> refundsOf(Readable purchase) {
		return refunds(purchase.transaction().id());
	}

	/**
	 * The purchase of a refund already read with {@link #read}: the same customer, so no
	 * second check.
	 */
	@Transactional(readOnly = true)
	public Optional<Transaction> originalOf(Readable refund) {
		UUID originalId = refund.transaction().originalId();
		if (originalId == null) {
			return Optional.empty();
		}
		return this.dsl.selectFrom(CUSTOMER_TRANSACTION)
			.where(WorkspaceScope.of(CUSTOMER_TRANSACTION.WORKSPACE_ID))
			.and(CUSTOMER_TRANSACTION.ID.eq(originalId))
			.fetchOptional()
			.map(this::view);
	}

	private List<Transaction> refunds(UUID purchaseId) {
		return this.dsl.select(CUSTOMER_TRANSACTION.asterisk())
			.from(CUSTOMER_TRANSACTION)
			.where(WorkspaceScope.of(CUSTOMER_TRANSACTION.WORKSPACE_ID))
			.and(CUSTOMER_TRANSACTION.ORIGINAL_ID.eq(purchaseId))
			.orderBy(CUSTOMER_TRANSACTION.OCCURRED_ON, CUSTOMER_TRANSACTION.ID)
			.limit(500)
			.fetch((r) -> view(r.into(CUSTOMER_TRANSACTION), null));
	}

	/** The field-by-field history of a transaction the user may read, newest first. */
	@Transactional(readOnly = true)
	public List<Change> history(UUID id, int limit) {
		load(id);
		return changes(id, limit);
	}

	/** The history of a transaction already read with {@link #read}. */
	@Transactional(readOnly = true)
	public List<Change> history(Readable transaction, int limit) {
		return changes(transaction.transaction().id(), limit);
	}

	private List<Change> changes(UUID id, int limit) {
		Map<UUID, String> names = new HashMap<>();
		return this.changeLog.of(id, limit)
			.stream()
			.map((e) -> new Change(e,
					(e.changedBy() != null) ? names.computeIfAbsent(e.changedBy(), this::userName) : null))
			.toList();
	}

	/** The display name of a user of the workspace, for who recorded or voided. */
	@Transactional(readOnly = true)
	public String userName(UUID userId) {
		return this.users.find(userId).map(UserView::displayName).orElse("");
	}

	/** A person's transactions, newest first; 404 when the person is out of reach. */
	@Transactional(readOnly = true)
	public List<Transaction> ofPerson(UUID personId, int limit) {
		return ofPerson(personId, List.of(), limit);
	}

	/** A person's transactions of some kinds (all when empty), newest first. */
	@Transactional(readOnly = true)
	public List<Transaction> ofPerson(UUID personId, Collection<String> kinds, int limit) {
		return ofPerson(
				this.customers.findPerson(personId).orElseThrow(() -> new NotFoundException("person", personId)), kinds,
				limit);
	}

	/** The transactions of a person already read through {@link Customers#findPerson}. */
	@Transactional(readOnly = true)
	public List<Transaction> ofPerson(PersonView person, Collection<String> kinds, int limit) {
		return list(CUSTOMER_TRANSACTION.PERSON_ID.eq(person.id()), kinds, limit);
	}

	/**
	 * A company's transactions (its own, and those of its people the user may read),
	 * newest first.
	 */
	@Transactional(readOnly = true)
	public List<Transaction> ofCompany(UUID companyId, int limit) {
		return ofCompany(companyId, List.of(), limit);
	}

	/** A company's transactions of some kinds (all when empty), newest first. */
	@Transactional(readOnly = true)
	public List<Transaction> ofCompany(UUID companyId, Collection<String> kinds, int limit) {
		return ofCompany(
				this.customers.findCompany(companyId).orElseThrow(() -> new NotFoundException("company", companyId)),
				kinds, limit);
	}

	/**
	 * The transactions of a company already read through {@link Customers#findCompany}.
	 */
	@Transactional(readOnly = true)
	public List<Transaction> ofCompany(CompanyView company, Collection<String> kinds, int limit) {
		return list(visibleOfCompany(company.id()), kinds, limit);
	}

	/** Totals per currency of a person, for the figures on their page. */
	@Transactional(readOnly = true)
	public List<Totals> totalsOfPerson(UUID personId) {
		return totals(CUSTOMER_TRANSACTION.PERSON_ID.eq(personId));
	}

	/**
	 * Totals per currency of a company: of the transactions the user sees in its list, so
	 * no figure adds up amounts of records the user cannot open.
	 */
	@Transactional(readOnly = true)
	public List<Totals> totalsOfCompany(UUID companyId) {
		return totals(visibleOfCompany(companyId));
	}

	/**
	 * A company's transactions the user may see: its own, and those of its people the
	 * user may read (a company readable to all may have people owned by others). The
	 * people are asked about in one batch; when all are readable, no list is needed.
	 */
	private Condition visibleOfCompany(UUID companyId) {
		Condition company = CUSTOMER_TRANSACTION.COMPANY_ID.eq(companyId);
		List<UUID> people = this.dsl.selectDistinct(CUSTOMER_TRANSACTION.PERSON_ID)
			.from(CUSTOMER_TRANSACTION)
			.where(WorkspaceScope.of(CUSTOMER_TRANSACTION.WORKSPACE_ID))
			.and(company)
			.and(CUSTOMER_TRANSACTION.PERSON_ID.isNotNull())
			.fetch(CUSTOMER_TRANSACTION.PERSON_ID);
		if (people.isEmpty()) {
			return company;
		}
		Set<UUID> readable = this.customers.readablePeople(people);
		if (readable.size() == people.size()) {
			return company;
		}
		Condition visible = CUSTOMER_TRANSACTION.PERSON_ID.isNull();
		if (!readable.isEmpty()) {
			visible = visible.or(CUSTOMER_TRANSACTION.PERSON_ID.in(readable));
		}
		return company.and(visible);
	}

	private List<Totals> totals(Condition owner) {
		// Each purchase or payment that counts, with what is left of it after its
		// refunds.
		Table<?> counted = this.dsl
			.select(CUSTOMER_TRANSACTION.CURRENCY, CUSTOMER_TRANSACTION.KIND, CUSTOMER_TRANSACTION.OCCURRED_ON,
					CUSTOMER_TRANSACTION.AMOUNT.minus(refunded(CUSTOMER_TRANSACTION)).as("net"))
			.from(CUSTOMER_TRANSACTION)
			.where(WorkspaceScope.of(CUSTOMER_TRANSACTION.WORKSPACE_ID))
			.and(owner)
			.and(CUSTOMER_TRANSACTION.KIND.in(Transaction.PURCHASE, "payment"))
			.and(CUSTOMER_TRANSACTION.VOIDED_AT.isNull())
			.asTable("counted");
		Field<String> currency = Objects.requireNonNull(counted.field(CUSTOMER_TRANSACTION.CURRENCY));
		Field<String> kind = Objects.requireNonNull(counted.field(CUSTOMER_TRANSACTION.KIND));
		Field<LocalDate> occurredOn = Objects.requireNonNull(counted.field(CUSTOMER_TRANSACTION.OCCURRED_ON));
		Field<BigDecimal> net = Objects.requireNonNull(counted.field("net", BigDecimal.class));
		Condition purchase = kind.eq(Transaction.PURCHASE);
		Condition kept = purchase.and(net.gt(BigDecimal.ZERO));
		return this.dsl
			.select(currency, DSL.sum(DSL.when(purchase, net).else_(BigDecimal.ZERO)), DSL.count().filterWhere(kept),
					DSL.sum(DSL.when(purchase.not(), net).else_(BigDecimal.ZERO)),
					DSL.max(occurredOn).filterWhere(kept))
			.from(counted)
			.groupBy(currency)
			.orderBy(DSL.sum(net).desc(), currency)
			.fetch((r) -> new Totals(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
	}

	private List<Transaction> list(Condition owner, Collection<String> kinds, int limit) {
		Field<BigDecimal> refunded = refunded(CUSTOMER_TRANSACTION).as("refunded");
		Condition condition = WorkspaceScope.of(CUSTOMER_TRANSACTION.WORKSPACE_ID).and(owner);
		if (!kinds.isEmpty()) {
			condition = condition.and(CUSTOMER_TRANSACTION.KIND.in(kinds));
		}
		return this.dsl.select(CUSTOMER_TRANSACTION.asterisk(), refunded)
			.from(CUSTOMER_TRANSACTION)
			.where(condition)
			.orderBy(CUSTOMER_TRANSACTION.OCCURRED_ON.desc(), CUSTOMER_TRANSACTION.ID.desc())
			.limit(limit)
			.fetch((r) -> view(r.into(CUSTOMER_TRANSACTION), r.get(refunded)));
	}

	/** What the refunds of each row's purchase that are not voided add up to. */
	private static Field<BigDecimal> refunded(CustomerTransaction of) {
		return DSL.field(DSL.select(DSL.coalesce(DSL.sum(REFUNDS.AMOUNT), BigDecimal.ZERO))
			.from(REFUNDS)
			.where(REFUNDS.WORKSPACE_ID.eq(of.WORKSPACE_ID))
			.and(REFUNDS.ORIGINAL_ID.eq(of.ID))
			.and(REFUNDS.VOIDED_AT.isNull()));
	}

	/** The refunds of a purchase that are not voided, leaving one out if given. */
	private BigDecimal refunded(UUID purchaseId, @Nullable UUID except) {
		Condition condition = live(CUSTOMER_TRANSACTION.ORIGINAL_ID.eq(purchaseId));
		if (except != null) {
			condition = condition.and(CUSTOMER_TRANSACTION.ID.ne(except));
		}
		BigDecimal sum = this.dsl.select(DSL.sum(CUSTOMER_TRANSACTION.AMOUNT))
			.from(CUSTOMER_TRANSACTION)
			.where(condition)
			.fetchOne(0, BigDecimal.class);
		return (sum != null) ? sum : BigDecimal.ZERO;
	}

	private static Condition live(Condition condition) {
		return WorkspaceScope.of(CUSTOMER_TRANSACTION.WORKSPACE_ID)
			.and(condition)
			.and(CUSTOMER_TRANSACTION.VOIDED_AT.isNull());
	}

	/** A refund, new or corrected, gives back at most what is left and not before. */
	private void checkRefund(InvalidFieldsException.Collector problems, CustomerTransactionRecord original,
			@Nullable UUID refundId, Valid refund) {
		BigDecimal left = original.getAmount().subtract(refunded(original.getId(), refundId));
		if (refund.amount().compareTo(left) > 0) {
			if (left.signum() > 0) {
				problems.reject("amount", "sales.refund.amount.too-much", plain(left, original.getCurrency()),
						original.getCurrency());
			}
			else {
				problems.reject("amount", "sales.refund.amount.nothing-left");
			}
		}
		if (refund.occurredOn().isBefore(original.getOccurredOn())) {
			problems.reject("occurredOn", "sales.refund.before-purchase", original.getOccurredOn().toString());
		}
	}

	/** A transaction and the customer it belongs to (a person, or else its company). */
	private record Loaded(CustomerTransactionRecord record, @Nullable PersonView person,
			@Nullable CompanyView company) {
	}

	/** A transaction of a customer the user may read; 404 otherwise. */
	private Loaded load(UUID id) {
		CustomerTransactionRecord record = this.dsl.selectFrom(CUSTOMER_TRANSACTION)
			.where(WorkspaceScope.of(CUSTOMER_TRANSACTION.WORKSPACE_ID))
			.and(CUSTOMER_TRANSACTION.ID.eq(id))
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(KIND, id));
		if (record.getPersonId() != null) {
			PersonView person = this.customers.findPerson(record.getPersonId())
				.orElseThrow(() -> new NotFoundException(KIND, id));
			return new Loaded(record, person, null);
		}
		CompanyView company = this.customers.findCompany(Objects.requireNonNull(record.getCompanyId()))
			.orElseThrow(() -> new NotFoundException(KIND, id));
		return new Loaded(record, null, company);
	}

	/**
	 * A transaction, locked until the end of the transaction, whose customer the user may
	 * change: 404 when out of reach, 403 when the customer may only be read.
	 */
	private CustomerTransactionRecord lockForChange(UUID id) {
		CustomerTransactionRecord record = lock(id);
		try {
			if (record.getPersonId() != null) {
				this.customers.personForChange(record.getPersonId());
			}
			else {
				this.customers.companyForChange(Objects.requireNonNull(record.getCompanyId()));
			}
		}
		catch (NotFoundException ex) {
			// Say which record was asked for, not which customer it belongs to.
			throw new NotFoundException(KIND, id);
		}
		return record;
	}

	private CustomerTransactionRecord lock(UUID id) {
		return this.dsl.selectFrom(CUSTOMER_TRANSACTION)
			.where(WorkspaceScope.of(CUSTOMER_TRANSACTION.WORKSPACE_ID))
			.and(CUSTOMER_TRANSACTION.ID.eq(id))
			.forUpdate()
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(KIND, id));
	}

	private Optional<CustomerTransactionRecord> byExternalRef(String externalRef) {
		return this.dsl.selectFrom(CUSTOMER_TRANSACTION)
			.where(WorkspaceScope.of(CUSTOMER_TRANSACTION.WORKSPACE_ID))
			.and(CUSTOMER_TRANSACTION.EXTERNAL_REF.eq(externalRef))
			.fetchOptional();
	}

	/** The fields every kind has, checked. */
	private record Valid(BigDecimal amount, LocalDate occurredOn, @Nullable String description,
			@Nullable String externalRef, @Nullable String channel) {
	}

	private Valid validate(InvalidFieldsException.Collector problems, TransactionInput input) {
		LocalDate today = LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
		LocalDate occurredOn = (input.occurredOn() != null) ? input.occurredOn() : today;
		if (occurredOn.isAfter(today.plusDays(1))) {
			problems.reject("occurredOn", "sales.transaction.future");
		}
		BigDecimal amount = input.amount();
		if (amount == null) {
			problems.reject("amount", "sales.transaction.amount.required");
		}
		else if (amount.signum() <= 0) {
			problems.reject("amount", "sales.transaction.amount.positive");
		}
		else if (amount.scale() > 4 || amount.precision() - amount.scale() > 15) {
			problems.reject("amount", "sales.transaction.amount.digits");
		}
		String description = text(problems, "description", input.description(), MAX_DESCRIPTION);
		String externalRef = text(problems, "externalRef", input.externalRef(), 200);
		String channel = text(problems, "channel", input.channel(), 30);
		return new Valid((amount != null) ? amount : BigDecimal.ZERO, occurredOn, description, externalRef, channel);
	}

	private static void fill(CustomerTransactionRecord record, Valid valid) {
		record.setAmount(valid.amount());
		record.setOccurredOn(valid.occurredOn());
		record.setDescription(valid.description());
		record.setChannel(valid.channel());
	}

	/**
	 * The timeline entry of a transaction, replacing the one recorded before: the same
	 * place on the timeline after a correction of anything but the date, and the kind
	 * {@code voided} once voided. A refund without a description shows its purchase's.
	 */
	private static TimelineEntry entry(CustomerTransactionRecord record, @Nullable String originalDescription) {
		boolean voided = record.getVoidedAt() != null;
		Map<String, String> data = new LinkedHashMap<>();
		if (voided) {
			data.put("of", record.getKind());
		}
		data.put("amount", plain(record.getAmount(), record.getCurrency()));
		data.put("currency", record.getCurrency());
		// Dated the day it was recorded: on the timeline at the moment it was recorded;
		// dated another day: at its start.
		OffsetDateTime recorded = record.getCreatedAt().withOffsetSameInstant(ZoneOffset.UTC);
		OffsetDateTime at = record.getOccurredOn().equals(recorded.toLocalDate()) ? recorded
				: record.getOccurredOn().atStartOfDay().atOffset(ZoneOffset.UTC);
		String title = (record.getDescription() != null) ? record.getDescription() : originalDescription;
		return new TimelineEntry(record.getPersonId(), record.getCompanyId(), voided ? VOIDED : record.getKind(), at,
				voided ? record.getVoidedBy() : record.getCreatedBy(), title, voided ? record.getVoidReason() : null,
				data, MODULE, record.getId(), "/sales/transactions/" + record.getId());
	}

	/** An amount as plain digits, with the decimals its currency uses. */
	static String plain(BigDecimal amount, String currencyCode) {
		int digits = Math.max(Currency.getInstance(currencyCode).getDefaultFractionDigits(), 0);
		return amount
			.setScale(Math.max(digits, Math.min(amount.stripTrailingZeros().scale(), 4)), RoundingMode.HALF_EVEN)
			.toPlainString();
	}

	private static Currency currency(InvalidFieldsException.Collector problems, @Nullable String code) {
		if (code == null || code.isBlank()) {
			problems.reject("currency", "sales.transaction.currency.required");
			return Currency.getInstance("EUR");
		}
		try {
			return Currency.getInstance(code.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			problems.reject("currency", "sales.transaction.currency.unknown", code.strip());
			return Currency.getInstance("EUR");
		}
	}

	private static @Nullable String text(InvalidFieldsException.Collector problems, String field, @Nullable String text,
			int max) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String value = text.strip();
		if (value.length() > max) {
			problems.reject(field, "sales.text.too-long", max);
			return null;
		}
		return value;
	}

	/** A transaction read on its own: a purchase with what its refunds add up to. */
	private Transaction view(CustomerTransactionRecord record) {
		return view(record,
				Transaction.PURCHASE.equals(record.getKind()) ? refunded(record.getId(), null) : BigDecimal.ZERO);
	}

	private static Transaction view(CustomerTransactionRecord r, @Nullable BigDecimal refunded) {
		Transaction.Voided voided = (r.getVoidedAt() != null)
				? new Transaction.Voided(r.getVoidedAt(), r.getVoidedBy(), Objects.requireNonNull(r.getVoidReason()))
				: null;
		return new Transaction(r.getId(), r.getPersonId(), r.getCompanyId(), r.getKind(), r.getOccurredOn(),
				scaled(r.getAmount()), r.getCurrency(), r.getDescription(), r.getExternalRef(), r.getChannel(),
				r.getOriginalId(),
				(Transaction.PURCHASE.equals(r.getKind()) && refunded != null) ? scaled(refunded) : null, voided,
				r.getVersion());
	}

	private static BigDecimal scaled(BigDecimal amount) {
		BigDecimal stripped = amount.stripTrailingZeros();
		return (stripped.scale() < 2) ? stripped.setScale(2) : stripped;
	}

}
