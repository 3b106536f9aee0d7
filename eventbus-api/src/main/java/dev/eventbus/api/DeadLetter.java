package dev.eventbus.api;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Objects;

/**
 * A delivery that failed for good, as the bus keeps it: which event and subscription, how many
 * attempts, when it first and last failed, and the last error as text. With storage it is stored
 * and survives restarts; {@link DeadLetterQueue} lists, replays and purges letters.
 *
 * @param id the letter's key: the subscription and the event's position
 * @param eventType the event's type name
 * @param attempts how many attempts failed, over every delivery and replay of this letter, at least
 *     1
 * @param firstFailedAt when the first of them failed
 * @param lastFailedAt when the last one failed, not before {@code firstFailedAt}
 * @param errorType the class name of what the last attempt threw
 * @param errorMessage its message, empty if it had none
 * @param stackTrace its stack trace as text, at most {@link #MAX_STACK_TRACE_CHARS} characters
 * @since 0.1
 */
public record DeadLetter(
    Id id,
    String eventType,
    int attempts,
    Instant firstFailedAt,
    Instant lastFailedAt,
    String errorType,
    String errorMessage,
    String stackTrace) {

  /** The longest stack trace text a letter keeps; a longer one is cut, saying so. */
  public static final int MAX_STACK_TRACE_CHARS = 8_192;

  /**
   * Checks the components.
   *
   * @param id the letter's key: the subscription and the event's position
   * @param eventType the event's type name
   * @param attempts how many attempts failed, over every delivery and replay of this letter, at
   *     least 1
   * @param firstFailedAt when the first of them failed
   * @param lastFailedAt when the last one failed, not before {@code firstFailedAt}
   * @param errorType the class name of what the last attempt threw
   * @param errorMessage its message, empty if it had none
   * @param stackTrace its stack trace as text, at most {@link #MAX_STACK_TRACE_CHARS} characters
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code attempts < 1}, {@code lastFailedAt} is before {@code
   *     firstFailedAt}, {@code eventType} or {@code errorType} is blank, or the stack trace is
   *     longer than {@link #MAX_STACK_TRACE_CHARS}
   */
  public DeadLetter {
    Objects.requireNonNull(id, "id");
    Require.notBlank("eventType", eventType);
    Objects.requireNonNull(firstFailedAt, "firstFailedAt");
    Objects.requireNonNull(lastFailedAt, "lastFailedAt");
    Require.notBlank("errorType", errorType);
    Objects.requireNonNull(errorMessage, "errorMessage");
    Objects.requireNonNull(stackTrace, "stackTrace");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1 but was " + attempts);
    }
    if (lastFailedAt.isBefore(firstFailedAt)) {
      throw new IllegalArgumentException(
          "lastFailedAt must not be before firstFailedAt ("
              + firstFailedAt
              + ") but was "
              + lastFailedAt);
    }
    if (stackTrace.length() > MAX_STACK_TRACE_CHARS) {
      throw new IllegalArgumentException(
          "stackTrace must be at most "
              + MAX_STACK_TRACE_CHARS
              + " characters but has "
              + stackTrace.length());
    }
  }

  /**
   * The letter of one final failure: {@code attempts} attempts, the last at {@code failedAt},
   * ending with {@code cause}, whose stack trace is cut to {@link #MAX_STACK_TRACE_CHARS}.
   *
   * @param id the letter's key
   * @param eventType the event's type name
   * @param cause what the last attempt threw
   * @param attempts how many attempts failed, at least 1
   * @param failedAt when the last attempt failed; also the first failure's time
   * @return the letter, with {@code cause}'s class name, message (empty if none) and cut stack
   *     trace
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException as the canonical constructor does
   */
  public static DeadLetter of(
      Id id, String eventType, Throwable cause, int attempts, Instant failedAt) {
    Objects.requireNonNull(cause, "cause");
    String message = cause.getMessage();
    return new DeadLetter(
        id,
        eventType,
        attempts,
        failedAt,
        failedAt,
        cause.getClass().getName(),
        message == null ? "" : message,
        boundedStackTrace(cause));
  }

  /**
   * This letter after it failed again: the attempts of {@code again} added, the earlier first
   * failure and the later last failure kept, the error that of {@code again}.
   *
   * @param again the letter of the later failure, of the same event and subscription
   * @return the merged letter; this one is unchanged
   * @throws NullPointerException if {@code again} is null
   */
  public DeadLetter failedAgain(DeadLetter again) {
    Objects.requireNonNull(again, "again");
    return new DeadLetter(
        id,
        eventType,
        attempts + again.attempts,
        firstFailedAt.isBefore(again.firstFailedAt) ? firstFailedAt : again.firstFailedAt,
        lastFailedAt.isAfter(again.lastFailedAt) ? lastFailedAt : again.lastFailedAt,
        again.errorType,
        again.errorMessage,
        again.stackTrace);
  }

  private static String boundedStackTrace(Throwable cause) {
    StringWriter text = new StringWriter();
    cause.printStackTrace(new PrintWriter(text));
    String trace = text.toString();
    if (trace.length() <= MAX_STACK_TRACE_CHARS) {
      return trace;
    }
    String cut = "\n\t... (cut at " + MAX_STACK_TRACE_CHARS + " characters)";
    return trace.substring(0, MAX_STACK_TRACE_CHARS - cut.length()) + cut;
  }

  /**
   * A letter's key: one per subscription and event.
   *
   * @param subscriptionName the subscription that failed (see {@link Subscription#name()})
   * @param position the event's position in the store; on a bus without storage, the letter's
   *     number in its queue, from 1
   */
  public record Id(String subscriptionName, long position) {

    /**
     * Checks the components.
     *
     * @param subscriptionName the subscription that failed (see {@link Subscription#name()})
     * @param position the event's position in the store; on a bus without storage, the letter's
     *     number in its queue, from 1
     * @throws IllegalArgumentException if the name is blank or {@code position < 1}
     */
    public Id {
      Require.notBlank("subscriptionName", subscriptionName);
      if (position < 1) {
        throw new IllegalArgumentException("position must be >= 1 but was " + position);
      }
    }

    @Override
    public String toString() {
      return subscriptionName + "@" + position;
    }
  }
}
