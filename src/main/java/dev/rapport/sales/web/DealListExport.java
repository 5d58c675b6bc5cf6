package dev.rapport.sales.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.ListExport;
import dev.rapport.sales.internal.DealListQuery;

/**
 * The deals list as an export: the same parameters as the list's address bar (search,
 * pipeline, stage, status, owner, team, close dates, amounts, sort), page after page
 * through its keyset, as the current user sees it. Amounts are numbers with their
 * currency in a column of its own.
 */
@Component
class DealListExport implements ListExport {

	static final int PAGE = 500;

	private static final List<String> HEADERS = List.of("board.list.name", "board.list.company", "board.list.stage",
			"board.list.amount", "export.column.currency", "board.list.close", "board.list.owner", "board.list.status",
			"board.list.updated");

	private final DealListQuery list;

	private final MessageSource messages;

	DealListExport(DealListQuery list, MessageSource messages) {
		this.list = list;
		this.messages = messages;
	}

	@Override
	public String object() {
		return "deals";
	}

	@Override
	public List<String> headers(Map<String, List<String>> parameters, Presentation presentation) {
		// Reads one row, so that an unknown sort or status is refused before the job
		// starts.
		this.list.page(form(parameters).filter(), null, 1);
		return HEADERS.stream().map((h) -> this.messages.getMessage(h, null, presentation.locale())).toList();
	}

	@Override
	public void rows(Map<String, List<String>> parameters, Presentation presentation, Consumer<Row> rows) {
		DealListQuery.Filter filter = form(parameters).filter();
		String cursor = null;
		do {
			DealListQuery.Page page = this.list.page(filter, cursor, PAGE);
			for (DealListQuery.Row d : page.items()) {
				List<@Nullable Object> cells = new ArrayList<>();
				cells.add(d.name());
				cells.add(d.companyName());
				cells.add(d.stageName());
				cells.add(d.amount());
				cells.add(d.currency());
				cells.add((d.expectedCloseOn() != null) ? d.expectedCloseOn().toString() : null);
				cells.add(d.ownerName());
				cells.add(this.messages.getMessage("board.status." + d.status(), null, d.status(),
						presentation.locale()));
				cells.add(d.updatedAt()
					.atZoneSameInstant(presentation.timeZone())
					.toLocalDateTime()
					.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
				rows.accept(new Row(d.id(), cells));
			}
			cursor = page.next();
		}
		while (cursor != null);
	}

	static DealListController.ListForm form(Map<String, List<String>> p) {
		return new DealListController.ListForm(ListExport.first(p, "q"), ListExport.first(p, "pipeline"),
				ListExport.first(p, "stage"), ListExport.first(p, "status"), ListExport.first(p, "owner"),
				ListExport.first(p, "team"), date(p, "closeFrom"), date(p, "closeTo"), amount(p, "amountFrom"),
				amount(p, "amountTo"), ListExport.first(p, "sort"));
	}

	private static @Nullable LocalDate date(Map<String, List<String>> p, String name) {
		String value = ListExport.first(p, name);
		try {
			return (value != null) ? LocalDate.parse(value.strip()) : null;
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw new BusinessRuleException(name, "export.parameter.invalid", name);
		}
	}

	private static @Nullable BigDecimal amount(Map<String, List<String>> p, String name) {
		String value = ListExport.first(p, name);
		try {
			return (value != null) ? new BigDecimal(value.strip()) : null;
		}
		catch (NumberFormatException ex) {
			throw new BusinessRuleException(name, "export.parameter.invalid", name);
		}
	}

}
