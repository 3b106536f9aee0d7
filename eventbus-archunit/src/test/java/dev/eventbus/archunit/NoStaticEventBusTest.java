package dev.eventbus.archunit;

import static dev.eventbus.archunit.RuleTesting.failureReport;
import static dev.eventbus.archunit.RuleTesting.fixtures;
import static dev.eventbus.archunit.RuleTesting.hasViolation;
import static dev.eventbus.archunit.RuleTesting.importOnly;
import static dev.eventbus.archunit.RuleTesting.importPackages;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import dev.eventbus.archunit.fixtures.clean.CleanOrderService;
import dev.eventbus.archunit.fixtures.clean.UnrelatedSingletonUser;
import dev.eventbus.archunit.fixtures.compat.CompatOrderService;
import dev.eventbus.archunit.fixtures.legacy.LegacyOrderService;
import dev.eventbus.archunit.fixtures.legacy.LegacySingletonCaller;
import dev.eventbus.archunit.fixtures.legacy.LegacySingletonReference;
import dev.eventbus.archunit.fixtures.legacy.LegacyStaticBusHolder;
import dev.eventbus.archunit.fixtures.statics.ApplicationBus;
import dev.eventbus.archunit.fixtures.statics.ApplicationBusUser;
import dev.eventbus.archunit.fixtures.statics.StaticBusHolder;
import dev.eventbus.archunit.fixtures.statics.StaticBusReference;
import dev.eventbus.archunit.fixtures.statics.StaticCompatBuses;
import dev.eventbus.archunit.fixtures.statics.StaticGuavaBus;
import org.junit.jupiter.api.Test;

/** {@link EventBusRules#NO_STATIC_EVENT_BUS}. */
class NoStaticEventBusTest {

  private final ArchRule rule = EventBusRules.NO_STATIC_EVENT_BUS;

  @Test
  void failsOnAMutableStaticUnifiedBus() {
    assertThat(failureReport(rule, importOnly(StaticBusHolder.class)))
        .contains(
            "Field <"
                + StaticBusHolder.class.getName()
                + ".current> is static and holds a bus (dev.eventbus.api.UnifiedEventBus)");
  }

  @Test
  void failsOnAConstantThatHoldsTheBusInATypeArgument() {
    assertThat(failureReport(rule, importOnly(StaticBusReference.class)))
        .contains(
            "Field <"
                + StaticBusReference.class.getName()
                + ".CURRENT> is static and holds a bus (dev.eventbus.api.UnifiedEventBus)");
  }

  @Test
  void failsOnAStaticGuavaBus() {
    assertThat(failureReport(rule, importOnly(StaticGuavaBus.class)))
        .contains(StaticGuavaBus.class.getName() + ".BUS>")
        .contains("(com.google.common.eventbus.EventBus)");
  }

  @Test
  void failsOnStaticCompatBusesInAnArrayAndOfASubclass() {
    assertThat(failureReport(rule, importOnly(StaticCompatBuses.class)))
        .contains(StaticCompatBuses.class.getName() + ".BUSES>")
        .contains("(dev.eventbus.compat.guava.EventBus)")
        .contains(StaticCompatBuses.class.getName() + ".ASYNC>")
        .contains("(dev.eventbus.compat.guava.AsyncEventBus)");
  }

  @Test
  void failsOnAStaticLegacyBus() {
    assertThat(failureReport(rule, importOnly(LegacyStaticBusHolder.class)))
        .contains(LegacyStaticBusHolder.class.getName() + ".BUS> is static and holds a bus");
  }

  @Test
  void failsOnACallOfTheLegacySingletonAccessor() {
    assertThat(failureReport(rule, importOnly(LegacySingletonCaller.class)))
        .contains(LegacySingletonCaller.class.getName())
        .contains("calls method <vm.core.event.DomainEventBus.getInstance()>");
  }

  @Test
  void failsOnAMethodReferenceToTheLegacySingletonAccessor() {
    assertThat(failureReport(rule, importOnly(LegacySingletonReference.class)))
        .contains(LegacySingletonReference.class.getName())
        .contains("vm.core.event.DomainEventBus.getInstance()");
  }

  @Test
  void failsOnTheSingletonOfAnApplicationsOwnBusClass() {
    assertThat(failureReport(rule, importOnly(ApplicationBus.class, ApplicationBusUser.class)))
        .contains(ApplicationBus.class.getName() + ".INSTANCE> is static and holds a bus")
        .contains(ApplicationBusUser.class.getName())
        .contains("calls method <" + ApplicationBus.class.getName() + ".getInstance()>");
  }

  @Test
  void failureReportSaysWhatToDoInstead() {
    assertThat(failureReport(rule, fixtures("statics")))
        .contains("because", "constructor parameter", "dev.eventbus.api.UnifiedEventBus");
  }

  @Test
  void passesOnInjectedBusesAndATypeToken() {
    JavaClasses injected =
        importOnly(CleanOrderService.class, LegacyOrderService.class, CompatOrderService.class);
    assertThat(hasViolation(rule, injected)).isFalse();
  }

  @Test
  void passesOnGetInstanceOfAClassThatIsNoBus() {
    assertThat(hasViolation(rule, importOnly(UnrelatedSingletonUser.class))).isFalse();
  }

  @Test
  void passesOnCleanCode() {
    assertThat(hasViolation(rule, fixtures("clean"))).isFalse();
  }

  @Test
  void doesNotCheckTheLegacyApisThemselves() {
    JavaClasses legacyApis =
        importPackages("vm.core.event", "dev.eventbus.compat", "com.google.common.eventbus");
    // Precondition: the legacy singleton does hold its bus in a static field.
    assertThat(legacyApis.get("vm.core.event.DomainEventBus$Holder").getFields())
        .anyMatch(
            field ->
                field.getModifiers().contains(JavaModifier.STATIC)
                    && field.getRawType().isAssignableTo("vm.core.event.DomainEventBus"));

    assertThat(hasViolation(rule, legacyApis)).isFalse();
  }
}
