package dev.rapport.platform;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * A list view that can be exported: given the list's parameters as in the address bar
 * (its search, filters, sort and chosen columns), it names its columns and hands over its
 * rows as the current user sees them, page after page through the list's keyset, so an
 * export of a million rows holds one page at a time. Implementations are beans of the
 * module that owns the list, found by the export.
 */
public interface ListExport {

	/**
	 * How a list is shown to the person who exports it.
	 *
	 * @param locale the language of headers and labels
	 * @param timeZone the zone of times
	 */
	record Presentation(Locale locale, ZoneId timeZone) {
	}

	/**
	 * One row of the list: the record's id (for exports that read more of it, a vCard)
	 * and its cells in the order of the headers. A cell is a {@link String}, a
	 * {@link java.math.BigDecimal} or another {@link Number}, or null.
	 */
	record Row(UUID id, List<@Nullable Object> cells) {
	}

	/** The list's name in export requests: {@code people}, {@code deals}. */
	String object();

	/**
	 * The headers of the columns the list shows with these parameters.
	 * @throws BusinessRuleException or {@link InvalidFieldsException} when a parameter
	 * cannot be read (an unknown sort, a filter on an unknown field)
	 */
	List<String> headers(Map<String, List<String>> parameters, Presentation presentation);

	/**
	 * Hands every row of the list with these parameters to {@code rows}, in the list's
	 * order, applying the access policy to the current user.
	 */
	void rows(Map<String, List<String>> parameters, Presentation presentation, Consumer<Row> rows);

	/** The first value of a parameter, or null when absent or blank. */
	static @Nullable String first(Map<String, List<String>> parameters, String name) {
		List<String> values = parameters.get(name);
		if (values == null) {
			return null;
		}
		return values.stream().filter((v) -> v != null && !v.isBlank()).findFirst().orElse(null);
	}

	/** Every value of a parameter (a multi-valued one such as {@code cols}), or null. */
	static @Nullable List<String> all(Map<String, List<String>> parameters, String name) {
		return parameters.get(name);
	}

}
