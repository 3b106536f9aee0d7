package com.acme.wiring.stock;

import java.util.List;

import com.google.common.eventbus.AllowConcurrentEvents;
import com.google.common.eventbus.Subscribe;

import static java.util.Objects.requireNonNull;

/** Imports in a custom order: java, then the rest, statics last. */
public class StockListener {

  private final List<String> log;

  public StockListener(List<String> log) {
    this.log = requireNonNull(log);
  }

  @Subscribe
  @AllowConcurrentEvents
  public void on(Long units) {
    log.add("StockListener got " + units);
  }
}
