package dev.eventbus.sample;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.Subscribe;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Ships placed orders. A plain component: the starter registers its {@code @Subscribe} method when
 * the application starts. An order whose id starts with {@code "hold-"} fails the first time (it
 * lands in the dead-letter queue, and a replay ships it).
 */
@Component
public class Shipping {

  private final List<String> shipped = new ArrayList<>();
  private final List<String> held = new ArrayList<>();

  /**
   * Ships one order.
   *
   * @param event the order placed
   */
  @Subscribe(mode = ProcessingMode.SYNC)
  public synchronized void on(OrderPlaced event) {
    if (event.orderId().startsWith("hold-") && !held.contains(event.orderId())) {
      held.add(event.orderId());
      throw new IllegalStateException("warehouse busy for " + event.orderId());
    }
    shipped.add(event.orderId());
  }

  /**
   * The orders shipped so far.
   *
   * @return their ids, in order
   */
  public synchronized List<String> shipped() {
    return List.copyOf(shipped);
  }
}
