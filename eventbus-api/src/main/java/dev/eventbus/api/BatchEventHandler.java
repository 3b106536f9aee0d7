package dev.eventbus.api;

import java.util.List;

/**
 * A handler that takes events a batch at a time. Subscribed in {@link ProcessingMode#BATCH} it gets
 * the batches the bus accumulates (flushed on size or interval); in any other mode it gets each
 * event as a batch of one. The list is immutable and holds events in delivery order.
 *
 * <p>A batch succeeds or fails as a whole: a retry policy re-runs the whole batch. The one
 * exception is a {@link PartialBatchFailureException}: the events it names fail for good, each with
 * its own cause, and the rest are delivered.
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

  /**
   * Sees one event of the batch about to be handled, in its publisher's context. In {@link
   * ProcessingMode#BATCH} the bus calls this for each event of a batch, in order, on the thread
   * that then calls {@link #handleBatch} (again before each retry), with the context its {@link
   * dev.eventbus.api.spi.ContextPropagator} captured when that event was published made current;
   * {@code handleBatch} itself runs in the context of the batch's first event. A handler that needs
   * each event's own context (a relay writing each event's trace on the message that carries it)
   * reads it here. Does nothing by default.
   *
   * @param event the next event of the batch
   * @throws Exception to fail the batch as {@code handleBatch} would
   */
  default void beforeBatch(E event) throws Exception {}

  /**
   * Handles one event as a batch of one. If the batch of one fails partly, the event's own cause is
   * what this throws.
   */
  @Override
  default void handle(E event) throws Exception {
    try {
      handleBatch(List.of(event));
    } catch (PartialBatchFailureException partial) {
      Throwable cause = partial.failures().get(0);
      if (cause instanceof Exception exception) {
        throw exception;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw partial; // it named a position outside the batch of one
    }
  }
}
