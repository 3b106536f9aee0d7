package dev.eventbus.compat.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.EventBusState;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.testkit.RecordingHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vm.core.event.DomainEvent;
import vm.core.event.DomainEventBus;
import vm.core.event.VmException;

/** Events crossing between the legacy and the native API through {@link LegacyBridges}. */
class LegacyBridgesTest {

  private final UnifiedEventBus engine =
      EventBusFactory.builder().exceptionHandler(failure -> {}).build();

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  @Test
  void fromDomainEventBus_legacyPublisherReachesNativeAndLegacySubscribers() throws VmException {
    DomainEventBus legacy = new DomainEventBus(engine);
    UnifiedEventBus view = LegacyBridges.fromDomainEventBus(legacy);
    RecordingHandler<Object> nativeHandler = RecordingHandler.named("native");
    view.subscribe(LegacyEvent.STARTED, nativeHandler);
    LegacyRecorder legacyHandler = new LegacyRecorder("legacy");
    legacy.subscribe(LegacyEvent.STARTED, legacyHandler);

    legacy.publish(LegacyEvent.started(1));

    assertThat(nativeHandler.events()).containsExactly(LegacyEvent.started(1));
    assertThat(legacyHandler.events()).containsExactly(LegacyEvent.started(1));
  }

  @Test
  void fromDomainEventBus_nativePublisherReachesLegacyAndNativeSubscribers() {
    DomainEventBus legacy = new DomainEventBus(engine);
    UnifiedEventBus view = LegacyBridges.fromDomainEventBus(legacy);
    LegacyRecorder legacyHandler = new LegacyRecorder("legacy");
    legacy.subscribe(LegacyEvent.STARTED, legacyHandler);
    RecordingHandler<DomainEvent> nativeHandler = RecordingHandler.named("native");
    view.subscribe(DomainEvent.class, nativeHandler);

    PublishResult result = view.publish(LegacyEvent.started(2));

    assertThat(legacyHandler.events()).containsExactly(LegacyEvent.started(2));
    assertThat(nativeHandler.events()).containsExactly(LegacyEvent.started(2));
    assertThat(result.delivered()).isEqualTo(2);
  }

  @Test
  void fromDomainEventBus_isTheAdaptersOwnEngine() {
    DomainEventBus legacy = new DomainEventBus(engine);

    assertThat(LegacyBridges.fromDomainEventBus(legacy))
        .isSameAs(engine)
        .isSameAs(LegacyBridges.fromDomainEventBus(legacy));
  }

  @Test
  void fromDomainEventBus_closingTheViewStopsTheLegacyBusToo() {
    DomainEventBus legacy = new DomainEventBus(EventBusFactory.createDefault());
    UnifiedEventBus view = LegacyBridges.fromDomainEventBus(legacy);

    view.close();

    assertThat(view.state()).isEqualTo(EventBusState.STOPPED);
    assertThatThrownBy(() -> legacy.publish(LegacyEvent.started(3)))
        .isInstanceOf(VmException.class);
  }

  @Test
  void toDomainEventBus_legacyHandlerReceivesNativelyPublishedEvents() {
    DomainEventBus legacy = LegacyBridges.toDomainEventBus(engine);
    LegacyRecorder legacyHandler = new LegacyRecorder("legacy");
    legacy.subscribe(LegacyEvent.STARTED, legacyHandler);

    engine.publish(LegacyEvent.started(4));

    assertThat(legacyHandler.events()).containsExactly(LegacyEvent.started(4));
  }

  @Test
  void toDomainEventBus_nativeSubscriberReceivesLegacyPublishedEvents() throws VmException {
    DomainEventBus legacy = LegacyBridges.toDomainEventBus(engine);
    RecordingHandler<Object> nativeHandler = RecordingHandler.named("native");
    engine.subscribe(LegacyEvent.STARTED, nativeHandler);

    legacy.publish(LegacyEvent.started(5));

    assertThat(nativeHandler.events()).containsExactly(LegacyEvent.started(5));
  }

  @Test
  void toDomainEventBus_wrapsTheGivenBus_andRoundTrips() {
    DomainEventBus legacy = LegacyBridges.toDomainEventBus(engine);

    assertThat(legacy.unifiedBus()).isSameAs(engine);
    assertThat(LegacyBridges.fromDomainEventBus(legacy)).isSameAs(engine);
    assertThat(engine.state()).isEqualTo(EventBusState.RUNNING);
  }

