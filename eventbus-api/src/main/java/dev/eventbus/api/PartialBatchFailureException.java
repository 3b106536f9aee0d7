package dev.eventbus.api;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by a {@link BatchEventHandler} when its batch went through except for some events that
 * failed for good: each of those fails on its own, with its own cause (the exception handler sees
 * it and it becomes a dead letter), none is retried, and every other event of the batch counts as
 * delivered. Any other exception from {@link BatchEventHandler#handleBatch} fails the batch as a
 * whole (retried as a whole by the retry policy).
 *
 * <p>The events are named by their position in the list the handler was given. A position outside
 * that list fails the whole batch with an {@link IllegalArgumentException} that names it.
 *
 * <pre>{@code
 * bus.subscribe(Row.class, (BatchEventHandler<Row>) rows -> {
 *   Map<Integer, Exception> rejected = table.insertAll(rows);  // position -> why
 *   if (!rejected.isEmpty()) {
 *     throw new PartialBatchFailureException(rejected);
 *   }
 * }, SubscriptionOptions.mode(ProcessingMode.BATCH));
 * }</pre>
 *
 * @since 0.1
 */
public final class PartialBatchFailureException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  // Transient: causes need not be serializable; a deserialized copy reports none.
  private final transient @Nullable Map<Integer, Throwable> failures;

  /**
   * Names the events of the batch that failed.
   *
   * @param failures each failed event's position in the batch (from 0) and why it failed
   * @throws NullPointerException if {@code failures}, a position or a cause is null
   * @throws IllegalArgumentException if {@code failures} is empty or a position is negative
   */
  public PartialBatchFailureException(Map<Integer, ? extends Throwable> failures) {
    this(checked(failures));
  }

  private PartialBatchFailureException(TreeMap<Integer, Throwable> failures) {
    super(message(failures), failures.firstEntry().getValue());
    this.failures = Collections.unmodifiableMap(failures);
  }

  private static TreeMap<Integer, Throwable> checked(Map<Integer, ? extends Throwable> failures) {
    Objects.requireNonNull(failures, "failures");
    if (failures.isEmpty()) {
      throw new IllegalArgumentException(
          "failures must name at least one event: a batch with no failure is a success");
    }
    TreeMap<Integer, Throwable> sorted = new TreeMap<>();
    failures.forEach(
        (position, cause) -> {
          Objects.requireNonNull(position, "a position in failures is null");
          Objects.requireNonNull(cause, () -> "the cause of position " + position + " is null");
          if (position < 0) {
            throw new IllegalArgumentException(
                "positions in a batch start at 0, but failures names " + position);
          }
          sorted.put(position, cause);
        });
    return sorted;
  }

  private static String message(TreeMap<Integer, Throwable> failures) {
    StringBuilder message =
        new StringBuilder().append(failures.size()).append(" event(s) of the batch failed: ");
    String separator = "";
    for (Map.Entry<Integer, Throwable> failure : failures.entrySet()) {
      message
          .append(separator)
          .append('#')
          .append(failure.getKey())
          .append(": ")
          .append(failure.getValue());
      separator = "; ";
      if (message.length() > 1_000) {
        message.append("; …");
        break;
      }
    }
    return message.toString();
  }

  /**
   * The failed events.
   *
   * @return each failed event's position in the batch and its cause, by position; unmodifiable
   *     (empty after the exception was deserialized)
   */
  public Map<Integer, Throwable> failures() {
    Map<Integer, Throwable> named = failures;
    return named == null ? Map.of() : named;
  }
}
