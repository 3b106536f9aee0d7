package dev.eventbus.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link UnifiedEventBus#stop(Duration)} achieved.
 *
 * @param completedInTime whether every queue and open batch drained before the deadline
 * @param drained deliveries completed during the stop
 * @param undelivered per subscription, the deliveries that never ran; empty when drained in time
 * @param took how long the stop took
 * @since 0.1
 */
public record ShutdownReport(
    boolean completedInTime, long drained, List<Undelivered> undelivered, Duration took) {

  public ShutdownReport {
    Objects.requireNonNull(took, "took");
    undelivered = List.copyOf(undelivered);
    if (drained < 0) {
      throw new IllegalArgumentException("drained must be >= 0 but was " + drained);
    }
  }

  /** The total number of deliveries that never ran. */
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
    public Undelivered {
      Objects.requireNonNull(subscriptionId, "subscriptionId");
      Objects.requireNonNull(subscriptionName, "subscriptionName");
      if (count < 1) {
        throw new IllegalArgumentException("count must be >= 1 but was " + count);
      }
    }
  }
}
