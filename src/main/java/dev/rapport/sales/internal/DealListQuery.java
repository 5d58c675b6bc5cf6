package dev.rapport.sales.internal;

import static dev.rapport.sales.internal.db.Tables.DEAL;
import static dev.rapport.sales.internal.db.Tables.PIPELINE_STAGE;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.CompanyNames;
import dev.rapport.identity.Access;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Cursor;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.sales.DealView;

/**
 * The deals list: the deals the user may read, searched by the start of their name,
 * filtered, sorted by one column and read page by page (keyset: the cursor carries the
 * last row's sort value and id).
 */
@Service
public class DealListQuery {

	public static final int PAGE = 50;

	private static final int MAX_PAGE = 200;

	/** The sorts the list knows; a leading minus reverses. */
	public static final List<String> SORTS = List.of("name", "-name", "amount", "-amount", "expectedClose",
			"-expectedClose", "updated", "-updated");

	private static final LocalDate NO_DATE = LocalDate.of(9999, 12, 31);

	private final DSLContext dsl;

	private final AccessPolicy accessPolicy;

	private final CompanyNames companies;

	private final DealOwners owners;

	DealListQuery(DSLContext dsl, AccessPolicy accessPolicy, CompanyNames companies, DealOwners owners) {
		this.dsl = dsl;
		this.accessPolicy = accessPolicy;
		this.companies = companies;
		this.owners = owners;
	}

	/** What the list shows; every part may be left out. The default sort is by name. */
	public record Filter(@Nullable String q, @Nullable UUID pipelineId, @Nullable UUID stageId, @Nullable String status,
			@Nullable UUID ownerId, @Nullable UUID teamId, @Nullable LocalDate closeFrom, @Nullable LocalDate closeTo,
			@Nullable BigDecimal amountFrom, @Nullable BigDecimal amountTo, @Nullable String sort) {

		public static final Filter NONE = new Filter(null, null, null, null, null, null, null, null, null, null, null);

	}

	/** One row of the list. */
	public record Row(UUID id, String name, @Nullable UUID companyId, @Nullable String companyName, UUID pipelineId,
			UUID stageId, String stageName, @Nullable BigDecimal amount, String currency,
			@Nullable LocalDate expectedCloseOn, UUID ownerId, String ownerName, String status,
			OffsetDateTime updatedAt, int version) {
	}

	/** A page of rows and the cursor of the next, absent on the last page. */
	public record Page(List<Row> items, @Nullable String next) {
	}

	/**
	 * A page of the list after the cursor. Rejects an unknown sort or status (naming
	 * {@code sort} or {@code status}) and a cursor of another sort.
	 */
	@Transactional(readOnly = true)
	public Page page(Filter filter, @Nullable String cursor, @Nullable Integer limit) {
		String sort = (filter.sort() == null || filter.sort().isBlank()) ? "name" : filter.sort().strip();
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		if (!SORTS.contains(sort)) {
			problems.reject("sort", "board.list.sort.unknown", String.join(", ", SORTS));
		}
		if (filter.status() != null && !filter.status().isBlank()
				&& !List.of(DealView.OPEN, DealView.WON, DealView.LOST).contains(filter.status())) {
			problems.reject("status", "board.list.status.unknown");
		}
		problems.throwIfAny();
		boolean descending = sort.startsWith("-");
		Field<?> column = column(descending ? sort.substring(1) : sort);
		int size = (limit == null) ? PAGE : Math.clamp(limit, 1, MAX_PAGE);
		Condition condition = this.accessPolicy.condition(DealService.DEALS, Access.READ)
			.and(DEAL.DELETED_AT.isNull())
			.and(conditions(filter));
		if (cursor != null && !cursor.isBlank()) {
			condition = condition.and(after(sort, column, descending, cursor));
		}
		List<SortField<?>> order = descending ? List.of(DEAL.WORKSPACE_ID.desc(), column.desc(), DEAL.ID.desc())
				: List.of(DEAL.WORKSPACE_ID.asc(), column.asc(), DEAL.ID.asc());
		var rows = this.dsl
			.select(DEAL.ID, DEAL.NAME, DEAL.COMPANY_ID, DEAL.PIPELINE_ID, DEAL.STAGE_ID, PIPELINE_STAGE.NAME,
					DEAL.AMOUNT, DEAL.CURRENCY, DEAL.EXPECTED_CLOSE_ON, DEAL.OWNER_ID, DEAL.STATUS, DEAL.UPDATED_AT,
					DEAL.VERSION, column.as("sort_value"))
			.from(DEAL)
			.join(PIPELINE_STAGE)
			.on(PIPELINE_STAGE.WORKSPACE_ID.eq(DEAL.WORKSPACE_ID).and(PIPELINE_STAGE.ID.eq(DEAL.STAGE_ID)))
			.where(condition)
			.orderBy(order)
			.limit(size + 1)
			.fetch();
		boolean more = rows.size() > size;
		var page = more ? rows.subList(0, size) : rows;
		Set<UUID> companyIds = new HashSet<>();
		Set<UUID> ownerIds = new HashSet<>();
		for (Record r : page) {
			if (r.get(DEAL.COMPANY_ID) != null) {
				companyIds.add(r.get(DEAL.COMPANY_ID));
			}
			ownerIds.add(r.get(DEAL.OWNER_ID));
		}
		Map<UUID, String> companyNames = this.companies.namesOf(companyIds);
		Map<UUID, String> ownerNames = page.isEmpty() ? Map.of() : this.owners.names(ownerIds);
		List<Row> items = new ArrayList<>();
		for (Record r : page) {
			UUID companyId = r.get(DEAL.COMPANY_ID);
			BigDecimal amount = r.get(DEAL.AMOUNT);
			items.add(new Row(r.get(DEAL.ID), r.get(DEAL.NAME), companyId,
					(companyId != null) ? companyNames.get(companyId) : null, r.get(DEAL.PIPELINE_ID),
					r.get(DEAL.STAGE_ID), r.get(PIPELINE_STAGE.NAME),
					(amount != null) ? DealService.scaled(amount) : null, r.get(DEAL.CURRENCY),
					r.get(DEAL.EXPECTED_CLOSE_ON), r.get(DEAL.OWNER_ID),
					ownerNames.getOrDefault(r.get(DEAL.OWNER_ID), "?"), r.get(DEAL.STATUS), r.get(DEAL.UPDATED_AT),
					r.get(DEAL.VERSION)));
		}
		String next = null;
		if (more) {
			Record last = page.get(page.size() - 1);
			next = Cursor.encode(sort, String.valueOf(last.get("sort_value")), last.get(DEAL.ID).toString());
		}
		return new Page(items, next);
	}

