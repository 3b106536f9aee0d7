package dev.eventbus.api.spi;

/**
 * Remembers which events a handler has already processed, so that a handler of an at-least-once bus
 * can skip a delivery made again after a restart. Keys are the handler's scope (e.g. its
 * subscription name) and the event's own identity. Thread-safe.
 *
 * @since 0.1
 */
public interface ProcessedEventLog {

  /**
   * Records that {@code scope} has processed {@code eventId}.
   *
   * @param scope the handler's scope, e.g. its subscription name
   * @param eventId the event's identity
   * @return {@code true} if this is the first time, {@code false} if it was recorded before
   * @throws EventStoreException if it cannot be recorded
   */
  boolean markProcessed(String scope, String eventId);

  /**
   * Whether {@code scope} has processed {@code eventId}.
   *
   * @param scope the handler's scope, e.g. its subscription name
   * @param eventId the event's identity
   * @return {@code true} if {@link #markProcessed} recorded that pair before
   */
  boolean isProcessed(String scope, String eventId);
}
