package dev.rapport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every visible string comes from the message bundles: the locales of each module's
 * bundle have the same keys, templates hold no literal text, and every key a template
 * names exists.
 */
class I18nTests {

	private static final Path BUNDLES = Path.of("src/main/resources/i18n");

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	/** Attributes a person reads or hears, which must come from a bundle too. */
	private static final Pattern VISIBLE_ATTRIBUTE = Pattern
		.compile("(?<![:\\w-])(title|placeholder|alt|aria-label|value)\\s*=\\s*\"([^\"]*)\"");

	private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([a-zA-Z0-9._-]+)[}(]");

	@Test
	void everyLocaleOfABundleHasTheSameKeys() throws IOException {
		try (Stream<Path> modules = Files.list(BUNDLES)) {
			for (Path module : modules.toList()) {
				Set<String> base = load(module.resolve("messages.properties")).stringPropertyNames();
				assertThat(base).as("keys of %s", module).isNotEmpty();
				try (Stream<Path> files = Files.list(module)) {
					for (Path file : files.filter((f) -> f.getFileName().toString().startsWith("messages_")).toList()) {
						assertThat(load(file).stringPropertyNames()).as("keys of %s", file)
							.containsExactlyInAnyOrderElementsOf(base);
					}
				}
			}
		}
	}

	@Test
	void noKeyIsDefinedTwice() throws IOException {
		Set<String> seen = new HashSet<>();
		List<String> duplicates = new ArrayList<>();
		try (Stream<Path> files = Files.walk(BUNDLES)) {
			for (Path file : files.filter((f) -> f.getFileName().toString().equals("messages.properties")).toList()) {
				for (String key : load(file).stringPropertyNames()) {
					if (!seen.add(key)) {
						duplicates.add(key + " in " + file);
					}
				}
			}
		}
		assertThat(duplicates).isEmpty();
	}

	@Test
	void templatesHoldNoLiteralText() throws IOException {
		List<String> literals = new ArrayList<>();
		for (Path template : templates()) {
			String html = Files.readString(template);
			String stripped = html.replaceAll("(?s)<!--.*?-->", "")
				.replaceAll("(?s)<script.*?</script>", "")
				.replaceAll("(?s)<style.*?</style>", "");
			Matcher text = Pattern.compile(">([^<]+)<").matcher(stripped.replaceAll("\"[^\"]*\"", "\"\""));
			while (text.find()) {
				String content = text.group(1).replaceAll("\\[\\[.*?]]", "").replaceAll("&#?\\w+;", "").trim();
				if (content.codePoints().anyMatch(Character::isLetter)) {
					literals.add(template + ": text '" + content + "'");
				}
			}
			Matcher attribute = VISIBLE_ATTRIBUTE.matcher(stripped);
			while (attribute.find()) {
				String name = attribute.group(1);
				String value = attribute.group(2);
				boolean dataValue = name.equals("value");
				if (!dataValue && value.codePoints().anyMatch(Character::isLetter)) {
					literals.add(template + ": " + name + "='" + value + "'");
				}
			}
		}
		assertThat(literals).isEmpty();
	}

	@Test
	void everyKeyUsedInATemplateExists() throws IOException {
		Set<String> keys = new HashSet<>();
		try (Stream<Path> files = Files.walk(BUNDLES)) {
			for (Path file : files.filter((f) -> f.getFileName().toString().equals("messages.properties")).toList()) {
				keys.addAll(load(file).stringPropertyNames());
			}
		}
		Set<String> missing = new TreeSet<>();
		for (Path template : templates()) {
			Matcher matcher = MESSAGE_KEY.matcher(Files.readString(template));
			while (matcher.find()) {
				if (!keys.contains(matcher.group(1))) {
					missing.add(matcher.group(1) + " in " + template);
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	private static List<Path> templates() throws IOException {
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			return files.filter((f) -> f.toString().endsWith(".html")).toList();
		}
	}

	private static Properties load(Path file) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

}
