package vm.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static vm.core.event.LegacyHandlers.recorder;
import static vm.core.event.LegacyHandlers.throwing;

import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.testkit.DeliveryLog;
import dev.eventbus.testkit.FailingHandler;
import dev.eventbus.testkit.RecordingHandler;
import dev.eventbus.testkit.SampleEvents.NamedEvent;
import dev.eventbus.testkit.SampleEvents.OrderPlaced;
import dev.eventbus.testkit.SampleEvents.UserRegistered;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vm.core.event.LegacyHandlers.Recorder;

/** Legacy adapters and native code sharing one {@link UnifiedEventBus}. */
class DomainEventBusSharedBusTest {

  private final UnifiedEventBus unified = EventBusFactory.createDefault();
  private final DomainEventBus legacy = new DomainEventBus(unified);
  private final DeliveryLog log = new DeliveryLog();

  @AfterEach
  void closeBus() {
    unified.close();
  }

  @Test
  void twoAdaptersOverOneBus_seeEachOthersEvents() throws VmException {
    DomainEventBus other = new DomainEventBus(unified);
    Recorder here = recorder("here");
    Recorder there = recorder("there");
    legacy.subscribe(VmEvent.STARTED, here);
    other.subscribe(VmEvent.STARTED, there);

    legacy.publish(VmEvent.started(1));
    other.publish(VmEvent.started(2));

    assertThat(here.events()).containsExactly(VmEvent.started(1), VmEvent.started(2));
    assertThat(there.events()).containsExactly(VmEvent.started(1), VmEvent.started(2));
  }

  /** Issue 17, defect 10: the subscriptions are one shared set, so both count all of them. */
  @Test
  void twoAdaptersOverOneBus_countEverySubscription_butRemoveOnlyTheirOwn() {
    DomainEventBus other = new DomainEventBus(unified);
    legacy.subscribe(VmEvent.STARTED, recorder("here"));
    EventSubscriptionId theirs = other.subscribe(VmEvent.STARTED, recorder("there"));
    other.subscribe(VmEvent.STARTED, recorder("there-too"));

    assertThat(legacy.subscriberCount(VmEvent.STARTED)).isEqualTo(3);
    assertThat(other.subscriberCount(VmEvent.STARTED)).isEqualTo(3);
    assertThatThrownBy(() -> legacy.unsubscribe(theirs)).isInstanceOf(VmException.class);
    assertThat(other.subscriberCount(VmEvent.STARTED)).isEqualTo(3);
  }

  /** Issue 17, defect 10: a native subscription to the type name is one the legacy bus counts. */
  @Test
  void nativeStringSubscriber_isCountedByTheAdapter() {
    legacy.subscribe(VmEvent.STARTED, recorder("legacy"));
    unified.subscribe(VmEvent.STARTED, RecordingHandler.named("native"));

    assertThat(legacy.subscriberCount(VmEvent.STARTED)).isEqualTo(2);
  }

  @Test
  void nativeStringSubscriber_receivesALegacyEventPublishedThroughTheAdapter() throws VmException {
    RecordingHandler<Object> nativeHandler = RecordingHandler.named("native");
    unified.subscribe(VmEvent.STARTED, nativeHandler);

    VmEvent event = VmEvent.started(1);
    legacy.publish(event);

    assertThat(nativeHandler.events()).containsExactly(event);
  }

  @Test
  void nativeClassSubscriber_receivesLegacyEventsAsTheirLegacyType() throws VmException {
    RecordingHandler<DomainEvent> nativeHandler = RecordingHandler.named("native");
    unified.subscribe(DomainEvent.class, nativeHandler);

    legacy.publish(VmEvent.started(1));
    legacy.publish(VmEvent.stopped(2));

    assertThat(nativeHandler.events()).containsExactly(VmEvent.started(1), VmEvent.stopped(2));
  }

  @Test
  void legacySubscriber_receivesALegacyEventPublishedNatively() {
    Recorder handler = recorder("legacy");
    legacy.subscribe(VmEvent.STARTED, handler);

    VmEvent event = VmEvent.started(1);
    PublishResult result = unified.publish(event);

    assertThat(handler.events()).containsExactly(event);
    assertThat(result.delivered()).isEqualTo(1);
  }

