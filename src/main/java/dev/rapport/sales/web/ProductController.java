package dev.rapport.sales.web;

import java.math.BigDecimal;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.identity.AccessPolicy;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.web.Forms;
import dev.rapport.sales.Product;
import dev.rapport.sales.internal.ProductService;

/** The product catalogue: a searchable list for everyone, the form for administrators. */
@Controller
@RequestMapping("/products")
class ProductController {

	private final ProductService products;

	private final AccessPolicy accessPolicy;

	ProductController(ProductService products, AccessPolicy accessPolicy) {
		this.products = products;
		this.accessPolicy = accessPolicy;
	}

	/** The product form, with the version it was read at. */
	record ProductForm(@Nullable String name, @Nullable String code, @Nullable BigDecimal unitPrice,
			@Nullable String currency, @Nullable String description, @Nullable Boolean active,
			@Nullable Integer version) {

		ProductService.ProductInput input() {
			return new ProductService.ProductInput(this.name, this.code, this.unitPrice, this.currency,
					this.description, Boolean.TRUE.equals(this.active));
		}

	}

	@GetMapping
	String list(@RequestParam(required = false) @Nullable String q,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		model.addAttribute("products", this.products.list(q, false, 200));
		model.addAttribute("q", (q != null) ? q : "");
		model.addAttribute("canEdit", this.accessPolicy.currentScope().administrator());
		return (htmx != null) ? "sales/_product-rows" : "sales/products";
	}

	@GetMapping("/new")
	String newProduct(Model model) {
		model.addAttribute("form", new ProductForm(null, null, null, null, null, true, null));
		model.addAttribute("product", null);
		return "sales/product-form";
	}

	@PostMapping
	String create(@ModelAttribute("form") ProductForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				this.products.create(form.input());
				redirect.addFlashAttribute("saved", true);
				return "redirect:/products";
			}
			catch (InvalidFieldsException ex) {
				Forms.reject(result, ex);
			}
		}
		model.addAttribute("product", null);
		return "sales/product-form";
	}

	@GetMapping("/{id}/edit")
	String edit(@PathVariable String id, Model model) {
		Product p = this.products.get(Ids.parse("product", id));
		model.addAttribute("form", new ProductForm(p.name(), p.code(), p.unitPrice(), p.currency(), p.description(),
				p.active(), p.version()));
		model.addAttribute("product", p);
		return "sales/product-form";
	}

	@PostMapping("/{id}")
	String update(@PathVariable String id, @ModelAttribute("form") ProductForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		Product p = this.products.get(Ids.parse("product", id));
		UUID productId = p.id();
		if (!result.hasErrors()) {
			try {
				this.products.update(productId, (form.version() != null) ? form.version() : -1, form.input());
				redirect.addFlashAttribute("saved", true);
				return "redirect:/products";
			}
			catch (StaleVersionException ex) {
				model.addAttribute("stale", p);
				model.addAttribute("form", new ProductForm(form.name(), form.code(), form.unitPrice(), form.currency(),
						form.description(), form.active(), p.version()));
			}
			catch (InvalidFieldsException ex) {
				Forms.reject(result, ex);
			}
		}
		model.addAttribute("product", p);
		return "sales/product-form";
	}

}
