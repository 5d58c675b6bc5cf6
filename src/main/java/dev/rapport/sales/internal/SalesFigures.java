package dev.rapport.sales.internal;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.rapport.customers.CustomerFigure;
import dev.rapport.customers.CustomerFigures;
import dev.rapport.customers.CustomerLinks;

/**
 * Revenue on a customer's page: lifetime revenue (purchases less refunds) and average
 * check per currency, the number of purchases not refunded in full and the last one,
 * leaving out what was voided; and the buttons to record a purchase and to see them all.
 */
@Component
class SalesFigures implements CustomerFigures, CustomerLinks {

	private final TransactionService transactions;

	SalesFigures(TransactionService transactions) {
		this.transactions = transactions;
	}

	@Override
	public List<CustomerFigure> forPerson(UUID personId, Locale locale) {
		return figures(this.transactions.totalsOfPerson(personId), locale);
	}

	@Override
	public List<CustomerFigure> forCompany(UUID companyId, Locale locale) {
		return figures(this.transactions.totalsOfCompany(companyId), locale);
	}

	@Override
	public List<Link> forPerson(UUID personId) {
		return List.of(new Link("sales.transaction.record", "/sales/transactions/new?personId=" + personId, 10),
				new Link("sales.transactions.title", "/sales/transactions?personId=" + personId, 11));
	}

	@Override
	public List<Link> forCompany(UUID companyId) {
		return List.of(new Link("sales.transaction.record", "/sales/transactions/new?companyId=" + companyId, 10),
				new Link("sales.transactions.title", "/sales/transactions?companyId=" + companyId, 11));
	}

	private static List<CustomerFigure> figures(List<TransactionService.Totals> totals, Locale locale) {
		List<CustomerFigure> figures = new ArrayList<>();
		long count = totals.stream().mapToLong(TransactionService.Totals::purchaseCount).sum();
		figures.add(new CustomerFigure("sales.figure.revenue",
				(count == 0) ? null
						: totals.stream()
							.filter((t) -> t.revenue().signum() > 0)
							.map((t) -> money(t.revenue(), t.currency(), locale))
							.collect(Collectors.joining(" + ")),
				10));
		figures.add(new CustomerFigure("sales.figure.purchases", NumberFormat.getIntegerInstance(locale).format(count),
				20));
		figures.add(new CustomerFigure("sales.figure.average",
				(count == 0) ? null
						: totals.stream()
							.filter((t) -> t.averagePurchase() != null)
							.map((t) -> money(t.averagePurchase(), t.currency(), locale))
							.collect(Collectors.joining(" + ")),
				30));
		figures.add(new CustomerFigure("sales.figure.last-purchase",
				totals.stream()
					.map(TransactionService.Totals::lastPurchase)
					.filter(java.util.Objects::nonNull)
					.max(java.util.Comparator.naturalOrder())
					.map(java.time.LocalDate::toString)
					.orElse(null),
				40));
		return figures;
	}

	private static String money(BigDecimal amount, String currency, Locale locale) {
		return Money.format(amount, currency, locale);
	}

}