  // Issue 17, defect 10: the legacy bus counted only the subscriptions made through it, so legacy
  // code that checks for listeners before publishing saw none where native code listened.

  @Test
  void fromDomainEventBus_aNativeSubscriptionThroughTheView_isCountedByTheLegacyBus() {
    DomainEventBus legacy = new DomainEventBus(engine);
    UnifiedEventBus view = LegacyBridges.fromDomainEventBus(legacy);

    Subscription nativeSubscription =
        view.subscribe(LegacyEvent.STARTED, RecordingHandler.named("native"));
    view.subscribe("*", RecordingHandler.named("native-everything"));

    assertThat(legacy.subscriberCount(LegacyEvent.STARTED)).isEqualTo(1);
    assertThat(legacy.subscriberCount("*")).isEqualTo(1);
    legacy.subscribe(LegacyEvent.STARTED, new LegacyRecorder("legacy"));
    assertThat(legacy.subscriberCount(LegacyEvent.STARTED)).isEqualTo(2);

    nativeSubscription.close();

    assertThat(legacy.subscriberCount(LegacyEvent.STARTED)).isEqualTo(1);
  }

  @Test
  void fromDomainEventBus_legacyCodeThatChecksForListeners_reachesANativeOne() throws VmException {
    DomainEventBus legacy = new DomainEventBus(engine);
    RecordingHandler<Object> nativeHandler = RecordingHandler.named("native");
    LegacyBridges.fromDomainEventBus(legacy).subscribe(LegacyEvent.STARTED, nativeHandler);

    if (legacy.subscriberCount(LegacyEvent.STARTED) > 0) {
      legacy.publish(LegacyEvent.started(6));
    }

    assertThat(nativeHandler.events()).containsExactly(LegacyEvent.started(6));
  }

  @Test
  void toDomainEventBus_nativeSubscriptionsOnTheBus_andOtherAdapters_areCounted() {
    engine.subscribe(LegacyEvent.STARTED, RecordingHandler.named("native"));
    DomainEventBus legacy = LegacyBridges.toDomainEventBus(engine);
    DomainEventBus other = LegacyBridges.toDomainEventBus(engine);

    assertThat(legacy.subscriberCount(LegacyEvent.STARTED)).isEqualTo(1);

    other.subscribe(LegacyEvent.STARTED, new LegacyRecorder("other"));

    assertThat(legacy.subscriberCount(LegacyEvent.STARTED)).isEqualTo(2);
    assertThat(other.subscriberCount(LegacyEvent.STARTED)).isEqualTo(2);
    assertThat(engine.stats().subscriptions()).isEqualTo(2);
  }

  @Test
  void nativeSubscriptionsByClass_areNotCounted_aTypeNameNamesNoClass() {
    DomainEventBus legacy = LegacyBridges.toDomainEventBus(engine);

    engine.subscribe(LegacyEvent.class, RecordingHandler.named("by-class"));
    engine.subscribe(DomainEvent.class, RecordingHandler.named("by-interface"));

    assertThat(legacy.subscriberCount(LegacyEvent.STARTED)).isZero();
    assertThat(legacy.subscriberCount(LegacyEvent.class.getName())).isZero();
  }

  /**
   * Over a bus this library did not build (here a decorator), the subscriptions on it cannot be
   * read: the adapter counts the ones made through it, as documented.
   */
  @Test
  void overABusThisLibraryDidNotBuild_onlyTheAdaptersOwnSubscriptionsAreCounted() {
    UnifiedEventBus decorator =
        (UnifiedEventBus)
            Proxy.newProxyInstance(
                UnifiedEventBus.class.getClassLoader(),
                new Class<?>[] {UnifiedEventBus.class},
                (proxy, method, args) -> {
                  try {
                    return method.invoke(engine, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    DomainEventBus legacy = LegacyBridges.toDomainEventBus(decorator);
    engine.subscribe(LegacyEvent.STARTED, RecordingHandler.named("native"));

    legacy.subscribe(LegacyEvent.STARTED, new LegacyRecorder("legacy"));

    assertThat(legacy.subscriberCount(LegacyEvent.STARTED)).isEqualTo(1);
  }

  @Test
  void nullArguments_areRejected() {
    assertThatThrownBy(() -> LegacyBridges.fromDomainEventBus(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> LegacyBridges.toDomainEventBus(null))
        .isInstanceOf(NullPointerException.class);
  }
}
