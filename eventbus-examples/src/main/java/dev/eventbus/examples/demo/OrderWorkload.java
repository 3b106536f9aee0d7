package dev.eventbus.examples.demo;

import java.util.List;
import java.util.Random;

/**
 * Drives {@link OrderService} as customers and the warehouse would, one order after another, each
 * with a lifecycle drawn from a seeded {@link Random}: the same seed gives the same events.
 *
 * <p>Per order: every 50th is a synthetic monitoring probe; 8% are cancelled unpaid, 4% are still
 * awaiting payment at the end, the rest are paid. Of the paid ones, 6% are cancelled (out of
 * stock), 6% are still awaiting shipment at the end, and the rest ship from one of {@link
 * #WAREHOUSES}. Amounts run from 5.00 to 500.00.
 */
public final class OrderWorkload {

  public static final List<String> WAREHOUSES = List.of("EDI", "LHR", "MAN");
  public static final int PROBE_EVERY = 50;
  public static final int CUSTOMERS = 60;
  public static final long MIN_AMOUNT_CENTS = 500;
  public static final long MAX_AMOUNT_CENTS = 50_000;

  private final long seed;
  private final int orders;

  /**
   * @throws IllegalArgumentException if {@code orders < 0}
   */
  public OrderWorkload(long seed, int orders) {
    if (orders < 0) {
      throw new IllegalArgumentException("orders must be >= 0 but was " + orders);
    }
    this.seed = seed;
    this.orders = orders;
  }

  /** Places and progresses every order through {@code service}. */
  public void drive(OrderService service) {
    Random random = new Random(seed);
    for (int n = 1; n <= orders; n++) {
      String customer =
          n % PROBE_EVERY == 0
              ? OrderService.SYNTHETIC_CUSTOMER
              : "c-" + (1 + random.nextInt(CUSTOMERS));
      long amount =
          MIN_AMOUNT_CENTS + random.nextInt((int) (MAX_AMOUNT_CENTS - MIN_AMOUNT_CENTS + 1));
      String orderId = service.place(customer, amount);

      int payment = random.nextInt(100);
      if (payment < 8) {
        service.cancel(orderId, "changed mind");
        continue;
      }
      if (payment < 12) {
        continue; // still awaiting payment
      }
      service.pay(orderId);

      int dispatch = random.nextInt(100);
      if (dispatch < 6) {
        service.cancel(orderId, "out of stock");
      } else if (dispatch >= 12) {
        service.ship(orderId, WAREHOUSES.get(random.nextInt(WAREHOUSES.size())));
      } // else: still awaiting shipment
    }
  }
}
