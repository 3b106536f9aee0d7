package dev.eventbus.compat.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.EventBusState;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.testkit.RecordingHandler;
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

  @Test
  void nullArguments_areRejected() {
    assertThatThrownBy(() -> LegacyBridges.fromDomainEventBus(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> LegacyBridges.toDomainEventBus(null))
        .isInstanceOf(NullPointerException.class);
  }
}
