package dev.eventbus.processors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions that come and go leave nothing behind: the per-subscription state of the batch,
 * adaptive and order-free async processors (collectors, lanes, workers) is retired once a closed
 * subscription's lane has settled what it held.
 */
class SubscriptionChurnTest {

  private static final int ROUNDS = 200;

  private final AsyncProcessor async = new AsyncProcessor(null);
  private final BatchProcessor batch = new BatchProcessor(null);
  private final AdaptiveProcessor adaptive = new AdaptiveProcessor(null, System::nanoTime);
  private final UnifiedEventBus bus =
      EventBusFactory.builder().processor(async).processor(batch).processor(adaptive).build();

  @AfterEach
  void stop() {
    bus.stop(Duration.ofSeconds(10));
  }

  @Test
  void closedBatchSubscriptionsAreForgotten() throws Exception {
    churn(SubscriptionOptions.mode(ProcessingMode.BATCH));
    awaitZero(batch::subscriptionsKept, "batch accumulators kept");
    assertThat(bus.stats().batchTuning()).isEmpty();
  }

  @Test
  void closedAdaptiveSubscriptionsAreForgotten() throws Exception {
    churn(SubscriptionOptions.mode(ProcessingMode.ADAPTIVE));
    awaitZero(adaptive::subscriptionsKept, "adaptive states kept");
  }

  @Test
  void closedOrderFreeSubscriptionsAreForgotten() throws Exception {
    churn(SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).concurrency(2).build());
    awaitZero(async::orderFreeKept, "order-free lane groups kept");
  }

  /** Each round: subscribe, publish one event, wait until it is handled, close. */
  private void churn(SubscriptionOptions options) throws Exception {
    AtomicLong handled = new AtomicLong();
    for (int round = 0; round < ROUNDS; round++) {
      Subscription subscription =
          bus.subscribe(String.class, event -> handled.incrementAndGet(), options);
      assertThat(bus.publishAsync("round " + round).get(10, TimeUnit.SECONDS).delivered())
          .isEqualTo(1);
      subscription.close();
    }
    assertThat(handled).hasValue(ROUNDS);
    assertThat(bus.stats().subscriptions()).isZero();
  }

  /** Retiring finishes on the lanes' threads: a bounded poll on the count. */
  private static void awaitZero(IntSupplier kept, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (kept.getAsInt() != 0 && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    assertThat(kept.getAsInt()).as(what).isZero();
  }
}
