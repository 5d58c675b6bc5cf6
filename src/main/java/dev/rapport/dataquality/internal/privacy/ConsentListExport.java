package dev.rapport.dataquality.internal.privacy;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import dev.rapport.customers.ConsentStanding;
import dev.rapport.customers.Customers;
import dev.rapport.identity.AccessPolicy;
import dev.rapport.platform.ListExport;
import dev.rapport.platform.web.AccessDeniedProblem;

/**
 * The consent report's list of people (one channel and status) as an export, for
 * administrators: {@code channel} and {@code status} as on the report's page.
 */
@Component
class ConsentListExport implements ListExport {

	/** The most people one export of the report lists. */
	static final int LIMIT = 1_000_000;

	private final Customers customers;

	private final AccessPolicy accessPolicy;

	private final MessageSource messages;

	ConsentListExport(Customers customers, AccessPolicy accessPolicy, MessageSource messages) {
		this.customers = customers;
		this.accessPolicy = accessPolicy;
		this.messages = messages;
	}

	@Override
	public String object() {
		return "consent";
	}

	@Override
	public List<String> headers(Map<String, List<String>> parameters, Presentation presentation) {
		if (!this.accessPolicy.currentScope().administrator()) {
			throw new AccessDeniedProblem("privacy.forbidden");
		}
		this.customers.consentStandings(channel(parameters), status(parameters), 1);
		return List
			.of("consent.report.person", "consent.report.channel", "consent.report.status", "consent.report.date",
					"consent.report.source")
			.stream()
			.map((k) -> this.messages.getMessage(k, null, presentation.locale()))
			.toList();
	}

	@Override
	public void rows(Map<String, List<String>> parameters, Presentation presentation, Consumer<Row> rows) {
		if (!this.accessPolicy.currentScope().administrator()) {
			throw new AccessDeniedProblem("privacy.forbidden");
		}
		for (ConsentStanding s : this.customers.consentStandings(channel(parameters), status(parameters), LIMIT)) {
			List<@Nullable Object> cells = new ArrayList<>();
			cells.add(s.displayName());
			cells.add(s.channel());
			cells.add(s.status());
			cells.add((s.recordedAt() != null) ? s.recordedAt()
				.atZoneSameInstant(presentation.timeZone())
				.toLocalDateTime()
				.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) : null);
			cells.add(s.source());
			rows.accept(new Row(s.personId(), cells));
		}
	}

	private static String channel(Map<String, List<String>> parameters) {
		String channel = ListExport.first(parameters, "channel");
		return (channel != null) ? channel : "email";
	}

	private static String status(Map<String, List<String>> parameters) {
		String status = ListExport.first(parameters, "status");
		return (status != null) ? status : "opt-in";
	}

}
