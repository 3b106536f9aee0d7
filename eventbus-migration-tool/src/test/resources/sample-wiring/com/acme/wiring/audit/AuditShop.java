package com.acme.wiring.audit;

import java.util.List;

public final class AuditShop {

  private AuditShop() {}

  public static void run(List<String> log) {
    BusModule.provideBus(List.of(new AuditListener(log))).post(4200);
  }
}
