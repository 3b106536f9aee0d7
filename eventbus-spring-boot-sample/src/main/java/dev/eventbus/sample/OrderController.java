package dev.eventbus.sample;

import dev.eventbus.api.PublishResult;
import dev.eventbus.api.UnifiedEventBus;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Places orders by publishing {@link OrderPlaced} on the auto-configured bus, and takes payments,
 * whose {@link OrderPaid} is published in the payment's transaction.
 */
@RestController
public class OrderController {

  private final UnifiedEventBus bus;
  private final Shipping shipping;
  private final Payments payments;
  private final Receipts receipts;

  /**
   * A controller over the application's bus.
   *
   * @param bus the bus the starter configured
   * @param shipping the subscriber, to show what it shipped
   * @param payments the payments, recorded with their events in one transaction
   * @param receipts the subscriber that acts on committed payments, to show what it did
   */
  public OrderController(
      UnifiedEventBus bus, Shipping shipping, Payments payments, Receipts receipts) {
    this.bus = bus;
    this.shipping = shipping;
    this.payments = payments;
    this.receipts = receipts;
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

  /**
   * Pays an order: the payment's row and its event commit together (HTTP 402, and neither, if the
   * bank declines it).
   *
   * @param id the order's id
   * @return the order's id
   */
  @PostMapping("/orders/{id}/payment")
  public Map<String, Object> pay(@PathVariable("id") String id) {
    payments.pay(id);
    return Map.of("paid", id);
  }

  /**
   * The payments: those the database holds, the receipts mailed after their commit and the payments
   * archived.
   *
   * @return the three lists of order ids
   */
  @GetMapping("/payments")
  public Map<String, List<String>> payments() {
    return Map.of(
        "paid", payments.paid(), "mailed", receipts.mailed(), "archived", receipts.archived());
  }
}
