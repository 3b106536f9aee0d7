package dev.eventbus.api;

import java.util.List;
import java.util.Objects;

/**
 * What happened to one published event, per matching subscription: each one is counted exactly once
 * as {@linkplain #delivered() delivered}, {@linkplain #filtered() filtered}, {@linkplain #failed()
 * failed}, {@linkplain #dropped() dropped} or, for a result returned before asynchronous deliveries
 * finished, {@linkplain #pending() pending}. A failed delivery that went to the dead-letter handler
 * is also counted in {@link #deadLettered()}.
 *
 * <p>Immutable. Common outcomes are shared instances, so a successful synchronous publish does not
 * allocate one.
 *
 * @since 0.1
 */
public final class PublishResult {

  private static final int CACHED = 64;
  private static final PublishResult[] ALL_DELIVERED = new PublishResult[CACHED + 1];
  private static final PublishResult[] ALL_PENDING = new PublishResult[CACHED + 1];

  static {
    for (int i = 0; i <= CACHED; i++) {
      ALL_DELIVERED[i] = new PublishResult(i, i, 0, 0, 0, 0, List.of());
      ALL_PENDING[i] = new PublishResult(i, 0, 0, i, 0, 0, List.of());
    }
  }

  private final int subscribers;
  private final int delivered;
  private final int filtered;
  private final int pending;
  private final int dropped;
  private final int deadLettered;
  private final List<HandlerFailure> failures;

  private PublishResult(
      int subscribers,
      int delivered,
      int filtered,
      int pending,
      int dropped,
      int deadLettered,
      List<HandlerFailure> failures) {
    this.subscribers = subscribers;
    this.delivered = delivered;
    this.filtered = filtered;
    this.pending = pending;
    this.dropped = dropped;
    this.deadLettered = deadLettered;
    this.failures = failures;
  }

  /**
   * A result from its counts. Results without failures, filtered or dropped deliveries, of up to 64
   * subscriptions all delivered or all pending, are shared instances.
   *
   * @param subscribers how many subscriptions matched the event
   * @param delivered how many handled it successfully
   * @param filtered how many skipped it because a filter refused it
   * @param pending how many had it queued for asynchronous delivery, not yet finished
   * @param dropped how many lost it to a full queue's overflow policy
   * @param deadLettered how many of the failed ones handed it to the dead-letter handler
   * @param failures the final failures, one per failed subscription (copied)
   * @return a result with those counts
   * @throws NullPointerException if {@code failures} or an element of it is null
   * @throws IllegalArgumentException if a count is negative, more than one of {@code deadLettered}
   *     per failure, or the counts do not add up to {@code subscribers}
   */
  public static PublishResult of(
      int subscribers,
      int delivered,
      int filtered,
      int pending,
      int dropped,
      int deadLettered,
      List<HandlerFailure> failures) {
    Objects.requireNonNull(failures, "failures");
    if (subscribers < 0
        || delivered < 0
        || filtered < 0
        || pending < 0
        || dropped < 0
        || deadLettered < 0) {
      throw new IllegalArgumentException(
          "counts must be >= 0 but were "
              + describe(subscribers, delivered, filtered, pending, dropped, deadLettered));
    }
    if (delivered + filtered + pending + dropped + failures.size() != subscribers
        || deadLettered > failures.size()) {
      throw new IllegalArgumentException(
          "delivered + filtered + pending + dropped + failed must equal subscribers, and"
              + " deadLettered <= failed, but were "
              + describe(subscribers, delivered, filtered, pending, dropped, deadLettered)
              + ", failed="
              + failures.size());
    }
    if (failures.isEmpty() && filtered == 0 && dropped == 0 && subscribers <= CACHED) {
      if (delivered == subscribers) {
        return ALL_DELIVERED[subscribers];
      }
      if (pending == subscribers) {
        return ALL_PENDING[subscribers];
      }
    }
    return new PublishResult(
        subscribers, delivered, filtered, pending, dropped, deadLettered, List.copyOf(failures));
  }

  /** {@return how many subscriptions matched the event's type} */
  public int subscribers() {
    return subscribers;
  }

  /** {@return how many subscriptions handled the event successfully} */
  public int delivered() {
    return delivered;
  }

  /** {@return how many subscriptions skipped the event because a filter refused it} */
  public int filtered() {
    return filtered;
  }

  /**
   * {@return how many deliveries were accepted for asynchronous delivery and not finished when this
   * result was made}
   */
  public int pending() {
    return pending;
  }

  /**
   * {@return how many deliveries were not made because a queue was full and its overflow policy
   * dropped the event}
   */
  public int dropped() {
    return dropped;
  }

  /** {@return how many subscriptions finally failed: the size of {@link #failures()}} */
  public int failed() {
    return failures.size();
  }

  /** {@return how many of the failed deliveries went to the dead-letter handler} */
  public int deadLettered() {
    return deadLettered;
  }

  /** {@return the final failures, in delivery order; empty when none failed} */
  public List<HandlerFailure> failures() {
    return failures;
  }

  /** {@return {@code true} when no subscription matched: the event was a "dead event"} */
  public boolean hasNoSubscribers() {
    return subscribers == 0;
  }

  /** {@return {@code true} when nothing failed and nothing was dropped} */
  public boolean isSuccess() {
    return failures.isEmpty() && dropped == 0;
  }

  /**
   * Returns this result if it {@linkplain #isSuccess() is a success}.
   *
   * @return this result
   * @throws EventDeliveryException naming each failed handler (first failure as cause, the rest
   *     suppressed), or the number dropped
   */
  public PublishResult orThrow() {
    if (!isSuccess()) {
      throw new EventDeliveryException(this);
    }
    return this;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PublishResult that
        && subscribers == that.subscribers
        && delivered == that.delivered
        && filtered == that.filtered
        && pending == that.pending
        && dropped == that.dropped
        && deadLettered == that.deadLettered
        && failures.equals(that.failures);
  }

  @Override
  public int hashCode() {
    return Objects.hash(subscribers, delivered, filtered, pending, dropped, deadLettered, failures);
  }

  @Override
  public String toString() {
    return "PublishResult{"
        + describe(subscribers, delivered, filtered, pending, dropped, deadLettered)
        + ", failed="
        + failures.size()
        + '}';
  }

  private static String describe(
      int subscribers, int delivered, int filtered, int pending, int dropped, int deadLettered) {
    return "subscribers="
        + subscribers
        + ", delivered="
        + delivered
        + ", filtered="
        + filtered
        + ", pending="
        + pending
        + ", dropped="
        + dropped
        + ", deadLettered="
        + deadLettered;
  }
}
