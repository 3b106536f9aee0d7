package dev.eventbus.archunit;

import static dev.eventbus.archunit.RuleTesting.FIXTURES;
import static dev.eventbus.archunit.RuleTesting.failureReport;
import static dev.eventbus.archunit.RuleTesting.fixtures;
import static dev.eventbus.archunit.RuleTesting.hasViolation;
import static dev.eventbus.archunit.RuleTesting.importOnly;
import static dev.eventbus.archunit.RuleTesting.importPackages;
import static dev.eventbus.archunit.RuleTesting.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.eventbus.archunit.fixtures.clean.CleanOrderService;
import dev.eventbus.archunit.fixtures.compat.CompatOrderService;
import dev.eventbus.archunit.fixtures.events.MutableEvent;
import dev.eventbus.archunit.fixtures.guava.GuavaOrderService;
import dev.eventbus.archunit.fixtures.legacy.LegacyOrderService;
import dev.eventbus.archunit.fixtures.legacy.LegacySingletonCaller;
import dev.eventbus.archunit.fixtures.legacy.LegacyStaticBusHolder;
import dev.eventbus.archunit.fixtures.statics.ApplicationBusUser;
import dev.eventbus.archunit.fixtures.statics.StaticBusHolder;
import dev.eventbus.archunit.fixtures.subscribers.StaticSubscriber;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link EventBusRules#all(String...)}, exemptions, empty code bases and the class itself. */
class AllRulesTest {

  private static final JavaClasses ALL_FIXTURES = importPackages(FIXTURES);

  static Stream<Arguments> singleRules() {
    return Stream.of(
        Arguments.of("NO_LEGACY_EVENT_BUS_API", EventBusRules.NO_LEGACY_EVENT_BUS_API),
        Arguments.of("NO_VM_LEGACY_EVENT_BUS", EventBusRules.NO_VM_LEGACY_EVENT_BUS),
        Arguments.of("NO_GUAVA_EVENT_BUS", EventBusRules.NO_GUAVA_EVENT_BUS),
        Arguments.of("NO_COMPAT_SHIM", EventBusRules.NO_COMPAT_SHIM),
        Arguments.of("NO_STATIC_EVENT_BUS", EventBusRules.NO_STATIC_EVENT_BUS),
        Arguments.of("EVENTS_ARE_IMMUTABLE", EventBusRules.EVENTS_ARE_IMMUTABLE),
        Arguments.of(
            "SUBSCRIBER_METHODS_ARE_WELL_FORMED",
            EventBusRules.SUBSCRIBER_METHODS_ARE_WELL_FORMED));
  }

  static Stream<Arguments> allRules() {
    return Stream.concat(
        singleRules(),
        Stream.of(
            Arguments.of("all()", EventBusRules.all()),
            Arguments.of("all(exempt)", EventBusRules.all("com.acme.legacy.."))));
  }

  /** Lines of the report that mention every one of the fragments. */
  private static long linesMentioning(List<String> lines, String... fragments) {
    return lines.stream().filter(line -> Stream.of(fragments).allMatch(line::contains)).count();
  }

  @Nested
  class All {

    @Test
    void reportsEveryKindOfViolation() {
      assertThat(failureReport(EventBusRules.all(), ALL_FIXTURES))
          .contains(LegacyOrderService.class.getName())
          .contains(GuavaOrderService.class.getName())
          .contains(CompatOrderService.class.getName())
          .contains(StaticBusHolder.class.getName() + ".current> is static and holds a bus")
          .contains(MutableEvent.class.getName() + ".status> is not final")
          .contains(StaticSubscriber.class.getName() + "#onOrderPlaced(OrderPlaced) must not be")
          .doesNotContain(CleanOrderService.class.getName());
    }

    @Test
    void reportsEachViolationOnce() {
      List<String> lines = violations(EventBusRules.all(), ALL_FIXTURES);

      assertThat(lines).doesNotHaveDuplicates();
      // A legacy singleton call and a static legacy bus are legacy dependencies: reported as such.
      assertThat(
              linesMentioning(
                  lines, LegacySingletonCaller.class.getName(), "DomainEventBus.getInstance()"))
          .isOne();
      assertThat(linesMentioning(lines, LegacyStaticBusHolder.class.getName() + ".BUS>")).isOne();
      // What no legacy dependency shows is reported by the static-bus part.
      assertThat(linesMentioning(lines, StaticBusHolder.class.getName() + ".current>")).isOne();
      assertThat(linesMentioning(lines, ApplicationBusUser.class.getName(), "getInstance()"))
          .isOne();
      assertThat(linesMentioning(lines, MutableEvent.class.getName() + ".status>")).isOne();
      assertThat(linesMentioning(lines, StaticSubscriber.class.getName() + "#onOrderPlaced"))
          .isOne();
    }

    @Test
    void theSingleRulesTogetherWouldReportALegacySingletonCallTwice() {
      // Why all() does not simply combine NO_LEGACY_EVENT_BUS_API and NO_STATIC_EVENT_BUS.
      JavaClasses caller = importOnly(LegacySingletonCaller.class);
      assertThat(failureReport(EventBusRules.NO_LEGACY_EVENT_BUS_API, caller))
          .contains("DomainEventBus.getInstance()");
      assertThat(failureReport(EventBusRules.NO_STATIC_EVENT_BUS, caller))
          .contains("DomainEventBus.getInstance()");
    }

