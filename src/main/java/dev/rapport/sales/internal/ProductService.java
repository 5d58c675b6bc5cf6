package dev.rapport.sales.internal;

import static dev.rapport.sales.internal.db.Tables.PRODUCT;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.identity.AccessPolicy;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.Cursor;
import dev.rapport.platform.WorkspaceScope;
import dev.rapport.platform.web.AccessDeniedProblem;
import dev.rapport.sales.Product;
import dev.rapport.sales.internal.db.tables.records.ProductRecord;

/**
 * The product catalogue of a workspace: everyone reads it, administrators keep it. A code
 * names one product of the workspace; a product no longer sold is made inactive, so deals
 * that list it keep it.
 */
@Service
public class ProductService {

	static final String KIND = "product";

	private final DSLContext dsl;

	private final AccessPolicy accessPolicy;

	private final SalesSettings settings;

	ProductService(DSLContext dsl, AccessPolicy accessPolicy, SalesSettings settings) {
		this.dsl = dsl;
		this.accessPolicy = accessPolicy;
		this.settings = settings;
	}

	/** A product to create, or its new values. */
	public record ProductInput(@Nullable String name, @Nullable String code, @Nullable BigDecimal unitPrice,
			@Nullable String currency, @Nullable String description, @Nullable Boolean active) {
	}

	/** Products whose name or code starts with the query (all when empty), by name. */
	@Transactional(readOnly = true)
	public List<Product> list(@Nullable String q, boolean activeOnly, int limit) {
		return page(q, activeOnly, null, limit).items();
	}

	/** A page of products and the cursor of the next one, if any. */
	public record Page(List<Product> items, @Nullable String next) {
	}

	/**
	 * Products by name, a page at a time: {@code cursor} is the {@code next} of the page
	 * before.
	 */
	@Transactional(readOnly = true)
	public Page page(@Nullable String q, boolean activeOnly, @Nullable String cursor, int limit) {
		Condition condition = WorkspaceScope.of(PRODUCT.WORKSPACE_ID);
		if (q != null && !q.isBlank()) {
			String key = q.strip().toLowerCase(Locale.ROOT);
			condition = condition.and(PRODUCT.NAME_KEY.like(escape(key) + "%", '!')
				.or(PRODUCT.NAME_KEY.like("% " + escape(key) + "%", '!'))
				.or(PRODUCT.CODE.likeIgnoreCase(escape(key) + "%", '!')));
		}
		if (activeOnly) {
			condition = condition.and(PRODUCT.ACTIVE.isTrue());
		}
		if (cursor != null && !cursor.isBlank()) {
			List<String> after = Cursor.decode(cursor, 2);
			condition = condition
				.and(DSL.row(PRODUCT.NAME_KEY, PRODUCT.ID).gt(after.get(0), Ids.parse("cursor", after.get(1))));
		}
		List<ProductRecord> rows = this.dsl.selectFrom(PRODUCT)
			.where(condition)
			.orderBy(PRODUCT.NAME_KEY, PRODUCT.ID)
			.limit(limit + 1)
			.fetch();
		List<Product> items = rows.stream().limit(limit).map(ProductService::view).toList();
		String next = null;
		if (rows.size() > limit) {
			ProductRecord last = rows.get(limit - 1);
			next = Cursor.encode(last.getNameKey(), last.getId().toString());
		}
		return new Page(items, next);
	}

	@Transactional(readOnly = true)
	public Optional<Product> find(UUID id) {
		return this.dsl.selectFrom(PRODUCT)
			.where(WorkspaceScope.of(PRODUCT.WORKSPACE_ID))
			.and(PRODUCT.ID.eq(id))
			.fetchOptional()
			.map(ProductService::view);
	}

	@Transactional(readOnly = true)
	public Product get(UUID id) {
		return find(id).orElseThrow(() -> new NotFoundException(KIND, id));
	}

	/** Adds a product. Rejects a code another product has, naming {@code code}. */
	@Transactional
	public Product create(ProductInput input) {
		requireAdministrator();
		ProductRecord record = this.dsl.newRecord(PRODUCT);
		record.setId(Ids.newId());
		fill(record, input, null);
		store(record);
		return view(record);
	}

	/** Changes a product, with its version. */
	@Transactional
	public Product update(UUID id, int version, ProductInput input) {
		requireAdministrator();
		ProductRecord record = this.dsl.selectFrom(PRODUCT)
			.where(WorkspaceScope.of(PRODUCT.WORKSPACE_ID))
			.and(PRODUCT.ID.eq(id))
			.forUpdate()
			.fetchOptional()
			.orElseThrow(() -> new NotFoundException(KIND, id));
		StaleVersionException.check(KIND, version, record.getVersion());
		fill(record, input, record);
		store(record);
		return view(record);
	}

	private void store(ProductRecord record) {
		try {
			record.store();
		}
		catch (DuplicateKeyException ex) {
			// Another request took the code between the check and the write.
			throw new InvalidFieldsException(List
				.of(new BusinessRuleException("code", "deals.product.code.taken", String.valueOf(record.getCode()))));
		}
	}

	private void fill(ProductRecord record, ProductInput input, @Nullable ProductRecord current) {
		InvalidFieldsException.Collector problems = new InvalidFieldsException.Collector();
		String name = text(problems, "name", input.name(), 300);
		if (name == null && !problems.has("name")) {
			problems.reject("name", "deals.name.required");
		}
		String code = text(problems, "code", input.code(), 100);
		if (code != null) {
			Condition taken = WorkspaceScope.of(PRODUCT.WORKSPACE_ID).and(PRODUCT.CODE.eq(code));
			if (current != null) {
				taken = taken.and(PRODUCT.ID.ne(current.getId()));
			}
			if (this.dsl.fetchExists(PRODUCT, taken)) {
				problems.reject("code", "deals.product.code.taken", code);
			}
		}
		BigDecimal price = input.unitPrice();
		if (price == null) {
			problems.reject("unitPrice", "deals.item.price.required");
		}
		else if (price.signum() < 0 || price.scale() > 4 || price.precision() - price.scale() > 15) {
			problems.reject("unitPrice", "deals.amount.invalid");
		}
		String currency = (input.currency() == null || input.currency().isBlank())
				? ((current != null) ? current.getCurrency() : this.settings.current().defaultCurrency())
				: SalesSettings.currency(problems, "currency", input.currency());
		String description = text(problems, "description", input.description(), 2000);
		problems.throwIfAny();
		String valid = java.util.Objects.requireNonNull(name);
		record.setName(valid);
		record.setNameKey(valid.toLowerCase(Locale.ROOT));
		record.setCode(code);
		record.setUnitPrice(price);
		record.setCurrency(currency);
		record.setDescription(description);
		record.setActive((input.active() != null) ? input.active() : (current == null || current.getActive()));
	}

	private void requireAdministrator() {
		if (!this.accessPolicy.currentScope().administrator()) {
			throw new AccessDeniedProblem("problem.forbidden.update");
		}
	}

	private static String escape(String text) {
		return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
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

	private static Product view(ProductRecord r) {
		return new Product(r.getId(), r.getName(), r.getCode(), DealService.scaled(r.getUnitPrice()), r.getCurrency(),
				r.getDescription(), r.getActive(), r.getVersion());
	}

}
