package dev.rapport.activities.internal;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.rapport.sales.DealView;
import dev.rapport.sales.Deals;

/** The deals of the sales module, as activities relate to them. */
@Component
class SalesDeals implements RelatedDeals {

	private final Deals deals;

	SalesDeals(Deals deals) {
		this.deals = deals;
	}

	@Override
	public Optional<String> nameOf(UUID dealId) {
		return this.deals.find(dealId).map(DealView::name);
	}

	@Override
	public boolean exists(UUID dealId) {
		return this.deals.find(dealId).isPresent();
	}

	@Override
	public void touched(UUID dealId, OffsetDateTime at) {
		this.deals.recordActivity(dealId, at);
	}

}
