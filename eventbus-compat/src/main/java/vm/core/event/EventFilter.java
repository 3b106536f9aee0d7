package vm.core.event;

/**
 * Decides whether one subscription receives an event. Part of the compat surface (see the
 * {@linkplain vm.core.event package description}); new code uses {@link
 * dev.eventbus.api.EventFilter}.
 *
 * <p>Runs on the publisher's thread before the handler and must be thread-safe and quick. A filter
 * that throws counts as a failure of its subscription, reported like a handler failure.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface EventFilter {

  /**
   * Decides about one event.
   *
   * @param event the event about to be delivered
   * @return {@code true} to let {@code event} through to the handler
   */
  boolean accept(DomainEvent event);
}
