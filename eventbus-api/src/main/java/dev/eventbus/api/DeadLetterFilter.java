package dev.eventbus.api;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which dead letters to list, replay or purge: those of one subscription, of one event type, whose
 * last failure lies in a time range, or any combination; a {@code null} field does not filter.
 *
 * <pre>{@code
 * DeadLetterFilter.all().subscription("ledger").failedBetween(since, Instant.MAX)
 * }</pre>
 *
 * @param subscriptionName only letters of this subscription, or {@code null} for every one
 * @param eventType only letters of events of this type name, or {@code null} for every type
 * @param failedFrom only letters that last failed at or after this instant, or {@code null}
 * @param failedBefore only letters that last failed before this instant, or {@code null}
 * @since 0.1
 */
public record DeadLetterFilter(
    @Nullable String subscriptionName,
    @Nullable String eventType,
    @Nullable Instant failedFrom,
    @Nullable Instant failedBefore) {

  private static final DeadLetterFilter ALL = new DeadLetterFilter(null, null, null, null);

  /**
   * Checks the components.
   *
   * @param subscriptionName only letters of this subscription, or {@code null} for every one
   * @param eventType only letters of events of this type name, or {@code null} for every type
   * @param failedFrom only letters that last failed at or after this instant, or {@code null}
   * @param failedBefore only letters that last failed before this instant, or {@code null}
   * @throws IllegalArgumentException if a name is blank, or {@code failedBefore} is before {@code
   *     failedFrom}
   */
  public DeadLetterFilter {
    if (subscriptionName != null) {
      Require.notBlank("subscriptionName", subscriptionName);
    }
    if (eventType != null) {
      Require.notBlank("eventType", eventType);
    }
    if (failedFrom != null && failedBefore != null && failedBefore.isBefore(failedFrom)) {
      throw new IllegalArgumentException(
          "failedBefore must not be before failedFrom ("
              + failedFrom
              + ") but was "
              + failedBefore);
    }
  }

  /** {@return a filter that accepts every letter} */
  public static DeadLetterFilter all() {
    return ALL;
  }

  /**
   * This filter, narrowed to one subscription.
   *
   * @param name the subscription's name
   * @return a copy of this filter with that subscription name
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public DeadLetterFilter subscription(String name) {
    return new DeadLetterFilter(name, eventType, failedFrom, failedBefore);
  }

  /**
   * This filter, narrowed to one event type name.
   *
   * @param type the event type name
   * @return a copy of this filter with that event type
   * @throws IllegalArgumentException if {@code type} is blank
   */
  public DeadLetterFilter eventType(String type) {
    return new DeadLetterFilter(subscriptionName, type, failedFrom, failedBefore);
  }

  /**
   * This filter, narrowed to letters that last failed in {@code [from, before)}.
   *
   * @param from the earliest last failure accepted
   * @param before the instant every accepted last failure is before
   * @return a copy of this filter with that time range
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code before} is before {@code from}
   */
  public DeadLetterFilter failedBetween(Instant from, Instant before) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(before, "before");
    return new DeadLetterFilter(subscriptionName, eventType, from, before);
  }

  /**
   * Whether {@code letter} passes this filter.
   *
   * @param letter a dead letter
   * @return {@code true} if every field that is set accepts the letter
   */
  public boolean matches(DeadLetter letter) {
    return (subscriptionName == null || subscriptionName.equals(letter.id().subscriptionName()))
        && (eventType == null || eventType.equals(letter.eventType()))
        && (failedFrom == null || !letter.lastFailedAt().isBefore(failedFrom))
        && (failedBefore == null || letter.lastFailedAt().isBefore(failedBefore));
  }
}
