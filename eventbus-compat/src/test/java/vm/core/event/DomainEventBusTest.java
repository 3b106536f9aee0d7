package vm.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static vm.core.event.LegacyHandlers.recorder;
import static vm.core.event.LegacyHandlers.throwing;

import dev.eventbus.api.EventBusState;
import dev.eventbus.api.EventBusStoppedException;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.testkit.DeliveryLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vm.core.event.LegacyHandlers.Recorder;

/** The legacy contract of {@link DomainEventBus} on a bus of its own. */
class DomainEventBusTest {

  private final UnifiedEventBus unified = EventBusFactory.createDefault();
  private final DomainEventBus bus = new DomainEventBus(unified);
  private final DeliveryLog log = new DeliveryLog();

  @AfterEach
  void closeBus() {
    unified.close();
  }

  // ---- delivery order --------------------------------------------------------------------------

  @Test
  void publish_runsHigherPriorityFirst() throws VmException {
    bus.subscribe(VmEvent.STARTED, recorder("low", 10, log));
    bus.subscribe(VmEvent.STARTED, recorder("high", 500, log));
    bus.subscribe(VmEvent.STARTED, recorder("default", 100, log));

    bus.publish(VmEvent.started(1));

    assertThat(log.handlers()).containsExactly("high", "default", "low");
  }

  @Test
  void publish_runsEqualPrioritiesInSubscriptionOrder() throws VmException {
    bus.subscribe(VmEvent.STARTED, recorder("first", 100, log));
    bus.subscribe(VmEvent.STARTED, recorder("urgent", 200, log));
    bus.subscribe(VmEvent.STARTED, recorder("second", 100, log));
    bus.subscribe(VmEvent.STARTED, recorder("third", 100, log));

    bus.publish(VmEvent.started(1));

    assertThat(log.handlers()).containsExactly("urgent", "first", "second", "third");
  }

  @Test
  void publish_runsHandlersOnTheCallersThread() throws VmException {
    bus.subscribe(VmEvent.STARTED, recorder("a", 100, log));
    bus.subscribe("*", recorder("b", 100, log));

    bus.publish(VmEvent.started(1));

    assertThat(log.entries())
        .extracting(DeliveryLog.Entry::thread)
        .containsExactly(Thread.currentThread().getName(), Thread.currentThread().getName());
  }

  @Test
  void handlerWithoutItsOwnPriority_runsAtTheDefault100() throws VmException {
    bus.subscribe(VmEvent.STARTED, recorder("above", 101, log));
    bus.subscribe(VmEvent.STARTED, new NamedHandler("unprioritised", log));
    bus.subscribe(VmEvent.STARTED, recorder("below", 99, log));

    bus.publish(VmEvent.started(1));

    assertThat(log.handlers()).containsExactly("above", "unprioritised", "below");
  }

  // ---- matching --------------------------------------------------------------------------------

  @Test
  void publish_deliversOnlyToSubscribersOfTheEventsType() throws VmException {
    Recorder started = recorder("started");
    Recorder stopped = recorder("stopped");
    bus.subscribe(VmEvent.STARTED, started);
    bus.subscribe(VmEvent.STOPPED, stopped);

    VmEvent event = VmEvent.started(1);
    bus.publish(event);

    assertThat(started.events()).containsExactly(event);
    assertThat(stopped.events()).isEmpty();
  }

  @Test
  void wildcardSubscriber_receivesEveryEventType() throws VmException {
    Recorder everything = recorder("everything");
    bus.subscribe("*", everything);

    VmEvent started = VmEvent.started(1);
    VmEvent stopped = VmEvent.stopped(2);
    VmEvent other = new VmEvent("vm.disk.attached", 3);
    bus.publish(started);
    bus.publish(stopped);
    bus.publish(other);

    assertThat(everything.events()).containsExactly(started, stopped, other);
  }

  @Test
  void wildcardSubscriber_takesItsTurnByPriorityAmongTypedOnes() throws VmException {
    bus.subscribe(VmEvent.STARTED, recorder("typed-low", 10, log));
    bus.subscribe("*", recorder("wildcard-high", 300, log));
    bus.subscribe(VmEvent.STARTED, recorder("typed-mid", 100, log));

    bus.publish(VmEvent.started(1));

    assertThat(log.handlers()).containsExactly("wildcard-high", "typed-mid", "typed-low");
  }

  @Test
  void publish_withNoSubscribers_succeeds() throws VmException {
    Recorder stopped = recorder("stopped");
    bus.subscribe(VmEvent.STOPPED, stopped);

    bus.publish(VmEvent.started(1));

    assertThat(stopped.events()).isEmpty();
  }

  // ---- filters ---------------------------------------------------------------------------------

