package dev.rapport.platform.web;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.InvalidPropertyException;
import org.springframework.validation.BindingResult;

import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.InvalidFieldsException;

/** Helpers shared by the server-rendered forms. */
public final class Forms {

	/** The languages a user can choose for themselves. */
	public static final List<String> LOCALES = List.of("en", "es", "nl", "zh-CN", "fa");

	private Forms() {
	}

	/**
	 * Shows a business rule broken by the submitted form beside its field, or above the
	 * form.
	 */
	public static void reject(BindingResult result, BusinessRuleException ex) {
		if (ex.field() != null && result.getTarget() != null) {
			// Custom fields are named custom.<key> in the API and bound as the map entry
			// custom[<key>] in forms.
			String field = ex.field().startsWith("custom.") ? "custom[" + ex.field().substring(7) + "]" : ex.field();
			try {
				result.rejectValue(field, ex.messageKey(), ex.arguments(), ex.messageKey());
			}
			catch (InvalidPropertyException notOnTheForm) {
				// A field the form does not show (a workspace's rule may name any field):
				// the message goes above the form instead.
				result.reject(ex.messageKey(), ex.arguments(), ex.messageKey());
			}
		}
		else {
			result.reject(ex.messageKey(), ex.arguments(), ex.messageKey());
		}
	}

	/** Shows each rejected field beside its input. */
	public static void reject(BindingResult result, InvalidFieldsException ex) {
		ex.problems().forEach((problem) -> reject(result, problem));
	}

	/** Each language in its own name, for the language picker. */
	public static List<Choice> locales() {
		return LOCALES.stream().map((tag) -> {
			Locale locale = Locale.forLanguageTag(tag);
			return new Choice(tag, locale.getDisplayName(locale));
		}).toList();
	}

	/** Every time zone id, sorted. */
	public static List<String> timeZones() {
		return ZoneId.getAvailableZoneIds()
			.stream()
			.filter((z) -> z.contains("/") || z.equals("UTC"))
			.sorted()
			.toList();
	}

	/** A value and its label in a picker. */
	public record Choice(String value, String label) {
	}

}
