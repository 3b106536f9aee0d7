package vm.core.event;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of an {@link AsyncEventBus}'s counters, from {@link AsyncEventBus#getStats()}. Part of
 * the compat surface (see the {@linkplain vm.core.event package description}). Immutable; equal
 * when every value is equal.
 *
 * <p>Every accepted event ends up counted exactly once as {@linkplain #eventsProcessed() processed}
 * or {@linkplain #eventsFailed() failed}; until then it is queued or being delivered. So once the
 * bus has {@linkplain AsyncEventBus#stop() stopped}, {@code eventsPublished == eventsProcessed +
 * eventsFailed}. The counters are read one after another, so a snapshot taken while events flow may
 * not add up exactly.
 *
 * @since 0.1
 */
public final class AsyncEventBusStats {

  private final long eventsPublished;
  private final long eventsProcessed;
  private final long eventsFailed;
  private final long eventsRetried;
  private final double processingRatePerSecond;
  private final int queueSize;
  private final int currentBatchSize;

  /**
   * A snapshot from its values.
   *
   * @param eventsPublished events accepted
   * @param eventsProcessed events every matching handler finally handled
   * @param eventsFailed events on which a handler finally failed, or the unified bus refused
   * @param eventsRetried retry attempts made
   * @param processingRatePerSecond events finished per second, finite
   * @param queueSize events waiting in the queue
   * @param currentBatchSize the largest number of events the next batch takes
   * @throws IllegalArgumentException if a count is negative or the rate is negative or not finite
   */
  public AsyncEventBusStats(
      long eventsPublished,
      long eventsProcessed,
      long eventsFailed,
      long eventsRetried,
      double processingRatePerSecond,
      int queueSize,
      int currentBatchSize) {
    this.eventsPublished = nonNegative("eventsPublished", eventsPublished);
    this.eventsProcessed = nonNegative("eventsProcessed", eventsProcessed);
    this.eventsFailed = nonNegative("eventsFailed", eventsFailed);
    this.eventsRetried = nonNegative("eventsRetried", eventsRetried);
    if (!(processingRatePerSecond >= 0.0) || Double.isInfinite(processingRatePerSecond)) {
      throw new IllegalArgumentException(
          "processingRatePerSecond must be a finite number >= 0 but was "
              + processingRatePerSecond);
    }
    this.processingRatePerSecond = processingRatePerSecond;
    this.queueSize = (int) nonNegative("queueSize", queueSize);
    this.currentBatchSize = (int) nonNegative("currentBatchSize", currentBatchSize);
  }

  /** {@return the number of events {@link AsyncEventBus#publishAsync(DomainEvent)} accepted} */
  public long eventsPublished() {
    return eventsPublished;
  }

  /**
   * {@return the number of events every matching handler finally handled, on the first attempt or
   * after retries}
   */
  public long eventsProcessed() {
    return eventsProcessed;
  }

  /**
   * {@return the number of events on which at least one handler still failed after its retries, or
   * which the unified bus refused}
   */
  public long eventsFailed() {
    return eventsFailed;
  }

  /**
   * {@return the number of retry attempts made, one per handler run again; a handler retried twice
   * counts 2}
   */
  public long eventsRetried() {
    return eventsRetried;
  }

  /**
   * {@return the number of events finished (processed or failed) per second, averaged from {@link
   * AsyncEventBus#start()} until now, or until the bus stopped; {@code 0} before it starts}
   */
  public double processingRatePerSecond() {
    return processingRatePerSecond;
  }

  /**
   * {@return the number of events accepted and waiting in the queue, not yet taken into a batch}
   */
  public int queueSize() {
    return queueSize;
  }

  /** {@return the largest number of events the next batch takes} */
  public int currentBatchSize() {
    return currentBatchSize;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof AsyncEventBusStats that
        && eventsPublished == that.eventsPublished
        && eventsProcessed == that.eventsProcessed
        && eventsFailed == that.eventsFailed
        && eventsRetried == that.eventsRetried
        && Double.compare(processingRatePerSecond, that.processingRatePerSecond) == 0
        && queueSize == that.queueSize
        && currentBatchSize == that.currentBatchSize;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        eventsPublished,
        eventsProcessed,
        eventsFailed,
        eventsRetried,
        processingRatePerSecond,
        queueSize,
        currentBatchSize);
  }

  @Override
  public String toString() {
    return "AsyncEventBusStats{eventsPublished="
        + eventsPublished
        + ", eventsProcessed="
        + eventsProcessed
        + ", eventsFailed="
        + eventsFailed
        + ", eventsRetried="
        + eventsRetried
        + ", processingRatePerSecond="
        + processingRatePerSecond
        + ", queueSize="
        + queueSize
        + ", currentBatchSize="
        + currentBatchSize
        + '}';
  }

  private static long nonNegative(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must be >= 0 but was " + value);
    }
    return value;
  }
}
