package dev.eventbus.sample;

import dev.eventbus.api.PublishResult;
import dev.eventbus.api.UnifiedEventBus;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Places orders by publishing {@link OrderPlaced} on the auto-configured bus. */
@RestController
public class OrderController {

  private final UnifiedEventBus bus;
  private final Shipping shipping;

  /**
   * A controller over the application's bus.
   *
   * @param bus the bus the starter configured
   * @param shipping the subscriber, to show what it shipped
   */
  public OrderController(UnifiedEventBus bus, Shipping shipping) {
    this.bus = bus;
    this.shipping = shipping;
  }

  /**
   * Places an order.
   *
   * @param id the order's id
   * @return how the publish went
   */
  @PostMapping("/orders/{id}")
  public Map<String, Object> place(@PathVariable("id") String id) {
    PublishResult result = bus.publish(new OrderPlaced(id));
    return Map.of("delivered", result.delivered(), "failed", result.failed());
  }

  /**
   * The orders shipped so far.
   *
   * @return their ids
   */
  @GetMapping("/orders/shipped")
  public List<String> shipped() {
    return shipping.shipped();
  }
}
