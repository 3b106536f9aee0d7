package vm.core.event;

/** Test stand-in for the legacy event type. */
public interface DomainEvent {
  /** Returns the event type, for example {@code "vm.instance.started"}. */
  String eventType();
}
