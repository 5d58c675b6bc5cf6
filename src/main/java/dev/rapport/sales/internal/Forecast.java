package dev.rapport.sales.internal;

import static dev.rapport.sales.internal.db.Tables.DEAL;
import static dev.rapport.sales.internal.db.Tables.PIPELINE_STAGE;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.identity.Access;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.sales.DealView;

/**
 * The sales forecast: the weighted amount (amount × the stage's probability / 100) of the
 * open deals the user may read, by expected close month and by owner, beside the amount
 * won in that month; per currency, nothing converted. Months are calendar months in the
 * user's time zone, starting with the current one.
 */
@Service
public class Forecast {

	public static final String OVERDUE = "overdue";

	public static final String NO_DATE = "none";

	public static final String LATER = "later";

	private final DSLContext dsl;

	private final AccessPolicy accessPolicy;

	private final DealOwners owners;

	private final Clock clock;

	Forecast(DSLContext dsl, AccessPolicy accessPolicy, DealOwners owners, Clock clock) {
		this.dsl = dsl;
		this.accessPolicy = accessPolicy;
		this.owners = owners;
		this.clock = clock;
	}

	/** The weighted open amount and the won amount in one currency. */
	public record Amount(String currency, BigDecimal weighted, BigDecimal won) {
	}

	/**
	 * One row: a month ({@code 2026-12}), {@code overdue} (expected before today),
	 * {@code later} (after the months shown) or {@code none} (no expected date).
	 */
	public record Bucket(String key, @Nullable YearMonth month, List<Amount> amounts) {
	}

	/**
	 * An owner's weighted open amount and what they won since the start of this month.
	 */
	public record OwnerRow(UUID ownerId, String ownerName, List<Amount> amounts) {
	}

	/** The forecast's rows, and the currencies that appear in them. */
	public record Result(LocalDate today, List<Bucket> months, List<OwnerRow> owners, List<String> currencies) {
	}

	/**
	 * The forecast of one pipeline (or all) and one team (or all), for 1 to 24 months.
	 */
	@Transactional(readOnly = true)
	public Result of(@Nullable UUID pipelineId, @Nullable UUID teamId, int months, ZoneId zone) {
		int count = Math.clamp(months, 1, 24);
		LocalDate today = LocalDate.now(this.clock.withZone(zone));
		YearMonth first = YearMonth.from(today);
		YearMonth last = first.plusMonths(count - 1);
		Condition scope = this.accessPolicy.condition(DealService.DEALS, Access.READ).and(DEAL.DELETED_AT.isNull());
		if (pipelineId != null) {
			scope = scope.and(DEAL.PIPELINE_ID.eq(pipelineId));
		}
		if (teamId != null) {
			scope = scope.and(DEAL.TEAM_ID.eq(teamId));
		}
		// bucket -> currency -> [weighted, won]
		Map<String, Map<String, BigDecimal[]>> buckets = new LinkedHashMap<>();
		buckets.put(OVERDUE, new TreeMap<>());
		for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
			buckets.put(m.toString(), new TreeMap<>());
		}
		buckets.put(LATER, new TreeMap<>());
		buckets.put(NO_DATE, new TreeMap<>());
		Map<UUID, Map<String, BigDecimal[]>> byOwner = new LinkedHashMap<>();
		TreeSet<String> currencies = new TreeSet<>();

