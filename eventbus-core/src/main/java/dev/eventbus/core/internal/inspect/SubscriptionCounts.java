package dev.eventbus.core.internal.inspect;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.core.internal.EventBusCore;
import java.util.Objects;
import java.util.OptionalInt;

/** Counts an engine's subscriptions, whoever made them. */
public final class SubscriptionCounts {

  private SubscriptionCounts() {}

  /**
   * The number of active subscriptions of {@code bus} to exactly the type name {@code typeName}
   * ({@code "*"} counts the subscriptions to {@code "*"} only), made through any adapter or
   * natively. Subscriptions by class are not counted: a type name names no class. One volatile read
   * of the registry's current snapshot; it may or may not include changes other threads are making.
   *
   * @param bus the bus to count on
   * @param typeName the type name, or {@code "*"}
   * @return the count, or empty if {@code bus} is not an engine of this library (a decorator, a
   *     test double), whose subscriptions cannot be read
   */
  public static OptionalInt toTypeName(UnifiedEventBus bus, String typeName) {
    Objects.requireNonNull(bus, "bus");
    Objects.requireNonNull(typeName, "typeName");
    return bus instanceof EventBusCore engine
        ? OptionalInt.of(engine.subscriptionsToTypeName(typeName))
        : OptionalInt.empty();
  }
}
