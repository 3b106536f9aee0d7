package dev.eventbus.compat.guava;

/**
 * Receives what subscriber methods throw. The poster never sees a subscriber's exception; the bus
 * hands it here instead, with the context it was thrown in.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface SubscriberExceptionHandler {

  /**
   * Handles one exception thrown by one subscriber method. Called on the thread that ran the
   * subscriber; whatever this throws is logged and otherwise ignored.
   *
   * @param exception what the subscriber method threw
   * @param context the bus, event, subscriber and method involved
   */
  void handleException(Throwable exception, SubscriberExceptionContext context);
}
