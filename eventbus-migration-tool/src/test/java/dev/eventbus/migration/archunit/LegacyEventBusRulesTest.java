package dev.eventbus.migration.archunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.eventbus.migration.archunit.fixtures.clean.CleanOrderService;
import dev.eventbus.migration.archunit.fixtures.clean.UnrelatedSingletonUser;
import dev.eventbus.migration.archunit.fixtures.compat.CompatOrderService;
import dev.eventbus.migration.archunit.fixtures.guava.GuavaOrderListener;
import dev.eventbus.migration.archunit.fixtures.guava.GuavaOrderService;
import dev.eventbus.migration.archunit.fixtures.legacy.LegacyOrderService;
import dev.eventbus.migration.archunit.fixtures.legacy.LegacySingletonCaller;
import dev.eventbus.migration.archunit.fixtures.legacy.LegacySingletonReference;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LegacyEventBusRulesTest {

  private static final String FIXTURES = "dev.eventbus.migration.archunit.fixtures";

  private static final JavaClasses LEGACY = importPackage(FIXTURES + ".legacy");
  private static final JavaClasses GUAVA = importPackage(FIXTURES + ".guava");
  private static final JavaClasses COMPAT = importPackage(FIXTURES + ".compat");
  private static final JavaClasses CLEAN = importPackage(FIXTURES + ".clean");
  private static final JavaClasses ALL_FIXTURES = importPackage(FIXTURES);

  private static JavaClasses importPackage(String packageName) {
    JavaClasses classes = new ClassFileImporter().importPackages(packageName);
    // Guards every test below against passing only because nothing was imported.
    assertThat(classes).as("classes imported from %s", packageName).isNotEmpty();
    return classes;
  }

  private static JavaClasses importOnly(Class<?>... classes) {
    return new ClassFileImporter().importClasses(classes);
  }

  private static String failureReport(ArchRule rule, JavaClasses classes) {
    EvaluationResult result = rule.evaluate(classes);
    assertThat(result.hasViolation()).as("%s has a violation", rule.getDescription()).isTrue();
    return result.getFailureReport().toString();
  }

  private static boolean hasViolation(ArchRule rule, JavaClasses classes) {
    return rule.evaluate(classes).hasViolation();
  }

  static Stream<Arguments> singleRules() {
    return Stream.of(
        Arguments.of("NO_LEGACY_VM_EVENT_BUS", LegacyEventBusRules.NO_LEGACY_VM_EVENT_BUS),
        Arguments.of("NO_GUAVA_EVENT_BUS", LegacyEventBusRules.NO_GUAVA_EVENT_BUS),
        Arguments.of("NO_GUAVA_COMPAT_EVENT_BUS", LegacyEventBusRules.NO_GUAVA_COMPAT_EVENT_BUS),
        Arguments.of(
            "NO_STATIC_EVENT_BUS_SINGLETONS", LegacyEventBusRules.NO_STATIC_EVENT_BUS_SINGLETONS));
  }

  static Stream<Arguments> allRules() {
    return Stream.concat(
        singleRules(),
        Stream.of(Arguments.of("FULLY_MIGRATED", LegacyEventBusRules.FULLY_MIGRATED)));
  }

  @Nested
  class NoLegacyVmEventBus {

    private final ArchRule rule = LegacyEventBusRules.NO_LEGACY_VM_EVENT_BUS;

    @Test
    void failsOnClassPublishingThroughAnInjectedLegacyBus() {
      assertThat(failureReport(rule, importOnly(LegacyOrderService.class)))
          .contains(LegacyOrderService.class.getName())
          .contains("vm.core.event.DomainEventBus");
    }

    @Test
    void reportsEveryClassThatUsesTheLegacyBus() {
      assertThat(failureReport(rule, LEGACY))
          .contains(LegacyOrderService.class.getName())
          .contains(LegacySingletonCaller.class.getName())
          .contains(LegacySingletonReference.class.getName());
    }

    @Test
    void failureReportNamesTheMigrationPath() {
      assertThat(failureReport(rule, LEGACY))
          .contains("because", "dev.eventbus.api.UnifiedEventBus");
    }

    @Test
    void passesOnCleanCode() {
      assertThat(hasViolation(rule, CLEAN)).isFalse();
    }

    @Test
    void passesOnGuavaAndCompatCode() {
      assertThat(hasViolation(rule, GUAVA)).isFalse();
      assertThat(hasViolation(rule, COMPAT)).isFalse();
    }

    @Test
    void doesNotCheckTheLegacyApiItself() {
      assertThat(hasViolation(rule, new ClassFileImporter().importPackages("vm.core.event")))
          .isFalse();
    }
  }

  @Nested
  class NoGuavaEventBus {

    private final ArchRule rule = LegacyEventBusRules.NO_GUAVA_EVENT_BUS;

    @Test
    void failsOnClassPostingToAGuavaEventBus() {
      assertThat(failureReport(rule, importOnly(GuavaOrderService.class)))
          .contains(GuavaOrderService.class.getName())
          .contains("com.google.common.eventbus.EventBus");
    }

    @Test
    void failsOnClassUsingOnlyTheSubscribeAnnotation() {
      assertThat(failureReport(rule, importOnly(GuavaOrderListener.class)))
          .contains(GuavaOrderListener.class.getName())
          .contains("com.google.common.eventbus.Subscribe");
    }

    @Test
    void failureReportNamesTheMigrationPath() {
      assertThat(failureReport(rule, GUAVA))
          .contains("because", "dev.eventbus.compat", "dev.eventbus.api.UnifiedEventBus");
    }

    @Test
    void passesOnCleanCode() {
      assertThat(hasViolation(rule, CLEAN)).isFalse();
    }

    @Test
    void passesOnLegacyVmAndCompatCode() {
      assertThat(hasViolation(rule, LEGACY)).isFalse();
      assertThat(hasViolation(rule, COMPAT)).isFalse();
    }
  }

  @Nested
  class NoGuavaCompatEventBus {

    private final ArchRule rule = LegacyEventBusRules.NO_GUAVA_COMPAT_EVENT_BUS;

    @Test
    void failsOnClassUsingTheCompatShim() {
      assertThat(failureReport(rule, COMPAT))
          .contains(CompatOrderService.class.getName())
          .contains("dev.eventbus.compat.CompatEventBus")
          .contains("because", "dev.eventbus.api.UnifiedEventBus");
    }

    @Test
    void passesOnCleanCode() {
      assertThat(hasViolation(rule, CLEAN)).isFalse();
    }

    @Test
    void passesOnLegacyVmAndGuavaCode() {
      assertThat(hasViolation(rule, LEGACY)).isFalse();
      assertThat(hasViolation(rule, GUAVA)).isFalse();
    }

    @Test
    void doesNotCheckTheCompatShimItself() {
      assertThat(hasViolation(rule, new ClassFileImporter().importPackages("dev.eventbus.compat")))
          .isFalse();
    }
  }

  @Nested
  class NoStaticEventBusSingletons {

    private final ArchRule rule = LegacyEventBusRules.NO_STATIC_EVENT_BUS_SINGLETONS;

    @Test
    void failsOnCallToTheLegacySingletonAccessor() {
      assertThat(failureReport(rule, importOnly(LegacySingletonCaller.class)))
          .contains(LegacySingletonCaller.class.getName())
          .contains("vm.core.event.DomainEventBus.getInstance()");
    }

    @Test
    void failsOnMethodReferenceToTheLegacySingletonAccessor() {
      assertThat(failureReport(rule, importOnly(LegacySingletonReference.class)))
          .contains(LegacySingletonReference.class.getName())
          .contains("vm.core.event.DomainEventBus.getInstance()");
    }

    @Test
    void failureReportNamesTheMigrationPath() {
      assertThat(failureReport(rule, LEGACY))
          .contains("because", "constructor parameter", "dev.eventbus.api.UnifiedEventBus");
    }

    @Test
    void passesOnLegacyBusThatIsInjected() {
      assertThat(hasViolation(rule, importOnly(LegacyOrderService.class))).isFalse();
    }

    @Test
    void passesOnGetInstanceOfAnUnrelatedClass() {
      assertThat(hasViolation(rule, importOnly(UnrelatedSingletonUser.class))).isFalse();
    }

    @Test
    void passesOnCleanCode() {
      assertThat(hasViolation(rule, CLEAN)).isFalse();
    }
  }

  @Nested
  class FullyMigrated {

    @Test
    void reportsTheViolationsOfEveryLegacyApi() {
      assertThat(failureReport(LegacyEventBusRules.FULLY_MIGRATED, ALL_FIXTURES))
          .contains(LegacyOrderService.class.getName())
          .contains(GuavaOrderService.class.getName())
          .contains(GuavaOrderListener.class.getName())
          .contains(CompatOrderService.class.getName())
          .doesNotContain(CleanOrderService.class.getName())
          .doesNotContain(UnrelatedSingletonUser.class.getName());
    }

    @Test
    void failsOnEachLegacyApiAlone() {
      assertThat(hasViolation(LegacyEventBusRules.FULLY_MIGRATED, LEGACY)).isTrue();
      assertThat(hasViolation(LegacyEventBusRules.FULLY_MIGRATED, GUAVA)).isTrue();
      assertThat(hasViolation(LegacyEventBusRules.FULLY_MIGRATED, COMPAT)).isTrue();
    }

    @Test
    void passesOnCleanCode() {
      assertThat(hasViolation(LegacyEventBusRules.FULLY_MIGRATED, CLEAN)).isFalse();
    }
  }

  @Nested
  class ExemptPackages {

    private final String legacyFixtures = FIXTURES + ".legacy..";

    @Test
    void fullyMigratedDoesNotCheckExemptPackages() {
      assertThat(hasViolation(LegacyEventBusRules.fullyMigrated(legacyFixtures), LEGACY)).isFalse();
    }

    @Test
    void fullyMigratedStillChecksPackagesThatAreNotExempt() {
      assertThat(failureReport(LegacyEventBusRules.fullyMigrated(legacyFixtures), ALL_FIXTURES))
          .contains(GuavaOrderService.class.getName())
          .contains(CompatOrderService.class.getName())
          .doesNotContain(LegacyOrderService.class.getName());
    }

    @Test
    void eachRuleHonoursItsExemptPackages() {
      String exemptAll = FIXTURES + "..";
      List<ArchRule> rules =
          List.of(
              LegacyEventBusRules.noLegacyVmEventBus(exemptAll),
              LegacyEventBusRules.noGuavaEventBus(exemptAll),
              LegacyEventBusRules.noGuavaCompatEventBus(exemptAll),
              LegacyEventBusRules.noStaticEventBusSingletons(exemptAll));
      assertThat(rules).noneMatch(rule -> hasViolation(rule, ALL_FIXTURES));
    }

    @Test
    void singletonRuleStillChecksPackagesThatAreNotExempt() {
      ArchRule rule = LegacyEventBusRules.noStaticEventBusSingletons(FIXTURES + ".clean..");
      assertThat(failureReport(rule, ALL_FIXTURES)).contains(LegacySingletonCaller.class.getName());
    }

    @Test
    void exemptPackagesAppearInTheRuleDescription() {
      assertThat(LegacyEventBusRules.noLegacyVmEventBus(legacyFixtures).getDescription())
          .contains(legacyFixtures);
    }

    @Test
    void nullArrayOfExemptPackagesIsRejected() {
      assertThatNullPointerException()
          .isThrownBy(() -> LegacyEventBusRules.fullyMigrated((String[]) null))
          .withMessage("exemptPackages");
    }

    @Test
    void nullExemptPackageIsRejected() {
      assertThatNullPointerException()
          .isThrownBy(() -> LegacyEventBusRules.noStaticEventBusSingletons("com.acme..", null))
          .withMessage("exemptPackages[1]");
    }

    @Test
    void malformedExemptPackageIsRejectedWhenTheRuleIsCreated() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> LegacyEventBusRules.noGuavaEventBus("com...acme"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allRules")
  void ruleAllowsACodeBaseWithNothingToCheck(String name, ArchRule rule) {
    JavaClasses nothing = new ClassFileImporter().importClasses(List.of());
    assertThat(nothing).isEmpty();
    assertThat(hasViolation(rule, nothing)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singleRules")
  void ruleDescriptionExplainsTheMigrationPath(String name, ArchRule rule) {
    assertThat(rule.getDescription()).contains(", because ", "dev.eventbus.api.UnifiedEventBus");
  }
}
