package dev.rapport.exchange.api;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.exchange.internal.exports.ExportJob;
import dev.rapport.exchange.internal.exports.Exports;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Ids;

/** Exports of list views over REST: start one, follow it, download its file. */
@RestController
@RequestMapping("/api/v1/exports")
@Tag(name = "Exports")
@SecurityRequirement(name = "bearer")
class ExportApiController {

	private final Exports exports;

	ExportApiController(Exports exports) {
		this.exports = exports;
	}

	/**
	 * What to export.
	 *
	 * @param object people, companies, deals or activities
	 * @param format csv, xlsx, vcf (vCard 4.0) or vcf3 (vCard 3.0); vCards only of people
	 * @param parameters the list's parameters as in its address bar ({@code q},
	 * {@code stage}, {@code ff}, {@code cols}...), each a text or a list of texts
	 */
	record ExportRequest(@Nullable String object, @Nullable String format, @Nullable Map<String, Object> parameters) {
	}

	@PostMapping
	@Operation(summary = "Start an export of a list view",
			description = "The export runs in the background as the token's user, with the list's filters, columns "
					+ "and the access policy. Answers 202 with the job; follow it at Location.")
	ResponseEntity<ExportJob> start(@RequestBody ExportRequest request) {
		if (request.object() == null || request.object().isBlank()) {
			throw new BusinessRuleException("object", "export.object.unknown", "",
					String.join(", ", this.exports.objects()));
		}
		ExportJob job = this.exports.start(request.object(), (request.format() != null) ? request.format() : "csv",
				query(request.parameters()));
		return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/v1/exports/" + job.id())).body(job);
	}

	@GetMapping("/{id}")
	@Operation(summary = "An export: its status, rows written and whether its file can be downloaded")
	ExportJob get(@PathVariable String id) {
		return this.exports.get(Ids.parse("export", id));
	}

	@GetMapping("/{id}/file")
	@Operation(summary = "The export's file", description = "404 until the export is done and after it expired.")
	ResponseEntity<InputStreamResource> file(@PathVariable String id) {
		Exports.Download download = this.exports.download(Ids.parse("export", id));
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(download.file().name(), StandardCharsets.UTF_8)
						.build()
						.toString())
			.contentType(MediaType.parseMediaType(download.file().contentType()))
			.contentLength(download.file().sizeBytes())
			.body(new InputStreamResource(download.content()));
	}

	private static String query(@Nullable Map<String, Object> parameters) {
		StringBuilder query = new StringBuilder();
		if (parameters != null) {
			parameters.forEach((name, value) -> {
				List<?> values = (value instanceof List<?> list) ? list : (value != null) ? List.of(value) : List.of();
				for (Object v : values) {
					query.append(query.isEmpty() ? "" : "&")
						.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
						.append('=')
						.append(URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
				}
			});
		}
		return query.toString();
	}

}
