package dev.eventbus.compat.di;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.EventBusState;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import org.junit.jupiter.api.Test;

/** The services wired by hand: one bus made where the application is put together. */
class ConstructorWiringTest {

  @Test
  void servicesSharingOneBus_billEveryOrderPlaced() {
    try (UnifiedEventBus bus = EventBusFactory.createDefault()) {
      BillingService billing = new BillingService(bus);
      OrderService orders = new OrderService(bus);

      orders.placeOrder("o-1", 1_000);
      orders.placeOrder("o-2", 2_500);

      assertThat(billing.billed())
          .containsExactly(new OrderPlaced("o-1", 1_000), new OrderPlaced("o-2", 2_500));
      assertThat(orders.bus()).isSameAs(billing.bus()).isSameAs(bus);
    }
  }

  @Test
  void eachApplicationGetsItsOwnBus() {
    try (UnifiedEventBus first = EventBusFactory.createDefault();
        UnifiedEventBus second = EventBusFactory.createDefault()) {
      BillingService billingOnFirst = new BillingService(first);
      OrderService ordersOnSecond = new OrderService(second);

      ordersOnSecond.placeOrder("o-1", 1_000);

      assertThat(billingOnFirst.billed()).isEmpty();
    }
  }

  @Test
  void closingTheBus_stopsIt() {
    UnifiedEventBus bus = EventBusFactory.createDefault();
    new BillingService(bus);

    bus.close();

    assertThat(bus.state()).isEqualTo(EventBusState.STOPPED);
  }
}