  @Test
  void filter_letsThroughOnlyTheEventsItAccepts() throws VmException {
    Recorder even = recorder("even");
    bus.subscribe(VmEvent.STARTED, even, event -> ((VmEvent) event).sequence() % 2 == 0);

    for (long i = 1; i <= 4; i++) {
      bus.publish(VmEvent.started(i));
    }

    assertThat(even.events()).containsExactly(VmEvent.started(2), VmEvent.started(4));
  }

  @Test
  void filter_appliesOnlyToItsOwnSubscription() throws VmException {
    Recorder filtered = recorder("filtered");
    Recorder unfiltered = recorder("unfiltered");
    bus.subscribe(VmEvent.STARTED, filtered, event -> false);
    bus.subscribe(VmEvent.STARTED, unfiltered);

    bus.publish(VmEvent.started(1));

    assertThat(filtered.events()).isEmpty();
    assertThat(unfiltered.events()).containsExactly(VmEvent.started(1));
  }

  @Test
  void filter_onAWildcardSubscription_seesEveryType() throws VmException {
    Recorder stoppedOnly = recorder("stopped-only");
    bus.subscribe("*", stoppedOnly, event -> event.eventType().equals(VmEvent.STOPPED));

    bus.publish(VmEvent.started(1));
    bus.publish(VmEvent.stopped(2));

    assertThat(stoppedOnly.events()).containsExactly(VmEvent.stopped(2));
  }

  @Test
  void throwingFilter_failsThePublishNamingItsHandler_andSparesTheOthers() {
    IllegalStateException broken = new IllegalStateException("filter broke");
    Recorder guarded = recorder("guarded", 200, log);
    bus.subscribe(
        VmEvent.STARTED,
        guarded,
        event -> {
          throw broken;
        });
    bus.subscribe(VmEvent.STARTED, recorder("next", 100, log));

    VmException thrown =
        catchThrowableOfType(VmException.class, () -> bus.publish(VmEvent.started(1)));

    assertThat(thrown).hasMessageContaining("'guarded'").hasCause(broken);
    assertThat(thrown.getCause()).isSameAs(broken);
    assertThat(guarded.events()).isEmpty();
    assertThat(log.handlers()).containsExactly("next");
  }

  // ---- failures --------------------------------------------------------------------------------

  @Test
  void publish_runsEveryHandler_evenAfterOneThrows() {
    bus.subscribe(VmEvent.STARTED, throwing("fails", 300, log, new IllegalStateException("x")));
    bus.subscribe(VmEvent.STARTED, recorder("after", 100, log));

    assertThatThrownBy(() -> bus.publish(VmEvent.started(1))).isInstanceOf(VmException.class);

    assertThat(log.handlers()).containsExactly("fails", "after");
  }

  @Test
  void publish_afterFailures_throwsOneVmException_namingEachFailedHandler_firstAsCause() {
    IllegalStateException runtime = new IllegalStateException("runtime failure");
    VmException checked = new VmException("checked failure");
    AssertionError error = new AssertionError("error failure");
    bus.subscribe(VmEvent.STARTED, throwing("first-fails", 400, log, runtime));
    bus.subscribe(VmEvent.STARTED, recorder("succeeds", 300, log));
    bus.subscribe(VmEvent.STARTED, throwing("second-fails", 200, log, checked));
    bus.subscribe(VmEvent.STARTED, throwing("third-fails", 100, log, error));

    VmException thrown =
        catchThrowableOfType(VmException.class, () -> bus.publish(VmEvent.started(1)));

    assertThat(thrown.getMessage())
        .contains("3 handler(s) failed on 'vm.instance.started'")
        .contains("'first-fails'", "runtime failure")
        .contains("'second-fails'", "checked failure")
        .contains("'third-fails'", "error failure")
        .doesNotContain("succeeds");
    assertThat(thrown.getCause()).isSameAs(runtime);
    assertThat(thrown.getSuppressed()).containsExactly(checked, error);
    assertThat(log.handlers())
        .containsExactly("first-fails", "succeeds", "second-fails", "third-fails");
  }

  @Test
  void handlersVmException_isTheCauseAsThrown() {
    VmException own = new VmException("instance not found", new IllegalStateException("db"));
    bus.subscribe(VmEvent.STARTED, throwing("lookup", 100, log, own));

    VmException thrown =
        catchThrowableOfType(VmException.class, () -> bus.publish(VmEvent.started(1)));

    assertThat(thrown).isNotSameAs(own);
    assertThat(thrown.getCause()).isSameAs(own);
    assertThat(thrown.getSuppressed()).isEmpty();
  }

