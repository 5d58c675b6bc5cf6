package dev.rapport.customers.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.rapport.customers.LifecycleStage;
import dev.rapport.customization.TemplatePart;

/**
 * The lifecycle stage names and the tags of an industry template. A stage the workspace
 * has already named keeps its name; tags that exist are not created again.
 */
@Component
class TemplateStagesAndTags implements TemplatePart {

	private final CustomerSettings settings;

	private final Tags tags;

	TemplateStagesAndTags(CustomerSettings settings, Tags tags) {
		this.settings = settings;
		this.tags = tags;
	}

	@Override
	public List<Item> preview(Map<String, Object> template, TemplateText text) {
		List<Item> items = new ArrayList<>();
		Map<LifecycleStage, String> own = this.settings.stageLabels();
		stages(template, text).forEach((stage, label) -> items
			.add(new Item("customers.template.item.stage." + stage.code(), label, own.containsKey(stage))));
		for (String tag : tagNames(template, text)) {
			items.add(new Item("customers.template.item.tag", tag, !this.tags.find(List.of(tag)).isEmpty()));
		}
		return items;
	}

	@Override
	public void apply(Map<String, Object> template, TemplateText text) {
		Map<LifecycleStage, String> labels = new EnumMap<>(this.settings.stageLabels());
		java.util.Set<String> taken = new java.util.HashSet<>();
		labels.values().forEach((l) -> taken.add(TextKeys.fold(l)));
		// A name another stage already carries is left out rather than refused.
		stages(template, text).forEach((stage, label) -> {
			if (!labels.containsKey(stage) && taken.add(TextKeys.fold(label))) {
				labels.put(stage, label);
			}
		});
		this.settings.updateStageLabels(labels);
		this.tags.idsOf(tagNames(template, text));
	}

	private static Map<LifecycleStage, String> stages(Map<String, Object> template, TemplateText text) {
		Map<LifecycleStage, String> stages = new EnumMap<>(LifecycleStage.class);
		if (template.get("lifecycle") instanceof Map<?, ?> lifecycle) {
			lifecycle.forEach((code, label) -> LifecycleStage.fromCode(String.valueOf(code))
				.ifPresent((stage) -> stages.put(stage, text.resolve(String.valueOf(label)))));
		}
		return stages;
	}

	private static List<String> tagNames(Map<String, Object> template, TemplateText text) {
		List<String> names = new ArrayList<>();
		if (template.get("tags") instanceof List<?> list) {
			list.forEach((tag) -> names.add(text.resolve(String.valueOf(tag))));
		}
		return names;
	}

}
