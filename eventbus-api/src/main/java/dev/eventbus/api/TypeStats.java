package dev.eventbus.api;

import java.util.Objects;

/**
 * The counters of one event type, keyed by the type name the events were published as ({@link
 * DomainEvent#typeNameOf(Object)}: a {@code DomainEvent}'s {@code eventType()}, else the class
 * name). Each (subscription, event) delivery is counted under the type of its event. Past {@code
 * MetricsConfig.maxTrackedEventTypes()} distinct types, further types are counted together under
 * {@link #OTHER}.
 *
 * @param type the type name, or {@link #OTHER}
 * @param published events of this type accepted by {@code publish*}
 * @param unhandled of those, events that matched no subscription
 * @param delivered successful (subscription, event) deliveries
 * @param filtered (subscription, event) pairs a filter rejected
 * @param failed (subscription, event) deliveries that failed for good
 * @param retried handler attempts after the first
 * @param deadLettered failed deliveries handed to the dead-letter handler
 * @param dropped (subscription, event) deliveries not made (overflow, stop, closed subscription)
 * @param pending deliveries accepted and not yet finished
 * @since 0.1
 */
public record TypeStats(
    String type,
    long published,
    long unhandled,
    long delivered,
    long filtered,
    long failed,
    long retried,
    long deadLettered,
    long dropped,
    long pending) {

  /** The name under which types past the tracked-type bound are counted together. */
  public static final String OTHER = "<other>";

  /**
   * Checks the components.
   *
   * @param type the type name, or {@link #OTHER}
   * @param published events of this type accepted by {@code publish*}
   * @param unhandled of those, events that matched no subscription
   * @param delivered successful (subscription, event) deliveries
   * @param filtered (subscription, event) pairs a filter rejected
   * @param failed (subscription, event) deliveries that failed for good
   * @param retried handler attempts after the first
   * @param deadLettered failed deliveries handed to the dead-letter handler
   * @param dropped (subscription, event) deliveries not made (overflow, stop, closed subscription)
   * @param pending deliveries accepted and not yet finished
   * @throws NullPointerException if {@code type} is null
   */
  public TypeStats {
    Objects.requireNonNull(type, "type");
  }
}
