package dev.rapport.sales.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
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

import dev.rapport.customers.CompanyView;
import dev.rapport.customers.Customers;
import dev.rapport.customers.PersonView;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.NotFoundException;
import dev.rapport.platform.StaleVersionException;
import dev.rapport.platform.web.Forms;
import dev.rapport.sales.Transaction;
import dev.rapport.sales.TransactionCorrection;
import dev.rapport.sales.TransactionInput;
import dev.rapport.sales.internal.TransactionService;

/**
 * The pages of transactions: the form to record a purchase or a payment, a customer's
 * list, one transaction with its refunds and changes, and the forms to refund, correct
 * and void it.
 */
@Controller
@RequestMapping("/sales/transactions")
class TransactionController {

	private static final int LIST_LIMIT = 200;

	/** The fields of the refund and correction forms. */
	private static final Set<String> EDITABLE = Set.of("amount", "occurredOn", "description", "channel");

	private final TransactionService transactions;

	private final Customers customers;

	TransactionController(TransactionService transactions, Customers customers) {
		this.transactions = transactions;
		this.customers = customers;
	}

	/** The form to record a purchase or a payment. */
	record TransactionForm(@Nullable UUID personId, @Nullable UUID companyId, @Nullable String kind,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate occurredOn, @Nullable BigDecimal amount,
			@Nullable String currency, @Nullable String description, @Nullable String channel) {

		static final Set<String> FIELDS = Set.of("personId", "companyId", "kind", "occurredOn", "amount", "currency",
				"description", "channel");

	}

	/** The form to refund a purchase. */
	record RefundForm(@Nullable BigDecimal amount,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate occurredOn, @Nullable String description,
			@Nullable String channel) {
	}

	/** The form to correct a transaction, with the version it was read at. */
	record CorrectionForm(@Nullable BigDecimal amount,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate occurredOn, @Nullable String description,
			@Nullable String channel, @Nullable Integer version) {

		static CorrectionForm of(Transaction t) {
			return new CorrectionForm(t.amount(), t.occurredOn(), t.description(), t.channel(), t.version());
		}

		CorrectionForm withVersion(int version) {
			return new CorrectionForm(this.amount, this.occurredOn, this.description, this.channel, version);
		}

	}

	/** The form to void a transaction, with the version it was read at. */
	record VoidForm(@Nullable String reason, @Nullable Integer version) {

