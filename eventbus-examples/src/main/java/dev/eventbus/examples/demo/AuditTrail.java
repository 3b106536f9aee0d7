package dev.eventbus.examples.demo;

import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Counts every event by type name through a {@code "*"} subscription with a low priority, so that
 * it runs after the business handlers and sees each event whatever they did. Thread-safe.
 */
public final class AuditTrail {

  public static final String NAME = "audit";
  public static final int PRIORITY = -100;

  private final Map<String, Long> countsByType = new TreeMap<>();

  public AuditTrail(UnifiedEventBus bus, ProcessingMode mode) {
    Objects.requireNonNull(bus, "bus");
    bus.subscribe(
        "*",
        this::record,
        SubscriptionOptions.builder().name(NAME).priority(PRIORITY).mode(mode).build());
  }

  private synchronized void record(Object event) {
    countsByType.merge(DomainEvent.typeNameOf(event), 1L, Long::sum);
  }

  /** Events seen per type name, sorted by name. */
  public synchronized Map<String, Long> countsByType() {
    return new TreeMap<>(countsByType);
  }
}
