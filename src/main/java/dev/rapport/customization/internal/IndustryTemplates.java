package dev.rapport.customization.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.customization.TemplatePart;
import dev.rapport.platform.NotFoundException;

/**
 * The industry templates shipped with Rapport (classpath
 * {@code industry-templates/*.json}): each preconfigures fields, stage names and tags for
 * a kind of business. Applying one is previewed first and is idempotent.
 */
@Service
public class IndustryTemplates implements dev.rapport.customization.Templates {

	private static final TypeReference<LinkedHashMap<String, Object>> TREE = new TypeReference<>() {
	};

	private final Map<String, Map<String, Object>> templates = new LinkedHashMap<>();

	private final List<TemplatePart> parts;

	private final MessageSource messages;

	IndustryTemplates(JsonMapper json, List<TemplatePart> parts, MessageSource messages) throws IOException {
		this.parts = parts;
		this.messages = messages;
		List<Map<String, Object>> loaded = new ArrayList<>();
		for (Resource resource : new PathMatchingResourcePatternResolver()
			.getResources("classpath*:industry-templates/*.json")) {
			try (InputStream in = resource.getInputStream()) {
				loaded.add(json.readValue(in, TREE));
			}
		}
		loaded.sort(Comparator.comparingInt((t) -> ((Number) t.getOrDefault("order", 100)).intValue()));
		loaded.forEach((t) -> this.templates.put((String) t.get("id"), t));
	}

	/** A template as listed: its id; name and description come from the bundles. */
	public record Summary(String id, String nameKey, String descriptionKey) {
	}

	public List<Summary> list() {
		return this.templates.keySet()
			.stream()
			.map((id) -> new Summary(id, "template." + id + ".name", "template." + id + ".description"))
			.toList();
	}

	/** What applying a template would set up in the current workspace. */
	@Transactional(readOnly = true)
	public List<TemplatePart.Item> preview(String id, Locale locale) {
		Map<String, Object> template = template(id);
		List<TemplatePart.Item> items = new ArrayList<>();
		for (TemplatePart part : this.parts) {
			items.addAll(part.preview(template, text(locale)));
		}
		return items;
	}

	/** Sets up what the template adds and the workspace lacks. */
	@Override
	@Transactional
	public List<TemplatePart.Item> apply(String id, Locale locale) {
		Map<String, Object> template = template(id);
		List<TemplatePart.Item> before = preview(id, locale);
		for (TemplatePart part : this.parts) {
			part.apply(template, text(locale));
		}
		return before;
	}

	private Map<String, Object> template(String id) {
		Map<String, Object> template = this.templates.get(id);
		if (template == null) {
			throw new NotFoundException("template", id);
		}
		return template;
	}

	private TemplatePart.TemplateText text(Locale locale) {
		return (keyOrText) -> this.messages.getMessage(keyOrText, null, keyOrText, locale);
	}

}
