package dev.eventbus.processors.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.Subscribe;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.testkit.SampleEvents.OrderPlaced;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code register(listener)} with an asynchronous method; the rest of registration is the engine's
 * and tested in eventbus-core.
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
}
