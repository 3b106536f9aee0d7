package dev.eventbus.compat.bridge;

import dev.eventbus.api.UnifiedEventBus;
import java.util.Objects;
import vm.core.event.DomainEventBus;

/**
 * Turns a legacy {@link DomainEventBus} into a {@link UnifiedEventBus} and back, so that legacy and
 * native code share one set of subscriptions while an application moves to the native API.
 *
 * <p>The legacy API documentation names this conversion {@code
 * EventBusFactory.fromDomainEventBus(DomainEventBus)}. {@code EventBusFactory} lives in {@code
 * eventbus-processors}, which {@code eventbus-compat} depends on, so it cannot name the legacy
 * types without a dependency cycle; the conversions therefore live here, in the compat module,
 * beside the legacy types they take.
 *
 * <pre>{@code
 * DomainEventBus legacy = ...;                       // existing, still used by old code
 * UnifiedEventBus bus = LegacyBridges.fromDomainEventBus(legacy);
 * bus.subscribe(OrderPlaced.class, this::onOrder);   // sees events legacy code publishes
 * }</pre>
 *
 * @since 0.1
 */
public final class LegacyBridges {

  private LegacyBridges() {}

  /**
   * A {@link UnifiedEventBus} view of {@code legacy}'s subscriptions: the unified bus the legacy
   * adapter delivers through ({@link DomainEventBus#unifiedBus()}), not a copy. Events published on
   * either reach the subscribers of both, and legacy handlers keep their legacy contract (run
   * synchronously, in priority order, without retries). A subscription made on it by type name is
   * one {@link DomainEventBus#subscriberCount(String) legacy.subscriberCount} counts.
   *
   * <p>The result is the shared engine itself: {@linkplain UnifiedEventBus#close() closing} or
   * {@linkplain UnifiedEventBus#stop(java.time.Duration) stopping} it stops {@code legacy} too,
   * whose later publishes then fail with a {@code VmException}. Close it only where the whole
   * application, legacy part included, shuts down. For the process-wide {@link
   * DomainEventBus#getInstance()} that means never.
   *
   * @param legacy the legacy bus whose subscriptions to see
   * @return the unified bus behind {@code legacy}; the same instance on every call
   * @throws NullPointerException if {@code legacy} is null
   * @since 0.1
   */
  public static UnifiedEventBus fromDomainEventBus(DomainEventBus legacy) {
    Objects.requireNonNull(legacy, "legacy");
    return legacy.unifiedBus();
  }

  /**
   * A legacy {@link DomainEventBus} over {@code bus}, for legacy code that must publish to, or
   * subscribe on, a bus that native code already uses. Each call makes a new adapter; adapters over
   * one bus see each other's events and {@linkplain DomainEventBus#subscriberCount(String) count}
   * every subscription on it, native ones included, but each unsubscribes only its own. The adapter
   * does not own {@code bus}: closing the bus is left to whoever made it.
   *
   * @param bus the running unified bus to deliver through
   * @return a new legacy adapter over {@code bus}, whose {@link DomainEventBus#unifiedBus()} is
   *     {@code bus}
   * @throws NullPointerException if {@code bus} is null
   * @since 0.1
   */
  public static DomainEventBus toDomainEventBus(UnifiedEventBus bus) {
    Objects.requireNonNull(bus, "bus");
    return new DomainEventBus(bus);
  }
}
