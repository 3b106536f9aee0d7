package dev.eventbus.processors.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.AsyncConfig;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventTransaction;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.Subscribe;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionStats;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.DurableEventStore;
import dev.eventbus.api.spi.NewEvent;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.InMemoryEventStore;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.processors.durable.MapCodec;
import dev.eventbus.testkit.SampleEvents.OrderPlaced;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code register(listener)} with asynchronous methods, and the options {@code @Subscribe} sets as
 * the builder does (name, retry, overflow policy, concurrency, after commit), on a bus with every
 * mode; the rest of registration is the engine's and tested in eventbus-core.
 */
class AnnotatedRegistrationTest {

  private final List<HandlerFailure> failures = new CopyOnWriteArrayList<>();
  private final UnifiedEventBus bus =
      EventBusFactory.builder().exceptionHandler(failures::add).build();

  @AfterEach
  void closeBus() {
    bus.close();
  }

  static final class AsyncOrders {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Subscribe(mode = ProcessingMode.ASYNC)
    void placed(OrderPlaced event) {
      calls.add("placed:" + event.orderId());
      threads.add(Thread.currentThread().getName());
    }
  }

  @Test
  void register_async_deliversOnAWorkerThread() throws Exception {
    AsyncOrders orders = new AsyncOrders();
    Subscription subscription = bus.register(orders);

    PublishResult result = bus.publishAsync(new OrderPlaced("o-2", 10)).get(10, TimeUnit.SECONDS);

    assertThat(result.delivered()).isEqualTo(1);
    assertThat(orders.calls).containsExactly("placed:o-2");
    assertThat(orders.threads).doesNotContain(Thread.currentThread().getName());
    assertThat(subscription.mode()).isEqualTo(ProcessingMode.ASYNC);
  }

  static final class Named {
    @Subscribe(mode = ProcessingMode.SYNC, name = "billing")
    void bill(OrderPlaced event) {}
  }

  @Test
  void register_name_namesTheSubscription() {
    bus.register(new Named());

    assertThat(bus.stats().bySubscription())
        .extracting(SubscriptionStats::subscriptionName)
        .containsExactly("billing");
  }

  static final class Flaky {
    final AtomicInteger attempts = new AtomicInteger();

    @Subscribe(mode = ProcessingMode.SYNC, retry = @Subscribe.Retry(maxAttempts = 3))
    void placed(OrderPlaced event) {
      if (attempts.incrementAndGet() < 3) {
        throw new IllegalStateException("attempt " + attempts.get());
      }
    }
  }

  @Test
  void register_retry_retriesUnderTheAnnotationsPolicy() {
    Flaky flaky = new Flaky();
    bus.register(flaky);

    PublishResult result = bus.publish(new OrderPlaced("o-3", 10));

    assertThat(result.delivered()).isEqualTo(1);
    assertThat(flaky.attempts).hasValue(3);
    assertThat(bus.stats().retried()).isEqualTo(2);
    assertThat(failures).isEmpty();
  }

  static final class Parallel {
    final CountDownLatch bothRunning = new CountDownLatch(2);
    final List<Boolean> sawTheOther = new CopyOnWriteArrayList<>();

