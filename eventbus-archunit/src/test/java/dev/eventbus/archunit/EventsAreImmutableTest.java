package dev.eventbus.archunit;

import static dev.eventbus.archunit.RuleTesting.failureReport;
import static dev.eventbus.archunit.RuleTesting.fixtures;
import static dev.eventbus.archunit.RuleTesting.hasViolation;
import static dev.eventbus.archunit.RuleTesting.importOnly;
import static dev.eventbus.archunit.RuleTesting.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.lang.ArchRule;
import dev.eventbus.archunit.fixtures.clean.OrderPlaced;
import dev.eventbus.archunit.fixtures.clean.OrderShipped;
import dev.eventbus.archunit.fixtures.clean.SystemEvent;
import dev.eventbus.archunit.fixtures.events.AbstractMutableEvent;
import dev.eventbus.archunit.fixtures.events.ConcreteEvent;
import dev.eventbus.archunit.fixtures.events.CountingEvent;
import dev.eventbus.archunit.fixtures.events.InheritedMutableEvent;
import dev.eventbus.archunit.fixtures.events.MutableBase;
import dev.eventbus.archunit.fixtures.events.MutableEvent;
import dev.eventbus.archunit.fixtures.legacy.LegacyMutableEvent;
import org.junit.jupiter.api.Test;

/** {@link EventBusRules#EVENTS_ARE_IMMUTABLE}. */
class EventsAreImmutableTest {

  private final ArchRule rule = EventBusRules.EVENTS_ARE_IMMUTABLE;

  @Test
  void failsOnANonFinalField() {
    assertThat(failureReport(rule, importOnly(MutableEvent.class)))
        .contains(
            "Field <" + MutableEvent.class.getName() + ".status> is not final, so the event can")
        .doesNotContain(MutableEvent.class.getName() + ".orderId");
  }

  @Test
  void failsOnANonFinalStaticFieldOfARecord() {
    assertThat(failureReport(rule, importOnly(CountingEvent.class)))
        .contains("Field <" + CountingEvent.class.getName() + ".created> is not final");
  }

  @Test
  void failsOnANonFinalFieldInheritedFromAClassThatIsNoEvent() {
    assertThat(failureReport(rule, importOnly(InheritedMutableEvent.class)))
        .contains(InheritedMutableEvent.class.getName())
        .contains("inherits the field " + MutableBase.class.getName() + ".timestamp");
  }

  @Test
  void reportsTheFieldOfAnAbstractEventOnceNotOnEverySubclass() {
    assertThat(violations(rule, importOnly(AbstractMutableEvent.class, ConcreteEvent.class)))
        .singleElement()
        .asString()
        .contains(AbstractMutableEvent.class.getName() + ".correlationId> is not final")
        .doesNotContain(ConcreteEvent.class.getName());
  }

  @Test
  void coversLegacyEventsThroughTheirUnifiedSupertype() {
    assertThat(failureReport(rule, importOnly(LegacyMutableEvent.class)))
        .contains(LegacyMutableEvent.class.getName() + ".instanceId> is not final");
  }

  @Test
  void failureReportSaysWhatToDoInstead() {
    assertThat(failureReport(rule, fixtures("events")))
        .contains("because", "make every field final", "record");
  }

  @Test
  void passesOnRecordsFinalClassesWithFinalFieldsAndEnums() {
    assertThat(
            hasViolation(
                rule, importOnly(OrderPlaced.class, OrderShipped.class, SystemEvent.class)))
        .isFalse();
    assertThat(hasViolation(rule, fixtures("clean"))).isFalse();
  }

  @Test
  void doesNotCheckTheEventInterfaces() {
    assertThat(
            hasViolation(
                rule,
                importOnly(dev.eventbus.api.DomainEvent.class, vm.core.event.DomainEvent.class)))
        .isFalse();
  }
}
