package dev.eventbus.compat.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.EventBusStoppedException;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.compat.guava.AsyncEventBus;
import dev.eventbus.compat.guava.DeadEvent;
import dev.eventbus.compat.guava.EventBus;
import dev.eventbus.compat.guava.Subscribe;
import dev.eventbus.compat.guava.SubscriberExceptionContext;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.testkit.RecordingHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vm.core.event.DomainEvent;
import vm.core.event.DomainEventBus;
import vm.core.event.VmException;

/**
 * Guava-style, legacy ({@code vm.core.event}) and native code sharing one {@link UnifiedEventBus}
 * engine: whoever publishes, every kind of subscriber that matches receives the event.
 */
class SharedEngineTest {

  private static final SubscriptionOptions SYNC =
      SubscriptionOptions.builder().mode(ProcessingMode.SYNC).build();

  private final List<HandlerFailure> engineFailures = new CopyOnWriteArrayList<>();
  private final UnifiedEventBus engine =
      EventBusFactory.builder().exceptionHandler(engineFailures::add).build();

  private final DomainEventBus legacy = new DomainEventBus(engine);
  private final EventBus guava = new EventBus("guava", engine);

  private final LegacyRecorder legacyHandler = new LegacyRecorder("legacy");
  private final GuavaCollector guavaSubscriber = new GuavaCollector();
  private final RecordingHandler<DomainEvent> nativeHandler = RecordingHandler.named("native");

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  private void subscribeAllThree() {
    legacy.subscribe(LegacyEvent.STARTED, legacyHandler);
    guava.register(guavaSubscriber);
    engine.subscribe(DomainEvent.class, nativeHandler, SYNC);
  }

  @Test
  void legacyPublisher_reachesLegacyGuavaAndNativeSubscribers() throws VmException {
    subscribeAllThree();
    List<LegacyEvent> sent = new ArrayList<>();

    for (long i = 1; i <= 5; i++) {
      LegacyEvent event = LegacyEvent.started(i);
      sent.add(event);
      legacy.publish(event);
    }

    assertThat(legacyHandler.events()).containsExactlyElementsOf(sent);
    assertThat(guavaSubscriber.legacyEvents).containsExactlyElementsOf(sent);
    assertThat(nativeHandler.events()).containsExactlyElementsOf(sent);
    assertThat(guavaSubscriber.dead).isEmpty();
    assertThat(engineFailures).isEmpty();
  }

  @Test
  void guavaPoster_reachesLegacyGuavaAndNativeSubscribers() {
    subscribeAllThree();

    guava.post(LegacyEvent.started(1));
    guava.post(LegacyEvent.started(2));

    List<LegacyEvent> sent = List.of(LegacyEvent.started(1), LegacyEvent.started(2));
    assertThat(legacyHandler.events()).containsExactlyElementsOf(sent);
    assertThat(guavaSubscriber.legacyEvents).containsExactlyElementsOf(sent);
    assertThat(nativeHandler.events()).containsExactlyElementsOf(sent);
    assertThat(guavaSubscriber.dead).isEmpty();
  }

  @Test
  void nativePublisher_reachesLegacyGuavaAndNativeSubscribers() {
    subscribeAllThree();

    engine.publish(LegacyEvent.started(7));

    assertThat(legacyHandler.events()).containsExactly(LegacyEvent.started(7));
    assertThat(guavaSubscriber.legacyEvents).containsExactly(LegacyEvent.started(7));
    assertThat(nativeHandler.events()).containsExactly(LegacyEvent.started(7));
  }

  @Test
  void nonLegacyEvents_reachGuavaAndNativeSubscribersOfTheirType_notLegacyHandlers() {
    LegacyRecorder everything = new LegacyRecorder("legacy-all");
    legacy.subscribe("*", everything);
    guava.register(guavaSubscriber);
    RecordingHandler<String> nativeStrings = RecordingHandler.named("native-strings");
    engine.subscribe(String.class, nativeStrings, SYNC);

    guava.post("from guava");
    engine.publish("from native");

    assertThat(guavaSubscriber.strings).containsExactly("from guava", "from native");
    assertThat(nativeStrings.events()).containsExactly("from guava", "from native");
    assertThat(everything.events()).isEmpty();
  }

  @Test
  void guavaBusesOverOneEngine_seeEachOthersEvents() {
    EventBus other = new EventBus("other", engine);
    GuavaCollector onOther = new GuavaCollector();
    other.register(onOther);
    guava.register(guavaSubscriber);

    guava.post("one");
    other.post("two");

    assertThat(guavaSubscriber.strings).containsExactly("one", "two");
    assertThat(onOther.strings).containsExactly("one", "two");
    assertThat(guava.unifiedBus()).isSameAs(engine).isSameAs(other.unifiedBus());
  }

  @Test
  void asyncGuavaBus_overTheEngine_receivesNativeAndLegacyEvents() throws VmException {
    List<Runnable> tasks = new ArrayList<>();
    AsyncEventBus async = new AsyncEventBus(engine, tasks::add);
    GuavaCollector onAsync = new GuavaCollector();
    async.register(onAsync);

    legacy.publish(LegacyEvent.started(1));
    engine.publish(LegacyEvent.started(2));
    assertThat(onAsync.legacyEvents).isEmpty();
    tasks.forEach(Runnable::run);

    assertThat(onAsync.legacyEvents)
        .containsExactly(LegacyEvent.started(1), LegacyEvent.started(2));
  }

