package dev.eventbus.compat.di;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The services wired by Guice: a module provides one bus per injector, and the services get it
 * through their {@code @Inject} constructors. Guice has no shutdown hook of its own, so the test
 * closes the bus, as an application's shutdown code would.
 */
class GuiceWiringTest {

  /** The application's wiring: one bus per injector. */
  static final class EventBusModule extends AbstractModule {

    @Provides
    @Singleton
    UnifiedEventBus unifiedEventBus() {
      return EventBusFactory.createDefault();
    }
  }

  private final Injector injector = Guice.createInjector(new EventBusModule());

  @AfterEach
  void closeBus() {
    injector.getInstance(UnifiedEventBus.class).close();
  }

  @Test
  void injectedServices_shareOneBus_andBillEveryOrderPlaced() {
    BillingService billing = injector.getInstance(BillingService.class);
    OrderService orders = injector.getInstance(OrderService.class);

    orders.placeOrder("o-1", 1_000);
    orders.placeOrder("o-2", 2_500);

    assertThat(billing.billed())
        .containsExactly(new OrderPlaced("o-1", 1_000), new OrderPlaced("o-2", 2_500));
    assertThat(orders.bus())
        .isSameAs(billing.bus())
        .isSameAs(injector.getInstance(UnifiedEventBus.class));
  }

  @Test
  void twoInjectors_getTwoIndependentBuses() {
    Injector other = Guice.createInjector(new EventBusModule());
    try (UnifiedEventBus otherBus = other.getInstance(UnifiedEventBus.class)) {
      BillingService billing = injector.getInstance(BillingService.class);
      other.getInstance(OrderService.class).placeOrder("o-1", 1_000);

      assertThat(otherBus).isNotSameAs(injector.getInstance(UnifiedEventBus.class));
      assertThat(billing.billed()).isEmpty();
    }
  }
}
