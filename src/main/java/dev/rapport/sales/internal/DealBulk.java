package dev.rapport.sales.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.web.AccessDeniedProblem;
import dev.rapport.sales.DealInput;
import dev.rapport.sales.DealView;

/**
 * Changes to many deals at once from the list: a new owner, another stage, the trash.
 * Each deal is changed in its own transaction with its own version check, so a deal that
 * someone else changed in the meantime is skipped and the others are done.
 */
@Service
public class DealBulk {

	public static final List<String> ACTIONS = List.of("owner", "stage", "delete");

	private final DealService deals;

	DealBulk(DealService deals) {
		this.deals = deals;
	}

	/** A selected deal and the version it was read at. */
	public record Item(UUID id, int version) {
	}

	/**
	 * A deal left as it was and why: {@code stale} (changed by someone else since),
	 * {@code not-found}, {@code forbidden} or {@code invalid} (with the message key).
	 */
	public record Skipped(UUID id, String reason, @Nullable String messageKey) {
	}

	/** How many deals were changed and which were skipped. */
	public record Result(String action, int done, List<Skipped> skipped) {
	}

	/**
	 * Applies an action to each deal. Rejects an unknown action ({@code action}), a
	 * missing owner for "owner" ({@code ownerId}) and a missing stage for "stage"
	 * ({@code stageId}).
	 */
	public Result apply(@Nullable String action, List<Item> items, @Nullable UUID ownerId, @Nullable UUID stageId,
			@Nullable String lostReason) {
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		if (action == null || !ACTIONS.contains(action)) {
			problems.reject("action", "board.bulk.action.unknown", String.join(", ", ACTIONS));
		}
		else if ("owner".equals(action) && ownerId == null) {
			problems.reject("ownerId", "board.bulk.owner.required");
		}
		else if ("stage".equals(action) && stageId == null) {
			problems.reject("stageId", "board.bulk.stage.required");
		}
		if (items.isEmpty()) {
			problems.reject("items", "board.bulk.items.required");
		}
		problems.throwIfAny();
		int done = 0;
		List<Skipped> skipped = new ArrayList<>();
		for (Item item : items) {
			try {
				switch (action) {
					case "owner" -> changeOwner(item, ownerId);
					case "stage" -> this.deals.moveToStage(item.id(), stageId, item.version(), lostReason);
					default -> this.deals.delete(item.id(), item.version());
				}
				done++;
			}
			catch (StaleVersionException ex) {
				skipped.add(new Skipped(item.id(), "stale", null));
			}
			catch (NotFoundException ex) {
				skipped.add(new Skipped(item.id(), "not-found", null));
			}
			catch (AccessDeniedProblem ex) {
				skipped.add(new Skipped(item.id(), "forbidden", null));
			}
			catch (InvalidFieldsException ex) {
				skipped.add(new Skipped(item.id(), "invalid", ex.problems().get(0).messageKey()));
			}
			catch (BusinessRuleException ex) {
				skipped.add(new Skipped(item.id(), "invalid", ex.messageKey()));
			}
		}
		return new Result(action, done, skipped);
	}

	private void changeOwner(Item item, UUID ownerId) {
		DealView d = this.deals.get(item.id());
		StaleVersionException.check(DealService.KIND, item.version(), d.version());
		this.deals.update(item.id(), item.version(),
				new DealInput(d.name(), d.amount(), d.currency(), d.amountFromItems(), d.expectedCloseOn(),
						d.pipelineId(), d.stageId(), ownerId, d.teamId(), d.companyId(), d.source(), d.campaignId(),
						d.lostReason(), null, null));
	}

}