  @Test
  void guavaSubscriberFailure_goesToItsHandlerWithContext_notToEngineOrPublisher() {
    List<Throwable> thrown = new CopyOnWriteArrayList<>();
    List<SubscriberExceptionContext> contexts = new CopyOnWriteArrayList<>();
    EventBus failing =
        new EventBus(
            "failing",
            engine,
            (exception, context) -> {
              thrown.add(exception);
              contexts.add(context);
            });
    Failing subscriber = new Failing();
    failing.register(subscriber);
    legacy.subscribe(LegacyEvent.STARTED, legacyHandler);
    engine.subscribe(DomainEvent.class, nativeHandler, SYNC);

    assertThatCode(() -> legacy.publish(LegacyEvent.started(1))).doesNotThrowAnyException();
    assertThatCode(() -> failing.post(LegacyEvent.started(2))).doesNotThrowAnyException();
    assertThat(engine.publish(LegacyEvent.started(3)).failures()).isEmpty();

    assertThat(thrown)
        .hasSize(3)
        .allSatisfy(t -> assertThat(t).isInstanceOf(IllegalStateException.class));
    assertThat(contexts)
        .extracting(SubscriberExceptionContext::getEvent)
        .containsExactly(LegacyEvent.started(1), LegacyEvent.started(2), LegacyEvent.started(3));
    assertThat(contexts)
        .allSatisfy(
            context -> {
              assertThat(context.getEventBus()).isSameAs(failing);
              assertThat(context.getSubscriber()).isSameAs(subscriber);
              assertThat(context.getSubscriberMethod().getName()).isEqualTo("on");
            });
    assertThat(legacyHandler.events()).hasSize(3);
    assertThat(nativeHandler.events()).hasSize(3);
    assertThat(engineFailures).isEmpty();
    assertThat(engine.stats().failed()).isZero();
  }

  @Test
  void deadEvent_onlyWhenNoSubscriberOfTheWholeEngineHandlesTheEvent() {
    guava.register(guavaSubscriber); // handles Strings, legacy events and DeadEvents
    EventBus other = new EventBus("other", engine);
    legacy.subscribe("*", legacyHandler); // matches everything, filters out non-legacy events

    other.post("handled by a subscriber of another Guava bus");
    other.post(42); // matched only by the legacy "*" subscription, which filters it out

    assertThat(guavaSubscriber.strings)
        .containsExactly("handled by a subscriber of another Guava bus");
    assertThat(guavaSubscriber.dead)
        .singleElement()
        .satisfies(
            dead -> {
              assertThat(dead.getEvent()).isEqualTo(42);
              assertThat(dead.getSource()).isSameAs(other);
            });
  }

  @Test
  void deadEvent_notPosted_whenOnlyANativeSubscriberHandlesTheEvent() {
    guava.register(guavaSubscriber);
    RecordingHandler<Integer> nativeInts = RecordingHandler.named("native-ints");
    engine.subscribe(Integer.class, nativeInts, SYNC);

    guava.post(42);

    assertThat(nativeInts.events()).containsExactly(42);
    assertThat(guavaSubscriber.dead).isEmpty();
  }

  @Test
  void constructorsOverAnEngine_rejectNulls_andUseTheGivenEngine() {
    assertThatThrownBy(() -> new EventBus((UnifiedEventBus) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new EventBus("x", (UnifiedEventBus) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new EventBus("x", engine, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new AsyncEventBus((UnifiedEventBus) null, Runnable::run))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new AsyncEventBus(engine, null))
        .isInstanceOf(NullPointerException.class);

    assertThat(new EventBus(engine).identifier()).isEqualTo("default");
    assertThat(new EventBus(engine).unifiedBus()).isSameAs(engine);
    assertThat(new AsyncEventBus(engine, Runnable::run).unifiedBus()).isSameAs(engine);
    assertThat(new EventBus().unifiedBus())
        .isNotSameAs(engine)
        .isNotSameAs(new EventBus().unifiedBus());
  }

  @Test
  void postingAfterTheSharedEngineStopped_throwsItsException() {
    engine.close();

    assertThatThrownBy(() -> guava.post("late")).isInstanceOf(EventBusStoppedException.class);
  }

  /** A Guava-style subscriber. */
  static final class GuavaCollector {
    final List<DomainEvent> legacyEvents = new CopyOnWriteArrayList<>();
    final List<String> strings = new CopyOnWriteArrayList<>();
    final List<DeadEvent> dead = new CopyOnWriteArrayList<>();

    @Subscribe
    public void onLegacy(DomainEvent event) {
      legacyEvents.add(event);
    }

    @Subscribe
    public void onString(String event) {
      strings.add(event);
    }

    @Subscribe
    public void onDead(DeadEvent event) {
      dead.add(event);
    }
  }

  /** A Guava-style subscriber that always throws. */
  static final class Failing {
    @Subscribe
    public void on(DomainEvent event) {
      throw new IllegalStateException("failed on " + event);
    }
  }
}
