package dev.eventbus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.EventBusState;
import dev.eventbus.api.EventBusStoppedException;
import dev.eventbus.api.EventDeliveryException;
import dev.eventbus.api.EventFilter;
import dev.eventbus.api.EventHandler;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionId;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.UnknownSubscriptionException;
import dev.eventbus.testkit.SampleEvents.AccountClosed;
import dev.eventbus.testkit.SampleEvents.AccountEvent;
import dev.eventbus.testkit.SampleEvents.AccountOpened;
import dev.eventbus.testkit.SampleEvents.BaseAccountEvent;
import dev.eventbus.testkit.SampleEvents.NamedEvent;
import dev.eventbus.testkit.SampleEvents.OrderPlaced;
import dev.eventbus.testkit.SampleEvents.OrderShipped;
import dev.eventbus.testkit.SampleEvents.UserRegistered;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link UnifiedEventBus} must have, whatever implements it: the native bus,
 * each processing mode, and each compat adapter. Extend it and implement {@link #fixture()}:
 *
 * <pre>{@code
 * class SyncBusContractTest extends UnifiedEventBusContract {
 *   protected BusFixture fixture() {
 *     return setup -> EventBusFactory.builder()
 *         .exceptionHandler(setup.exceptionHandler())
 *         ... // add setup.busFilters()
 *         .build();
 *   }
 * }
 * }</pre>
 *
 * <p>The tests here assume synchronous delivery (the {@code SYNC} mode, which the bus's default
 * configuration uses).
 */
public abstract class UnifiedEventBusContract {

  /** For subclasses: the contract tests they run. */
  protected UnifiedEventBusContract() {}

  /**
   * How the implementation under test makes buses.
   *
   * @return the fixture that makes each bus under test
   */
  protected abstract BusFixture fixture();

  /** How long a test waits for deliveries that run off the publisher's thread. */
  protected static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** Every final failure the buses of the running test reported. */
  protected final RecordingExceptionHandler failures = new RecordingExceptionHandler();

  /** A log recording handlers may write to, to check delivery order across handlers. */
  protected final DeliveryLog log = new DeliveryLog();

  private final List<UnifiedEventBus> buses = new ArrayList<>();

  /** The bus under test, made before each test and closed after it. */
  protected UnifiedEventBus bus;

  @BeforeEach
  void createBus() {
    bus = newBus();
  }

  @AfterEach
  void closeBuses() {
    for (UnifiedEventBus each : buses) {
      each.close();
    }
  }

  /**
   * A further bus under test with the given bus-wide filters; closed after the test.
   *
   * @param busFilters the bus-wide filters, in order
   * @return the new bus, running
   */
  protected final UnifiedEventBus newBus(EventFilter... busFilters) {
    UnifiedEventBus created = fixture().create(new BusFixture.Setup(failures, List.of(busFilters)));
    buses.add(created);
    return created;
  }

  /**
   * The mode the bus under test delivers in by default; SYNC unless a subclass says otherwise.
   *
   * @return the default mode of the bus under test
   */
  protected ProcessingMode mode() {
    return ProcessingMode.SYNC;
  }

  /**
   * Whether the mode under test runs the subscribers of one event one after another in priority
   * order (SYNC on the publisher's thread, ASYNC on the event's shard).
   *
   * @return whether one event's subscribers run in priority order in the mode under test
   */
  protected boolean ordersAcrossSubscriptions() {
    return mode() == ProcessingMode.SYNC || mode() == ProcessingMode.ASYNC;
  }

  /**
   * Publishes on the bus under test and returns once every delivery has finished.
   *
   * @param event the event to publish
   * @return the publish's result
   */
  protected final PublishResult publish(Object event) {
    return publish(bus, event);
  }

  /**
   * Publishes on {@code target} and returns once every delivery has finished: a plain {@code
   * publish} in SYNC mode, else {@code publishAsync} and a bounded wait.
   *
   * @param target the bus to publish on
   * @param event the event to publish
   * @return the publish's result
   * @throws AssertionError if an asynchronous publish does not complete within {@link #TIMEOUT}
   */
  protected final PublishResult publish(UnifiedEventBus target, Object event) {
    if (mode() == ProcessingMode.SYNC) {
      return target.publish(event);
    }
    try {
      return target.publishAsync(event).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception failed) {
      throw new AssertionError(
          "publish of " + event + " did not complete within " + TIMEOUT, failed);
    }
  }

  /** The names in the delivery log, checked for order where the mode promises one. */
  private void assertDeliveryOrder(String... expected) {
    if (ordersAcrossSubscriptions()) {
      assertThat(log.handlers()).containsExactly(expected);
    } else {
      assertThat(log.handlers()).containsExactlyInAnyOrder(expected);
    }
  }

  private RecordingHandler<Object> recorder(String name, int priority) {
    return RecordingHandler.named(name, priority, log);
  }

  // ---- delivery and order ------------------------------------------------------------------

  @Test
  void publish_deliversToSubscriberOfTheEventsClass() {
    RecordingHandler<OrderPlaced> handler = RecordingHandler.named("billing");
    bus.subscribe(OrderPlaced.class, handler);

    PublishResult result = publish(new OrderPlaced("o-1", 100));

    assertThat(handler.events()).containsExactly(new OrderPlaced("o-1", 100));
    assertThat(result.subscribers()).isEqualTo(1);
    assertThat(result.delivered()).isEqualTo(1);
    assertThat(result.isSuccess()).isTrue();
  }

  @Test
  void publish_doesNotDeliverToSubscribersOfOtherTypes() {
    RecordingHandler<OrderShipped> shipped = RecordingHandler.named("shipping");
    bus.subscribe(OrderShipped.class, shipped);

    PublishResult result = publish(new OrderPlaced("o-1", 100));

    assertThat(shipped.events()).isEmpty();
    assertThat(result.hasNoSubscribers()).isTrue();
  }

  @Test
  void publish_runsHigherPriorityFirst() {
    bus.subscribe(Object.class, recorder("low", 1));
    bus.subscribe(Object.class, recorder("high", 500));
    bus.subscribe(Object.class, recorder("default", EventHandler.DEFAULT_PRIORITY));

    publish(new UserRegistered("u-1"));

    assertDeliveryOrder("high", "default", "low");
  }

  @Test
  void publish_runsEqualPrioritiesInSubscriptionOrder() {
    for (String name : List.of("first", "second", "third", "fourth")) {
      bus.subscribe(Object.class, recorder(name, 7));
    }

    publish(new UserRegistered("u-1"));

    assertDeliveryOrder("first", "second", "third", "fourth");
  }

  @Test
  void subscriptionOptionPriority_overridesTheHandlersOwn() {
    bus.subscribe(Object.class, recorder("handler-says-high", 1_000));
    bus.subscribe(
        Object.class,
        recorder("options-say-higher", 1),
        SubscriptionOptions.builder().priority(2_000).build());

    publish(new UserRegistered("u-1"));

    assertDeliveryOrder("options-say-higher", "handler-says-high");
  }

  @Test
  void priorityOrder_spansClassStringAndWildcardSubscriptions() {
    bus.subscribe("*", recorder("wildcard", 10));
    bus.subscribe(OrderPlaced.TYPE, recorder("by-name", 30));
    bus.subscribe(OrderPlaced.class, recorder("by-class", 20));
    bus.subscribe(Object.class, recorder("by-object", 40));

    publish(new OrderPlaced("o-1", 1));

    assertDeliveryOrder("by-object", "by-name", "by-class", "wildcard");
  }

  // ---- type matching -----------------------------------------------------------------------

  @Test
  void classSubscription_receivesSubclassesAndImplementations() {
    RecordingHandler<Object> base = RecordingHandler.named("base");
    RecordingHandler<Object> iface = RecordingHandler.named("interface");
    RecordingHandler<Object> everything = RecordingHandler.named("object");
    RecordingHandler<Object> exact = RecordingHandler.named("exact");
    bus.subscribe(BaseAccountEvent.class, base);
    bus.subscribe(AccountEvent.class, iface);
    bus.subscribe(Object.class, everything);
    bus.subscribe(AccountOpened.class, exact);

    AccountOpened opened = new AccountOpened("a-1");
    AccountClosed closed = new AccountClosed("a-1");
    publish(opened);
    publish(closed);

    assertThat(base.events()).containsExactly(opened, closed);
    assertThat(iface.events()).containsExactly(opened, closed);
    assertThat(everything.events()).containsExactly(opened, closed);
    assertThat(exact.events()).containsExactly(opened);
  }

  @Test
  void stringSubscription_receivesDomainEventsOfThatTypeName() {
    RecordingHandler<Object> placed = RecordingHandler.named("placed");
    bus.subscribe(OrderPlaced.TYPE, placed);

    publish(new OrderPlaced("o-1", 1));
    publish(new OrderShipped("o-1", "ups"));
    publish(NamedEvent.of(OrderPlaced.TYPE, 7));

    assertThat(placed.events())
        .containsExactly(new OrderPlaced("o-1", 1), NamedEvent.of(OrderPlaced.TYPE, 7));
  }

  @Test
  void stringSubscription_matchesAPlainObjectByItsClassName() {
    RecordingHandler<Object> handler = RecordingHandler.named("by-class-name");
    bus.subscribe(UserRegistered.class.getName(), handler);

    publish(new UserRegistered("u-1"));

    assertThat(handler.events()).containsExactly(new UserRegistered("u-1"));
  }

  @Test
  void typedStringSubscription_receivesOnlyInstancesOfItsPayloadType_andCountsTheRestFiltered() {
    RecordingHandler<OrderPlaced> placed = RecordingHandler.named("typed-placed", 70, log);
    Subscription subscription = bus.subscribe(OrderPlaced.TYPE, OrderPlaced.class, placed);

    publish(new OrderPlaced("o-1", 1));
    PublishResult other = publish(NamedEvent.of(OrderPlaced.TYPE, 7));
    publish(new OrderShipped("o-1", "ups"));

    assertThat(placed.events()).containsExactly(new OrderPlaced("o-1", 1));
    assertThat(other.filtered()).isEqualTo(1);
    assertThat(other.delivered()).isZero();
    assertThat(subscription.name()).isEqualTo("typed-placed");
    assertThat(subscription.priority()).isEqualTo(70);
  }

  @Test
  void typedStringSubscription_asksTheOptionsFilterOnlyAboutItsPayloadType() {
    List<Object> asked = new ArrayList<>();
    RecordingHandler<DomainEventLike> handler = RecordingHandler.named("typed-filtered");
    bus.subscribe(
        "*",
        DomainEventLike.class,
        handler,
        SubscriptionOptions.builder()
            .filter(
                event -> {
                  asked.add(event);
                  return ((DomainEventLike) event).sequence() % 2 == 0;
                })
            .build());

    publish(new UserRegistered("u-1"));
    publish(new Numbered(1));
    publish(new Numbered(2));

    assertThat(asked).containsExactly(new Numbered(1), new Numbered(2));
    assertThat(handler.events()).containsExactly(new Numbered(2));
  }

  @Test
  void typedStringSubscription_refusesNullArgumentsByName() {
    RecordingHandler<OrderPlaced> handler = RecordingHandler.named("h");
    assertThatThrownBy(() -> bus.subscribe(OrderPlaced.TYPE, null, handler))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("payloadType");
    assertThatThrownBy(() -> bus.subscribe(OrderPlaced.TYPE, OrderPlaced.class, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("handler");
    assertThatThrownBy(() -> bus.subscribe(OrderPlaced.TYPE, OrderPlaced.class, handler, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("options");
    assertThatThrownBy(() -> bus.subscribe(" ", OrderPlaced.class, handler))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** An event type the typed-subscription tests narrow to. */
  private interface DomainEventLike {
    long sequence();
  }

  private record Numbered(long sequence) implements DomainEventLike {}

  @Test
  void oneEventClass_withManyTypeNames_reachesOnlyTheMatchingName() {
    RecordingHandler<Object> alpha = RecordingHandler.named("alpha");
    RecordingHandler<Object> beta = RecordingHandler.named("beta");
    bus.subscribe("alpha", alpha);
    bus.subscribe("beta", beta);

    for (int i = 0; i < 10; i++) {
      publish(NamedEvent.of(i % 2 == 0 ? "alpha" : "beta", i));
    }

    assertThat(alpha.events())
        .extracting(e -> ((NamedEvent) e).sequence())
        .containsExactly(0L, 2L, 4L, 6L, 8L);
    assertThat(beta.events())
        .extracting(e -> ((NamedEvent) e).sequence())
        .containsExactly(1L, 3L, 5L, 7L, 9L);
  }

  @Test
  void wildcardSubscription_receivesEveryEvent() {
    RecordingHandler<Object> all = RecordingHandler.named("all");
    bus.subscribe("*", all);

    Object[] events = {
      new OrderPlaced("o-1", 1), new UserRegistered("u-1"), new AccountOpened("a")
    };
    for (Object event : events) {
      publish(event);
    }

    assertThat(all.events()).containsExactly(events);
  }

  @Test
  void subscribersAddedLater_areSeenByLaterPublishesOfACachedType() {
    RecordingHandler<OrderPlaced> early = RecordingHandler.named("early");
    bus.subscribe(OrderPlaced.class, early);
    publish(new OrderPlaced("o-1", 1));
    RecordingHandler<Object> late = RecordingHandler.named("late");
    bus.subscribe(Object.class, late);

    publish(new OrderPlaced("o-2", 2));

    assertThat(early.count()).isEqualTo(2);
    assertThat(late.events()).containsExactly(new OrderPlaced("o-2", 2));
  }

  // ---- filters -----------------------------------------------------------------------------

  @Test
  void subscriptionFilter_rejectedEventsAreCountedAsFilteredNotDelivered() {
    RecordingHandler<OrderPlaced> big = RecordingHandler.named("big-orders");
    bus.subscribe(
        OrderPlaced.class,
        big,
        SubscriptionOptions.builder()
            .filter(event -> ((OrderPlaced) event).amountCents() >= 1_000)
            .build());

    PublishResult small = publish(new OrderPlaced("o-1", 5));
    PublishResult large = publish(new OrderPlaced("o-2", 5_000));

    assertThat(big.events()).containsExactly(new OrderPlaced("o-2", 5_000));
    assertThat(small.filtered()).isEqualTo(1);
    assertThat(small.delivered()).isZero();
    assertThat(large.delivered()).isEqualTo(1);
    assertThat(bus.stats().filtered()).isEqualTo(1);
  }

  @Test
  void busWideFilter_appliesToEverySubscriber() {
    UnifiedEventBus filtered = newBus(event -> !(event instanceof OrderShipped));
    RecordingHandler<Object> all = RecordingHandler.named("all");
    filtered.subscribe("*", all);

    publish(filtered, new OrderPlaced("o-1", 1));
    PublishResult result = publish(filtered, new OrderShipped("o-1", "ups"));

    assertThat(all.events()).containsExactly(new OrderPlaced("o-1", 1));
    assertThat(result.filtered()).isEqualTo(1);
  }

  @Test
  void throwingFilter_isAReportedFailureOfThatSubscriptionOnly() {
    RuntimeException boom = new IllegalStateException("filter broke");
    RecordingHandler<Object> healthy = RecordingHandler.named("healthy");
    Subscription broken =
        bus.subscribe(
            Object.class,
            RecordingHandler.named("broken-filter"),
            SubscriptionOptions.builder()
                .filter(
                    event -> {
                      throw boom;
                    })
                .build());
    bus.subscribe(Object.class, healthy);

    PublishResult result = publish(new UserRegistered("u-1"));

    assertThat(healthy.count()).isEqualTo(1);
    assertThat(result.failed()).isEqualTo(1);
    assertThat(result.failures().get(0).subscriptionId()).isEqualTo(broken.id());
    assertThat(result.failures().get(0).cause()).isSameAs(boom);
    assertThat(failures.failures()).extracting(HandlerFailure::cause).containsExactly(boom);
  }

  // ---- failures ----------------------------------------------------------------------------

  @Test
  void throwingHandler_doesNotStopTheOthers_andIsReportedWithContext() {
    IllegalStateException boom = new IllegalStateException("boom");
    bus.subscribe(Object.class, recorder("before", 3));
    Subscription failing =
        bus.subscribe(Object.class, FailingHandler.throwing("failing", boom).withPriority(2));
    bus.subscribe(Object.class, recorder("after", 1));
    UserRegistered event = new UserRegistered("u-1");

    PublishResult result = publish(event);

    assertDeliveryOrder("before", "after");
    assertThat(result.delivered()).isEqualTo(2);
    assertThat(result.failed()).isEqualTo(1);
    HandlerFailure failure = result.failures().get(0);
    assertThat(failure.subscriptionId()).isEqualTo(failing.id());
    assertThat(failure.subscriptionName()).isEqualTo("failing");
    assertThat(failure.event()).isSameAs(event);
    assertThat(failure.cause()).isSameAs(boom);
    assertThat(failure.attempts()).isEqualTo(1);
    assertThat(failures.failures()).containsExactly(failure);
    assertThat(bus.stats().failed()).isEqualTo(1);
  }

  @Test
  void handlerThrowingAnError_isIsolatedLikeAnException() {
    AssertionError error = new AssertionError("an Error, not an Exception");
    bus.subscribe(
        Object.class,
        event -> {
          throw error;
        });
    RecordingHandler<Object> healthy = RecordingHandler.named("healthy");
    bus.subscribe(Object.class, healthy);

    PublishResult result = publish(new UserRegistered("u-1"));

    assertThat(healthy.count()).isEqualTo(1);
    assertThat(result.failures()).extracting(HandlerFailure::cause).containsExactly(error);
  }

  @Test
  void handlerThrowingACheckedException_isReported() {
    Exception checked = new java.io.IOException("disk full");
    bus.subscribe(
        Object.class,
        event -> {
          throw checked;
        });

    PublishResult result = publish(new UserRegistered("u-1"));

    assertThat(result.failures()).extracting(HandlerFailure::cause).containsExactly(checked);
  }

  @Test
  void orThrow_namesEveryFailedHandler_firstAsCause_restSuppressed() {
    IllegalStateException first = new IllegalStateException("first");
    IllegalStateException second = new IllegalStateException("second");
    bus.subscribe(Object.class, FailingHandler.throwing("one", first));
    bus.subscribe(Object.class, FailingHandler.throwing("two", second));

    PublishResult result = publish(new UserRegistered("u-1"));

    assertThatThrownBy(result::orThrow)
        .isInstanceOf(EventDeliveryException.class)
        .hasMessageContaining("'one'")
        .hasMessageContaining("'two'")
        .hasCause(first)
        .satisfies(thrown -> assertThat(thrown.getSuppressed()).containsExactly(second));
  }

  @Test
  void retryPolicy_retriesAFailingHandlerUntilItSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    bus.subscribe(
        Object.class,
        event -> {
          if (calls.incrementAndGet() < 3) {
            throw new IllegalStateException("attempt " + calls.get());
          }
        },
        SubscriptionOptions.builder().retryPolicy(RetryPolicy.fixed(5, Duration.ZERO)).build());

    PublishResult result = publish(new UserRegistered("u-1"));

    assertThat(calls.get()).isEqualTo(3);
    assertThat(result.delivered()).isEqualTo(1);
    assertThat(bus.stats().retried()).isEqualTo(2);
    assertThat(failures.failures()).isEmpty();
  }

  @Test
  void retryPolicy_reportsTheLastFailureAfterTheLastAttempt() {
    AtomicInteger calls = new AtomicInteger();
    bus.subscribe(
        Object.class,
        event -> {
          throw new IllegalStateException("attempt " + calls.incrementAndGet());
        },
        SubscriptionOptions.builder().retryPolicy(RetryPolicy.fixed(3, Duration.ZERO)).build());

    PublishResult result = publish(new UserRegistered("u-1"));

    assertThat(calls.get()).isEqualTo(3);
    HandlerFailure failure = result.failures().get(0);
    assertThat(failure.attempts()).isEqualTo(3);
    assertThat(failure.cause()).hasMessage("attempt 3");
  }

  @Test
  void retryPolicy_doesNotRetryWhatItsPredicateRejects() {
    AtomicInteger calls = new AtomicInteger();
    bus.subscribe(
        Object.class,
        event -> {
          calls.incrementAndGet();
          throw new IllegalArgumentException("permanent");
        },
        SubscriptionOptions.builder()
            .retryPolicy(
                RetryPolicy.fixed(5, Duration.ZERO).toBuilder()
                    .retryOn(failure -> !(failure instanceof IllegalArgumentException))
                    .build())
            .build());

    PublishResult result = publish(new UserRegistered("u-1"));

    assertThat(calls.get()).isEqualTo(1);
    assertThat(result.failures().get(0).attempts()).isEqualTo(1);
  }

  // ---- subscription lifecycle --------------------------------------------------------------

  @Test
  void closedSubscription_receivesNothingMore_andCloseIsIdempotent() {
    RecordingHandler<Object> handler = RecordingHandler.named("h");
    Subscription subscription = bus.subscribe(Object.class, handler);
    publish(new UserRegistered("u-1"));

    subscription.close();
    subscription.close();
    publish(new UserRegistered("u-2"));

    assertThat(handler.events()).containsExactly(new UserRegistered("u-1"));
    assertThat(subscription.isActive()).isFalse();
    assertThat(bus.stats().subscriptions()).isZero();
  }

  @Test
  void unsubscribe_byId_removesTheSubscription() {
    RecordingHandler<Object> handler = RecordingHandler.named("h");
    Subscription subscription = bus.subscribe(Object.class, handler);

    bus.unsubscribe(subscription.id());
    PublishResult result = publish(new UserRegistered("u-1"));

    assertThat(handler.events()).isEmpty();
    assertThat(result.hasNoSubscribers()).isTrue();
    assertThat(subscription.isActive()).isFalse();
  }

  @Test
  void unsubscribe_ofAnUnknownId_failsNamingTheId() {
    SubscriptionId unknown = new SubscriptionId(987_654);

    assertThatThrownBy(() -> bus.unsubscribe(unknown))
        .isInstanceOf(UnknownSubscriptionException.class)
        .hasMessageContaining("sub-987654");
  }

  @Test
  void unsubscribe_twice_failsTheSecondTime() {
    Subscription subscription = bus.subscribe(Object.class, RecordingHandler.named("h"));
    bus.unsubscribe(subscription.id());

    assertThatThrownBy(() -> bus.unsubscribe(subscription.id()))
        .isInstanceOf(UnknownSubscriptionException.class);
  }

  @Test
  void unsubscribeDuringPublish_stopsDeliveryToAHandlerWhoseTurnHasNotCome() {
    AtomicReference<@Nullable Subscription> victim = new AtomicReference<>();
    bus.subscribe(
        Object.class,
        recorder("remover", 10)
            .then(
                event -> {
                  Subscription target = victim.get();
                  if (target != null) {
                    target.close();
                  }
                }));
    victim.set(bus.subscribe(Object.class, recorder("victim", 5)));
    bus.subscribe(Object.class, recorder("bystander", 1));

    PublishResult result = publish(new UserRegistered("u-1"));
    publish(new UserRegistered("u-2"));

    assertThat(log.handlers()).containsOnly("remover", "bystander").hasSize(4);
    assertThat(result.delivered()).isEqualTo(2);
    if (mode() == ProcessingMode.SYNC) {
      assertThat(log.handlers()).containsExactly("remover", "bystander", "remover", "bystander");
      assertThat(result.subscribers()).isEqualTo(2);
    }
  }

  @Test
  void subscribeDuringPublish_takesEffectFromTheNextEvent() {
    RecordingHandler<Object> late = RecordingHandler.named("late");
    AtomicInteger subscribed = new AtomicInteger();
    bus.subscribe(
        Object.class,
        event -> {
          if (subscribed.getAndIncrement() == 0) {
            bus.subscribe(Object.class, late);
          }
        });

    publish(new UserRegistered("u-1"));
    publish(new UserRegistered("u-2"));

    assertThat(late.events()).containsExactly(new UserRegistered("u-2"));
  }

  @Test
  void publishFromInsideAHandler_deliversTheNestedEvent_depthFirstWhenSync()
      throws InterruptedException {
    bus.subscribe(
        OrderPlaced.class,
        recorder("placed", 10)
            .then(event -> bus.publish(new OrderShipped(((OrderPlaced) event).orderId(), "ups"))));
    bus.subscribe(OrderPlaced.class, recorder("placed-later", 1));
    bus.subscribe(OrderShipped.class, recorder("shipped", 10));

    publish(new OrderPlaced("o-1", 1));

    if (mode() == ProcessingMode.SYNC) {
      // Depth first: the nested event is delivered before the outer publish continues.
      assertThat(log.handlers()).containsExactly("placed", "shipped", "placed-later");
    } else {
      // Queued: the nested event races the rest of the outer one, but follows its cause.
      log.awaitSize(3, TIMEOUT);
      List<String> order = log.handlers();
      assertThat(order).containsExactlyInAnyOrder("placed", "placed-later", "shipped");
      assertThat(order.indexOf("placed")).isLessThan(order.indexOf("shipped"));
    }
  }

  @Test
  void subscription_describesItself() {
    Subscription subscription =
        bus.subscribe(
            OrderPlaced.TYPE,
            RecordingHandler.named("billing"),
            SubscriptionOptions.builder().priority(42).build());

    assertThat(subscription.eventType()).isEqualTo(OrderPlaced.TYPE);
    assertThat(subscription.name()).isEqualTo("billing");
    assertThat(subscription.priority()).isEqualTo(42);
    assertThat(subscription.mode()).isEqualTo(mode());
    assertThat(subscription.isActive()).isTrue();
  }

  @Test
  void subscriptionIds_areUniqueWithinABus() {
    List<SubscriptionId> ids = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ids.add(bus.subscribe(Object.class, RecordingHandler.named("h" + i)).id());
    }

    assertThat(ids).doesNotHaveDuplicates();
  }

  // ---- bad input ---------------------------------------------------------------------------

  @Test
  void publish_ofNull_isRejectedNamingTheParameter() {
    assertThatThrownBy(() -> bus.publish(nullValue()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("event");
    assertThatThrownBy(() -> bus.publishAsync(nullValue()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("event");
  }

  @Test
  void publishAll_withANullElement_namesItsIndex() {
    List<@Nullable Object> events = new ArrayList<>();
    events.add(new UserRegistered("u-1"));
    events.add(null);

    assertThatThrownBy(() -> bus.publishAll(events))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("events[1]");
  }

  @Test
  void subscribe_withNullArguments_isRejectedNamingEach() {
    RecordingHandler<Object> handler = RecordingHandler.named("h");
    Class<Object> noClass = nullValue();
    assertThatThrownBy(() -> bus.subscribe(Object.class, nullValue()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("handler");
    assertThatThrownBy(() -> bus.subscribe(noClass, handler))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("eventType");
    assertThatThrownBy(() -> bus.subscribe(Object.class, handler, nullValue()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("options");
    assertThatThrownBy(() -> bus.unsubscribe(nullValue()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
  }

  @Test
  void subscribe_toABlankTypeName_isRejected() {
    assertThatThrownBy(() -> bus.subscribe(" ", RecordingHandler.named("h")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eventType");
  }

  @Test
  void subscribe_toAPrimitiveClass_isRejected() {
    assertThatThrownBy(() -> bus.subscribe(int.class, RecordingHandler.named("h")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("int");
  }

  // ---- results, stats, lifecycle -----------------------------------------------------------

  @Test
  void publishAsync_completesWithTheResultOnceEverySubscriberFinished() throws Exception {
    RecordingHandler<Object> handler = RecordingHandler.named("h");
    bus.subscribe(Object.class, handler);
    bus.subscribe(
        Object.class,
        event -> {
          throw new IllegalStateException("fails");
        });

    CompletableFuture<PublishResult> future = bus.publishAsync(new UserRegistered("u-1"));
    PublishResult result = future.get(10, TimeUnit.SECONDS);

    assertThat(result.subscribers()).isEqualTo(2);
    assertThat(result.delivered()).isEqualTo(1);
    assertThat(result.failed()).isEqualTo(1);
    assertThat(result.pending()).isZero();
    assertThat(handler.count()).isEqualTo(1);
  }

  @Test
  void publishAll_publishesInOrder_andReturnsOneResultPerEvent() throws InterruptedException {
    RecordingHandler<OrderPlaced> handler = RecordingHandler.named("h");
    bus.subscribe(OrderPlaced.class, handler);
    List<Object> events =
        List.of(new OrderPlaced("o-1", 1), new UserRegistered("u"), new OrderPlaced("o-2", 2));

    List<PublishResult> results = bus.publishAll(events);

    assertThat(handler.awaitCount(2, TIMEOUT))
        .containsExactly(new OrderPlaced("o-1", 1), new OrderPlaced("o-2", 2));
    assertThat(results)
        .extracting(result -> result.delivered() + result.pending())
        .containsExactly(1, 0, 1);
  }

  @Test
  void stats_countEveryOutcomeExactly() {
    bus.subscribe(OrderPlaced.class, RecordingHandler.named("ok"));
    bus.subscribe(
        OrderPlaced.class,
        event -> {
          throw new IllegalStateException("no");
        });
    bus.subscribe(
        OrderPlaced.class,
        RecordingHandler.named("picky"),
        SubscriptionOptions.builder().filter(event -> false).build());

    for (int i = 0; i < 5; i++) {
      publish(new OrderPlaced("o-" + i, i));
    }
    publish(new UserRegistered("nobody listens"));

    var stats = bus.stats();
    assertThat(stats.published()).isEqualTo(6);
    assertThat(stats.unhandled()).isEqualTo(1);
    assertThat(stats.delivered()).isEqualTo(5);
    assertThat(stats.failed()).isEqualTo(5);
    assertThat(stats.filtered()).isEqualTo(5);
    assertThat(stats.pending()).isZero();
    assertThat(stats.dropped()).isZero();
    assertThat(stats.subscriptions()).isEqualTo(3);
  }

  @Test
  void publish_afterStop_isRejectedNamingTheState() {
    bus.subscribe(Object.class, RecordingHandler.named("h"));
    bus.stop(Duration.ofSeconds(5));

    assertThat(bus.state()).isEqualTo(EventBusState.STOPPED);
    assertThatThrownBy(() -> bus.publish(new UserRegistered("u-1")))
        .isInstanceOf(EventBusStoppedException.class)
        .hasMessageContaining("STOPPED");
    assertThatThrownBy(() -> bus.publishAsync(new UserRegistered("u-1")))
        .isInstanceOf(EventBusStoppedException.class);
    assertThatThrownBy(() -> bus.subscribe(Object.class, RecordingHandler.named("late")))
        .isInstanceOf(EventBusStoppedException.class);
  }

  @Test
  void stop_isIdempotent_andStartAfterStopFails() {
    var first = bus.stop(Duration.ofSeconds(5));
    var second = bus.stop(Duration.ofSeconds(5));

    assertThat(first.completedInTime()).isTrue();
    assertThat(first.totalUndelivered()).isZero();
    assertThat(second.drained()).isZero();
    assertThatThrownBy(bus::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void stop_withANegativeTimeout_isRejected() {
    assertThatThrownBy(() -> bus.stop(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout");
    assertThat(bus.state()).isEqualTo(EventBusState.RUNNING);
  }

  // ---- concurrency -------------------------------------------------------------------------

  @Test
  void concurrentSubscribeUnsubscribeAndPublish_accountForEveryDelivery() throws Exception {
    int publishers = 3;
    int eventsPerPublisher = 5_000;
    int stableCount = 4;
    List<java.util.Set<Long>> stableSeen = new ArrayList<>();
    for (int i = 0; i < stableCount; i++) {
      java.util.Set<Long> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
      stableSeen.add(seen);
      bus.subscribe(NamedEvent.class, event -> seen.add(event.sequence()));
    }
    java.util.concurrent.atomic.AtomicLong churnDeliveries =
        new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicLong resultDeliveries =
        new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicBoolean publishing =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.CyclicBarrier go = new java.util.concurrent.CyclicBarrier(publishers + 2);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(publishers + 2);
    try {
      List<java.util.concurrent.Future<?>> publisherTasks = new ArrayList<>();
      for (int p = 0; p < publishers; p++) {
        long base = (long) p * eventsPerPublisher;
        publisherTasks.add(
            pool.submit(
                () -> {
                  go.await();
                  for (long i = 0; i < eventsPerPublisher; i++) {
                    resultDeliveries.addAndGet(
                        publish(NamedEvent.of("load", base + i)).delivered());
                  }
                  return null;
                }));
      }
      List<java.util.concurrent.Future<?>> churnTasks = new ArrayList<>();
      for (int c = 0; c < 2; c++) {
        boolean byId = c == 0;
        churnTasks.add(
            pool.submit(
                () -> {
                  go.await();
                  do {
                    Subscription temporary =
                        bus.subscribe("load", event -> churnDeliveries.incrementAndGet());
                    if (byId) {
                      bus.unsubscribe(temporary.id());
                    } else {
                      temporary.close();
                    }
                  } while (publishing.get());
                  return null;
                }));
      }
      for (java.util.concurrent.Future<?> task : publisherTasks) {
        task.get(60, TimeUnit.SECONDS);
      }
      publishing.set(false);
      for (java.util.concurrent.Future<?> task : churnTasks) {
        task.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    long total = (long) publishers * eventsPerPublisher;
    for (java.util.Set<Long> seen : stableSeen) {
      assertThat(seen).hasSize((int) total);
    }
    var stats = bus.stats();
    assertThat(stats.published()).isEqualTo(total);
    assertThat(stats.delivered()).isEqualTo(stableCount * total + churnDeliveries.get());
    assertThat(resultDeliveries.get()).isEqualTo(stats.delivered());
    assertThat(stats.failed()).isZero();
    assertThat(stats.subscriptions()).isEqualTo(stableCount);
    assertThat(failures.failures()).isEmpty();
  }

  /** A null typed as anything, for the null-argument tests. */
  private static <T> @Nullable T nullValue() {
    return null;
  }
}
