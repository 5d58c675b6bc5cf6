package dev.rapport.sales.web;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import dev.rapport.sales.PipelineView;

/**
 * The options of the cards' "Move to" lists, written once per board into a template that
 * the board's script copies into a card's list when it is first used: each card then
 * carries only its own stage, and a board of a hundred cards renders much faster.
 */
@Component("boardOptions")
class BoardOptions {

	/**
	 * The stages of the pipeline as {@code <option>} elements, the card's own selected.
	 */
	public String html(PipelineView pipeline, UUID selected) {
		StringBuilder html = new StringBuilder(512);
		for (PipelineView.Stage stage : pipeline.activeStages()) {
			html.append("<option value=\"")
				.append(stage.id())
				.append("\" data-stage-kind=\"")
				.append(HtmlUtils.htmlEscape(stage.kind()))
				.append('"');
			if (stage.id().equals(selected)) {
				html.append(" selected=\"selected\"");
			}
			html.append('>').append(HtmlUtils.htmlEscape(stage.name())).append("</option>");
		}
		return html.toString();
	}

}
