package dev.eventbus.archunit;

import static dev.eventbus.archunit.RuleTesting.failureReport;
import static dev.eventbus.archunit.RuleTesting.fixtures;
import static dev.eventbus.archunit.RuleTesting.hasViolation;
import static dev.eventbus.archunit.RuleTesting.importOnly;
import static dev.eventbus.archunit.RuleTesting.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.archunit.fixtures.clean.CleanListener;
import dev.eventbus.archunit.fixtures.clean.ShippingListener;
import dev.eventbus.archunit.fixtures.guava.GuavaOrderListener;
import dev.eventbus.archunit.fixtures.subscribers.NoParameterSubscriber;
import dev.eventbus.archunit.fixtures.subscribers.PrimitiveSubscriber;
import dev.eventbus.archunit.fixtures.subscribers.StaticSubscriber;
import dev.eventbus.archunit.fixtures.subscribers.TwoParameterSubscriber;
import dev.eventbus.processors.EventBusFactory;
import java.lang.reflect.Constructor;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link EventBusRules#SUBSCRIBER_METHODS_ARE_WELL_FORMED}. */
class SubscriberMethodsAreWellFormedTest {

  private final ArchRule rule = EventBusRules.SUBSCRIBER_METHODS_ARE_WELL_FORMED;

  @Test
  void failsOnAStaticMethod() {
    assertThat(failureReport(rule, importOnly(StaticSubscriber.class)))
        .contains(
            "@Subscribe method "
                + StaticSubscriber.class.getName()
                + "#onOrderPlaced(OrderPlaced) must not be static");
  }

  @Test
  void failsOnASecondParameter() {
    assertThat(failureReport(rule, importOnly(TwoParameterSubscriber.class)))
        .contains(
            "@Subscribe method "
                + TwoParameterSubscriber.class.getName()
                + "#onOrderPlaced(OrderPlaced, int) must have exactly one parameter, the event,"
                + " but has 2");
  }

  @Test
  void failsOnNoParameter() {
    assertThat(failureReport(rule, importOnly(NoParameterSubscriber.class)))
        .contains(NoParameterSubscriber.class.getName() + "#onSomething() must have exactly")
        .contains("but has 0");
  }

  @Test
  void failsOnAPrimitiveParameterAndNamesEveryProblemOfAMethodInOneViolation() {
    assertThat(violations(rule, importOnly(PrimitiveSubscriber.class)))
        .hasSize(2)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        PrimitiveSubscriber.class.getName()
                            + "#onAmount(long) must take a reference type, not the primitive"
                            + " long"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(PrimitiveSubscriber.class.getName() + "#onCode(int) must not be")
                    .contains("not the primitive int"));
  }

  @Test
  void violationNamesTheSourceLocation() {
    assertThat(failureReport(rule, importOnly(StaticSubscriber.class)))
        .containsPattern("\\(StaticSubscriber\\.java:\\d+\\)");
  }

  @Test
  void failureReportSaysWhatToDoInstead() {
    assertThat(failureReport(rule, fixtures("subscribers")))
        .contains("because", "UnifiedEventBus.register(listener) rejects", "instance method");
  }

  @Test
  void passesOnPublicPrivateValueReturningAndAbstractMethods() {
    assertThat(hasViolation(rule, importOnly(CleanListener.class, ShippingListener.class)))
        .isFalse();
  }

  @Test
  void doesNotCheckGuavasSubscribeAnnotation() {
    assertThat(hasViolation(rule, importOnly(GuavaOrderListener.class))).isFalse();
  }

  /**
   * Classes a bus can register; ShippingListener, an interface, is checked through CleanListener.
   */
  static Stream<Class<?>> listeners() {
    return Stream.of(
        CleanListener.class,
        StaticSubscriber.class,
        TwoParameterSubscriber.class,
        NoParameterSubscriber.class,
        PrimitiveSubscriber.class);
  }

  /** The rule finds at build time what {@code UnifiedEventBus.register} rejects at run time. */
  @ParameterizedTest
  @MethodSource("listeners")
  void agreesWithTheRuntimeRegistration(Class<?> listener) throws ReflectiveOperationException {
    Constructor<?> constructor = listener.getDeclaredConstructor();
    constructor.setAccessible(true); // StaticSubscriber's is private: it is never instantiated
    Object instance = constructor.newInstance();
    IllegalArgumentException rejected;
    try (UnifiedEventBus bus = EventBusFactory.createDefault()) {
      rejected = catchThrowableOfType(IllegalArgumentException.class, () -> bus.register(instance));
    }
    JavaClasses classes = importOnly(listener);

    if (rejected == null) {
      assertThat(hasViolation(rule, classes)).isFalse();
    } else {
      assertThat(failureReport(rule, classes)).contains(rejected.getMessage());
    }
  }
}
