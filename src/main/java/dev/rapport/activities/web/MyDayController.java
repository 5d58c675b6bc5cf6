package dev.rapport.activities.web;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.rapport.activities.internal.myday.MyDay;
import dev.rapport.activities.internal.myday.MyDayActivities;
import dev.rapport.platform.Actors;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;
import dev.rapport.platform.InvalidFieldsException;
import dev.rapport.platform.StaleVersionException;

/**
 * The "my day" page: what to do now, with the reason and one-click actions, and the move
 * of a task or call to tomorrow (an htmx partial, or a redirect without JavaScript).
 */
@Controller
@RequestMapping("/my-day")
class MyDayController {

	private final MyDay myDay;

	MyDayController(MyDay myDay) {
		this.myDay = myDay;
	}

	@GetMapping
	String show(@RequestParam(required = false) @Nullable String user, Model model, Locale locale) {
		MyDay.Day day = this.myDay.of(userId(user), locale);
		model.addAttribute("day", day);
		model.addAttribute("own", day.userId().equals(Actors.require().userId()));
		model.addAttribute("dateText",
				DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(day.date()));
		return "activities/my-day";
	}

	@PostMapping("/activities/{id}/reschedule")
	String reschedule(@PathVariable String id, @RequestParam int version,
			@RequestParam(required = false) @Nullable String user,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model,
			RedirectAttributes redirect, Locale locale) {
		UUID activityId = Ids.parse("activity", id);
		String outcome;
		MyDayActivities.Row moved = null;
		try {
			moved = this.myDay.reschedule(activityId, version, userId(user));
			outcome = "myday.rescheduled";
		}
		catch (StaleVersionException ex) {
			outcome = "myday.reschedule.stale";
		}
		catch (BusinessRuleException ex) {
			outcome = ex.messageKey();
		}
		catch (InvalidFieldsException ex) {
			outcome = "myday.reschedule.rules";
		}
		if (htmx != null) {
			model.addAttribute("outcome", outcome);
			model.addAttribute("moved", moved);
			if (moved != null) {
				model.addAttribute("movedAt",
						DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
							.withLocale(locale)
							.format(moved.startsAt().atZoneSameInstant(this.myDay.zoneOf(userId(user)))));
			}
			return "activities/_my-day-moved :: moved";
		}
		if (moved != null) {
			redirect.addFlashAttribute("notice", "myday.rescheduled.plain");
		}
		else {
			redirect.addFlashAttribute("problem", outcome);
		}
		return (user != null) ? "redirect:/my-day?user=" + userId(user) : "redirect:/my-day";
	}

	private static @Nullable UUID userId(@Nullable String user) {
		return (user == null || user.isBlank()) ? null : Ids.parse("user", user);
	}

}
