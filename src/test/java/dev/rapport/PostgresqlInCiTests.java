package dev.rapport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * In CI the database tests must also run on PostgreSQL: a CI run without a PostgreSQL
 * server fails here instead of silently testing H2 alone.
 */
class PostgresqlInCiTests {

	@Test
	void ciNamesAPostgresqlServer() {
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			assertThat(System.getenv("RAPPORT_TEST_POSTGRES_URL"))
				.as("RAPPORT_TEST_POSTGRES_URL in CI (.ci/run sets it)")
				.isNotBlank();
		}
	}

}
