package dev.rapport.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import dev.rapport.customers.internal.Trash;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The daily purge of the trash: it removes everything expired, however much, a batch at a
 * time, each batch of one workspace with its own {@link CustomersChanged} event.
 *
 * <pre>
 * workspace "Purge"
 *   admin (owns 10,500 people deleted 40 days ago and one deleted yesterday)
 * </pre>
 */
@IntegrationTest
@RecordApplicationEvents
class TrashPurgeIntegrationTests {

	private static final int EXPIRED = 10_500;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Trash trash;

	@Autowired
	ApplicationEvents events;

	@Test
	void removesEveryExpiredRecordInBatchesEachWithItsOwnEvent() {
		Fixtures.Workspace workspace = this.fixtures.workspace("Purge");
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		this.jdbc.update("insert into person (workspace_id, id, display_name, name_key, owner_id, lifecycle_stage,"
				+ " lifecycle_entered_at, status, deleted_at, created_at, updated_at, version)"
				+ " select ?, gen_random_uuid(), 'Purged Person', 'purged person', ?, 'lead', ?, 'active', ?, ?, ?, 1"
				+ " from generate_series(1, ?)", workspace.id(), workspace.adminId(), now, now.minusDays(40),
				now.minusDays(50), now.minusDays(40), EXPIRED);
		UUID recent = UUID.randomUUID();
		this.jdbc.update(
				"insert into person (workspace_id, id, display_name, name_key, owner_id, lifecycle_stage,"
						+ " lifecycle_entered_at, status, deleted_at, created_at, updated_at, version)"
						+ " values (?, ?, 'Recent Person', 'recent person', ?, 'lead', ?, 'active', ?, ?, ?, 1)",
				workspace.id(), recent, workspace.adminId(), now, now.minusDays(1), now.minusDays(2), now.minusDays(1));
		Set<UUID> expired = new HashSet<>(this.jdbc.queryForList(
				"select id from person where workspace_id = ? and display_name = 'Purged Person'", UUID.class,
				workspace.id()));
		assertThat(expired).hasSize(EXPIRED);

		assertThat(this.trash.emptyExpired()).isGreaterThanOrEqualTo(EXPIRED);

		assertThat(this.jdbc.queryForList("select id from person where workspace_id = ?", UUID.class, workspace.id()))
			.containsExactly(recent);
		List<List<UUID>> batches = this.events.stream(CustomersChanged.class)
			.filter((e) -> e.kind() == CustomerKind.PERSON && e.ids().stream().anyMatch(expired::contains))
			.map(CustomersChanged::ids)
			.map(List::copyOf)
			.toList();
		assertThat(batches).hasSizeGreaterThan(EXPIRED / 1000);
		assertThat(batches).allSatisfy((ids) -> {
			assertThat(ids).hasSizeLessThanOrEqualTo(1000);
			assertThat(expired).containsAll(ids);
		});
		assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(EXPIRED);
	}

}
