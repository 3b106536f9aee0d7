package dev.eventbus.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link UnifiedEventBus#stop(Duration)} achieved.
 *
 * <p>A stop waits, up to its deadline, for the publishes running when it began (a synchronous
 * handler runs inside its publish) and for every queue and open batch to drain; it returns by the
 * deadline whatever handlers do, and names in {@link #running()} what it left running.
 *
 * @param completedInTime whether every publish in flight finished and every queue and open batch
 *     drained before the deadline
 * @param drained deliveries completed from the call to {@code stop} until it returned (queued ones
 *     and those running when it was called), over every processing mode
 * @param undelivered per subscription, the deliveries that never ran, or whose handler was still
 *     running at the deadline and was given up on; empty when drained in time
 * @param running what was still running when the stop returned: publishes (with the synchronous
 *     handler they were in) and asynchronous handlers that outlived the deadline, one entry each
 * @param took how long the stop took
 * @since 0.1
 */
public record ShutdownReport(
    boolean completedInTime,
    long drained,
    List<Undelivered> undelivered,
    List<Running> running,
    Duration took) {

  /**
   * Copies both lists.
   *
   * @param completedInTime whether every publish in flight finished and every queue and open batch
   *     drained before the deadline
   * @param drained deliveries completed from the call to {@code stop} until it returned (queued
   *     ones and those running when it was called), over every processing mode
   * @param undelivered per subscription, the deliveries that never ran, or whose handler was still
   *     running at the deadline and was given up on; empty when drained in time
   * @param running what was still running when the stop returned: publishes (with the synchronous
   *     handler they were in) and asynchronous handlers that outlived the deadline, one entry each
   * @param took how long the stop took
   * @throws NullPointerException if {@code took}, a list or an element of one is null
   * @throws IllegalArgumentException if {@code drained} is negative
   */
  public ShutdownReport {
    Objects.requireNonNull(took, "took");
    undelivered = List.copyOf(undelivered);
    running = List.copyOf(running);
    if (drained < 0) {
      throw new IllegalArgumentException("drained must be >= 0 but was " + drained);
    }
  }

  /**
   * A report with nothing left running.
   *
   * @param completedInTime whether everything finished before the deadline
   * @param drained deliveries completed during the stop
   * @param undelivered per subscription, the deliveries that never ran
   * @param took how long the stop took
   */
  public ShutdownReport(
      boolean completedInTime, long drained, List<Undelivered> undelivered, Duration took) {
    this(completedInTime, drained, undelivered, List.of(), took);
  }

  /** {@return the total number of deliveries that never ran, over every subscription} */
  public long totalUndelivered() {
    long total = 0;
    for (Undelivered entry : undelivered) {
      total += entry.count();
    }
    return total;
  }

  /**
   * Deliveries one subscription did not get.
   *
   * @param subscriptionId the subscription
   * @param subscriptionName its name
   * @param count how many events it did not get, at least 1
   */
  public record Undelivered(SubscriptionId subscriptionId, String subscriptionName, long count) {
    /**
     * Checks the components.
     *
     * @param subscriptionId the subscription
     * @param subscriptionName its name
     * @param count how many events it did not get, at least 1
     * @throws NullPointerException if {@code subscriptionId} or {@code subscriptionName} is null
     * @throws IllegalArgumentException if {@code count} is less than 1
     */
    public Undelivered {
      Objects.requireNonNull(subscriptionId, "subscriptionId");
      Objects.requireNonNull(subscriptionName, "subscriptionName");
      if (count < 1) {
        throw new IllegalArgumentException("count must be >= 1 but was " + count);
      }
    }
  }

  /**
   * Something still running when the stop returned.
   *
   * @param threadName the thread it runs on: a publisher's for a publish, the bus's worker for an
   *     asynchronous handler
   * @param subscriptionId the subscription whose handler (or filter, or queue) it was at; {@code
   *     null} for a publish not yet at any (storing its event, or in a bus-wide filter)
   * @param subscriptionName that subscription's name; {@code null} when {@code subscriptionId} is
   * @param mode that subscription's mode; {@code null} when {@code subscriptionId} is
   */
  public record Running(
      String threadName,
      @Nullable SubscriptionId subscriptionId,
      @Nullable String subscriptionName,
      @Nullable ProcessingMode mode) {
    /**
     * Checks the components.
     *
     * @param threadName the thread it runs on: a publisher's for a publish, the bus's worker for an
     *     asynchronous handler
     * @param subscriptionId the subscription whose handler (or filter, or queue) it was at; {@code
     *     null} for a publish not yet at any (storing its event, or in a bus-wide filter)
     * @param subscriptionName that subscription's name; {@code null} when {@code subscriptionId} is
     * @param mode that subscription's mode; {@code null} when {@code subscriptionId} is
     * @throws NullPointerException if {@code threadName} is null
     */
    public Running {
      Objects.requireNonNull(threadName, "threadName");
    }
  }
}
