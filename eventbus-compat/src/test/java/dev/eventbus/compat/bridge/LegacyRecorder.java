package dev.eventbus.compat.bridge;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import vm.core.event.DomainEvent;
import vm.core.event.EventHandler;

/** A legacy handler that records what it receives, for the bridge tests. Thread-safe. */
final class LegacyRecorder implements EventHandler {

  private final String name;
  private final List<DomainEvent> events = new CopyOnWriteArrayList<>();

  LegacyRecorder(String name) {
    this.name = name;
  }

  @Override
  public void handle(DomainEvent event) {
    events.add(event);
  }

  @Override
  public String name() {
    return name;
  }

  List<DomainEvent> events() {
    return List.copyOf(events);
  }
}
