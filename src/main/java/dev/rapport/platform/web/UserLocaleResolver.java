package dev.rapport.platform.web;

import java.util.Locale;
import java.util.TimeZone;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleTimeZoneAwareLocaleContext;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleContextResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

import dev.rapport.platform.Actors;

/**
 * Shows pages in the signed-in user's language and time zone; before sign-in, in the
 * language the browser asks for.
 */
@Component("localeResolver")
class UserLocaleResolver implements LocaleContextResolver {

	private final AcceptHeaderLocaleResolver acceptHeader = new AcceptHeaderLocaleResolver();

	UserLocaleResolver() {
		this.acceptHeader.setDefaultLocale(Locale.ENGLISH);
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		return Actors.principal().map((p) -> p.locale()).orElseGet(() -> this.acceptHeader.resolveLocale(request));
	}

	@Override
	public LocaleContext resolveLocaleContext(HttpServletRequest request) {
		return Actors.principal()
			.<LocaleContext>map(
					(p) -> new SimpleTimeZoneAwareLocaleContext(p.locale(), TimeZone.getTimeZone(p.timeZone())))
			.orElseGet(() -> new SimpleTimeZoneAwareLocaleContext(this.acceptHeader.resolveLocale(request), null));
	}

	@Override
	public void setLocaleContext(HttpServletRequest request, @Nullable HttpServletResponse response,
			@Nullable LocaleContext localeContext) {
		throw new UnsupportedOperationException("The locale is a user setting; change it on the account page");
	}

	@Override
	public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
		throw new UnsupportedOperationException("The locale is a user setting; change it on the account page");
	}

}
