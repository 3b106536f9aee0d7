package dev.eventbus.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.util.ArrayList;
import java.util.List;
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
}
