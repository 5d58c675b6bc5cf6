package dev.rapport.platform.web;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout needs: the navigation the user may see, and the text direction
 * of the user's language.
 */
@ControllerAdvice(annotations = Controller.class)
class LayoutModel {

	private static final Set<String> RIGHT_TO_LEFT = Set.of("ar", "fa", "he", "ur", "ps", "yi");

	private final List<NavigationItem> items;

	LayoutModel(List<NavigationItem> items) {
		this.items = items.stream()
			.sorted(Comparator.comparing(NavigationItem::section).thenComparingInt(NavigationItem::order))
			.toList();
	}

	@ModelAttribute("navigation")
	List<NavigationItem> navigation() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return List.of();
		}
		Set<String> authorities = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.collect(java.util.stream.Collectors.toSet());
		return this.items.stream()
			.filter((item) -> item.authority() == null || authorities.contains(item.authority()))
			.toList();
	}

	/**
	 * The path of the one menu entry the page belongs to: the entry whose path is the
	 * page's path or its longest leading part, so that {@code /data-quality/duplicates}
	 * marks "Duplicates" and not also "Data quality" ({@code /data-quality}).
	 */
	@ModelAttribute("currentNavigation")
	@Nullable String currentNavigation(jakarta.servlet.http.HttpServletRequest request) {
		return current(currentPath(request), navigation());
	}

	static @Nullable String current(String path, List<NavigationItem> items) {
		String best = null;
		for (NavigationItem item : items) {
			String candidate = item.path();
			boolean matches = path.equals(candidate) || (!candidate.equals("/")
					&& path.startsWith(candidate.endsWith("/") ? candidate : candidate + "/"));
			if (matches && (best == null || candidate.length() > best.length())) {
				best = candidate;
			}
		}
		return best;
	}

	@ModelAttribute("currentPath")
	String currentPath(jakarta.servlet.http.HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.isEmpty() ? "/" : path;
	}

	/**
	 * Right to left for a right-to-left language only once its messages exist: English
	 * text laid out right to left reads worse than English left to right.
	 */
	@ModelAttribute("textDirection")
	String textDirection() {
		Locale locale = LocaleContextHolder.getLocale();
		return (isRightToLeft(locale) && this.translated.computeIfAbsent(locale.getLanguage(),
				(language) -> new org.springframework.core.io.ClassPathResource(
						"i18n/platform/messages_" + language + ".properties")
					.exists())) ? "rtl" : "ltr";
	}

	private final java.util.Map<String, Boolean> translated = new java.util.concurrent.ConcurrentHashMap<>();

	static boolean isRightToLeft(Locale locale) {
		return RIGHT_TO_LEFT.contains(locale.getLanguage());
	}

}
