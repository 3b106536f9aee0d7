package vm.core.event;

import dev.eventbus.testkit.DeliveryLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Legacy handlers for tests: ones that record what they get and ones that throw. */
final class LegacyHandlers {

  private LegacyHandlers() {}

  /** What a handler does after recording an event. */
  @FunctionalInterface
  interface Action {
    void run(DomainEvent event) throws VmException;
  }

  /** A legacy handler that records each event, in a shared log too if given one. Thread-safe. */
  static final class Recorder implements EventHandler {
    private final String name;
    private final int priority;
    private final DeliveryLog log;
    private final Action action;
    private final List<DomainEvent> events = new ArrayList<>();

    private Recorder(String name, int priority, DeliveryLog log, Action action) {
      this.name = Objects.requireNonNull(name, "name");
      this.priority = priority;
      this.log = Objects.requireNonNull(log, "log");
      this.action = Objects.requireNonNull(action, "action");
    }

    @Override
    public void handle(DomainEvent event) throws VmException {
      synchronized (this) {
        events.add(event);
      }
      log.record(name, event);
      action.run(event);
    }

    @Override
    public int priority() {
      return priority;
    }

    @Override
    public String name() {
      return name;
    }

    synchronized List<DomainEvent> events() {
      return List.copyOf(events);
    }
  }

  /** A recorder with the default priority and a log of its own. */
  static Recorder recorder(String name) {
    return new Recorder(name, 100, new DeliveryLog(), event -> {});
  }

  /** A recorder with a priority, writing to {@code log}. */
  static Recorder recorder(String name, int priority, DeliveryLog log) {
    return new Recorder(name, priority, log, event -> {});
  }

  /** A recorder with a priority, writing to {@code log}, then running {@code action}. */
  static Recorder recorder(String name, int priority, DeliveryLog log, Action action) {
    return new Recorder(name, priority, log, action);
  }

  /** A handler that records to {@code log}, then throws {@code failure}. */
  static Recorder throwing(String name, int priority, DeliveryLog log, Throwable failure) {
    return new Recorder(name, priority, log, event -> rethrow(failure));
  }

  private static void rethrow(Throwable failure) throws VmException {
    if (failure instanceof VmException checked) {
      throw checked;
    }
    if (failure instanceof RuntimeException unchecked) {
      throw unchecked;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    throw new IllegalArgumentException("not throwable from a legacy handler: " + failure);
  }
}
