package dev.rapport.customers.web;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.customers.internal.Bulk;
import dev.rapport.customers.internal.SavedViews;
import dev.rapport.customization.FieldDefinition;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;

/**
 * What the people and companies lists' controllers share: the list tools in the model,
 * bulk actions and saved views from their forms (the filter rows and columns are
 * {@link ListFilter}). {@code prefix} names the list's messages ({@code people},
 * {@code companies}).
 */
final class ListForms {

	private ListForms() {
	}

	/**
	 * What the list tools show: the custom fields to filter, sort and show, the columns,
	 * the query as in the address bar, and the saved views of the object.
	 */
	static void tools(Model model, List<FieldDefinition> fields, List<String> columns, List<String> standardColumns,
			List<SavedViews.View> views, HttpServletRequest request) {
		model.addAttribute("filterFields", fields);
		model.addAttribute("columns", columns);
		model.addAttribute("standardColumns", standardColumns);
		model.addAttribute("currentQuery", (request.getQueryString() != null) ? request.getQueryString() : "");
		model.addAttribute("views", views);
		model.addAttribute("currentView", request.getParameter("view"));
	}

	/** A list's bulk action: PersonService::bulk or CompanyService::bulk. */
	interface BulkRun {

		Bulk.Result apply(List<UUID> ids, Bulk.Action action, @Nullable String value);

	}

	/**
	 * Applies the chosen action to the ticked records, putting the outcome ({@code
	 * bulkResult}) or what is wrong ({@code bulkProblem}) in the model. The action's
	 * value comes from its own field: {@code ownerValue}, {@code tagValue},
	 * {@code stageValue}.
	 */
	static void bulk(Model model, @Nullable List<UUID> ids, String action, HttpServletRequest request, String prefix,
			BulkRun run) {
		if (ids == null || ids.isEmpty()) {
			model.addAttribute("bulkProblem", prefix + ".bulk.none");
			return;
		}
		try {
			Bulk.Action act = Bulk.Action.parse(action);
			String argument = switch (act) {
				case ADD_TAG, REMOVE_TAG -> request.getParameter("tagValue");
				case MOVE_STAGE -> request.getParameter("stageValue");
				case ASSIGN_OWNER -> request.getParameter("ownerValue");
				case DELETE -> null;
			};
			model.addAttribute("bulkResult", run.apply(ids, act, argument));
		}
		catch (BusinessRuleException ex) {
			model.addAttribute("bulkProblem",
					"customers.bulk.action.unknown".equals(ex.messageKey()) ? "people.bulk.action" : ex.messageKey());
		}
	}

	/** Saves the list as it is shown now as a view, and shows the list through it. */
	static String saveView(SavedViews views, String kind, String path, String prefix, @Nullable String name,
			boolean shared, @Nullable String query, RedirectAttributes redirect) {
		try {
			SavedViews.View view = views.save(kind, name, shared, query, null);
			redirect.addFlashAttribute("notice", prefix + ".views.saved");
			redirect.addFlashAttribute("noticeArgs", new Object[] { view.name() });
			return "redirect:" + path + "?" + view.query() + (view.query().isEmpty() ? "" : "&") + "view=" + view.id();
		}
		catch (InvalidFieldsException ex) {
			redirect.addFlashAttribute("problem", ex.problems().get(0).messageKey());
			redirect.addFlashAttribute("problemArgs", ex.problems().get(0).arguments());
			return "redirect:" + path + "?" + ((query != null) ? query : "");
		}
	}

	/** Deletes a view (the user's own, or a shared one for administrators). */
	static String deleteView(SavedViews views, String id, String path, RedirectAttributes redirect) {
		views.delete(Ids.parse("view", id));
		redirect.addFlashAttribute("notice", "people.views.deleted");
		return "redirect:" + path;
	}

}
