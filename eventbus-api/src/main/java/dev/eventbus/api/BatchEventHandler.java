package dev.eventbus.api;

import java.util.List;

/**
 * A handler that takes events a batch at a time. Subscribed in {@link ProcessingMode#BATCH} it gets
 * the batches the bus accumulates (flushed on size or interval); in any other mode it gets each
 * event as a batch of one. The list is immutable and holds events in delivery order.
 *
 * <p>A batch succeeds or fails as a whole: a retry policy re-runs the whole batch.
 *
 * @param <E> the event type
 * @since 0.1
 */
@FunctionalInterface
public interface BatchEventHandler<E> extends EventHandler<E> {

  /**
   * Handles a non-empty batch of events.
   *
   * @param events the batch, in delivery order, never empty
   * @throws Exception to report that the batch failed
   */
  void handleBatch(List<E> events) throws Exception;

  /** Handles one event as a batch of one. */
  @Override
  default void handle(E event) throws Exception {
    handleBatch(List.of(event));
  }
}