  @Test
  void handlerThrowingAnError_isReportedLikeAnException_andDoesNotStopTheOthers() {
    OutOfMemoryError error = new OutOfMemoryError("simulated");
    bus.subscribe(VmEvent.STARTED, throwing("greedy", 200, log, error));
    bus.subscribe(VmEvent.STARTED, recorder("modest", 100, log));

    VmException thrown =
        catchThrowableOfType(VmException.class, () -> bus.publish(VmEvent.started(1)));

    assertThat(thrown).hasMessageContaining("'greedy'");
    assertThat(thrown.getCause()).isSameAs(error);
    assertThat(log.handlers()).containsExactly("greedy", "modest");
  }

  @Test
  void failingHandler_isCalledOnce_notRetried() {
    Recorder fails = throwing("fails", 100, log, new IllegalStateException("x"));
    bus.subscribe(VmEvent.STARTED, fails);

    assertThatThrownBy(() -> bus.publish(VmEvent.started(1))).isInstanceOf(VmException.class);

    assertThat(fails.events()).hasSize(1);
  }

  @Test
  void handlerWithABlankName_isNamedByItsClass() {
    bus.subscribe(
        VmEvent.STARTED,
        new EventHandler() {
          @Override
          public void handle(DomainEvent event) throws VmException {
            throw new VmException("nameless failure");
          }

          @Override
          public String name() {
            return " ";
          }
        });

    VmException thrown =
        catchThrowableOfType(VmException.class, () -> bus.publish(VmEvent.started(1)));

    assertThat(thrown).hasMessageContaining("'" + DomainEventBusTest.class.getName() + "$");
  }

