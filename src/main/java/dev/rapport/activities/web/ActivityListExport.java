package dev.rapport.activities.web;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import dev.rapport.activities.ActivityPage;
import dev.rapport.activities.ActivityQuery;
import dev.rapport.activities.ActivityView;
import dev.rapport.activities.internal.ActivityService;
import dev.rapport.platform.Actors;
import dev.rapport.platform.ListExport;

/**
 * The activities list as an export: the same tab as on the page ({@code tab}: mine,
 * overdue, today, week, all), its columns, page after page, as the current user sees it.
 */
@Component
class ActivityListExport implements ListExport {

	static final int PAGE = 500;

	private static final List<String> COLUMNS = List.of("due", "title", "kind", "assignee", "status");

	private final ActivityService activities;

	private final MessageSource messages;

	ActivityListExport(ActivityService activities, MessageSource messages) {
		this.activities = activities;
		this.messages = messages;
	}

	@Override
	public String object() {
		return "activities";
	}

	@Override
	public List<String> headers(Map<String, List<String>> parameters, Presentation presentation) {
		return COLUMNS.stream()
			.map((c) -> this.messages.getMessage("activities.field." + c, null, presentation.locale()))
			.toList();
	}

	@Override
	public void rows(Map<String, List<String>> parameters, Presentation presentation, Consumer<Row> rows) {
		String tab = ListExport.first(parameters, "tab");
		ActivityQuery query = ActivityController.query(ActivityController.TABS.contains(tab) ? tab : "mine",
				Actors.require().userId());
		Map<UUID, String> names = new HashMap<>();
		String cursor = null;
		do {
			ActivityPage page = this.activities.list(query, cursor, PAGE);
			for (ActivityView a : page.items()) {
				List<@Nullable Object> cells = new ArrayList<>();
				cells.add(when(a, presentation));
				cells.add(a.title());
				cells.add(this.messages.getMessage("activities.kind." + a.kind(), null, presentation.locale()));
				cells.add(names.computeIfAbsent(a.assigneeId(), this.activities::userName));
				cells.add(this.messages.getMessage("activities.status." + a.status(), null, presentation.locale()));
				rows.accept(new Row(a.id(), cells));
			}
			cursor = page.next();
		}
		while (cursor != null);
	}

	private static @Nullable String when(ActivityView a, Presentation presentation) {
		if (a.allDay() && a.dueOn() != null) {
			return a.dueOn().toString();
		}
		if (a.startsAt() != null) {
			return a.startsAt()
				.atZoneSameInstant(presentation.timeZone())
				.toLocalDateTime()
				.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
		}
		return null;
	}

}
