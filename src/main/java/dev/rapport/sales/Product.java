package dev.rapport.sales;

import java.math.BigDecimal;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Something the business sells, at a list price in a currency. */
public record Product(UUID id, String name, @Nullable String code, BigDecimal unitPrice, String currency,
		@Nullable String description, boolean active, int version) {
}
