package dev.rapport.sales.api;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.platform.Ids;
import dev.rapport.platform.web.ETags;
import dev.rapport.sales.Product;
import dev.rapport.sales.internal.ProductService;

/** The product catalogue over REST: everyone reads it, administrators keep it. */
@RestController
@RequestMapping("/api/v1/products")
@Tag(name = "Products")
@SecurityRequirement(name = "bearer")
@Validated
class ProductApiController {

	private final ProductService products;

	ProductApiController(ProductService products) {
		this.products = products;
	}

	@GetMapping
	@Operation(summary = "Products by name",
			description = "q matches the start of the name, of a word of it, or of the code; active=true leaves out "
					+ "products no longer sold. Returns items and next; pass next as cursor for the next page.")
	ProductService.Page list(@RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "false") boolean active,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
		return this.products.page(q, active, cursor, limit);
	}

	@PostMapping
	@Operation(summary = "Add a product (administrators)",
			description = "name and unitPrice are required; code is unique in the workspace (422 naming code "
					+ "otherwise); currency defaults to the workspace's.")
	ResponseEntity<Product> create(@RequestBody ProductService.ProductInput body) {
		Product product = this.products.create(body);
		return ResponseEntity.created(URI.create("/api/v1/products/" + product.id()))
			.eTag(ETags.of(product.version()))
			.body(product);
	}

	@GetMapping("/{id}")
	@Operation(summary = "Read a product")
	ResponseEntity<Product> get(@PathVariable String id) {
		Product product = this.products.get(Ids.parse("product", id));
		return ResponseEntity.ok().eTag(ETags.of(product.version())).body(product);
	}

	@PutMapping("/{id}")
	@Operation(summary = "Change a product (administrators)",
			description = "Every field as for adding; active=false takes it out of the catalogue without touching "
					+ "the deals that list it. Requires If-Match.")
	ResponseEntity<Product> update(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody ProductService.ProductInput body) {
		Product current = this.products.get(Ids.parse("product", id));
		int version = ETags.requireMatch(ifMatch, "product", current.version());
		Product product = this.products.update(current.id(), version, body);
		return ResponseEntity.ok().eTag(ETags.of(product.version())).body(product);
	}

}