	/**
	 * The folded form of a deal's name that the search compares with, as deals store it.
	 */
	static String fold(String text) {
		return text.strip().toLowerCase(Locale.ROOT);
	}

	private static Condition conditions(Filter filter) {
		Condition condition = DSL.noCondition();
		if (filter.q() != null && !filter.q().isBlank()) {
			condition = condition.and(DEAL.NAME_KEY.startsWith(fold(filter.q())));
		}
		if (filter.pipelineId() != null) {
			condition = condition.and(DEAL.PIPELINE_ID.eq(filter.pipelineId()));
		}
		if (filter.stageId() != null) {
			condition = condition.and(DEAL.STAGE_ID.eq(filter.stageId()));
		}
		if (filter.status() != null && !filter.status().isBlank()) {
			condition = condition.and(DEAL.STATUS.eq(filter.status()));
		}
		if (filter.ownerId() != null) {
			condition = condition.and(DEAL.OWNER_ID.eq(filter.ownerId()));
		}
		if (filter.teamId() != null) {
			condition = condition.and(DEAL.TEAM_ID.eq(filter.teamId()));
		}
		if (filter.closeFrom() != null) {
			condition = condition.and(DEAL.EXPECTED_CLOSE_ON.ge(filter.closeFrom()));
		}
		if (filter.closeTo() != null) {
			condition = condition.and(DEAL.EXPECTED_CLOSE_ON.le(filter.closeTo()));
		}
		if (filter.amountFrom() != null) {
			condition = condition.and(DEAL.AMOUNT.ge(filter.amountFrom()));
		}
		if (filter.amountTo() != null) {
			condition = condition.and(DEAL.AMOUNT.le(filter.amountTo()));
		}
		return condition;
	}

	/**
	 * The column a sort orders by; a deal without an amount sorts as zero, one without an
	 * expected close date after every date.
	 */
	private static Field<?> column(String sort) {
		return switch (sort) {
			case "amount" -> DSL.coalesce(DEAL.AMOUNT, BigDecimal.ZERO);
			case "expectedClose" -> DSL.coalesce(DEAL.EXPECTED_CLOSE_ON, NO_DATE);
			case "updated" -> DEAL.UPDATED_AT;
			default -> DEAL.NAME_KEY;
		};
	}

	@SuppressWarnings("unchecked")
	private static Condition after(String sort, Field<?> column, boolean descending, String cursor) {
		List<String> values = Cursor.decode(cursor, 3);
		if (!sort.equals(values.get(0))) {
			throw new BusinessRuleException("cursor", "problem.cursor.invalid");
		}
		Object value;
		try {
			Class<?> type = column.getType();
			value = (type == BigDecimal.class) ? new BigDecimal(values.get(1))
					: (type == LocalDate.class) ? LocalDate.parse(values.get(1))
							: (type == OffsetDateTime.class) ? OffsetDateTime.parse(values.get(1)) : values.get(1);
		}
		catch (NumberFormatException | DateTimeParseException ex) {
			throw new BusinessRuleException("cursor", "problem.cursor.invalid");
		}
		var row = DSL.row((Field<Object>) column, DEAL.ID);
		UUID id = Ids.parse("cursor", values.get(2));
		return descending ? row.lessThan(value, id) : row.greaterThan(value, id);
	}

}
