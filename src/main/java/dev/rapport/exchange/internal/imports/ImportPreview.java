package dev.rapport.exchange.internal.imports;

import java.util.List;

/**
 * The first rows of a file as read with the job's choices, the sheets of a workbook, and
 * the fields the mapping may name.
 */
public record ImportPreview(List<String> header, List<List<String>> rows, List<String> sheets, List<String> targets,
		List<String> encodings, List<String> delimiters) {
}