    @Test
    void failsOnEachKindAlone() {
      for (String kind : List.of("legacy", "guava", "compat", "statics", "events", "subscribers")) {
        assertThat(hasViolation(EventBusRules.all(), fixtures(kind))).as(kind).isTrue();
      }
    }

    @Test
    void passesOnCleanCode() {
      assertThat(hasViolation(EventBusRules.all(), fixtures("clean"))).isFalse();
    }

    @Test
    void doesNotCheckTheLegacyApisThemselves() {
      assertThat(
              hasViolation(
                  EventBusRules.all(),
                  importPackages(
                      "vm.core.event", "dev.eventbus.compat", "com.google.common.eventbus")))
          .isFalse();
    }

    @Test
    void descriptionIsStableForTheViolationStore() {
      assertThat(EventBusRules.all().getDescription())
          .isEqualTo(EventBusRules.all().getDescription());
    }
  }

  @Nested
  class ExemptPackages {

    private final String legacyFixtures = FIXTURES + ".legacy..";

    @Test
    void allDoesNotCheckExemptPackages() {
      assertThat(hasViolation(EventBusRules.all(FIXTURES + ".."), ALL_FIXTURES)).isFalse();
    }

    @Test
    void allStillChecksPackagesThatAreNotExempt() {
      assertThat(failureReport(EventBusRules.all(legacyFixtures), ALL_FIXTURES))
          .contains(GuavaOrderService.class.getName())
          .contains(MutableEvent.class.getName())
          .doesNotContain(LegacyOrderService.class.getName());
    }

    @Test
    void eachRuleHonoursItsExemptPackages() {
      String exemptAll = FIXTURES + "..";
      List<ArchRule> rules =
          List.of(
              EventBusRules.noLegacyEventBusApi(exemptAll),
              EventBusRules.noVmLegacyEventBus(exemptAll),
              EventBusRules.noGuavaEventBus(exemptAll),
              EventBusRules.noCompatShim(exemptAll),
              EventBusRules.noStaticEventBus(exemptAll),
              EventBusRules.eventsAreImmutable(exemptAll),
              EventBusRules.subscriberMethodsAreWellFormed(exemptAll));
      assertThat(rules).noneMatch(rule -> hasViolation(rule, ALL_FIXTURES));
    }

    @Test
    void eachRuleStillChecksPackagesThatAreNotExempt() {
      String exemptClean = FIXTURES + ".clean..";
      assertThat(failureReport(EventBusRules.noStaticEventBus(exemptClean), ALL_FIXTURES))
          .contains(StaticBusHolder.class.getName());
      assertThat(failureReport(EventBusRules.eventsAreImmutable(exemptClean), ALL_FIXTURES))
          .contains(MutableEvent.class.getName());
      assertThat(
              failureReport(
                  EventBusRules.subscriberMethodsAreWellFormed(exemptClean), ALL_FIXTURES))
          .contains(StaticSubscriber.class.getName());
    }

    @Test
    void exemptPackagesAppearInTheRuleDescription() {
      assertThat(EventBusRules.noLegacyEventBusApi(legacyFixtures).getDescription())
          .contains(legacyFixtures);
      assertThat(EventBusRules.eventsAreImmutable(legacyFixtures).getDescription())
          .contains(legacyFixtures);
      assertThat(EventBusRules.subscriberMethodsAreWellFormed(legacyFixtures).getDescription())
          .contains(legacyFixtures);
      assertThat(EventBusRules.all(legacyFixtures).getDescription()).contains(legacyFixtures);
    }

    @Test
    void nullArrayOfExemptPackagesIsRejected() {
      assertThatNullPointerException()
          .isThrownBy(() -> EventBusRules.all((String[]) null))
          .withMessage("exemptPackages");
    }

    @Test
    void nullExemptPackageIsRejected() {
      assertThatNullPointerException()
          .isThrownBy(() -> EventBusRules.noStaticEventBus("com.acme..", null))
          .withMessage("exemptPackages[1]");
    }

    @Test
    void malformedExemptPackageIsRejectedWhenTheRuleIsCreated() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> EventBusRules.subscriberMethodsAreWellFormed("com...acme"));
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
  void ruleDescriptionGivesTheReasonAndTheWayOut(String name, ArchRule rule) {
    assertThat(rule.getDescription()).contains(", because ", "UnifiedEventBus");
  }

  @Test
  void isANonInstantiableHolderOfConstants() throws ReflectiveOperationException {
    assertThat(Modifier.isFinal(EventBusRules.class.getModifiers())).isTrue();
    assertThat(EventBusRules.class.getDeclaredConstructors())
        .singleElement()
        .satisfies(
            constructor -> assertThat(Modifier.isPrivate(constructor.getModifiers())).isTrue());
    for (var field : EventBusRules.class.getFields()) {
      assertThat(Modifier.isStatic(field.getModifiers()) && Modifier.isFinal(field.getModifiers()))
          .as(field.getName())
          .isTrue();
      assertThat(field.get(null)).as(field.getName()).isNotNull();
    }
  }
}
