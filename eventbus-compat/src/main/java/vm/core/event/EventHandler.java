package vm.core.event;

/**
 * A legacy handler of {@link DomainEvent}s. Part of the compat surface (see the {@linkplain
 * vm.core.event package description}); new code implements {@link dev.eventbus.api.EventHandler}.
 *
 * <p>{@link DomainEventBus} calls it on the publisher's thread, possibly from several threads at
 * once, so implementations must be thread-safe. It reads {@link #priority()} and {@link #name()}
 * once, when the handler is subscribed.
 *
 * @since 0.1
 */
public interface EventHandler {

  /**
   * Handles one event.
   *
   * @param event the event, never null
   * @throws VmException to report that handling failed; the bus still runs the other handlers and
   *     then reports the failure to the publisher (see {@link DomainEventBus#publish(DomainEvent)})
   */
  void handle(DomainEvent event) throws VmException;

  /**
   * Delivery order: higher runs first; equal priorities run in subscription order.
   *
   * @return the priority; 100 unless overridden
   */
  default int priority() {
    return 100;
  }

  /**
   * The name failure reports use. A blank name is replaced by the handler's class name, because the
   * unified bus requires a non-blank one.
   *
   * @return the name; may be blank
   */
  String name();
}
