package dev.rapport.customization;

import java.util.List;
import java.util.Locale;

/** The industry templates, for other modules (demo data, workspace setup). */
public interface Templates {

	/**
	 * Applies a template: adds what it sets up and the workspace lacks, keeps the rest.
	 * @return what it sets up, as it was before (present false: added now)
	 */
	List<TemplatePart.Item> apply(String id, Locale locale);

}
