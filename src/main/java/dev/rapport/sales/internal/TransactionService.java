package dev.rapport.sales.internal;

import static dev.rapport.sales.internal.db.Tables.CUSTOMER_TRANSACTION;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.CompanyView;
import dev.rapport.customers.Customers;
import dev.rapport.customers.PersonView;
import dev.rapport.customers.timeline.Timeline;
import dev.rapport.customers.timeline.TimelineEntry;
import dev.rapport.platform.Actors;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.WorkspaceScope;
import dev.rapport.sales.Transaction;
import dev.rapport.sales.TransactionInput;
import dev.rapport.sales.internal.db.tables.records.CustomerTransactionRecord;

/**
 * Recording purchases and payments of customers the user may change, and reading them
 * back for customers the user may read. A transaction with an external reference seen
 * before returns the earlier one, so a point-of-sale system can retry safely.
 */
@Service
public class TransactionService implements dev.rapport.sales.Transactions {

	static final String KIND = "transaction";

	static final String MODULE = "sales";

	private final DSLContext dsl;

	private final Customers customers;

	private final Timeline timeline;

	private final Clock clock;

	TransactionService(DSLContext dsl, Customers customers, Timeline timeline, Clock clock) {
		this.dsl = dsl;
		this.customers = customers;
		this.timeline = timeline;
		this.clock = clock;
	}

	/** A recorded transaction, and whether this call created it (false for a retry). */
	public record Recorded(Transaction transaction, boolean created) {
	}

	/** A customer's totals in one currency. */
	public record Totals(String currency, BigDecimal purchases, long purchaseCount, BigDecimal payments,
			@Nullable LocalDate lastPurchase) {

		public @Nullable BigDecimal averagePurchase() {
			return (this.purchaseCount == 0) ? null
					: this.purchases.divide(BigDecimal.valueOf(this.purchaseCount), 2, RoundingMode.HALF_EVEN);
		}

	}

	/**
	 * Records a purchase or a payment and puts it on the customer's timeline. Rejects a
	 * missing customer, an unknown kind or currency, an amount that is not positive, a
	 * date more than a day ahead, and an external reference used for another customer.
	 */
	@Override
	@Transactional
	public dev.rapport.sales.Transaction record(dev.rapport.sales.TransactionInput input) {
		return recordOnce(input).transaction();
	}

	/** Records a transaction, saying whether this call created it (false for a retry). */
	@Transactional
	public Recorded recordOnce(TransactionInput input) {
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		if (input.personId() == null && input.companyId() == null) {
			problems.reject("personId", "sales.transaction.customer.required");
		}
		String kind = (input.kind() != null) ? input.kind().strip().toLowerCase(Locale.ROOT) : "purchase";
		if (!Transaction.KINDS.contains(kind)) {
			problems.reject("kind", "sales.transaction.kind.unknown");
		}
		LocalDate today = LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
		LocalDate occurredOn = (input.occurredOn() != null) ? input.occurredOn() : today;
		if (occurredOn.isAfter(today.plusDays(1))) {
			problems.reject("occurredOn", "sales.transaction.future");
		}
		Currency currency = currency(problems, input.currency());
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
		String description = text(problems, "description", input.description(), 500);
		String externalRef = text(problems, "externalRef", input.externalRef(), 200);
		String channel = text(problems, "channel", input.channel(), 30);
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
			this.customers.companyForChange(companyId);
		}
		if (externalRef != null) {
			Optional<CustomerTransactionRecord> earlier = this.dsl.selectFrom(CUSTOMER_TRANSACTION)
				.where(WorkspaceScope.of(CUSTOMER_TRANSACTION.WORKSPACE_ID))
				.and(CUSTOMER_TRANSACTION.EXTERNAL_REF.eq(externalRef))
				.fetchOptional();
			if (earlier.isPresent()) {
				CustomerTransactionRecord e = earlier.get();
				if (!java.util.Objects.equals(e.getPersonId(), personId) && personId != null
						|| !java.util.Objects.equals(e.getCompanyId(), companyId) && personId == null) {
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
		record.setOccurredOn(occurredOn);
		record.setAmount(amount);
		record.setCurrency(currency.getCurrencyCode());
		record.setDescription(description);
		record.setExternalRef(externalRef);
		record.setChannel(channel);
		record.store();
		Map<String, String> data = new LinkedHashMap<>();
		data.put("amount", amount.setScale(Math.max(currency.getDefaultFractionDigits(), 0), RoundingMode.HALF_EVEN)
			.toPlainString());
		data.put("currency", currency.getCurrencyCode());
		// Recorded for today: on the timeline at the moment it was recorded; for another
		// day: at its start.
		java.time.OffsetDateTime at = occurredOn.equals(today)
				? java.time.OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC)
				: occurredOn.atStartOfDay().atOffset(ZoneOffset.UTC);
		this.timeline.record(new TimelineEntry(personId, companyId, kind, at, Actors.require().userId(), description,
				null, data, MODULE, record.getId(), null));
		return new Recorded(view(record), true);
	}

	@Transactional(readOnly = true)
	public Transaction get(UUID id) {
		CustomerTransactionRecord record = this.dsl.selectFrom(CUSTOMER_TRANSACTION)
			.where(WorkspaceScope.of(CUSTOMER_TRANSACTION.WORKSPACE_ID))
			.and(CUSTOMER_TRANSACTION.ID.eq(id))
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(KIND, id));
		boolean readable = (record.getPersonId() != null) ? this.customers.findPerson(record.getPersonId()).isPresent()
				: this.customers.findCompany(record.getCompanyId()).isPresent();
		if (!readable) {
			throw new NotFoundException(KIND, id);
		}
		return view(record);
	}

