package dev.eventbus.examples.demo;

import dev.eventbus.api.ProcessingMode;
import java.util.Objects;

/**
 * What the demo runs: how many orders, from which seed, and the processing mode its services
 * subscribe with. The bus runs {@link ProcessingMode#SYNC} today; a mode it has no processor for is
 * refused when the services subscribe.
 *
 * @param seed the seed of the order lifecycles
 * @param orders how many orders to place, at least 0
 * @param mode the mode of every subscription
 */
public record DemoSettings(long seed, int orders, ProcessingMode mode) {

  public DemoSettings {
    Objects.requireNonNull(mode, "mode");
    if (orders < 0) {
      throw new IllegalArgumentException("orders must be >= 0 but was " + orders);
    }
  }

  /** The settings {@code main} runs: 300 orders, seed 42, synchronous delivery. */
  public static DemoSettings standard() {
    return new DemoSettings(42, 300, ProcessingMode.SYNC);
  }
}
