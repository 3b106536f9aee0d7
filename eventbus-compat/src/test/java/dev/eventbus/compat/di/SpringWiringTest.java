package dev.eventbus.compat.di;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.EventBusState;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The services wired by Spring: the bus is a singleton bean the context closes on shutdown. */
class SpringWiringTest {

  /** The application's wiring: one bus, closed with the context, and the two services. */
  @Configuration(proxyBeanMethods = false)
  static class EventBusConfiguration {

    @Bean(destroyMethod = "close")
    UnifiedEventBus unifiedEventBus() {
      return EventBusFactory.createDefault();
    }

    @Bean
    BillingService billingService(UnifiedEventBus bus) {
      return new BillingService(bus);
    }

    @Bean
    OrderService orderService(UnifiedEventBus bus) {
      return new OrderService(bus);
    }
  }

  @Test
  void servicesFromTheContext_shareOneBus_andBillEveryOrderPlaced() {
    try (AnnotationConfigApplicationContext context =
        new AnnotationConfigApplicationContext(EventBusConfiguration.class)) {
      OrderService orders = context.getBean(OrderService.class);
      BillingService billing = context.getBean(BillingService.class);
      UnifiedEventBus bus = context.getBean(UnifiedEventBus.class);

      orders.placeOrder("o-1", 1_000);
      orders.placeOrder("o-2", 2_500);

      assertThat(billing.billed())
          .containsExactly(new OrderPlaced("o-1", 1_000), new OrderPlaced("o-2", 2_500));
      assertThat(orders.bus()).isSameAs(billing.bus()).isSameAs(bus);
    }
  }

  @Test
  void closingTheContext_closesTheBus() {
    UnifiedEventBus bus;
    try (AnnotationConfigApplicationContext context =
        new AnnotationConfigApplicationContext(EventBusConfiguration.class)) {
      bus = context.getBean(UnifiedEventBus.class);
      assertThat(bus.state()).isEqualTo(EventBusState.RUNNING);
    }

    assertThat(bus.state()).isEqualTo(EventBusState.STOPPED);
  }

  @Test
  void twoContexts_getTwoIndependentBuses() {
    try (AnnotationConfigApplicationContext first =
            new AnnotationConfigApplicationContext(EventBusConfiguration.class);
        AnnotationConfigApplicationContext second =
            new AnnotationConfigApplicationContext(EventBusConfiguration.class)) {
      second.getBean(OrderService.class).placeOrder("o-1", 1_000);

      assertThat(first.getBean(UnifiedEventBus.class))
          .isNotSameAs(second.getBean(UnifiedEventBus.class));
      assertThat(first.getBean(BillingService.class).billed()).isEmpty();
      assertThat(second.getBean(BillingService.class).billed()).hasSize(1);
    }
  }
}
