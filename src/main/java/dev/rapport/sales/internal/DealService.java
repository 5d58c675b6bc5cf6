package dev.rapport.sales.internal;

import static dev.rapport.sales.internal.db.Tables.DEAL;
import static dev.rapport.sales.internal.db.Tables.DEAL_LINE_ITEM;
import static dev.rapport.sales.internal.db.Tables.DEAL_PERSON;
import static dev.rapport.sales.internal.db.Tables.DEAL_STAGE_CHANGE;
import static dev.rapport.sales.internal.db.Tables.PIPELINE;
import static dev.rapport.sales.internal.db.Tables.PIPELINE_STAGE;
import static dev.rapport.sales.internal.db.Tables.PRODUCT;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customers.Customers;
import dev.rapport.customers.LifecycleStage;
import dev.rapport.customers.timeline.Timeline;
import dev.rapport.customers.timeline.TimelineEntry;
import dev.rapport.customization.CustomFields;
import dev.rapport.identity.Access;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.identity.OwnedRecords;
import dev.rapport.identity.Teams;
import dev.rapport.identity.Users;
import dev.rapport.platform.Actors;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.RecordRules;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.WorkspaceScope;
import dev.rapport.sales.DealInput;
import dev.rapport.sales.DealStageChange;
import dev.rapport.sales.DealView;
import dev.rapport.sales.Deals;
import dev.rapport.sales.LineItem;
import dev.rapport.sales.PipelineView;
import dev.rapport.sales.internal.db.tables.PipelineStage;
import dev.rapport.sales.internal.db.tables.records.DealLineItemRecord;
import dev.rapport.sales.internal.db.tables.records.DealRecord;
import dev.rapport.sales.internal.db.tables.records.DealStageChangeRecord;
import dev.rapport.sales.internal.db.tables.records.PipelineStageRecord;
import dev.rapport.sales.internal.db.tables.records.ProductRecord;

/**
 * Deals: created in a pipeline's stage, changed with a version check, moved between
 * stages with every move kept (when, who, from, to, time spent), soft deleted, with their
 * people and line items; shown on the timeline of their company and people. The access
 * policy applies as for people: owner, the owner's managers, the team it is shared with.
 */
@Service
public class DealService implements Deals {

	static final String KIND = "deal";

	static final String MODULE = "sales";

