package dev.eventbus.api;

import java.util.Objects;

/**
 * What an {@link ProcessingMode#ADAPTIVE} subscription runs as now, and why: the mode its measures
 * chose, how often the choice has changed, and the measures behind the last choice.
 *
 * @param mode the mode it runs in now: {@code SYNC}, {@code ASYNC} or {@code BATCH}
 * @param switches how many times the mode has changed since the subscription was made
 * @param reason the measures and thresholds behind the current mode, for people to read (for
 *     example {@code "BATCH: 120000 events/s >= batchRateThreshold 50000"}); its wording may change
 * @since 0.1
 */
public record AdaptiveChoice(ProcessingMode mode, long switches, String reason) {

  /**
   * Checks the components.
   *
   * @param mode the mode it runs in now: {@code SYNC}, {@code ASYNC} or {@code BATCH}
   * @param switches how many times the mode has changed since the subscription was made
   * @param reason the measures and thresholds behind the current mode
   * @throws NullPointerException if {@code mode} or {@code reason} is null
   * @throws IllegalArgumentException if {@code mode} is {@code ADAPTIVE} or {@code switches < 0}
   */
  public AdaptiveChoice {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(reason, "reason");
    if (mode == ProcessingMode.ADAPTIVE) {
      throw new IllegalArgumentException("mode must be SYNC, ASYNC or BATCH but was ADAPTIVE");
    }
    if (switches < 0) {
      throw new IllegalArgumentException("switches must be >= 0 but was " + switches);
    }
  }
}
