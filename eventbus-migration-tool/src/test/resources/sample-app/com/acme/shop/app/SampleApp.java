package com.acme.shop.app;

import java.util.ArrayList;
import java.util.List;

/** Runs one business day of the shop and returns who received what, in order. */
public final class SampleApp {

  private SampleApp() {}

  /** Runs the fixed workload; returns one line per delivery. */
  public static List<String> run() {
    List<String> log = new ArrayList<>();
    GuavaShop.run(log);
    PaymentsShop.run(log);
    WarehouseShop.run(log);
    return log;
  }

  public static void main(String[] args) {
    run().forEach(System.out::println);
  }
}
