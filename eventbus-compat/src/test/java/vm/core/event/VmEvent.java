package vm.core.event;

import java.util.Objects;

/** A legacy event for tests: its type name is data, so one class stands for every type. */
record VmEvent(String eventType, long sequence) implements DomainEvent {

  static final String STARTED = "vm.instance.started";
  static final String STOPPED = "vm.instance.stopped";

  VmEvent {
    Objects.requireNonNull(eventType, "eventType");
  }

  static VmEvent started(long sequence) {
    return new VmEvent(STARTED, sequence);
  }

  static VmEvent stopped(long sequence) {
    return new VmEvent(STOPPED, sequence);
  }
}
