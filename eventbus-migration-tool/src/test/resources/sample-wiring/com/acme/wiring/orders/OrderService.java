package com.acme.wiring.orders;

/** Posts on the bus it inherits, and on the one a method returns. */
public class OrderService extends BaseService {

  public void place(String order) {
    bus.post("placed " + order);
  }

  public void cancel(String order) {
    getEventBus().post("cancelled " + order);
  }
}