  @Test
  void legacySubscriber_skipsANativeEventOfTheSameTypeName() {
    Recorder handler = recorder("legacy");
    legacy.subscribe(VmEvent.STARTED, handler);
    RecordingHandler<Object> nativeHandler = RecordingHandler.named("native");
    unified.subscribe(VmEvent.STARTED, nativeHandler);

    NamedEvent nativeEvent = NamedEvent.of(VmEvent.STARTED, 1);
    PublishResult result = unified.publish(nativeEvent);

    assertThat(handler.events()).isEmpty();
    assertThat(nativeHandler.events()).containsExactly(nativeEvent);
    assertThat(result.filtered()).isEqualTo(1);
    assertThat(result.delivered()).isEqualTo(1);
  }

  @Test
  void legacyWildcardSubscriber_skipsEventsThatAreNotLegacyEvents() {
    Recorder everything = recorder("everything");
    legacy.subscribe("*", everything);

    PublishResult domainEvent = unified.publish(new OrderPlaced("o-1", 100));
    PublishResult plainObject = unified.publish(new UserRegistered("u-1"));
    unified.publish(VmEvent.started(1));

    assertThat(everything.events()).containsExactly(VmEvent.started(1));
    assertThat(domainEvent.filtered()).isEqualTo(1);
    assertThat(plainObject.filtered()).isEqualTo(1);
  }

  @Test
  void priorityOrder_spansLegacyAndNativeSubscribers() throws VmException {
    legacy.subscribe(VmEvent.STARTED, recorder("legacy-low", 50, log));
    unified.subscribe(VmEvent.STARTED, RecordingHandler.named("native-mid", 100, log));
    legacy.subscribe(VmEvent.STARTED, recorder("legacy-high", 150, log));

    legacy.publish(VmEvent.started(1));

    assertThat(log.handlers()).containsExactly("legacy-high", "native-mid", "legacy-low");
  }

  @Test
  void failingNativeHandler_failsTheLegacyPublishToo() {
    IllegalStateException failure = new IllegalStateException("native failure");
    unified.subscribe(VmEvent.STARTED, FailingHandler.throwing("native-fails", failure));
    Recorder handler = recorder("legacy");
    legacy.subscribe(VmEvent.STARTED, handler);

    VmException thrown =
        catchThrowableOfType(VmException.class, () -> legacy.publish(VmEvent.started(1)));

    assertThat(thrown).hasMessageContaining("'native-fails'");
    assertThat(thrown.getCause()).isSameAs(failure);
    assertThat(handler.events()).hasSize(1);
  }

  @Test
  void failingLegacyHandler_isInTheNativePublishersResult_notThrown() {
    VmException failure = new VmException("legacy failure");
    legacy.subscribe(VmEvent.STARTED, throwing("legacy-fails", 100, log, failure));

    PublishResult result = unified.publish(VmEvent.started(1));

    assertThat(result.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.subscriptionName()).isEqualTo("legacy-fails");
              assertThat(f.cause()).isSameAs(failure);
            });
  }

  @Test
  void legacySubscriptions_runOnceOnTheCallersThread_whateverTheBussDefaultRetries() {
    EventBusConfig retrying =
        EventBusConfig.builder().defaultRetryPolicy(RetryPolicy.fixed(3, Duration.ZERO)).build();
    try (UnifiedEventBus retryingBus = EventBusFactory.createWithConfig(retrying)) {
      DomainEventBus adapter = new DomainEventBus(retryingBus);
      Recorder fails = throwing("fails", 100, log, new IllegalStateException("always"));
      adapter.subscribe(VmEvent.STARTED, fails);

      assertThatThrownBy(() -> adapter.publish(VmEvent.started(1))).isInstanceOf(VmException.class);

      assertThat(fails.events()).hasSize(1);
      assertThat(log.entries())
          .singleElement()
          .extracting(DeliveryLog.Entry::thread)
          .isEqualTo(Thread.currentThread().getName());
    }
  }
}
