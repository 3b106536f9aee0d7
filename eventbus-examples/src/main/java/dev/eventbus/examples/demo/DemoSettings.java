package dev.eventbus.examples.demo;

/**
 * The workload the demo runs: how many orders, from which seed. The same settings give the same
 * events, whatever mode the services subscribe in.
 *
 * @param seed the seed of the order lifecycles
 * @param orders how many orders to place, at least 0
 */
public record DemoSettings(long seed, int orders) {

  public DemoSettings {
    if (orders < 0) {
      throw new IllegalArgumentException("orders must be >= 0 but was " + orders);
    }
  }

  /** The settings {@code main} runs: 300 orders, seed 42. */
  public static DemoSettings standard() {
    return new DemoSettings(42, 300);
  }
}
