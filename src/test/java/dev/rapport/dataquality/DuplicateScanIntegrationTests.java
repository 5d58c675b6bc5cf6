package dev.rapport.dataquality;

import static dev.rapport.dataquality.internal.db.Tables.DUPLICATE_KEY;
import static dev.rapport.dataquality.internal.db.Tables.DUPLICATE_KEY_BUILD;
import static dev.rapport.dataquality.internal.db.Tables.DUPLICATE_PAIR;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.customers.ContactInput.EmailInput;
import dev.rapport.customers.CustomerKind;
import dev.rapport.customers.Customers;
import dev.rapport.customers.CustomersChanged;
import dev.rapport.customers.PersonChange;
import dev.rapport.dataquality.internal.DuplicateScans;
import dev.rapport.dataquality.internal.db.tables.records.DuplicateKeyBuildRecord;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The full duplicate scan on a real database: the keys of records that have none built
 * once, page by page and resumable; every pair compared once however many keys it shares;
 * open pairs not found again removed.
 *
 * <pre>
 * workspace "Scan": the administrator only
 * </pre>
 */
@IntegrationTest
class DuplicateScanIntegrationTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Customers customers;

	@Autowired
	DuplicateScans scans;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	DSLContext dsl;

	private Actor admin;

	@BeforeEach
	void workspace() {
		Fixtures.Workspace workspace = this.fixtures.workspace("Scan");
		this.admin = new Actor(workspace.id(), workspace.adminId());
	}

	@Test
	void theFirstScanBuildsTheMissingKeysOnceAndFindsTheirPairs() {
		List<UUID> ids = create(person("William", "Brown", "w.brown@gmail.com"),
				person("Bill", "Brown", "wbrown@googlemail.com"), person("Mary", "Jones", "mary@jones.org"));
		// As if written before duplicate detection existed: two of them without keys.
		forgetKeys(ids.subList(0, 2));
		assertThat(keys(ids.get(0))).isZero();

		DuplicateScans.Scan first = scan();

		assertThat(first.status()).isEqualTo("done");
		assertThat(keys(ids.get(0))).isPositive();
		assertThat(keys(ids.get(1))).isPositive();
		assertThat(openPairs()).isEqualTo(1);
		DuplicateKeyBuildRecord build = build();
		assertThat(build.getFinishedAt()).isNotNull();
		assertThat(build.getRecordsChecked()).isEqualTo(3);
		assertThat(build.getRecordsBuilt()).isEqualTo(2);

		// Once built, the writers keep the keys in step: the next scan builds nothing.
		scan();
		assertThat(build().getRecordsChecked()).isEqualTo(3);
	}

	@Test
	void aStoppedBuildResumesAfterTheLastPageItWrote() {
		List<UUID> ids = create(person("Anna", "Visser", "anna@visser.nl"), person("Anne", "Visser", "anna@visser.nl"),
				person("Piet", "Bakker", "piet@bakker.nl"));
		List<UUID> sorted = new ArrayList<>(ids);
		sorted.sort((x, y) -> x.toString().compareTo(y.toString()));
		forgetKeys(ids);
		// A build that stopped after a page ending with the first two records.
		this.dsl.insertInto(DUPLICATE_KEY_BUILD)
			.set(DUPLICATE_KEY_BUILD.WORKSPACE_ID, this.admin.workspaceId())
			.set(DUPLICATE_KEY_BUILD.KIND, "person")
			.set(DUPLICATE_KEY_BUILD.AFTER_ID, sorted.get(1))
			.set(DUPLICATE_KEY_BUILD.RECORDS_CHECKED, 2L)
			.set(DUPLICATE_KEY_BUILD.RECORDS_BUILT, 0L)
			.set(DUPLICATE_KEY_BUILD.UPDATED_AT, java.time.OffsetDateTime.now())
			.execute();

		scan();

		assertThat(keys(sorted.get(0))).isZero();
		assertThat(keys(sorted.get(1))).isZero();
		assertThat(keys(sorted.get(2))).isPositive();
		assertThat(build().getRecordsChecked()).isEqualTo(3);
		assertThat(build().getRecordsBuilt()).isEqualTo(1);
	}

	@Test
	void aScanWhoseRecordsDoNotFitInMemoryComparesTheSamePairsInSegments() {
		create(person("Sofia", "Rossi", "sofia.rossi@example.it"), person("Sofia", "Rossi", "sofia.rossi@example.it"),
				person("Jan", "Jansen", "jan@jansen.nl"), person("Jan", "Janssen", "jan@jansen.nl"),
				person("William", "Brown", "w.brown@gmail.com"), person("Bill", "Brown", "wbrown@googlemail.com"),
				person("Mary", "Jones", "mary@jones.org"));
		DuplicateScans.Scan whole = scan();
		assertThat(openPairs()).isEqualTo(3);

		System.setProperty("rapport.dataquality.scan-profiles", "2");
		try {
			DuplicateScans.Scan segmented = scan();
			assertThat(segmented.pairsCompared()).isEqualTo(whole.pairsCompared());
			assertThat(segmented.pairsFound()).isEqualTo(whole.pairsFound());
			assertThat(openPairs()).isEqualTo(3);
		}
		finally {
			System.clearProperty("rapport.dataquality.scan-profiles");
		}
	}

	@Test
	void aPairSharingManyKeysIsComparedOnce() {
		// Same name, e-mail, local part: several keys in common.
		create(person("Sofia", "Rossi", "sofia.rossi@example.it"), person("Sofia", "Rossi", "sofia.rossi@example.it"));

		DuplicateScans.Scan scan = scan();

		assertThat(scan.pairsCompared()).isEqualTo(1);
		assertThat(scan.pairsFound()).isEqualTo(1);
		assertThat(openPairs()).isEqualTo(1);
	}

	@Test
	void anOpenPairNoLongerFoundIsRemovedAndADismissedOneKept() {
		List<UUID> ids = create(person("Jan", "Jansen", "jan@jansen.nl"), person("Jan", "Janssen", "jan@jansen.nl"),
				person("Els", "de Vries", "els@vries.nl"), person("Elsa", "de Vries", "els@vries.nl"));
		scan();
		assertThat(openPairs()).isEqualTo(2);
		this.dsl.update(DUPLICATE_PAIR)
			.set(DUPLICATE_PAIR.STATUS, "dismissed")
			.where(DUPLICATE_PAIR.WORKSPACE_ID.eq(this.admin.workspaceId()))
			.and(DUPLICATE_PAIR.RECORD_A.in(ids.subList(2, 4)))
			.execute();
		// The first pair loses every key it shared.
		forgetKeys(ids.subList(0, 1));

		DuplicateScans.Scan scan = scan();

		assertThat(openPairs()).isZero();
		assertThat(scan.pairsFound()).isZero();
		assertThat(this.dsl.fetchCount(DUPLICATE_PAIR,
				DUPLICATE_PAIR.WORKSPACE_ID.eq(this.admin.workspaceId()).and(DUPLICATE_PAIR.STATUS.eq("dismissed"))))
			.isEqualTo(1);
	}

	@Test
	void keysOfAPageOfChangedPeopleAreWrittenTogether() {
		List<PersonChange> changes = new ArrayList<>();
		for (int i = 0; i < 1200; i++) {
			changes.add(person("Given" + i, "Family" + i, "person" + i + "@example.org"));
		}
		List<UUID> ids = create(changes.toArray(PersonChange[]::new));
		forgetKeys(ids);

		Actors.runAs(this.admin, () -> this.transactions.executeWithoutResult(
				(status) -> this.events.publishEvent(new CustomersChanged(CustomerKind.PERSON, ids))));

		assertThat(this.dsl.fetchCount(this.dsl.selectDistinct(DUPLICATE_KEY.RECORD_ID)
			.from(DUPLICATE_KEY)
			.where(DUPLICATE_KEY.WORKSPACE_ID.eq(this.admin.workspaceId())))).isEqualTo(1200);
		assertThat(keys(ids.get(1199))).isPositive();
	}

	private DuplicateScans.Scan scan() {
		Actors.runAs(this.admin, () -> this.scans.request("admin"));
		long until = System.currentTimeMillis() + 30_000;
		while (System.currentTimeMillis() < until) {
			this.scans.runQueued();
			DuplicateScans.Scan last = Actors.callAs(this.admin, () -> this.scans.recent(1)).get(0);
			if (last.status().equals("done") || last.status().equals("failed")) {
				return last;
			}
			Thread.onSpinWait();
		}
		throw new AssertionError("the scan did not finish");
	}

	private List<UUID> create(PersonChange... people) {
		List<UUID> ids = new ArrayList<>();
		for (int from = 0; from < people.length; from += 1000) {
			List<PersonChange> batch = List.of(people).subList(from, Math.min(people.length, from + 1000));
			ids.addAll(Actors.callAs(this.admin, () -> this.customers.createPeople(batch, null)));
		}
		return ids;
	}

	private static PersonChange person(String given, String family, String email) {
		return new PersonChange(given, family, null, List.of(new EmailInput(email, "work", false)), List.of(),
				List.of(), null, null, null, null, null, null, List.of(), null, null, null);
	}

	private void forgetKeys(List<UUID> ids) {
		this.dsl.deleteFrom(DUPLICATE_KEY)
			.where(DUPLICATE_KEY.WORKSPACE_ID.eq(this.admin.workspaceId()))
			.and(DUPLICATE_KEY.RECORD_ID.in(ids))
			.execute();
	}

	private int keys(UUID id) {
		return this.dsl.fetchCount(DUPLICATE_KEY,
				DUPLICATE_KEY.WORKSPACE_ID.eq(this.admin.workspaceId()).and(DUPLICATE_KEY.RECORD_ID.eq(id)));
	}

	private int openPairs() {
		return this.dsl.fetchCount(DUPLICATE_PAIR,
				DUPLICATE_PAIR.WORKSPACE_ID.eq(this.admin.workspaceId()).and(DUPLICATE_PAIR.STATUS.eq("open")));
	}

	private DuplicateKeyBuildRecord build() {
		return this.dsl.selectFrom(DUPLICATE_KEY_BUILD)
			.where(DUPLICATE_KEY_BUILD.WORKSPACE_ID.eq(this.admin.workspaceId()))
			.and(DUPLICATE_KEY_BUILD.KIND.eq("person"))
			.fetchOne();
	}

}
