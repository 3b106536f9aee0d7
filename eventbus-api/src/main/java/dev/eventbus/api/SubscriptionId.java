package dev.eventbus.api;

/**
 * Identifies one subscription within one bus. Ids are unique per bus instance and never reused by
 * it; an id from another bus is unknown to this one.
 *
 * @param value the id's number, positive
 * @since 0.1
 */
public record SubscriptionId(long value) implements Comparable<SubscriptionId> {

  /**
   * Checks the value.
   *
   * @param value the id's number, positive
   * @throws IllegalArgumentException if {@code value < 1}
   */
  public SubscriptionId {
    if (value < 1) {
      throw new IllegalArgumentException("subscription id must be >= 1 but was " + value);
    }
  }

  @Override
  public int compareTo(SubscriptionId other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return "sub-" + value;
  }
}
