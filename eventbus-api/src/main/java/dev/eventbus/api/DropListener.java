package dev.eventbus.api;

/**
 * Told of every delivery the bus drops, so that no event is lost silently. Called on the thread
 * that dropped it (a publisher, or a bus worker); must be thread-safe and quick. What it throws is
 * logged and otherwise ignored.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface DropListener {

  /**
   * Receives one dropped delivery.
   *
   * @param dropped the subscription that did not get the event, the event, and why
   */
  void onDropped(DroppedDelivery dropped);
}
