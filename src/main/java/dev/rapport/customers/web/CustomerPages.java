package dev.rapport.customers.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import dev.rapport.customers.ContactLabel;
import dev.rapport.customers.LifecycleStage;
import dev.rapport.customers.internal.CustomerSettings;
import dev.rapport.platform.web.Forms.Choice;

/**
 * What the customer pages share: stage names (the workspace's own or the default) and
 * labels.
 */
@Component
class CustomerPages {

	private final CustomerSettings settings;

	private final MessageSource messages;

	CustomerPages(CustomerSettings settings, MessageSource messages) {
		this.settings = settings;
		this.messages = messages;
	}

	/** Each stage with the name this workspace gives it, in funnel order. */
	List<Choice> stages() {
		Map<LifecycleStage, String> own = this.settings.stageLabels();
		return Arrays.stream(LifecycleStage.values())
			.map((stage) -> new Choice(stage.code(),
					own.getOrDefault(stage,
							this.messages.getMessage("customers.stage." + stage.code(), null,
									LocaleContextHolder.getLocale()))))
			.toList();
	}

	String stageName(LifecycleStage stage) {
		return stages().stream()
			.filter((c) -> c.value().equals(stage.code()))
			.map(Choice::label)
			.findFirst()
			.orElse(stage.code());
	}

	List<Choice> labels(ContactLabel... labels) {
		return Arrays.stream(labels)
			.map((label) -> new Choice(label.code(),
					this.messages.getMessage("customers.label." + label.code(), null, LocaleContextHolder.getLocale())))
			.toList();
	}

}
