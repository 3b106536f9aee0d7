package dev.eventbus.core.spi;

import dev.eventbus.api.HandlerFailure;
import java.util.Objects;

/**
 * What happened to one (subscription, event) delivery. The common outcomes are constants, so a
 * successful delivery allocates nothing.
 *
 * @since 0.1
 */
public sealed interface DeliveryOutcome permits DeliveryOutcome.Status, DeliveryOutcome.Failed {

  /** Outcomes without details. */
  enum Status implements DeliveryOutcome {
    /** The handler finished without failing. */
    DELIVERED,
    /** A filter rejected the event. */
    FILTERED,
    /** Accepted for later delivery; the processor reports the final outcome to the callback. */
    PENDING,
    /** Not delivered: an overflow policy dropped it. */
    DROPPED
  }

  /**
   * The delivery failed for good.
   *
   * @param failure what failed, after how many attempts
   * @param deadLettered whether the dead-letter handler accepted it
   */
  record Failed(HandlerFailure failure, boolean deadLettered) implements DeliveryOutcome {
    /**
     * Checks the failure.
     *
     * @param failure what failed, after how many attempts
     * @param deadLettered whether the dead-letter handler accepted it
     * @throws NullPointerException if {@code failure} is null
     */
    public Failed {
      Objects.requireNonNull(failure, "failure");
    }
  }
}