    @Subscribe(mode = ProcessingMode.ASYNC, concurrency = 2)
    void placed(OrderPlaced event) throws InterruptedException {
      bothRunning.countDown();
      sawTheOther.add(bothRunning.await(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void register_concurrency_runsDeliveriesAtOnce() throws Exception {
    Parallel parallel = new Parallel();
    bus.register(parallel);

    // Same key (type name): in order, one at a time, unless concurrency lets them overlap.
    CompletableFuture<PublishResult> first = bus.publishAsync(new OrderPlaced("o-4", 10));
    CompletableFuture<PublishResult> second = bus.publishAsync(new OrderPlaced("o-5", 10));
    first.get(20, TimeUnit.SECONDS);
    second.get(20, TimeUnit.SECONDS);

    assertThat(parallel.sawTheOther).containsExactly(true, true);
  }

  static final class Dropping {
    final CountDownLatch release = new CountDownLatch(1);

    @Subscribe(mode = ProcessingMode.ASYNC, overflowPolicy = OverflowPolicy.DROP_NEWEST)
    void placed(OrderPlaced event) throws InterruptedException {
      release.await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void register_overflowPolicy_appliesToTheSubscription() {
    UnifiedEventBus small =
        EventBusFactory.builder()
            .config(
                EventBusConfig.builder()
                    .async(
                        AsyncConfig.builder()
                            .shards(1)
                            .queueSize(1)
                            .overflowPolicy(OverflowPolicy.FAIL)
                            .build())
                    .build())
            .build();
    try {
      Dropping dropping = new Dropping();
      small.register(dropping);

      // The bus's FAIL would make these publishes fail; the method's DROP_NEWEST drops instead.
      for (int i = 0; i < 4; i++) {
        assertThat(small.publish(new OrderPlaced("o-" + i, 10)).failed()).isZero();
      }
      dropping.release.countDown();

      assertThat(small.stats().dropped()).isGreaterThanOrEqualTo(2);
    } finally {
      small.close();
    }
  }

  static final class InAndAfterTheTransaction {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Subscribe(mode = ProcessingMode.SYNC)
    void inside(OrderPlaced event) {
      calls.add("inside:" + event.orderId());
    }

    @Subscribe(mode = ProcessingMode.SYNC, afterCommit = true)
    void afterCommit(OrderPlaced event) {
      calls.add("afterCommit:" + event.orderId());
    }
  }

  @Test
  void register_afterCommit_deliversOnlyOnceTheTransactionCommits() {
    UnifiedEventBus durable =
        EventBusFactory.builder()
            .storage(
                DurableStorage.builder(
                        transactionalStore(InMemoryEventStore.create()),
                        new MapCodec()
                            .register(
                                OrderPlaced.TYPE,
                                OrderPlaced.class,
                                1,
                                e -> Map.of("orderId", e.orderId(), "amount", e.amountCents()),
                                m ->
                                    new OrderPlaced(
                                        (String) m.get("orderId"), (Long) m.get("amount"))))
                    .build())
            .build();
    try {
      InAndAfterTheTransaction listener = new InAndAfterTheTransaction();
      durable.register(listener);

      TestTransaction committed = new TestTransaction();
      durable.publish(new OrderPlaced("o-6", 10), committed);
      assertThat(listener.calls).containsExactly("inside:o-6");
      committed.commit();
      assertThat(listener.calls).containsExactly("inside:o-6", "afterCommit:o-6");

      TestTransaction rolledBack = new TestTransaction();
      durable.publish(new OrderPlaced("o-7", 10), rolledBack);
      rolledBack.rollback();
      assertThat(listener.calls).containsExactly("inside:o-6", "afterCommit:o-6", "inside:o-7");
    } finally {
      durable.stop(Duration.ofSeconds(5));
    }
  }

  /**
   * A transaction whose after-commit actions run on {@link #commit()} and are dropped on {@link
   * #rollback()}; its connection is never used by the store below.
   */
  private static final class TestTransaction implements EventTransaction {
    private final List<Runnable> actions = new ArrayList<>();

    @Override
    public Connection connection() {
      return (Connection)
          Proxy.newProxyInstance(
              Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
              });
    }

    @Override
    public void afterCommit(Runnable action) {
      actions.add(action);
    }

    void commit() {
      actions.forEach(Runnable::run);
      actions.clear();
    }

    void rollback() {
      actions.clear();
    }
  }

  /**
   * {@code memory}, whose {@code appendInTransaction} appends at once: it stands in for the JDBC
   * store, whose transactions eventbus-store-jdbc tests; here only the delivery's timing matters.
   */
  private static DurableEventStore transactionalStore(InMemoryEventStore memory) {
    return (DurableEventStore)
        Proxy.newProxyInstance(
            DurableEventStore.class.getClassLoader(),
            new Class<?>[] {DurableEventStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("appendInTransaction")) {
                @SuppressWarnings("unchecked")
                List<NewEvent> events = (List<NewEvent>) args[1];
                return memory.append(events);
              }
              try {
                return method.invoke(memory, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  static final class TwoPolicies {
    @Subscribe(
        mode = ProcessingMode.ASYNC,
        overflowPolicy = {OverflowPolicy.BLOCK, OverflowPolicy.FAIL})
    void placed(OrderPlaced event) {}
  }

  static final class NoAttempts {
    @Subscribe(retry = @Subscribe.Retry(maxAttempts = 0))
    void placed(OrderPlaced event) {}
  }

  static final class TooConcurrent {
    @Subscribe(mode = ProcessingMode.ASYNC, concurrency = 0)
    void placed(OrderPlaced event) {}
  }

  @Test
  void register_badAttributes_failNamingTheMethodAndTheAttribute() {
    assertThatThrownBy(() -> bus.register(new TwoPolicies()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(
            "TwoPolicies#placed(OrderPlaced) names 2 overflow policies [BLOCK, FAIL]: give at most"
                + " one");
    assertThatThrownBy(() -> bus.register(new NoAttempts()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(
            "NoAttempts#placed(OrderPlaced): retry.maxAttempts must be >= 1 but was 0");
    assertThatThrownBy(() -> bus.register(new TooConcurrent()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(
            "TooConcurrent#placed(OrderPlaced): subscription.concurrency must be in [1, 1024] but"
                + " was 0");
    assertThat(bus.stats().subscriptions()).isZero();
  }
}
