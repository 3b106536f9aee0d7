package dev.eventbus.compat.bridge;

import java.util.Objects;
import vm.core.event.DomainEvent;

/** A legacy event for the bridge tests; its type name is data. */
record LegacyEvent(String eventType, long sequence) implements DomainEvent {

  static final String STARTED = "vm.instance.started";

  LegacyEvent {
    Objects.requireNonNull(eventType, "eventType");
  }

  static LegacyEvent started(long sequence) {
    return new LegacyEvent(STARTED, sequence);
  }
}
