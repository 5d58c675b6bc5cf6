package dev.rapport.customers.internal;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.SelectLimitStep;

/**
 * How many records of a list match: exact up to a limit; beyond it the database's
 * estimate (rounded, {@code estimated}), or "more than" the limit when there is none.
 */
public record ListCount(long value, boolean exact, boolean estimated) {

	public ListCount(long value, boolean exact) {
		this(value, exact, false);
	}

	/**
	 * Counts the rows of {@code matching} exactly up to {@code limit}. Beyond it,
	 * counting every row would cost as much as reading them all, so the count is the
	 * query planner's estimate, rounded to two significant digits, where the database
	 * gives one (PostgreSQL), and "more than the limit" where it does not.
	 */
	static ListCount of(DSLContext dsl, SelectLimitStep<?> matching, int limit) {
		int counted = dsl.fetchCount(matching.limit(limit + 1));
		if (counted <= limit) {
			return new ListCount(counted, true);
		}
		double estimate = (dsl.dialect().family() == SQLDialect.POSTGRES) ? dsl.explain(matching).rows() : Double.NaN;
		if (Double.isNaN(estimate) || estimate <= limit) {
			return new ListCount(limit, false);
		}
		return new ListCount(roughly((long) estimate), false, true);
	}

	/** A large number to two significant digits: 123,456 becomes 120,000. */
	static long roughly(long value) {
		long scale = 1;
		while (value / scale >= 100) {
			scale *= 10;
		}
		return Math.round((double) value / scale) * scale;
	}

}
