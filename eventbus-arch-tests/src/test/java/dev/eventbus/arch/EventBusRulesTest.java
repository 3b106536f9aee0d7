package dev.eventbus.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.eventbus.archunit.EventBusRules;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules this project ships in {@code eventbus-archunit}, checked on its own production classes:
 * what users are asked to keep, the project keeps too.
 *
 * <p>The compat module's packages ({@code dev.eventbus.compat..}, and {@code vm.core.event..},
 * which is not imported) are the legacy APIs the rules are about; the rules leave them out by
 * design, and so does this import. {@code eventbus-benchmarks} is not on this module's class path:
 * it measures Guava's {@code EventBus} on purpose.
 */
class EventBusRulesTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.eventbus")
            .that(not(resideInAPackage("dev.eventbus.compat..")));
  }

  @Test
  void everyProductionModuleIsImported() {
    for (String root :
        List.of(
            "dev.eventbus.api",
            "dev.eventbus.core",
            "dev.eventbus.processors",
            "dev.eventbus.store.jdbc",
            "dev.eventbus.archunit",
            "dev.eventbus.migration",
            "dev.eventbus.rewrite",
            "dev.eventbus.testkit",
            "dev.eventbus.examples")) {
      assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith(root)))
          .as("classes of %s on the test classpath", root)
          .isTrue();
    }
    assertThat(classes.stream().filter(c -> c.isAssignableTo(EventBusRules.DOMAIN_EVENT)))
        .as("event types for EVENTS_ARE_IMMUTABLE to check")
        .isNotEmpty();
    assertThat(classes.stream().noneMatch(c -> c.getPackageName().startsWith("dev.eventbus.arch.")))
        .as("no test class of this module")
        .isTrue();
  }

  @Test
  void projectFollowsTheRulesItShips() {
    EventBusRules.all().check(classes);
  }
}
