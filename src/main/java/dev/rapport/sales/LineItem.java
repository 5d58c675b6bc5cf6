package dev.rapport.sales;

import java.math.BigDecimal;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a deal sells: a product (its name and price copied when added) or free text, a
 * quantity, a unit price and a discount; total is quantity × unit price × (1 − discount /
 * 100), rounded to cents.
 */
public record LineItem(UUID id, UUID dealId, @Nullable UUID productId, String name, BigDecimal quantity,
		BigDecimal unitPrice, BigDecimal discountPercent, BigDecimal total, int position, int version) {
}
