package dev.eventbus.api;

/**
 * Where the bus reports each handler's final failure. Called on the thread that ran the last
 * attempt, once per failed (subscription, event) pair. Must be thread-safe and must not block for
 * long; whatever it throws is logged and otherwise ignored.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface EventExceptionHandler {

  /**
   * Receives one handler's final failure.
   *
   * @param failure the final failure: subscription, event, last cause and attempts
   */
  void onFailure(HandlerFailure failure);
}
