package dev.rapport.customers.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import dev.rapport.customers.timeline.TimelineItem;

/**
 * Turns timeline entries into the lines people read. The headline of a kind is the
 * message {@code timeline.kind.<kind>}, with the entry's data values as arguments in the
 * order the module recorded them; a value with a message
 * {@code timeline.value.<key>.<value>} is shown translated, and stage codes with the
 * workspace's stage names.
 */
@Component
class TimelineRows {

	/** An entry and its headline. */
	record Row(TimelineItem item, String headline) {
	}

	private final MessageSource messages;

	private final CustomerPages pages;

	TimelineRows(MessageSource messages, CustomerPages pages) {
		this.messages = messages;
		this.pages = pages;
	}

	/**
	 * Puts one page of entries in the model of a page or of the timeline partial: the
	 * rows, the filter, where the next (older) page starts, and the address of the
	 * partial.
	 */
	void addTo(org.springframework.ui.Model model, List<TimelineItem> items, int pageSize,
			@org.jspecify.annotations.Nullable String kind, String url) {
		boolean more = items.size() > pageSize;
		List<TimelineItem> shown = items.subList(0, Math.min(pageSize, items.size()));
		model.addAttribute("timeline", rows(shown));
		model.addAttribute("timelineKind", kind);
		model.addAttribute("timelineNext", more ? shown.get(shown.size() - 1).id() : null);
		model.addAttribute("timelineUrl", url);
	}

	List<Row> rows(List<TimelineItem> items) {
		// The workspace's stage names are read once for the whole page of entries.
		Map<String, String> stages = new java.util.HashMap<>();
		this.pages.stages().forEach((choice) -> stages.put(choice.value(), choice.label()));
		List<Row> rows = new ArrayList<>(items.size());
		for (TimelineItem item : items) {
			rows.add(new Row(item, headline(item, stages)));
		}
		return rows;
	}

	private String headline(TimelineItem item, Map<String, String> stages) {
		List<Object> args = new ArrayList<>();
		for (Map.Entry<String, String> entry : item.data().entrySet()) {
			args.add(value(entry.getKey(), entry.getValue(), stages));
		}
		var locale = LocaleContextHolder.getLocale();
		try {
			return this.messages.getMessage("timeline.kind." + item.kind(), args.toArray(), locale);
		}
		catch (NoSuchMessageException ex) {
			return this.messages.getMessage("timeline.kind.other", new Object[] { item.kind() }, locale);
		}
	}

	private String value(String key, String value, Map<String, String> stages) {
		if (key.equals("from") || key.equals("to")) {
			return stages.getOrDefault(value, value);
		}
		return this.messages.getMessage("timeline.value." + key + "." + value, null, value,
				LocaleContextHolder.getLocale());
	}

}
