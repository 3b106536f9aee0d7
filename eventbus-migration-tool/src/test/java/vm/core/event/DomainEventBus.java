package vm.core.event;

import java.util.ArrayList;
import java.util.List;

/** Test stand-in for the legacy synchronous bus, with its process-wide singleton. */
public class DomainEventBus {

  private static final DomainEventBus INSTANCE = new DomainEventBus();

  private final List<DomainEvent> published = new ArrayList<>();

  /** Creates a bus of its own. */
  public DomainEventBus() {}

  /** Returns the process-wide bus, the accessor the singleton rule forbids. */
  public static DomainEventBus getInstance() {
    return INSTANCE;
  }

  /** Records the event; the rules only look at who calls this, never at what it does. */
  public synchronized void publish(DomainEvent event) {
    published.add(event);
  }
}
