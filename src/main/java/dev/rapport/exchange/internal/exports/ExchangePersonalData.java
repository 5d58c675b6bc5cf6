package dev.rapport.exchange.internal.exports;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.rapport.customers.PersonalData;
import dev.rapport.exchange.internal.FileStore;
import dev.rapport.exchange.internal.imports.ImportReports;

/**
 * The files exchange keeps: export files and uploaded import files (whose reports hold
 * personal data) are not searched person by person; when a person is erased, every one of
 * them stored in the workspace before the erasure is deleted. What imports did to the
 * person goes too (the values an import update replaced, kept for its undo: an undo
 * leaves the erased person as they are), and the values import reports show in the rows
 * about the person are cleared ({@link ImportReports}).
 */
@Component
class ExchangePersonalData implements PersonalData {

	private final FileStore files;

	private final Clock clock;

	private final ImportReports importReports;

	ExchangePersonalData(FileStore files, Clock clock, ImportReports importReports) {
		this.files = files;
		this.clock = clock;
		this.importReports = importReports;
	}

	@Override
	public String name() {
		return "exchange.files";
	}

	@Override
	public List<Map<String, Object>> export(UUID personId) {
		return List.of();
	}

	@Override
	public int erase(UUID personId) {
		OffsetDateTime now = OffsetDateTime.now(this.clock).plusSeconds(1);
		int records = this.importReports.forgetPerson(personId);
		return records + this.files.deleteCreatedBefore("export", now) + this.files.deleteCreatedBefore("import", now);
	}

}
