package dev.rapport.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The database the tests run on, chosen by the system property
 * {@code rapport.test.database}: {@code h2} (the default: an in-memory H2 in PostgreSQL
 * mode) or {@code postgresql} (the server named by {@code RAPPORT_TEST_POSTGRES_URL},
 * {@code _USER}, {@code _PASSWORD}). Each Spring context gets a database of its own: a
 * fresh H2 database, or a fresh PostgreSQL schema.
 */
public final class TestDatabase {

	private TestDatabase() {
	}

	public static boolean postgresql() {
		return "postgresql".equals(System.getProperty("rapport.test.database", "h2"));
	}

	/** Spring properties for a new, empty database of the given name. */
	public static Map<String, Object> properties(String name) {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (postgresql()) {
			String schema = "t_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
			createSchema(schema);
			String url = requireEnv("RAPPORT_TEST_POSTGRES_URL");
			properties.put("spring.datasource.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
			properties.put("spring.datasource.username", requireEnv("RAPPORT_TEST_POSTGRES_USER"));
			properties.put("spring.datasource.password",
					System.getenv().getOrDefault("RAPPORT_TEST_POSTGRES_PASSWORD", ""));
			properties.put("spring.flyway.schemas", schema);
			properties.put("spring.flyway.default-schema", schema);
		}
		else {
			properties.put("spring.datasource.url", "jdbc:h2:mem:" + name
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
			properties.put("spring.datasource.username", "sa");
			properties.put("spring.datasource.password", "");
		}
		return properties;
	}

	/** Properties for a database no other context uses. */
	public static Map<String, Object> fresh() {
		return properties("ctx_" + UUID.randomUUID().toString().replace("-", ""));
	}

	private static void createSchema(String schema) {
		try (Connection connection = DriverManager.getConnection(requireEnv("RAPPORT_TEST_POSTGRES_URL"),
				requireEnv("RAPPORT_TEST_POSTGRES_USER"),
				System.getenv().getOrDefault("RAPPORT_TEST_POSTGRES_PASSWORD", ""));
				Statement statement = connection.createStatement()) {
			statement.execute("create schema if not exists " + schema);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create the test schema " + schema + " on PostgreSQL", ex);
		}
	}

	private static String requireEnv(String name) {
		String value = System.getenv(name);
		if (value == null || value.isBlank()) {
			throw new IllegalStateException("The PostgreSQL test run needs " + name
					+ " (see README: running the tests on PostgreSQL); .ci/run sets it");
		}
		return value;
	}

}
