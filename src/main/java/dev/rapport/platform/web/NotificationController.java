package dev.rapport.platform.web;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;

import dev.rapport.platform.Actors;
import dev.rapport.platform.Notifications;

/**
 * The notification area: a badge with the unread count, loaded by htmx on every page, and
 * the list of recent notifications.
 */
@Controller
class NotificationController {

	private static final int RECENT = 20;

	private final Notifications notifications;

	NotificationController(Notifications notifications) {
		this.notifications = notifications;
	}

	@GetMapping("/notifications/badge")
	String badge(Model model) {
		model.addAttribute("unread", this.notifications.unreadCount(currentUser()));
		return "platform/_notification-badge";
	}

	@GetMapping("/notifications")
	String list(Model model, @RequestHeader(name = "HX-Request", required = false) String htmx) {
		model.addAttribute("notifications", this.notifications.recent(currentUser(), RECENT));
		return (htmx != null) ? "platform/_notification-list" : "platform/notifications";
	}

	@PostMapping("/notifications/read")
	String markAllRead() {
		this.notifications.markAllRead(currentUser());
		return "redirect:/notifications";
	}

	private static UUID currentUser() {
		UUID userId = Actors.require().userId();
		if (userId == null) {
			throw new IllegalStateException("Notifications are for signed-in users");
		}
		return userId;
	}

}
