package dev.rapport.sales.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.customers.Customers;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.web.Forms;
import dev.rapport.sales.Transaction;
import dev.rapport.sales.TransactionInput;
import dev.rapport.sales.internal.TransactionService;

/** The form to record a purchase or a payment for a person or a company. */
@Controller
@RequestMapping("/sales/transactions")
class TransactionController {

	private final TransactionService transactions;

	private final Customers customers;

	TransactionController(TransactionService transactions, Customers customers) {
		this.transactions = transactions;
		this.customers = customers;
	}

	/** The form. */
	record TransactionForm(@Nullable UUID personId, @Nullable UUID companyId, @Nullable String kind,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate occurredOn, @Nullable BigDecimal amount,
			@Nullable String currency, @Nullable String description, @Nullable String channel) {
	}

	@GetMapping("/new")
	String newTransaction(@RequestParam(required = false) @Nullable String personId,
			@RequestParam(required = false) @Nullable String companyId, Model model) {
		UUID person = (personId != null) ? this.customers.personForChange(Ids.parse("person", personId)).id() : null;
		UUID company = (companyId != null && person == null)
				? this.customers.companyForChange(Ids.parse("company", companyId)).id() : null;
		model.addAttribute("form",
				new TransactionForm(person, company, "purchase", LocalDate.now(), null, "EUR", null, null));
		return form(model, person, company);
	}

	@PostMapping
	String create(@ModelAttribute("form") TransactionForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				this.transactions.record(new TransactionInput(form.personId(), form.companyId(), form.kind(),
						form.occurredOn(), form.amount(), form.currency(), form.description(), null, form.channel()));
				redirect.addFlashAttribute("saved", true);
				return (form.personId() != null) ? "redirect:/people/" + form.personId() + "#timeline"
						: "redirect:/companies/" + form.companyId();
			}
			catch (InvalidFieldsException ex) {
				Forms.reject(result, ex);
			}
		}
		return form(model, form.personId(), form.companyId());
	}

	private String form(Model model, @Nullable UUID personId, @Nullable UUID companyId) {
		model.addAttribute("person", (personId != null) ? this.customers.findPerson(personId).orElse(null) : null);
		model.addAttribute("company", (companyId != null) ? this.customers.findCompany(companyId).orElse(null) : null);
		model.addAttribute("kinds", Transaction.KINDS);
		return "sales/transaction-form";
	}

}
