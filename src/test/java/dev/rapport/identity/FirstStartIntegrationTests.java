package dev.rapport.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.rapport.RapportApplication;
import dev.rapport.identity.internal.RapportUserDetails;
import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.support.TestDatabase;

/**
 * The very first start opens the default workspace with one administrator; restarts on
 * the same database find it and keep everything.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartIntegrationTests {

	private static final Pattern PASSWORD = Pattern.compile("password: (\\S+)");

	@TempDir
	Path data;

	@Test
	void aGeneratedPasswordIsPrintedOnceAndMustBeChanged(CapturedOutput output) {
		List<String> arguments = arguments("first_" + shortId(), "");
		try (ConfigurableApplicationContext app = start(arguments)) {
			Matcher matcher = PASSWORD.matcher(output.getOut());
			assertThat(matcher.find()).as("the generated password is in the log").isTrue();
			String password = matcher.group(1);
			RapportUserDetails admin = app.getBean(UserDetailsLoader.class).loadUserByUsername("admin@rapport.test");
			assertThat(admin.administrator()).isTrue();
			assertThat(admin.mustChangePassword()).isTrue();
			assertThat(app.getBean(PasswordEncoder.class).matches(password, admin.getPassword())).isTrue();
		}
		int printed = output.getOut().split("This password is shown once").length - 1;
		try (ConfigurableApplicationContext again = start(arguments)) {
			assertThat(output.getOut().split("This password is shown once").length - 1).isEqualTo(printed);
			assertThat(count(again, "app_user")).isEqualTo(1);
			assertThat(count(again, "workspace")).isEqualTo(1);
		}
	}

	@Test
	void restartingKeepsDataAndNeverMakesASecondAdministrator() {
		List<String> arguments = arguments("restart_" + shortId(), "Sturdy first start 31");
		try (ConfigurableApplicationContext app = start(arguments)) {
			DSLContext dsl = app.getBean(DSLContext.class);
			dsl.update(DSL.table("app_user")).set(DSL.field("display_name"), "Kept Across Restarts").execute();
		}
		try (ConfigurableApplicationContext again = start(arguments)) {
			assertThat(count(again, "app_user")).isEqualTo(1);
			assertThat(again.getBean(DSLContext.class)
				.fetchValue("select display_name from app_user where email = 'admin@rapport.test'"))
				.isEqualTo("Kept Across Restarts");
			RapportUserDetails admin = again.getBean(UserDetailsLoader.class).loadUserByUsername("admin@rapport.test");
			assertThat(admin.mustChangePassword()).isFalse();
		}
	}

	@Test
	void aWeakConfiguredPasswordStopsTheStartWithAClearReason() {
		assertThatThrownBy(() -> start(arguments("weak_" + shortId(), "password")).close())
			.hasStackTraceContaining("RAPPORT_ADMIN_PASSWORD is not acceptable");
	}

	private List<String> arguments(String database, String adminPassword) {
		List<String> arguments = new ArrayList<>();
		Map<String, Object> properties = TestDatabase.postgresql() ? TestDatabase.properties(database)
				: Map.of("spring.datasource.url",
						"jdbc:h2:file:" + this.data.resolve(database).toAbsolutePath()
								+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
						"spring.datasource.username", "sa", "spring.datasource.password", "");
		properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
		arguments.add("--rapport.test.own-database=true");
		arguments.add("--server.port=0");
		arguments.add("--rapport.identity.admin.password=" + adminPassword);
		return arguments;
	}

	private static ConfigurableApplicationContext start(List<String> arguments) {
		return new SpringApplicationBuilder(RapportApplication.class).run(arguments.toArray(String[]::new));
	}

	private static int count(ConfigurableApplicationContext app, String table) {
		return app.getBean(DSLContext.class).fetchCount(DSL.table(table));
	}

	private static String shortId() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

}