	/** A person's transactions, newest first; 404 when the person is out of reach. */
	@Transactional(readOnly = true)
	public List<Transaction> ofPerson(UUID personId, int limit) {
		this.customers.findPerson(personId).orElseThrow(() -> new NotFoundException("person", personId));
		return list(CUSTOMER_TRANSACTION.PERSON_ID.eq(personId), limit);
	}

	/** A company's transactions (its own and its people's), newest first. */
	@Transactional(readOnly = true)
	public List<Transaction> ofCompany(UUID companyId, int limit) {
		this.customers.findCompany(companyId).orElseThrow(() -> new NotFoundException("company", companyId));
		return list(CUSTOMER_TRANSACTION.COMPANY_ID.eq(companyId), limit);
	}

	/** Totals per currency of a person, for the figures on their page. */
	@Transactional(readOnly = true)
	public List<Totals> totalsOfPerson(UUID personId) {
		return totals(CUSTOMER_TRANSACTION.PERSON_ID.eq(personId));
	}

	@Transactional(readOnly = true)
	public List<Totals> totalsOfCompany(UUID companyId) {
		return totals(CUSTOMER_TRANSACTION.COMPANY_ID.eq(companyId));
	}

	private List<Totals> totals(Condition owner) {
		var purchase = CUSTOMER_TRANSACTION.KIND.eq("purchase");
		return this.dsl
			.select(CUSTOMER_TRANSACTION.CURRENCY,
					DSL.sum(DSL.when(purchase, CUSTOMER_TRANSACTION.AMOUNT).else_(BigDecimal.ZERO)),
					DSL.count().filterWhere(purchase),
					DSL.sum(DSL.when(purchase.not(), CUSTOMER_TRANSACTION.AMOUNT).else_(BigDecimal.ZERO)),
					DSL.max(CUSTOMER_TRANSACTION.OCCURRED_ON).filterWhere(purchase))
			.from(CUSTOMER_TRANSACTION)
			.where(WorkspaceScope.of(CUSTOMER_TRANSACTION.WORKSPACE_ID))
			.and(owner)
			.groupBy(CUSTOMER_TRANSACTION.CURRENCY)
			.orderBy(DSL.sum(CUSTOMER_TRANSACTION.AMOUNT).desc())
			.fetch((r) -> new Totals(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
	}

	private List<Transaction> list(Condition owner, int limit) {
		return this.dsl.selectFrom(CUSTOMER_TRANSACTION)
			.where(WorkspaceScope.of(CUSTOMER_TRANSACTION.WORKSPACE_ID))
			.and(owner)
			.orderBy(CUSTOMER_TRANSACTION.OCCURRED_ON.desc(), CUSTOMER_TRANSACTION.ID.desc())
			.limit(limit)
			.fetch(TransactionService::view);
	}

	private static Currency currency(InvalidFieldsException.Collector problems, @Nullable String code) {
		if (code == null || code.isBlank()) {
			problems.reject("currency", "sales.transaction.currency.required");
			return Currency.getInstance("EUR");
		}
		try {
			Currency currency = Currency.getInstance(code.strip().toUpperCase(Locale.ROOT));
			return currency;
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

	private static Transaction view(CustomerTransactionRecord r) {
		BigDecimal amount = r.getAmount().stripTrailingZeros();
		if (amount.scale() < 2) {
			amount = amount.setScale(2);
		}
		return new Transaction(r.getId(), r.getPersonId(), r.getCompanyId(), r.getKind(), r.getOccurredOn(), amount,
				r.getCurrency(), r.getDescription(), r.getExternalRef(), r.getChannel(), r.getVersion());
	}

}