  @Test
  void publish_ofNull_throwsNullPointerExceptionNamingTheParameter() {
    assertThatThrownBy(() -> bus.publish(nullValue()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("event");
  }

  @Test
  void publish_onAStoppedBus_throwsVmExceptionCausedByTheRefusal() {
    Recorder handler = recorder("handler");
    bus.subscribe(VmEvent.STARTED, handler);
    unified.close();

    VmException thrown =
        catchThrowableOfType(VmException.class, () -> bus.publish(VmEvent.started(1)));

    assertThat(thrown).hasMessageContaining("'vm.instance.started'");
    assertThat(thrown.getCause())
        .isInstanceOfSatisfying(
            EventBusStoppedException.class,
            stopped -> assertThat(stopped.state()).isEqualTo(EventBusState.STOPPED));
    assertThat(handler.events()).isEmpty();
  }

  @Test
  void publishFromInsideAHandler_deliversTheNestedEventBeforeTheOuterPublishContinues()
      throws VmException {
    bus.subscribe(
        VmEvent.STARTED,
        recorder(
            "starter",
            200,
            log,
            event -> bus.publish(VmEvent.stopped(((VmEvent) event).sequence()))));
    bus.subscribe(VmEvent.STARTED, recorder("after-starter", 100, log));
    bus.subscribe(VmEvent.STOPPED, recorder("stopper", 100, log));

    bus.publish(VmEvent.started(1));

    assertThat(log.handlers()).containsExactly("starter", "stopper", "after-starter");
  }

  // ---- subscriptions ---------------------------------------------------------------------------

  @Test
  void unsubscribe_stopsDeliveryToThatHandlerOnly() throws VmException {
    Recorder leaving = recorder("leaving");
    Recorder staying = recorder("staying");
    EventSubscriptionId id = bus.subscribe(VmEvent.STARTED, leaving);
    bus.subscribe(VmEvent.STARTED, staying);

    bus.unsubscribe(id);
    bus.publish(VmEvent.started(1));

    assertThat(leaving.events()).isEmpty();
    assertThat(staying.events()).containsExactly(VmEvent.started(1));
  }

  @Test
  void unsubscribe_ofAnUnknownId_throwsVmExceptionNamingTheId() {
    EventSubscriptionId unknown = new EventSubscriptionId(Long.MAX_VALUE);

    assertThatThrownBy(() -> bus.unsubscribe(unknown))
        .isInstanceOf(VmException.class)
        .hasMessageContaining(unknown.toString());
  }

  @Test
  void unsubscribe_twice_throwsVmExceptionTheSecondTime() throws VmException {
    EventSubscriptionId id = bus.subscribe(VmEvent.STARTED, recorder("once"));
    bus.unsubscribe(id);

    assertThatThrownBy(() -> bus.unsubscribe(id)).isInstanceOf(VmException.class);
  }

  @Test
  void unsubscribe_ofAnIdIssuedByAnotherBus_throwsVmException_andKeepsThisBussSubscriptions()
      throws VmException {
    try (UnifiedEventBus otherUnified = EventBusFactory.createDefault()) {
      DomainEventBus other = new DomainEventBus(otherUnified);
      Recorder mine = recorder("mine");
      bus.subscribe(VmEvent.STARTED, mine);
      EventSubscriptionId foreign = other.subscribe(VmEvent.STARTED, recorder("theirs"));

      assertThatThrownBy(() -> bus.unsubscribe(foreign)).isInstanceOf(VmException.class);

      bus.publish(VmEvent.started(1));
      assertThat(mine.events()).hasSize(1);
      assertThat(other.subscriberCount(VmEvent.STARTED)).isEqualTo(1);
    }
  }

  @Test
  void subscriberCount_countsLiveSubscriptionsToExactlyThatTypeName() throws VmException {
    EventSubscriptionId first = bus.subscribe(VmEvent.STARTED, recorder("a"));
    bus.subscribe(VmEvent.STARTED, recorder("b"), event -> false);
    bus.subscribe(VmEvent.STOPPED, recorder("c"));
    bus.subscribe("*", recorder("d"));

    assertThat(bus.subscriberCount(VmEvent.STARTED)).isEqualTo(2);
    assertThat(bus.subscriberCount(VmEvent.STOPPED)).isEqualTo(1);
    assertThat(bus.subscriberCount("*")).isEqualTo(1);
    assertThat(bus.subscriberCount("vm.never.subscribed")).isZero();

    bus.unsubscribe(first);

    assertThat(bus.subscriberCount(VmEvent.STARTED)).isEqualTo(1);
  }

  @Test
  void subscribe_returnsDistinctIds_evenForTheSameHandler() {
    Recorder handler = recorder("twice");

    EventSubscriptionId first = bus.subscribe(VmEvent.STARTED, handler);
    EventSubscriptionId second = bus.subscribe(VmEvent.STARTED, handler);

    assertThat(first).isNotEqualTo(second);
    assertThat(bus.subscriberCount(VmEvent.STARTED)).isEqualTo(2);
  }

  @Test
  void subscribe_withNullArguments_isRejectedNamingEach() {
    Recorder handler = recorder("h");
    assertThatThrownBy(() -> bus.subscribe(nullValue(), handler))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("eventType");
    assertThatThrownBy(() -> bus.subscribe(VmEvent.STARTED, nullValue()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("handler");
    assertThatThrownBy(() -> bus.subscribe(VmEvent.STARTED, handler, nullValue()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("filter");
  }

  // ---- construction ----------------------------------------------------------------------------

  @Test
  void defaultConstructor_buildsARunningBusOfItsOwn() throws VmException {
    DomainEventBus own = new DomainEventBus();
    try {
      Recorder handler = recorder("own");
      own.subscribe(VmEvent.STARTED, handler);
      bus.publish(VmEvent.started(1));
      own.publish(VmEvent.started(2));

      assertThat(own.unifiedBus()).isNotSameAs(unified);
      assertThat(own.unifiedBus().state()).isEqualTo(EventBusState.RUNNING);
      assertThat(handler.events()).containsExactly(VmEvent.started(2));
    } finally {
      own.unifiedBus().close();
    }
  }

  @Test
  void unifiedBus_isTheBusTheAdapterWasBuiltOver() {
    assertThat(bus.unifiedBus()).isSameAs(unified);
  }

  @Test
  @SuppressWarnings("deprecation") // getInstance is the deprecated legacy entry point under test.
  void getInstance_returnsOneInstance_toEveryThread() throws Exception {
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<DomainEventBus>> results = new ArrayList<>();
      Callable<DomainEventBus> lookup = DomainEventBus::getInstance;
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(lookup));
      }
      DomainEventBus here = DomainEventBus.getInstance();
      for (Future<DomainEventBus> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isSameAs(here);
      }
      assertThat(DomainEventBus.getInstance()).isSameAs(here);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @SuppressWarnings("deprecation") // getInstance is the deprecated legacy entry point under test.
  void getInstance_isAWorkingBus() throws VmException {
    DomainEventBus singleton = DomainEventBus.getInstance();
    String type = "test.singleton." + System.identityHashCode(this);
    Recorder handler = recorder("singleton");
    EventSubscriptionId id = singleton.subscribe(type, handler);
    try {
      singleton.publish(new VmEvent(type, 1));
    } finally {
      singleton.unsubscribe(id);
    }

    assertThat(handler.events()).containsExactly(new VmEvent(type, 1));
    assertThat(singleton.unifiedBus().state()).isEqualTo(EventBusState.RUNNING);
  }

  /** A legacy handler that names itself and leaves its priority at the default. */
  private static final class NamedHandler implements EventHandler {
    private final String name;
    private final DeliveryLog log;

    NamedHandler(String name, DeliveryLog log) {
      this.name = name;
      this.log = log;
    }

    @Override
    public void handle(DomainEvent event) {
      log.record(name, event);
    }

    @Override
    public String name() {
      return name;
    }
  }

  /** A null typed as anything, for the null-argument tests. */
  private static <T> @Nullable T nullValue() {
    return null;
  }
}
