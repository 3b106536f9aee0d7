package com.acme.shop.app;

import com.acme.shop.util.Subscribe; // ours, not com.google.common.eventbus.Subscribe
import java.util.List;

/** Counts the shop's metrics from our own metrics bus. */
final class MetricsCounter {

  private final List<String> log;

  MetricsCounter(List<String> log) {
    this.log = log;
  }

  @Subscribe
  void onMetric(String metric) {
    log.add("MetricsCounter got " + metric);
  }
}
