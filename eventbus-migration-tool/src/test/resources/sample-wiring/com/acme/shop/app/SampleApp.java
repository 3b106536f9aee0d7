package com.acme.shop.app;

import com.acme.wiring.audit.AuditShop;
import com.acme.wiring.orders.OrderShop;
import com.acme.wiring.plugins.PluginShop;
import com.acme.wiring.stock.StockShop;
import java.util.ArrayList;
import java.util.List;

/** Runs every wiring pattern once and returns who received what, in order. */
public final class SampleApp {

  private SampleApp() {}

  public static List<String> run() {
    List<String> log = new ArrayList<>();
    OrderShop.run(log);
    AuditShop.run(log);
    PluginShop.run(log);
    StockShop.run(log);
    log.add(Internals.describe());
    return log;
  }
}
