package dev.rapport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;

/** Rules Spring Modulith cannot see: SQL tables stay inside their module. */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.rapport");

	@Test
	void tablesAreUsedOnlyByTheirOwnModule() {
		ArchRuleDefinition.classes()
			.that()
			.resideInAPackage("dev.rapport..")
			.should(new ArchCondition<JavaClass>("use only the jOOQ tables of their own module") {
				@Override
				public void check(JavaClass item, ConditionEvents events) {
					String module = moduleOf(item.getPackageName());
					item.getDirectDependenciesFromSelf().forEach((dependency) -> {
						String target = dependency.getTargetClass().getPackageName();
						if (target.contains(".internal.db") && !moduleOf(target).equals(module)) {
							events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
						}
					});
				}
			})
			.check(this.classes);
	}

	@Test
	void noModuleUsesJdbcTemplateOrFieldInjection() {
		noClasses().that()
			.resideInAPackage("dev.rapport..")
			.should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("org.springframework.beans.factory.annotation.Autowired")
			.check(this.classes);
	}

	private static String moduleOf(String packageName) {
		String rest = packageName.substring("dev.rapport".length());
		if (rest.isEmpty()) {
			return "";
		}
		String[] parts = rest.substring(1).split("\\.");
		return parts[0];
	}

}
