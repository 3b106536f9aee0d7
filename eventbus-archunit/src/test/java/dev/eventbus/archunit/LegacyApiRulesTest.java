package dev.eventbus.archunit;

import static dev.eventbus.archunit.RuleTesting.failureReport;
import static dev.eventbus.archunit.RuleTesting.fixtures;
import static dev.eventbus.archunit.RuleTesting.hasViolation;
import static dev.eventbus.archunit.RuleTesting.importOnly;
import static dev.eventbus.archunit.RuleTesting.importPackages;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import dev.eventbus.archunit.fixtures.clean.CleanOrderService;
import dev.eventbus.archunit.fixtures.compat.CompatOrderService;
import dev.eventbus.archunit.fixtures.guava.GuavaOrderListener;
import dev.eventbus.archunit.fixtures.guava.GuavaOrderService;
import dev.eventbus.archunit.fixtures.legacy.LegacyOrderService;
import dev.eventbus.archunit.fixtures.legacy.LegacySingletonCaller;
import dev.eventbus.archunit.fixtures.legacy.LegacySingletonReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rules against depending on a legacy event-bus API. */
class LegacyApiRulesTest {

  private static final JavaClasses LEGACY = fixtures("legacy");
  private static final JavaClasses GUAVA = fixtures("guava");
  private static final JavaClasses COMPAT = fixtures("compat");
  private static final JavaClasses CLEAN = fixtures("clean");

  /** The real legacy APIs: eventbus-compat's two packages and Guava's event bus. */
  private static final JavaClasses LEGACY_APIS =
      importPackages("vm.core.event", "dev.eventbus.compat", "com.google.common.eventbus");

  @Test
  void theLegacyApisDependOnEachOther() {
    // Precondition of the tests that the rules leave the legacy APIs alone.
    assertThat(
            LEGACY_APIS
                .get("dev.eventbus.compat.bridge.LegacyBridges")
                .getDirectDependenciesFromSelf())
        .anyMatch(
            dependency -> dependency.getTargetClass().getPackageName().equals("vm.core.event"));
  }

  @Nested
  class NoLegacyEventBusApi {

    private final ArchRule rule = EventBusRules.NO_LEGACY_EVENT_BUS_API;

    @Test
    void failsOnEveryLegacyApi() {
      assertThat(failureReport(rule, RuleTesting.importPackages(RuleTesting.FIXTURES)))
          .contains(
              LegacyOrderService.class.getName() + ".bus> has type <vm.core.event.DomainEventBus>")
          .contains(GuavaOrderService.class.getName())
          .contains("<com.google.common.eventbus.Subscribe>")
          .contains(GuavaOrderListener.class.getName())
          .contains(
              CompatOrderService.class.getName()
                  + ".bus> has type <dev.eventbus.compat.guava.EventBus>")
          .doesNotContain(CleanOrderService.class.getName());
    }

    @Test
    void failsOnEachLegacyApiAlone() {
      assertThat(hasViolation(rule, LEGACY)).isTrue();
      assertThat(hasViolation(rule, GUAVA)).isTrue();
      assertThat(hasViolation(rule, COMPAT)).isTrue();
    }

    @Test
    void failureReportSaysWhatToDoInstead() {
      assertThat(failureReport(rule, LEGACY))
          .contains("because", "dev.eventbus.api.UnifiedEventBus", "EventBusFactory");
    }

    @Test
    void passesOnCleanCode() {
      assertThat(hasViolation(rule, CLEAN)).isFalse();
    }

    @Test
    void doesNotCheckTheLegacyApisThemselves() {
      assertThat(hasViolation(rule, LEGACY_APIS)).isFalse();
    }
  }

  @Nested
  class NoVmLegacyEventBus {

    private final ArchRule rule = EventBusRules.NO_VM_LEGACY_EVENT_BUS;

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
          .contains("because", "dev.eventbus.api.UnifiedEventBus", "LegacyBridges");
    }

    @Test
    void passesOnCleanGuavaAndCompatCode() {
      assertThat(hasViolation(rule, CLEAN)).isFalse();
      assertThat(hasViolation(rule, GUAVA)).isFalse();
      assertThat(hasViolation(rule, COMPAT)).isFalse();
    }

    @Test
    void doesNotCheckTheLegacyApisThemselves() {
      assertThat(hasViolation(rule, LEGACY_APIS)).isFalse();
    }
  }

  @Nested
  class NoGuavaEventBus {

    private final ArchRule rule = EventBusRules.NO_GUAVA_EVENT_BUS;

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
          .contains("because", "dev.eventbus.compat.guava", "dev.eventbus.api.UnifiedEventBus");
    }

    @Test
    void passesOnCleanLegacyAndCompatCode() {
      assertThat(hasViolation(rule, CLEAN)).isFalse();
      assertThat(hasViolation(rule, LEGACY)).isFalse();
      assertThat(hasViolation(rule, COMPAT)).isFalse();
    }

    @Test
    void doesNotCheckTheLegacyApisThemselves() {
      assertThat(hasViolation(rule, LEGACY_APIS)).isFalse();
    }
  }

  @Nested
  class NoCompatShim {

    private final ArchRule rule = EventBusRules.NO_COMPAT_SHIM;

    @Test
    void failsOnClassUsingTheGuavaCompatibleBus() {
      assertThat(failureReport(rule, importOnly(CompatOrderService.class)))
          .contains(CompatOrderService.class.getName())
          .contains("dev.eventbus.compat.guava.EventBus");
    }

    @Test
    void failureReportNamesTheMigrationPath() {
      assertThat(failureReport(rule, COMPAT))
          .contains("because", "migration shim", "dev.eventbus.api.UnifiedEventBus");
    }

    @Test
    void passesOnCleanLegacyAndGuavaCode() {
      assertThat(hasViolation(rule, CLEAN)).isFalse();
      assertThat(hasViolation(rule, LEGACY)).isFalse();
      assertThat(hasViolation(rule, GUAVA)).isFalse();
    }

    @Test
    void doesNotCheckTheCompatShimItself() {
      assertThat(hasViolation(rule, LEGACY_APIS)).isFalse();
    }
  }
}
