package dev.eventbus.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderServiceTest {

  private final UnifiedEventBus bus = EventBusFactory.createDefault();
  private final List<Object> received = new ArrayList<>();
  private final OrderService orders = new OrderService(bus);

  OrderServiceTest() {
    bus.subscribe(OrderEvent.class, received::add);
  }

  @AfterEach
  void closeBus() {
    bus.close();
  }

  @Test
  void publishesOneEventPerTransitionRefundingWhatWasPaid() {
    String shippedOrder = orders.place("c-1", 1_000);
    orders.pay(shippedOrder);
    orders.ship(shippedOrder, "EDI");
    String unpaidOrder = orders.place("c-2", 2_000);
    orders.cancel(unpaidOrder, "changed mind");
    String paidOrder = orders.place("c-3", 3_000);
    orders.pay(paidOrder);
    orders.cancel(paidOrder, "out of stock");

    List<OrderEvent> expected =
        List.of(
            new OrderPlaced("ord-0001", "c-1", 1_000),
            new OrderPaid("ord-0001", 1_000),
            new OrderShipped("ord-0001", "EDI"),
            new OrderPlaced("ord-0002", "c-2", 2_000),
            new OrderCancelled("ord-0002", "changed mind", 0),
            new OrderPlaced("ord-0003", "c-3", 3_000),
            new OrderPaid("ord-0003", 3_000),
            new OrderCancelled("ord-0003", "out of stock", 3_000));
    assertThat(received).containsExactlyElementsOf(expected);
    assertThat(orders.publishedEvents()).containsExactlyElementsOf(expected);
    assertThat(orders.publishFailures()).isEmpty();
    assertThat(expected)
        .allSatisfy(event -> assertThat(event.partitionKey()).isEqualTo(event.orderId()));
  }

  @Test
  void refusesTransitionsTheLifecycleDoesNotAllowAndPublishesNothingForThem() {
    String order = orders.place("c-1", 1_000);

    assertThatThrownBy(() -> orders.ship(order, "EDI"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(order);
    orders.pay(order);
    assertThatThrownBy(() -> orders.pay(order)).isInstanceOf(IllegalStateException.class);
    orders.ship(order, "EDI");
    assertThatThrownBy(() -> orders.cancel(order, "too late"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> orders.pay("ord-9999")).isInstanceOf(IllegalArgumentException.class);

    assertThat(received).hasSize(3);
  }

  @Test
  void probeOrdersOfTheMonitoringCustomerAreMarkedSynthetic() {
    String probe = orders.place(OrderService.SYNTHETIC_CUSTOMER, 100);
    String real = orders.place("c-1", 100);

    assertThat(probe).startsWith("probe-");
    assertThat(OrderService.isSynthetic(received.get(0))).isTrue();
    assertThat(real).startsWith("ord-");
    assertThat(OrderService.isSynthetic(received.get(1))).isFalse();
    assertThat(OrderService.isSynthetic("not an order event")).isFalse();
  }

  @Test
  void resultsAndFailuresOfQueuedDeliveriesAreKnownOnceTheyFinished() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (UnifiedEventBus queued = EventBusFactory.createDefault()) {
      queued.subscribe(
          OrderEvent.class,
          event -> {
            if (!release.await(10, TimeUnit.SECONDS)) {
              throw new IllegalStateException("never released");
            }
            if (event instanceof OrderPaid) {
              throw new IllegalStateException("declined");
            }
          },
          SubscriptionOptions.builder().name("gate").mode(ProcessingMode.ASYNC).build());
      OrderService service = new OrderService(queued);
      String order = service.place("c-1", 1_000);
      service.pay(order);

      try {
        // The handler holds the first delivery: neither event is finished.
        assertThatThrownBy(service::publishFailures)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("still running");
        assertThatThrownBy(() -> service.awaitDeliveries(Duration.ofMillis(10)))
            .isInstanceOf(TimeoutException.class);
      } finally {
        release.countDown();
      }

      List<PublishResult> results = service.awaitDeliveries(Duration.ofSeconds(10));
      assertThat(results)
          .extracting(PublishResult::delivered, PublishResult::failed, PublishResult::pending)
          .containsExactly(tuple(1, 0, 0), tuple(0, 1, 0));
      assertThat(service.publishFailures())
          .singleElement()
          .satisfies(
              failure -> {
                assertThat(failure.subscriptionName()).isEqualTo("gate");
                assertThat(failure.event()).isEqualTo(new OrderPaid(order, 1_000));
                assertThat(failure.mode()).isEqualTo(ProcessingMode.ASYNC);
              });
    }
  }
}
