package dev.eventbus.compat.di;

import dev.eventbus.api.UnifiedEventBus;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An application service that subscribes: it takes the bus by constructor and subscribes there, so
 * it bills every order placed once it exists.
 */
final class BillingService {

  private final UnifiedEventBus bus;
  private final List<OrderPlaced> billed = new CopyOnWriteArrayList<>();

  @Inject
  BillingService(UnifiedEventBus bus) {
    this.bus = Objects.requireNonNull(bus, "bus");
    bus.subscribe(OrderPlaced.class, billed::add);
  }

  List<OrderPlaced> billed() {
    return List.copyOf(billed);
  }

  UnifiedEventBus bus() {
    return bus;
  }
}
