package dev.rapport.sales.web;

import java.math.BigDecimal;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import dev.rapport.sales.internal.Money;

/**
 * Amounts in the sales pages, in the user's language:
 * {@code ${@salesMoney.format(t.amount(), t.currency())}}.
 */
@Component("salesMoney")
public class SalesMoney {

	public String format(BigDecimal amount, String currency) {
		return Money.format(amount, currency, LocaleContextHolder.getLocale());
	}

}
