package dev.rapport.activities.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.activities.internal.myday.MyDay;
import dev.rapport.activities.internal.myday.MyDaySettings;
import dev.rapport.platform.Ids;
import dev.rapport.platform.web.ETags;

/**
 * "My day" over REST: a user's sections of things to do with reasons and actions, and the
 * thresholds.
 */
@RestController
@RequestMapping("/api/v1/my-day")
@Tag(name = "My day")
@SecurityRequirement(name = "bearer")
class MyDayApiController {

	private final MyDay myDay;

	private final MyDaySettings settings;

	private final MessageSource messages;

	MyDayApiController(MyDay myDay, MyDaySettings settings, MessageSource messages) {
		this.myDay = myDay;
		this.settings = settings;
		this.messages = messages;
	}

	record DayResource(UUID userId, String userName, String timeZone, LocalDate date, List<SectionResource> sections) {
	}

	record SectionResource(String key, int total, String totalText, List<ItemResource> items) {
	}

	record ItemResource(String kind, String recordType, UUID recordId, String title, Reason reason, String reasonText,
			@Nullable String detail, @Nullable UUID personId, @Nullable String personName, @Nullable Integer version,
			List<MyDay.Action> actions) {
	}

	record Reason(String code, List<Object> args) {
	}

	/** The thresholds as read and written. */
	record SettingsResource(int dealIdleDays, int dealStalledDays, int atRiskDays, int leadUntouchedHours,
			@Nullable String renewalFieldKey, int renewalWithinDays) {

		static SettingsResource of(MyDaySettings.Settings s) {
			return new SettingsResource(s.dealIdleDays(), s.dealStalledDays(), s.atRiskDays(), s.leadUntouchedHours(),
					s.renewalFieldKey(), s.renewalWithinDays());
		}

	}

	@GetMapping
	@Operation(summary = "What to do now",
			description = "The sections of a user's day (tasks, calls, meetings, deals-idle, deals-stalled, birthdays, "
					+ "at-risk, leads, renewals), each with its total (counted up to 100; totalText reads 99+) and "
					+ "up to 10 items: the record, the reason as a code with its arguments and as text in the "
					+ "caller's language, and the actions (call, log, reschedule, open). Without user, the caller's "
					+ "own day; another user's day only for their manager (at any depth) or an administrator, "
					+ "otherwise 404.")
	DayResource day(@RequestParam(required = false) @Nullable String user) {
		Locale locale = LocaleContextHolder.getLocale();
		MyDay.Day day = this.myDay.of((user != null) ? Ids.parse("user", user) : null, locale);
		return new DayResource(day.userId(), day.userName(), day.zone().getId(), day.date(),
				day.sections()
					.stream()
					.map((s) -> new SectionResource(s.key(), s.total(), s.totalText(), s.items()
						.stream()
						.map((i) -> new ItemResource(i.kind(), i.recordType(), i.recordId(), i.title(),
								new Reason(i.reason(), i.arguments()),
								this.messages.getMessage(i.reason(), i.arguments().toArray(), i.reason(), locale),
								i.detail(), i.personId(), i.personName(), i.version(), i.actions()))
						.toList()))
					.toList());
	}

	@GetMapping("/settings")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Read the thresholds of my day (administrators)",
			description = "The ETag header carries the version for If-Match; defaults have version 0.")
	ResponseEntity<SettingsResource> settings() {
		MyDaySettings.Settings current = this.settings.current();
		return ResponseEntity.ok().eTag(ETags.of(current.version())).body(SettingsResource.of(current));
	}

	@PutMapping("/settings")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Change the thresholds of my day (administrators)",
			description = "Days 1 to 3650, hours 1 to 8760, renewalWithinDays 1 to 365; renewalFieldKey is the key of "
					+ "a date custom field of people, or null for none. Requires If-Match; a stale one answers 412.")
	ResponseEntity<SettingsResource> update(
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody SettingsResource body) {
		int version = ETags.requireMatch(ifMatch, "my-day-settings", this.settings.current().version());
		MyDaySettings.Settings saved = this.settings.update(version,
				new MyDaySettings.Settings(body.dealIdleDays(), body.dealStalledDays(), body.atRiskDays(),
						body.leadUntouchedHours(), body.renewalFieldKey(), body.renewalWithinDays(), version));
		return ResponseEntity.ok().eTag(ETags.of(saved.version())).body(SettingsResource.of(saved));
	}

}