		static final Set<String> FIELDS = Set.of("reason");

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
				reject(result, ex.problems(), TransactionForm.FIELDS);
			}
		}
		return form(model, form.personId(), form.companyId());
	}

	private String form(Model model, @Nullable UUID personId, @Nullable UUID companyId) {
		model.addAttribute("person", (personId != null) ? this.customers.findPerson(personId).orElse(null) : null);
		model.addAttribute("company", (companyId != null) ? this.customers.findCompany(companyId).orElse(null) : null);
		model.addAttribute("kinds", List.of(Transaction.PURCHASE, "payment"));
		return "sales/transaction-form";
	}

	/**
	 * A customer's transactions, newest first, optionally of one kind; the rows alone for
	 * htmx.
	 */
	@GetMapping
	String list(@RequestParam(required = false) @Nullable String personId,
			@RequestParam(required = false) @Nullable String companyId,
			@RequestParam(required = false) @Nullable String kind,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		List<String> kinds = (kind != null && Transaction.KINDS.contains(kind)) ? List.of(kind) : List.of();
		if (personId != null) {
			UUID id = Ids.parse("person", personId);
			PersonView person = this.customers.findPerson(id).orElseThrow(() -> new NotFoundException("person", id));
			model.addAttribute("transactions", this.transactions.ofPerson(person, kinds, LIST_LIMIT));
			model.addAttribute("person", person);
			model.addAttribute("listUrl", "/sales/transactions?personId=" + id);
		}
		else if (companyId != null) {
			UUID id = Ids.parse("company", companyId);
			CompanyView company = this.customers.findCompany(id)
				.orElseThrow(() -> new NotFoundException("company", id));
			model.addAttribute("transactions", this.transactions.ofCompany(company, kinds, LIST_LIMIT));
			model.addAttribute("company", company);
			model.addAttribute("listUrl", "/sales/transactions?companyId=" + id);
		}
		else {
			throw new NotFoundException("person", "");
		}
		model.addAttribute("kind", kinds.isEmpty() ? "" : kinds.get(0));
		model.addAttribute("kinds", Transaction.KINDS);
		model.addAttribute("limit", LIST_LIMIT);
		return (htmx != null) ? "sales/_transaction-rows" : "sales/transactions";
	}

	/** One transaction: its details, refunds, original, void state and changes. */
	@GetMapping("/{id}")
	String show(@PathVariable String id, Model model) {
		TransactionService.Readable read = this.transactions.read(Ids.parse("transaction", id));
		model.addAttribute("voidForm", new VoidForm(null, read.transaction().version()));
		return page(read, model);
	}

	/**
	 * The correction form; for a voided transaction, which cannot be corrected, a message
	 * saying so instead.
	 */
	@GetMapping("/{id}/edit")
	String edit(@PathVariable String id, Model model) {
		TransactionService.Readable read = this.transactions.read(Ids.parse("transaction", id));
		Transaction transaction = read.transaction();
		model.addAttribute("form", CorrectionForm.of(transaction));
		if (transaction.voided() != null) {
			model.addAttribute("unavailable", "sales.transaction.voided.unchangeable");
		}
		return correctionForm(read, model);
	}

	@PostMapping("/{id}")
	String correct(@PathVariable String id, @ModelAttribute("form") CorrectionForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		TransactionService.Readable read = this.transactions.read(Ids.parse("transaction", id));
		Transaction transaction = read.transaction();
		if (result.hasErrors()) {
			return correctionForm(read, model);
		}
		try {
			this.transactions.correct(transaction.id(), (form.version() != null) ? form.version() : -1,
					new TransactionCorrection(form.amount(), form.occurredOn(), form.description(), form.channel()));
			redirect.addFlashAttribute("notice", "sales.transaction.corrected");
			return "redirect:/sales/transactions/" + transaction.id();
		}
		catch (StaleVersionException ex) {
			// What the user typed stays in the form, now based on the version saved
			// meanwhile, which is shown beside it.
			TransactionService.Readable current = this.transactions.read(transaction.id());
			model.addAttribute("stale", current.transaction());
			model.addAttribute("form", form.withVersion(current.transaction().version()));
			return correctionForm(current, model);
		}
		catch (InvalidFieldsException ex) {
			reject(result, ex.problems(), EDITABLE);
		}
		catch (BusinessRuleException ex) {
			reject(result, List.of(ex), EDITABLE);
		}
		return correctionForm(read, model);
	}

	private String correctionForm(TransactionService.Readable read, Model model) {
		model.addAttribute("transaction", read.transaction());
		customer(read, model);
		return "sales/correction-form";
	}

	/**
	 * The refund form; for what cannot be refunded (a payment, a refund, a voided or
	 * fully refunded purchase) a message saying why instead.
	 */
	@GetMapping("/{id}/refund")
	String newRefund(@PathVariable String id, Model model) {
		TransactionService.Readable read = this.transactions.read(Ids.parse("transaction", id));
		Transaction purchase = read.transaction();
		model.addAttribute("form", new RefundForm((purchase.refundable().signum() > 0) ? purchase.refundable() : null,
				LocalDate.now(), null, null));
		return refundForm(read, model);
	}

	@PostMapping("/{id}/refunds")
	String refund(@PathVariable String id, @ModelAttribute("form") RefundForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		TransactionService.Readable read = this.transactions.read(Ids.parse("transaction", id));
		Transaction purchase = read.transaction();
		if (!result.hasErrors()) {
			try {
				this.transactions.refundOnce(purchase.id(), new TransactionInput(null, null, null, form.occurredOn(),
						form.amount(), null, form.description(), null, form.channel(), purchase.id()));
				redirect.addFlashAttribute("notice", "sales.transaction.refund.recorded");
				return "redirect:/sales/transactions/" + purchase.id();
			}
			catch (InvalidFieldsException ex) {
				reject(result, ex.problems(), EDITABLE);
			}
		}
		return refundForm(read, model);
	}

	private String refundForm(TransactionService.Readable read, Model model) {
		Transaction purchase = read.transaction();
		model.addAttribute("transaction", purchase);
		model.addAttribute("unavailable", unrefundable(purchase));
		customer(read, model);
		return "sales/refund-form";
	}

	/** Why a transaction cannot be refunded, as a message key; null when it can. */
	private static @Nullable String unrefundable(Transaction transaction) {
		if (!Transaction.PURCHASE.equals(transaction.kind())) {
			return "sales.refund.original.not-purchase";
		}
		if (transaction.voided() != null) {
			return "sales.refund.original.voided";
		}
		if (transaction.refundable().signum() <= 0) {
			return "sales.refund.amount.nothing-left";
		}
		return null;
	}

	@PostMapping("/{id}/void")
	String voidTransaction(@PathVariable String id, @ModelAttribute("voidForm") VoidForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		TransactionService.Readable read = this.transactions.read(Ids.parse("transaction", id));
		Transaction transaction = read.transaction();
		try {
			this.transactions.voidTransaction(transaction.id(), (form.version() != null) ? form.version() : -1,
					form.reason());
			redirect.addFlashAttribute("notice", "sales.transaction.voided.notice");
			return "redirect:/sales/transactions/" + transaction.id();
		}
		catch (StaleVersionException ex) {
			model.addAttribute("stale", transaction);
			model.addAttribute("voidForm", new VoidForm(form.reason(), transaction.version()));
		}
		catch (InvalidFieldsException ex) {
			reject(result, ex.problems(), VoidForm.FIELDS);
		}
		catch (BusinessRuleException ex) {
			reject(result, List.of(ex), VoidForm.FIELDS);
		}
		return page(read, model);
	}

	/**
	 * The transaction page, from a transaction read with its customer: access is checked
	 * once, when it was read.
	 */
	private String page(TransactionService.Readable read, Model model) {
		Transaction transaction = read.transaction();
		model.addAttribute("transaction", transaction);
		customer(read, model);
		model.addAttribute("original", this.transactions.originalOf(read).orElse(null));
		model.addAttribute("refunds",
				Transaction.PURCHASE.equals(transaction.kind()) ? this.transactions.refundsOf(read) : List.of());
		model.addAttribute("changes", this.transactions.history(read, 100));
		model.addAttribute("voidedBy", (transaction.voided() != null && transaction.voided().by() != null)
				? this.transactions.userName(transaction.voided().by()) : null);
		return "sales/transaction";
	}

	private static void customer(TransactionService.Readable read, Model model) {
		model.addAttribute("person", read.person());
		model.addAttribute("company", read.company());
	}

	/**
	 * Shows each problem beside its field when the form has it, and above the form
	 * otherwise (such as a purchase voided meanwhile).
	 */
	private static void reject(BindingResult result, List<BusinessRuleException> problems, Set<String> fields) {
		for (BusinessRuleException problem : problems) {
			if (problem.field() != null && fields.contains(problem.field())) {
				Forms.reject(result, problem);
			}
			else {
				result.reject(problem.messageKey(), problem.arguments(), problem.messageKey());
			}
		}
	}

}
