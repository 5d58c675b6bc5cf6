package dev.rapport.customization;

import java.util.List;
import java.util.Map;

/**
 * What a module sets up from an industry template: customization its fields, customers
 * the names of the lifecycle stages and the tags, later sales its pipelines. Each part
 * reads its own section of the template; implementations are beans, found at start-up.
 */
public interface TemplatePart {

	/**
	 * One thing a template sets up, for the preview.
	 *
	 * @param kindKey the message key of what it is (a field, a stage name, a tag)
	 * @param name its name in the user's language
	 * @param present whether the workspace already has it (applying leaves it as it is)
	 */
	record Item(String kindKey, String name, boolean present) {
	}

	/** What applying the template would set up, and what is already there. */
	List<Item> preview(Map<String, Object> template, TemplateText text);

	/**
	 * Sets up what is missing; what exists stays as it is, so applying twice changes
	 * nothing.
	 */
	void apply(Map<String, Object> template, TemplateText text);

	/**
	 * Resolves the message keys a template uses for names, in the administrator's
	 * language.
	 */
	interface TemplateText {

		String resolve(String keyOrText);

	}

}
