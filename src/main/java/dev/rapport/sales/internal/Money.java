package dev.rapport.sales.internal;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/** Amounts written the way the user's language writes money. */
public final class Money {

	private Money() {
	}

	/** An amount in a currency, with the decimals the currency uses. */
	public static String format(BigDecimal amount, String currency, Locale locale) {
		NumberFormat format = NumberFormat.getCurrencyInstance(locale);
		Currency c = Currency.getInstance(currency);
		format.setCurrency(c);
		format.setMinimumFractionDigits(c.getDefaultFractionDigits());
		format.setMaximumFractionDigits(c.getDefaultFractionDigits());
		return format.format(amount);
	}

}