	/** Who may reach a deal. */
	public static final OwnedRecords DEALS = new OwnedRecords(DEAL.WORKSPACE_ID, DEAL.OWNER_ID, DEAL.TEAM_ID);

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
	};

	private static final PipelineStage FROM = PIPELINE_STAGE.as("from_stage");

	private static final PipelineStage TO = PIPELINE_STAGE.as("to_stage");

	private final DSLContext dsl;

	private final AccessPolicy accessPolicy;

	private final PipelineService pipelines;

	private final SalesSettings settings;

	private final Customers customers;

	private final Timeline timeline;

	private final CustomFields customFields;

	private final Users users;

	private final Teams teams;

	private final JsonMapper json;

	private final Clock clock;

	private final RecordRules rules;

	DealService(DSLContext dsl, AccessPolicy accessPolicy, PipelineService pipelines, SalesSettings settings,
			Customers customers, Timeline timeline, CustomFields customFields, Users users, Teams teams,
			JsonMapper json, Clock clock, ObjectProvider<RecordRules> rules) {
		this.rules = RecordRules.of(rules);
		this.dsl = dsl;
		this.accessPolicy = accessPolicy;
		this.pipelines = pipelines;
		this.settings = settings;
		this.customers = customers;
		this.timeline = timeline;
		this.customFields = customFields;
		this.users = users;
		this.teams = teams;
		this.json = json;
		this.clock = clock;
	}

	/** A line item to add or its new values; price and name default from the product. */
	public record LineItemInput(@Nullable UUID productId, @Nullable String name, @Nullable BigDecimal quantity,
			@Nullable BigDecimal unitPrice, @Nullable BigDecimal discountPercent, @Nullable String currency) {
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<DealView> find(UUID id) {
		return this.dsl.select(DEAL.asterisk(), PIPELINE_STAGE.NAME, PIPELINE.NAME)
			.from(DEAL)
			.join(PIPELINE_STAGE)
			.on(PIPELINE_STAGE.WORKSPACE_ID.eq(DEAL.WORKSPACE_ID).and(PIPELINE_STAGE.ID.eq(DEAL.STAGE_ID)))
			.join(PIPELINE)
			.on(PIPELINE.WORKSPACE_ID.eq(DEAL.WORKSPACE_ID).and(PIPELINE.ID.eq(DEAL.PIPELINE_ID)))
			.where(this.accessPolicy.condition(DEALS, Access.READ))
			.and(DEAL.ID.eq(id))
			.and(DEAL.DELETED_AT.isNull())
			.fetchOptional()
			.map((r) -> view(r.into(DEAL), r.get(PIPELINE_STAGE.NAME), r.get(PIPELINE.NAME)));
	}

	/**
	 * A deal just written by the current user, read back within the workspace only: a
	 * change may give the deal to an owner out of the user's reach, and the write must
	 * still answer with the deal as stored.
	 */
	private DealView written(UUID id) {
		return this.dsl.select(DEAL.asterisk(), PIPELINE_STAGE.NAME, PIPELINE.NAME)
			.from(DEAL)
			.join(PIPELINE_STAGE)
			.on(PIPELINE_STAGE.WORKSPACE_ID.eq(DEAL.WORKSPACE_ID).and(PIPELINE_STAGE.ID.eq(DEAL.STAGE_ID)))
			.join(PIPELINE)
			.on(PIPELINE.WORKSPACE_ID.eq(DEAL.WORKSPACE_ID).and(PIPELINE.ID.eq(DEAL.PIPELINE_ID)))
			.where(WorkspaceScope.of(DEAL.WORKSPACE_ID))
			.and(DEAL.ID.eq(id))
			.fetchOptional()
			.map((r) -> view(r.into(DEAL), r.get(PIPELINE_STAGE.NAME), r.get(PIPELINE.NAME)))
			.orElseThrow(() -> new NotFoundException(KIND, id));
	}

	/** A deal the current user may read, or 404. */
	@Transactional(readOnly = true)
	public DealView get(UUID id) {
		return find(id).orElseThrow(() -> new NotFoundException(KIND, id));
	}

	@Override
	@Transactional
	public DealView create(DealInput input) {
		SalesSettings.Settings settings = this.settings.current();
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		Valid valid = validate(problems, input, null, settings);
		PipelineStageRecord stage = startStage(problems, input);
		if (stage != null && DealView.LOST.equals(stage.getKind()) && valid.lostReason() == null) {
			problems.reject("lostReason", "deals.lost-reason.required");
		}
		problems.throwIfAny();
		Objects.requireNonNull(stage);
		OffsetDateTime now = now();
		DealRecord deal = this.dsl.newRecord(DEAL);
		deal.setId(Ids.newId());
		fill(deal, valid);
		deal.setAmountFromItems(Boolean.TRUE.equals(input.amountFromItems()));
		if (deal.getAmountFromItems()) {
			deal.setAmount(BigDecimal.ZERO.setScale(2));
		}
		deal.setPipelineId(stage.getPipelineId());
		deal.setStageId(stage.getId());
		deal.setStatus(stage.getKind());
		deal.setStageEnteredAt(now);
		deal.setClosedAt(DealView.OPEN.equals(stage.getKind()) ? null : now);
		deal.setLostReason(DealView.LOST.equals(stage.getKind()) ? valid.lostReason() : null);
		checkRules(deal, valid.people());
		deal.store();
		writePeople(deal.getId(), valid.people());
		recordStageChange(deal.getId(), null, stage.getId(), now, null);
		DealView view = written(deal.getId());
		if (DealView.WON.equals(view.status()) && settings.winActivatesPeople()) {
			activatePeople(view);
		}
		recordTimeline(view, List.of());
		return view;
	}

	/**
	 * Changes a deal's values; a different stage moves it as {@link #moveToStage} does.
	 * Rejects a stale version, invalid fields, and a lost deal without a reason.
	 */
	@Transactional
	public DealView update(UUID id, int version, DealInput input) {
		DealRecord deal = lockForChange(id, Access.UPDATE);
		StaleVersionException.check(KIND, version, deal.getVersion());
		SalesSettings.Settings settings = this.settings.current();
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		Valid valid = validate(problems, input, deal, settings);
		UUID stageId = (input.stageId() != null) ? input.stageId() : deal.getStageId();
		boolean moves = !stageId.equals(deal.getStageId());
		if (!moves && DealView.LOST.equals(deal.getStatus()) && valid.lostReason() == null) {
			problems.reject("lostReason", "deals.lost-reason.required");
		}
		if (input.pipelineId() != null && !input.pipelineId().equals(deal.getPipelineId()) && !moves) {
			problems.reject("stageId", "deals.stage.of-pipeline");
		}
		if (!valid.currency().equals(deal.getCurrency()) && hasLineItems(id)) {
			problems.reject("currency", "deals.currency.has-items");
		}
		problems.throwIfAny();
		List<UUID> before = peopleOf(id).stream().map(DealView.Participant::personId).toList();
		fill(deal, valid);
		if (input.amountFromItems() != null) {
			deal.setAmountFromItems(input.amountFromItems());
		}
		if (deal.getAmountFromItems()) {
			deal.setAmount(itemsTotal(id));
		}
		if (DealView.LOST.equals(deal.getStatus())) {
			deal.setLostReason(valid.lostReason());
		}
		if (!moves) {
			// A move checks the deal in its new stage.
			checkRules(deal, (input.people() != null) ? valid.people() : peopleOf(id));
		}
		deal.store();
		if (input.people() != null) {
			writePeople(id, valid.people());
		}
		if (moves) {
			return move(deal, stageId, input.lostReason(), before);
		}
		DealView view = written(id);
		recordTimeline(view, before);
		return view;
	}

	@Override
	@Transactional
	public DealView moveToStage(UUID dealId, UUID stageId, int expectedVersion, @Nullable String lostReason) {
		DealRecord deal = lockForChange(dealId, Access.UPDATE);
		StaleVersionException.check(KIND, expectedVersion, deal.getVersion());
		if (stageId.equals(deal.getStageId())) {
			return written(dealId);
		}
		return move(deal, stageId, lostReason, List.of());
	}

	private DealView move(DealRecord deal, UUID stageId, @Nullable String lostReason, List<UUID> peopleBefore) {
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		PipelineStageRecord stage = this.dsl.selectFrom(PIPELINE_STAGE)
			.where(WorkspaceScope.of(PIPELINE_STAGE.WORKSPACE_ID))
			.and(PIPELINE_STAGE.ID.eq(stageId))
			.fetchOne();
		String reason = text(problems, "lostReason", lostReason, 500);
		if (stage == null) {
			problems.reject("stageId", "deals.stage.unknown");
		}
		else if (stage.getArchivedAt() != null) {
			problems.reject("stageId", "deals.stage.archived", stage.getName());
		}
		else if (this.dsl.fetchExists(PIPELINE,
				WorkspaceScope.of(PIPELINE.WORKSPACE_ID)
					.and(PIPELINE.ID.eq(stage.getPipelineId()))
					.and(PIPELINE.ARCHIVED_AT.isNotNull()))
				&& !stage.getPipelineId().equals(deal.getPipelineId())) {
			problems.reject("stageId", "deals.pipeline.archived");
		}
		else if (DealView.LOST.equals(stage.getKind()) && reason == null && !problems.has("lostReason")) {
			problems.reject("lostReason", "deals.lost-reason.required");
		}
		problems.throwIfAny();
		Objects.requireNonNull(stage);
		OffsetDateTime now = now();
		UUID from = deal.getStageId();
		String previousStatus = deal.getStatus();
		long seconds = Math.max(0, Duration.between(deal.getStageEnteredAt(), now).toSeconds());
		deal.setPipelineId(stage.getPipelineId());
		deal.setStageId(stage.getId());
		deal.setStatus(stage.getKind());
		deal.setStageEnteredAt(now);
		if (DealView.OPEN.equals(stage.getKind())) {
			deal.setClosedAt(null);
			deal.setLostReason(null);
		}
		else {
			deal.setClosedAt(now);
			deal.setLostReason(DealView.LOST.equals(stage.getKind()) ? reason : null);
		}
		checkRules(deal, peopleOf(deal.getId()));
		deal.store();
		recordStageChange(deal.getId(), from, stage.getId(), now, seconds);
		DealView view = written(deal.getId());
		if (DealView.WON.equals(view.status()) && !DealView.WON.equals(previousStatus)
				&& this.settings.current().winActivatesPeople()) {
			activatePeople(view);
		}
		recordTimeline(view, peopleBefore);
		return view;
	}

	@Override
	@Transactional
	public void recordActivity(UUID dealId, OffsetDateTime at) {
		OffsetDateTime utc = at.withOffsetSameInstant(ZoneOffset.UTC);
		this.dsl.update(DEAL)
			.set(DEAL.LAST_ACTIVITY_AT, DSL.greatest(DSL.coalesce(DEAL.LAST_ACTIVITY_AT, DSL.val(utc)), DSL.val(utc)))
			.where(WorkspaceScope.of(DEAL.WORKSPACE_ID))
			.and(DEAL.ID.eq(dealId))
			.execute();
	}

	/**
	 * Moves a deal to the trash and takes it off the timeline; only those who may delete
	 * it can.
	 */
	@Override
	@Transactional
	public void delete(UUID id, int version) {
		DealRecord deal = lockForChange(id, Access.DELETE);
		StaleVersionException.check(KIND, version, deal.getVersion());
		List<DealView.Participant> people = peopleOf(id);
		deal.setDeletedAt(now());
		deal.setDeletedBy(Actors.require().userId());
		deal.store();
		this.timeline.remove(MODULE, id);
		people.forEach((p) -> this.timeline.remove(MODULE, entryId(id, p.personId())));
	}

	/** The stage history of a deal the user may read, oldest first. */
	@Transactional(readOnly = true)
	public List<DealStageChange> stageChanges(UUID dealId) {
		get(dealId);
		return this.dsl.select(DEAL_STAGE_CHANGE.asterisk(), FROM.NAME, TO.NAME)
			.from(DEAL_STAGE_CHANGE)
			.leftJoin(FROM)
			.on(FROM.WORKSPACE_ID.eq(DEAL_STAGE_CHANGE.WORKSPACE_ID).and(FROM.ID.eq(DEAL_STAGE_CHANGE.FROM_STAGE_ID)))
			.join(TO)
			.on(TO.WORKSPACE_ID.eq(DEAL_STAGE_CHANGE.WORKSPACE_ID).and(TO.ID.eq(DEAL_STAGE_CHANGE.TO_STAGE_ID)))
			.where(WorkspaceScope.of(DEAL_STAGE_CHANGE.WORKSPACE_ID))
			.and(DEAL_STAGE_CHANGE.DEAL_ID.eq(dealId))
			.orderBy(DEAL_STAGE_CHANGE.CHANGED_AT, DEAL_STAGE_CHANGE.ID)
			.fetch((r) -> {
				DealStageChangeRecord c = r.into(DEAL_STAGE_CHANGE);
				return new DealStageChange(c.getId(), c.getFromStageId(), r.get(FROM.NAME), c.getToStageId(),
						r.get(TO.NAME), c.getChangedAt(), c.getChangedBy(), c.getSecondsInFromStage());
			});
	}

	/** Adds a person to a deal with a role, or changes their role. */
	@Transactional
	public DealView addPerson(UUID dealId, UUID personId, @Nullable String role) {
		DealRecord deal = lockForChange(dealId, Access.UPDATE);
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		String validRole = text(problems, "role", role, 100);
		if (this.customers.findPerson(personId).isEmpty()) {
			problems.reject("personId", "deals.person.unknown");
		}
		problems.throwIfAny();
		List<UUID> before = peopleOf(dealId).stream().map(DealView.Participant::personId).toList();
		this.dsl.deleteFrom(DEAL_PERSON)
			.where(DEAL_PERSON.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(DEAL_PERSON.DEAL_ID.eq(dealId))
			.and(DEAL_PERSON.PERSON_ID.eq(personId))
			.execute();
		insertPerson(dealId, personId, validRole);
		touch(deal);
		DealView view = written(dealId);
		recordTimeline(view, before);
		return view;
	}

	/** Takes a person off a deal. */
	@Transactional
	public DealView removePerson(UUID dealId, UUID personId) {
		DealRecord deal = lockForChange(dealId, Access.UPDATE);
		int removed = this.dsl.deleteFrom(DEAL_PERSON)
			.where(DEAL_PERSON.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(DEAL_PERSON.DEAL_ID.eq(dealId))
			.and(DEAL_PERSON.PERSON_ID.eq(personId))
			.execute();
		if (removed == 0) {
			throw new NotFoundException("person", personId);
		}
		touch(deal);
		this.timeline.remove(MODULE, entryId(dealId, personId));
		return written(dealId);
	}

	/** The line items of a deal the user may read, in order. */
	@Transactional(readOnly = true)
	public List<LineItem> lineItems(UUID dealId) {
		get(dealId);
		return items(dealId);
	}

	/**
	 * Adds a line item. Rejects a product of another currency than the deal's, a quantity
	 * that is not positive, a negative price and a discount outside 0 to 100. The first
	 * line item makes the amount the sum of the items.
	 */
	@Transactional
	public LineItem addLineItem(UUID dealId, LineItemInput input) {
		DealRecord deal = lockForChange(dealId, Access.UPDATE);
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		ValidItem valid = validateItem(problems, deal, input, null);
		problems.throwIfAny();
		boolean first = !hasLineItems(dealId);
		Integer last = this.dsl.select(DSL.max(DEAL_LINE_ITEM.POSITION))
			.from(DEAL_LINE_ITEM)
			.where(WorkspaceScope.of(DEAL_LINE_ITEM.WORKSPACE_ID))
			.and(DEAL_LINE_ITEM.DEAL_ID.eq(dealId))
			.fetchOne(0, Integer.class);
		DealLineItemRecord item = this.dsl.newRecord(DEAL_LINE_ITEM);
		item.setId(Ids.newId());
		item.setDealId(dealId);
		item.setPosition((last != null) ? last + 1 : 0);
		fill(item, valid);
		item.store();
		if (first) {
			deal.setAmountFromItems(true);
		}
		itemsChanged(deal);
		return itemView(item);
	}

	/** Changes a line item, with its version. */
	@Transactional
	public LineItem updateLineItem(UUID dealId, UUID itemId, int version, LineItemInput input) {
		DealRecord deal = lockForChange(dealId, Access.UPDATE);
		DealLineItemRecord item = item(dealId, itemId);
		StaleVersionException.check("line item", version, item.getVersion());
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		ValidItem valid = validateItem(problems, deal, input, item);
		problems.throwIfAny();
		fill(item, valid);
		item.store();
		itemsChanged(deal);
		return itemView(item);
	}

	/** Removes a line item. */
	@Transactional
	public void removeLineItem(UUID dealId, UUID itemId) {
		DealRecord deal = lockForChange(dealId, Access.UPDATE);
		item(dealId, itemId).delete();
		itemsChanged(deal);
	}

	/** The user's name, for the stage history. */
	@Transactional(readOnly = true)
	public @Nullable String userName(@Nullable UUID userId) {
		return (userId != null) ? this.users.find(userId).map((u) -> u.displayName()).orElse(null) : null;
	}

	private void itemsChanged(DealRecord deal) {
		if (deal.getAmountFromItems()) {
			deal.setAmount(itemsTotal(deal.getId()));
		}
		touch(deal);
		DealView view = written(deal.getId());
		recordTimeline(view, List.of());
	}

	/**
	 * Stores the deal so its version moves on, even when no column of its own changed.
	 */
	private void touch(DealRecord deal) {
		deal.changed(DEAL.UPDATED_AT, true);
		deal.store();
	}

	private DealLineItemRecord item(UUID dealId, UUID itemId) {
		return this.dsl.selectFrom(DEAL_LINE_ITEM)
			.where(WorkspaceScope.of(DEAL_LINE_ITEM.WORKSPACE_ID))
			.and(DEAL_LINE_ITEM.DEAL_ID.eq(dealId))
			.and(DEAL_LINE_ITEM.ID.eq(itemId))
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException("line item", itemId));
	}

	private record ValidItem(@Nullable UUID productId, String name, BigDecimal quantity, BigDecimal unitPrice,
			BigDecimal discountPercent) {
	}

	private ValidItem validateItem(InvalidFieldsException.Collector problems, DealRecord deal, LineItemInput input,
			@Nullable DealLineItemRecord current) {
		UUID productId = (input.productId() != null) ? input.productId()
				: (current != null) ? current.getProductId() : null;
		ProductRecord product = null;
		if (productId != null) {
			product = this.dsl.selectFrom(PRODUCT)
				.where(WorkspaceScope.of(PRODUCT.WORKSPACE_ID))
				.and(PRODUCT.ID.eq(productId))
				.fetchOne();
			if (product == null) {
				problems.reject("productId", "deals.item.product.unknown");
			}
			else if (!product.getCurrency().equals(deal.getCurrency())) {
				problems.reject("productId", "deals.item.currency", product.getCurrency(), deal.getCurrency());
			}
			else if (!product.getActive() && current == null) {
				problems.reject("productId", "deals.item.product.inactive");
			}
		}
		if (input.currency() != null && !input.currency().isBlank()
				&& !input.currency().strip().equalsIgnoreCase(deal.getCurrency())) {
			problems.reject("currency", "deals.item.currency", input.currency().strip().toUpperCase(Locale.ROOT),
					deal.getCurrency());
		}
		String name = text(problems, "name", input.name(), 300);
		if (name == null) {
			name = (product != null) ? product.getName() : (current != null) ? current.getName() : null;
		}
		if (name == null && !problems.has("name")) {
			problems.reject("name", "deals.item.name.required");
		}
		BigDecimal quantity = (input.quantity() != null) ? input.quantity()
				: (current != null) ? current.getQuantity() : BigDecimal.ONE;
		if (quantity.signum() <= 0 || quantity.scale() > 4 || quantity.precision() - quantity.scale() > 15) {
			problems.reject("quantity", "deals.item.quantity.positive");
		}
		BigDecimal unitPrice = input.unitPrice();
		if (unitPrice == null) {
			unitPrice = (product != null && (current == null || input.productId() != null)) ? product.getUnitPrice()
					: (current != null) ? current.getUnitPrice() : null;
		}
		if (unitPrice == null) {
			problems.reject("unitPrice", "deals.item.price.required");
			unitPrice = BigDecimal.ZERO;
		}
		else if (unitPrice.signum() < 0 || unitPrice.scale() > 4 || unitPrice.precision() - unitPrice.scale() > 15) {
			problems.reject("unitPrice", "deals.amount.invalid");
		}
		BigDecimal discount = (input.discountPercent() != null) ? input.discountPercent()
				: (current != null) ? current.getDiscountPercent() : BigDecimal.ZERO;
		if (discount.signum() < 0 || discount.compareTo(BigDecimal.valueOf(100)) > 0 || discount.scale() > 4) {
			problems.reject("discountPercent", "deals.item.discount.range");
		}
		return new ValidItem(productId, (name != null) ? name : "", quantity, unitPrice, discount);
	}

	private static void fill(DealLineItemRecord item, ValidItem valid) {
		item.setProductId(valid.productId());
		item.setName(valid.name());
		item.setQuantity(valid.quantity());
		item.setUnitPrice(valid.unitPrice());
		item.setDiscountPercent(valid.discountPercent());
	}

	private List<LineItem> items(UUID dealId) {
		return this.dsl.selectFrom(DEAL_LINE_ITEM)
			.where(WorkspaceScope.of(DEAL_LINE_ITEM.WORKSPACE_ID))
			.and(DEAL_LINE_ITEM.DEAL_ID.eq(dealId))
			.orderBy(DEAL_LINE_ITEM.POSITION, DEAL_LINE_ITEM.ID)
			.fetch(DealService::itemView);
	}

	private boolean hasLineItems(UUID dealId) {
		return this.dsl.fetchExists(DEAL_LINE_ITEM,
				WorkspaceScope.of(DEAL_LINE_ITEM.WORKSPACE_ID).and(DEAL_LINE_ITEM.DEAL_ID.eq(dealId)));
	}

	/** The sum of quantity × unit price × (1 − discount / 100), rounded to 2 decimals. */
	private BigDecimal itemsTotal(UUID dealId) {
		BigDecimal sum = BigDecimal.ZERO;
		for (DealLineItemRecord item : this.dsl.selectFrom(DEAL_LINE_ITEM)
			.where(WorkspaceScope.of(DEAL_LINE_ITEM.WORKSPACE_ID))
			.and(DEAL_LINE_ITEM.DEAL_ID.eq(dealId))
			.fetch()) {
			sum = sum.add(exact(item));
		}
		return sum.setScale(2, RoundingMode.HALF_UP);
	}

	private static BigDecimal exact(DealLineItemRecord item) {
		BigDecimal factor = BigDecimal.ONE.subtract(item.getDiscountPercent().movePointLeft(2));
		return item.getQuantity().multiply(item.getUnitPrice()).multiply(factor);
	}

	private static LineItem itemView(DealLineItemRecord r) {
		return new LineItem(r.getId(), r.getDealId(), r.getProductId(), r.getName(), plain(r.getQuantity()),
				scaled(r.getUnitPrice()), plain(r.getDiscountPercent()), exact(r).setScale(2, RoundingMode.HALF_UP),
				r.getPosition(), r.getVersion());
	}

	/** The deal's values, checked. */
	private record Valid(String name, @Nullable BigDecimal amount, String currency,
			java.time.@Nullable LocalDate expectedCloseOn, UUID ownerId, @Nullable UUID teamId,
			@Nullable UUID companyId, @Nullable String source, @Nullable UUID campaignId, @Nullable String lostReason,
			List<DealView.Participant> people, Map<String, Object> custom) {
	}

	private Valid validate(InvalidFieldsException.Collector problems, DealInput input, @Nullable DealRecord current,
			SalesSettings.Settings settings) {
		String name = text(problems, "name", input.name(), 300);
		if (name == null && !problems.has("name")) {
			problems.reject("name", "deals.name.required");
		}
		BigDecimal amount = input.amount();
		if (amount != null && (amount.signum() < 0 || amount.scale() > 4 || amount.precision() - amount.scale() > 15)) {
			problems.reject("amount", "deals.amount.invalid");
		}
		String currency = (input.currency() == null && current != null) ? current.getCurrency()
				: (input.currency() == null) ? settings.defaultCurrency()
						: SalesSettings.currency(problems, "currency", input.currency());
		UUID ownerId = (input.ownerId() != null) ? input.ownerId()
				: (current != null) ? current.getOwnerId() : Objects.requireNonNull(Actors.require().userId());
		if (input.ownerId() != null && this.users.find(input.ownerId()).isEmpty()) {
			problems.reject("ownerId", "deals.owner.unknown");
		}
		if (input.teamId() != null && !this.teams.exists(input.teamId())) {
			problems.reject("teamId", "deals.team.unknown");
		}
		if (input.companyId() != null && (current == null || !input.companyId().equals(current.getCompanyId()))
				&& this.customers.findCompany(input.companyId()).isEmpty()) {
			problems.reject("companyId", "deals.company.unknown");
		}
		String source = text(problems, "source", input.source(), 100);
		String lostReason = text(problems, "lostReason", input.lostReason(), 500);
		List<DealView.Participant> people = new ArrayList<>();
		if (input.people() != null) {
			Set<UUID> seen = new LinkedHashSet<>();
			for (int i = 0; i < input.people().size(); i++) {
				DealView.Participant p = input.people().get(i);
				if (p == null || p.personId() == null) {
					problems.reject("people[" + i + "].personId", "deals.person.unknown");
					continue;
				}
				String role = text(problems, "people[" + i + "].role", p.role(), 100);
				if (!seen.add(p.personId())) {
					continue;
				}
				if (this.customers.findPerson(p.personId()).isEmpty()) {
					problems.reject("people[" + i + "].personId", "deals.person.unknown");
				}
				people.add(new DealView.Participant(p.personId(), role));
			}
		}
		Map<String, Object> previous = (current != null) ? parse(current.getCustom()) : null;
		Map<String, Object> custom;
		try {
			custom = this.customFields.validate(CustomFields.DEAL, input.custom(), previous);
		}
		catch (InvalidFieldsException ex) {
			problems.addAll(ex);
			custom = (previous != null) ? previous : Map.of();
		}
		return new Valid((name != null) ? name : "", amount, currency, input.expectedCloseOn(), ownerId, input.teamId(),
				input.companyId(), source, input.campaignId(), lostReason, people, custom);
	}

	/** The deal as it will be stored, against the workspace's validation rules. */
	private void checkRules(DealRecord deal, List<DealView.Participant> people) {
		this.rules.check(RecordRules.DEAL, ruleValues(deal, people, parse(deal.getCustom())));
	}

	/** A deal as the workspace's validation rules see it. */
	static Map<String, @Nullable Object> ruleValues(DealRecord deal, List<DealView.Participant> people,
			Map<String, Object> custom) {
		Map<String, @Nullable Object> values = new java.util.LinkedHashMap<>();
		values.put("name", deal.getName());
		values.put("amount", deal.getAmount());
		values.put("currency", deal.getCurrency());
		values.put("expectedCloseOn", deal.getExpectedCloseOn());
		values.put("pipelineId", deal.getPipelineId());
		values.put("stageId", deal.getStageId());
		values.put("status", deal.getStatus());
		values.put("ownerId", deal.getOwnerId());
		values.put("teamId", deal.getTeamId());
		values.put("companyId", deal.getCompanyId());
		values.put("source", deal.getSource());
		values.put("campaignId", deal.getCampaignId());
		values.put("lostReason", deal.getLostReason());
		values.put("people", people.stream().map(DealView.Participant::personId).toList());
		custom.forEach((key, value) -> values.put("custom." + key, value));
		return values;
	}

	/** The standard fields of a deal that rules can name. */
	static final List<String> RULE_FIELDS = List.of("name", "amount", "currency", "expectedCloseOn", "pipelineId",
			"stageId", "status", "ownerId", "teamId", "companyId", "source", "campaignId", "lostReason", "people");

	/** The values of a deal the user may read, to try a rule on it. */
	@Transactional(readOnly = true)
	public Optional<Map<String, @Nullable Object>> ruleValues(UUID id) {
		return this.dsl.selectFrom(DEAL)
			.where(this.accessPolicy.condition(DEALS, Access.READ))
			.and(DEAL.ID.eq(id))
			.and(DEAL.DELETED_AT.isNull())
			.fetchOptional()
			.map((d) -> ruleValues(d, peopleOf(id), parse(d.getCustom())));
	}

	private void fill(DealRecord deal, Valid valid) {
		deal.setName(valid.name());
		deal.setNameKey(valid.name().toLowerCase(Locale.ROOT));
		deal.setAmount(valid.amount());
		deal.setCurrency(valid.currency());
		deal.setExpectedCloseOn(valid.expectedCloseOn());
		deal.setOwnerId(valid.ownerId());
		deal.setTeamId(valid.teamId());
		deal.setCompanyId(valid.companyId());
		deal.setSource(valid.source());
		deal.setCampaignId(valid.campaignId());
		deal.setCustom(valid.custom().isEmpty() ? null : JSON.valueOf(this.json.writeValueAsString(valid.custom())));
	}

	/**
	 * The stage a new deal starts in: the one named, else the pipeline's first open
	 * stage.
	 */
	private @Nullable PipelineStageRecord startStage(InvalidFieldsException.Collector problems, DealInput input) {
		if (input.stageId() != null) {
			PipelineStageRecord stage = this.dsl.selectFrom(PIPELINE_STAGE)
				.where(WorkspaceScope.of(PIPELINE_STAGE.WORKSPACE_ID))
				.and(PIPELINE_STAGE.ID.eq(input.stageId()))
				.fetchOne();
			if (stage == null) {
				problems.reject("stageId", "deals.stage.unknown");
			}
			else if (stage.getArchivedAt() != null) {
				problems.reject("stageId", "deals.stage.archived", stage.getName());
			}
			else if (input.pipelineId() != null && !input.pipelineId().equals(stage.getPipelineId())) {
				problems.reject("stageId", "deals.stage.of-pipeline");
			}
			return stage;
		}
		List<PipelineView> all = this.pipelines.list(false);
		PipelineView pipeline = (input.pipelineId() != null)
				? all.stream().filter((p) -> p.id().equals(input.pipelineId())).findFirst().orElse(null)
				: (all.isEmpty() ? null : all.get(0));
		if (pipeline == null) {
			problems.reject("pipelineId", "deals.pipeline.unknown");
			return null;
		}
		Optional<PipelineView.Stage> first = pipeline.activeStages()
			.stream()
			.filter((s) -> DealView.OPEN.equals(s.kind()))
			.findFirst();
		if (first.isEmpty()) {
			problems.reject("pipelineId", "deals.pipeline.open-stage.required");
			return null;
		}
		return this.dsl.selectFrom(PIPELINE_STAGE)
			.where(WorkspaceScope.of(PIPELINE_STAGE.WORKSPACE_ID))
			.and(PIPELINE_STAGE.ID.eq(first.get().id()))
			.fetchSingle();
	}

	private void writePeople(UUID dealId, List<DealView.Participant> people) {
		List<UUID> before = peopleOf(dealId).stream().map(DealView.Participant::personId).toList();
		this.dsl.deleteFrom(DEAL_PERSON)
			.where(DEAL_PERSON.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(DEAL_PERSON.DEAL_ID.eq(dealId))
			.execute();
		for (DealView.Participant p : people) {
			insertPerson(dealId, p.personId(), p.role());
		}
		Set<UUID> now = new LinkedHashSet<>(people.stream().map(DealView.Participant::personId).toList());
		before.stream()
			.filter((id) -> !now.contains(id))
			.forEach((id) -> this.timeline.remove(MODULE, entryId(dealId, id)));
	}

	private void insertPerson(UUID dealId, UUID personId, @Nullable String role) {
		this.dsl.insertInto(DEAL_PERSON)
			.set(DEAL_PERSON.WORKSPACE_ID, Actors.workspaceId())
			.set(DEAL_PERSON.DEAL_ID, dealId)
			.set(DEAL_PERSON.PERSON_ID, personId)
			.set(DEAL_PERSON.ROLE, role)
			.execute();
	}

	private List<DealView.Participant> peopleOf(UUID dealId) {
		return this.dsl.selectFrom(DEAL_PERSON)
			.where(DEAL_PERSON.WORKSPACE_ID.eq(Actors.workspaceId()))
			.and(DEAL_PERSON.DEAL_ID.eq(dealId))
			.orderBy(DEAL_PERSON.PERSON_ID)
			.fetch((r) -> new DealView.Participant(r.getPersonId(), r.getRole()));
	}

	private void recordStageChange(UUID dealId, @Nullable UUID from, UUID to, OffsetDateTime at,
			@Nullable Long seconds) {
		DealStageChangeRecord change = this.dsl.newRecord(DEAL_STAGE_CHANGE);
		change.setWorkspaceId(Actors.workspaceId());
		change.setId(Ids.newId());
		change.setDealId(dealId);
		change.setFromStageId(from);
		change.setToStageId(to);
		change.setChangedAt(at);
		change.setChangedBy(Actors.require().userId());
		change.setSecondsInFromStage(seconds);
		change.insert();
	}

	/** A won deal's people become active customers, where they are not further along. */
	private void activatePeople(DealView deal) {
		for (DealView.Participant p : deal.people()) {
			this.customers.advanceLifecycle(p.personId(), LifecycleStage.ACTIVE, deal.name());
		}
	}

	/**
	 * The deal's entries on the timeline of its company and each of its people: created,
	 * won or lost, with its amount and stage, replaced as the deal changes.
	 */
	private void recordTimeline(DealView deal, List<UUID> peopleBefore) {
		String event = DealView.OPEN.equals(deal.status()) ? "created" : deal.status();
		OffsetDateTime at = (deal.closedAt() != null) ? deal.closedAt() : deal.createdAt();
		Map<String, String> data = new LinkedHashMap<>();
		data.put("deal", event);
		data.put("dealStage", deal.stageName());
		data.put("amount", (deal.amount() != null) ? TransactionService.plain(deal.amount(), deal.currency()) : "");
		data.put("currency", deal.currency());
		String link = "/deals/" + deal.id();
		UUID actor = Actors.require().userId();
		if (deal.companyId() != null) {
			this.timeline.record(new TimelineEntry(null, deal.companyId(), KIND, at, actor, deal.name(),
					deal.lostReason(), data, MODULE, deal.id(), link)
				.reachOf(deal.ownerId(), deal.teamId()));
		}
		else {
			this.timeline.remove(MODULE, deal.id());
		}
		for (DealView.Participant p : deal.people()) {
			this.timeline.record(new TimelineEntry(p.personId(), null, KIND, at, actor, deal.name(), deal.lostReason(),
					data, MODULE, entryId(deal.id(), p.personId()), link)
				.reachOf(deal.ownerId(), deal.teamId()));
		}
	}

	/**
	 * Records again the timeline entries of deals whose people were changed by a merge of
	 * two people (or its undo): the entry of the person who left each deal goes, the
	 * others are written for the deal's people as they are now. Deals in the trash keep
	 * no entries.
	 */
	void retimeline(java.util.Collection<UUID> dealIds, UUID personLeft) {
		for (UUID id : dealIds) {
			this.timeline.remove(MODULE, entryId(id, personLeft));
			if (this.dsl.fetchExists(DEAL,
					WorkspaceScope.of(DEAL.WORKSPACE_ID).and(DEAL.ID.eq(id)).and(DEAL.DELETED_AT.isNull()))) {
				recordTimeline(written(id), List.of());
			}
		}
	}

	/** The source id of a deal's entry on one person's timeline. */
	static UUID entryId(UUID dealId, UUID personId) {
		return UUID.nameUUIDFromBytes((dealId + "/" + personId).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A deal, locked until the end of the transaction, that the user may access so: 404
	 * when out of reach, 403 when it may only be read.
	 */
	private DealRecord lockForChange(UUID id, Access access) {
		var select = this.dsl.selectFrom(DEAL)
			.where(this.accessPolicy.condition(DEALS, Access.READ))
			.and(DEAL.ID.eq(id))
			.and(DEAL.DELETED_AT.isNull());
		DealRecord deal = ((this.dsl.dialect().family() == SQLDialect.POSTGRES) ? select.forNoKeyUpdate()
				: select.forUpdate())
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(KIND, id));
		this.accessPolicy.check(access, KIND, id, deal.getOwnerId(), deal.getTeamId());
		return deal;
	}

	private Map<String, Object> parse(@Nullable JSON value) {
		if (value == null || value.data() == null || value.data().isBlank()) {
			return Map.of();
		}
		Map<String, Object> values = this.json.readValue(value.data(), MAP);
		values.replaceAll(
				(k, v) -> (v instanceof Number n && !(v instanceof BigDecimal)) ? new BigDecimal(n.toString()) : v);
		return values;
	}

	private DealView view(DealRecord d, String stageName, String pipelineName) {
		OffsetDateTime now = now();
		OffsetDateTime end = (d.getClosedAt() != null) ? d.getClosedAt() : now;
		return new DealView(d.getId(), d.getName(), (d.getAmount() != null) ? scaled(d.getAmount()) : null,
				d.getCurrency(), d.getAmountFromItems(), d.getExpectedCloseOn(), d.getPipelineId(), pipelineName,
				d.getStageId(), stageName, d.getStatus(), d.getStageEnteredAt(), d.getClosedAt(), d.getOwnerId(),
				d.getTeamId(), d.getCompanyId(), d.getSource(), d.getCampaignId(), d.getLostReason(),
				d.getLastActivityAt(), parse(d.getCustom()), peopleOf(d.getId()),
				Math.max(0, Duration.between(d.getStageEnteredAt(), now).toSeconds()),
				Math.max(0, Duration.between(d.getCreatedAt(), end).toSeconds()), d.getCreatedAt(), d.getUpdatedAt(),
				d.getVersion());
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

	private static @Nullable String text(InvalidFieldsException.Collector problems, String field, @Nullable String text,
			int max) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String value = text.strip();
		if (value.length() > max) {
			problems.reject(field, "deals.text.too-long", max);
			return null;
		}
		return value;
	}

	private static BigDecimal plain(BigDecimal number) {
		BigDecimal stripped = number.stripTrailingZeros();
		return (stripped.scale() < 0) ? stripped.setScale(0) : stripped;
	}

	static BigDecimal scaled(BigDecimal amount) {
		BigDecimal stripped = amount.stripTrailingZeros();
		return (stripped.scale() < 2) ? stripped.setScale(2) : stripped;
	}

}
