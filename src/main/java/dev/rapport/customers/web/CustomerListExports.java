package dev.rapport.customers.web;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.rapport.customers.CompanySummary;
import dev.rapport.customers.PersonSummary;
import dev.rapport.customers.internal.CompanyService;
import dev.rapport.customers.internal.PersonService;
import dev.rapport.customization.CustomFields;
import dev.rapport.customization.FieldDefinition;
import dev.rapport.platform.Ids;
import dev.rapport.platform.ListExport;

/**
 * The people and companies lists as exports: the same parameters as the lists' address
 * bar (search, stage, owner, tag, the "more filters" rows, sort, chosen columns), read
 * page after page through the lists' keyset with the access policy of the current user.
 */
@Configuration(proxyBeanMethods = false)
class CustomerListExports {

	/** How many rows one page of an export reads. */
	static final int PAGE = 500;

	@Bean
	ListExport peopleListExport(PersonService people, CustomerPages pages, CustomFields customFields,
			MessageSource messages) {
		return new ListExport() {

			@Override
			public String object() {
				return "people";
			}

			@Override
			public List<String> headers(Map<String, List<String>> parameters, Presentation presentation) {
				PersonController.Filter filter = people(parameters);
				filter.query();
				List<FieldDefinition> fields = customFields.fieldsOf(CustomFields.PERSON, false);
				List<String> headers = new ArrayList<>();
				headers.add(messages.getMessage("export.column.name", null, presentation.locale()));
				for (String c : filter.columns()) {
					headers.add(header("people", c, fields, messages, presentation));
				}
				return headers;
			}

			@Override
			public void rows(Map<String, List<String>> parameters, Presentation presentation, Consumer<Row> rows) {
				PersonController.Filter filter = people(parameters);
				PersonService.PersonQuery query = filter.query();
				List<String> columns = filter.columns();
				Map<String, String> stages = new java.util.HashMap<>();
				pages.stages().forEach((c) -> stages.put(c.value(), c.label()));
				String cursor = null;
				do {
					PersonService.Page page = people.page(query, cursor, PAGE);
					for (PersonSummary p : page.items()) {
						List<@Nullable Object> cells = new ArrayList<>();
						cells.add(p.displayName());
						for (String c : columns) {
							cells.add(switch (c) {
								case "company" -> p.companyName();
								case "email" -> p.primaryEmail();
								case "phone" -> p.primaryPhone();
								case "stage" -> stages.get(p.lifecycleStage().code());
								case "owner" -> p.ownerName();
								case "jobTitle" -> p.jobTitle();
								case "source" -> p.source();
								default -> common(c, p.updatedAt(), p.custom(), presentation);
							});
						}
						rows.accept(new Row(p.id(), cells));
					}
					cursor = page.next();
				}
				while (cursor != null);
			}

		};
	}

	@Bean
	ListExport companiesListExport(CompanyService companies, CustomFields customFields, MessageSource messages) {
		return new ListExport() {

			@Override
			public String object() {
				return "companies";
			}

			@Override
			public List<String> headers(Map<String, List<String>> parameters, Presentation presentation) {
				CompanyController.Filter filter = companies(parameters);
				filter.query();
				List<FieldDefinition> fields = customFields.fieldsOf(CustomFields.COMPANY, false);
				List<String> headers = new ArrayList<>();
				headers.add(messages.getMessage("export.column.name", null, presentation.locale()));
				for (String c : filter.columns()) {
					headers.add(header("companies", c, fields, messages, presentation));
				}
				return headers;
			}

			@Override
			public void rows(Map<String, List<String>> parameters, Presentation presentation, Consumer<Row> rows) {
				CompanyController.Filter filter = companies(parameters);
				CompanyService.CompanyQuery query = filter.query();
				List<String> columns = filter.columns();
				String cursor = null;
				do {
					CompanyService.Page page = companies.page(query, cursor, PAGE);
					for (CompanySummary c : page.items()) {
						List<@Nullable Object> cells = new ArrayList<>();
						cells.add(c.name());
						for (String col : columns) {
							cells.add(switch (col) {
								case "domain" -> c.domain();
								case "industry" -> c.industry();
								case "size" -> c.sizeBand();
								case "owner" -> c.ownerName();
								default -> common(col, c.updatedAt(), c.custom(), presentation);
							});
						}
						rows.accept(new Row(c.id(), cells));
					}
					cursor = page.next();
				}
				while (cursor != null);
			}

		};
	}

	static PersonController.Filter people(Map<String, List<String>> p) {
		String owner = ListExport.first(p, "owner");
		return new PersonController.Filter(ListExport.first(p, "q"), ListExport.first(p, "stage"),
				(owner != null) ? Ids.parse("owner", owner) : null, ListExport.first(p, "tag"),
				ListExport.first(p, "sort"), ListExport.all(p, "ff"), ListExport.all(p, "fo"), ListExport.all(p, "fv"),
				ListExport.first(p, "match"), ListExport.all(p, "cols"));
	}

	static CompanyController.Filter companies(Map<String, List<String>> p) {
		return new CompanyController.Filter(ListExport.first(p, "q"), ListExport.first(p, "tag"),
				ListExport.first(p, "sort"), ListExport.all(p, "ff"), ListExport.all(p, "fo"), ListExport.all(p, "fv"),
				ListExport.first(p, "match"), ListExport.all(p, "cols"));
	}

	private static String header(String prefix, String column, List<FieldDefinition> fields, MessageSource messages,
			ListExport.Presentation presentation) {
		if (column.startsWith("custom.")) {
			String key = column.substring("custom.".length());
			Optional<FieldDefinition> field = fields.stream().filter((f) -> f.key().equals(key)).findFirst();
			return field.map(FieldDefinition::label).orElse(column);
		}
		return messages.getMessage(prefix + ".column." + column, null, column, presentation.locale());
	}

	private static @Nullable Object common(String column, java.time.OffsetDateTime updatedAt,
			Map<String, Object> custom, ListExport.Presentation presentation) {
		if ("updatedAt".equals(column)) {
			return updatedAt.atZoneSameInstant(presentation.timeZone())
				.toLocalDateTime()
				.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
		}
		if (column.startsWith("custom.")) {
			Object value = custom.get(column.substring("custom.".length()));
			if (value instanceof Collection<?> values) {
				return String.join(", ", values.stream().map(String::valueOf).toList());
			}
			if (value instanceof Number || value == null) {
				return value;
			}
			return String.valueOf(value);
		}
		return null;
	}

}