		// Inlined, so that PostgreSQL sees the same expression in the select and the
		// group by.
		var overdue = DSL.when(DEAL.EXPECTED_CLOSE_ON.lt(DSL.inline(today)), DSL.inline(1)).otherwise(DSL.inline(0));
		var year = DSL.year(DEAL.EXPECTED_CLOSE_ON);
		var month = DSL.month(DEAL.EXPECTED_CLOSE_ON);
		var sum = DSL.sum(DEAL.AMOUNT);
		for (Record r : this.dsl
			.select(overdue.as("overdue"), year.as("y"), month.as("m"), DEAL.CURRENCY, DEAL.OWNER_ID,
					PIPELINE_STAGE.PROBABILITY, sum.as("total"))
			.from(DEAL)
			.join(PIPELINE_STAGE)
			.on(PIPELINE_STAGE.WORKSPACE_ID.eq(DEAL.WORKSPACE_ID).and(PIPELINE_STAGE.ID.eq(DEAL.STAGE_ID)))
			.where(scope)
			.and(DEAL.STATUS.eq(DealView.OPEN))
			.groupBy(overdue, year, month, DEAL.CURRENCY, DEAL.OWNER_ID, PIPELINE_STAGE.PROBABILITY)
			.fetch()) {
			BigDecimal total = r.get("total", BigDecimal.class);
			if (total == null) {
				total = BigDecimal.ZERO;
			}
			BigDecimal weighted = total.multiply(BigDecimal.valueOf(r.get(PIPELINE_STAGE.PROBABILITY)))
				.movePointLeft(2);
			String currency = r.get(DEAL.CURRENCY);
			currencies.add(currency);
			Integer y = r.get("y", Integer.class);
			String key;
			if (y == null) {
				key = NO_DATE;
			}
			else if (r.get("overdue", Integer.class) == 1) {
				key = OVERDUE;
			}
			else {
				YearMonth m = YearMonth.of(y, r.get("m", Integer.class));
				key = m.isAfter(last) ? LATER : m.toString();
			}
			add(buckets.get(key), currency, weighted, 0);
			add(byOwner.computeIfAbsent(r.get(DEAL.OWNER_ID), (k) -> new TreeMap<>()), currency, weighted, 0);
		}
		OffsetDateTime from = first.atDay(1)
			.atStartOfDay(zone)
			.toOffsetDateTime()
			.withOffsetSameInstant(ZoneOffset.UTC);
		OffsetDateTime to = last.plusMonths(1)
			.atDay(1)
			.atStartOfDay(zone)
			.toOffsetDateTime()
			.withOffsetSameInstant(ZoneOffset.UTC);
		for (Record r : this.dsl.select(DEAL.CLOSED_AT, DEAL.CURRENCY, DEAL.OWNER_ID, DEAL.AMOUNT)
			.from(DEAL)
			.where(scope)
			.and(DEAL.STATUS.eq(DealView.WON))
			.and(DEAL.CLOSED_AT.ge(from))
			.and(DEAL.CLOSED_AT.lt(to))
			.fetch()) {
			BigDecimal amount = (r.get(DEAL.AMOUNT) != null) ? r.get(DEAL.AMOUNT) : BigDecimal.ZERO;
			String currency = r.get(DEAL.CURRENCY);
			currencies.add(currency);
			String key = YearMonth.from(r.get(DEAL.CLOSED_AT).atZoneSameInstant(zone)).toString();
			add(buckets.get(key), currency, amount, 1);
			add(byOwner.computeIfAbsent(r.get(DEAL.OWNER_ID), (k) -> new TreeMap<>()), currency, amount, 1);
		}
		List<Bucket> rows = new ArrayList<>();
		buckets.forEach((key,
				amounts) -> rows.add(new Bucket(key,
						(key.equals(OVERDUE) || key.equals(LATER) || key.equals(NO_DATE)) ? null : YearMonth.parse(key),
						amounts(amounts))));
		Map<UUID, String> names = byOwner.isEmpty() ? Map.of() : this.owners.names(byOwner.keySet());
		List<OwnerRow> ownerRows = new ArrayList<>();
		byOwner.forEach((owner, amounts) -> ownerRows
			.add(new OwnerRow(owner, names.getOrDefault(owner, "?"), amounts(amounts))));
		ownerRows.sort(Comparator.comparing(OwnerRow::ownerName).thenComparing(OwnerRow::ownerId));
		return new Result(today, rows, ownerRows, List.copyOf(currencies));
	}

	private static void add(Map<String, BigDecimal[]> amounts, String currency, BigDecimal value, int index) {
		BigDecimal[] pair = amounts.computeIfAbsent(currency,
				(k) -> new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO });
		pair[index] = pair[index].add(value);
	}

	private static List<Amount> amounts(Map<String, BigDecimal[]> amounts) {
		List<Amount> list = new ArrayList<>();
		amounts.forEach((currency, pair) -> list
			.add(new Amount(currency, DealBoardQuery.money(pair[0]), DealBoardQuery.money(pair[1]))));
		return list;
	}

}
