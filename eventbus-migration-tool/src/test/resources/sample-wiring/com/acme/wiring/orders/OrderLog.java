package com.acme.wiring.orders;

import com.google.common.eventbus.Subscribe;
import java.util.List;

public class OrderLog {

  private final List<String> log;

  public OrderLog(List<String> log) {
    this.log = log;
  }

  @Subscribe
  public void on(String event) {
    log.add("OrderLog got " + event);
  }
}
