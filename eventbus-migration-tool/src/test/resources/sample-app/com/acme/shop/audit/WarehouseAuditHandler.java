package com.acme.shop.audit;

import java.util.List;
import vm.core.event.DomainEvent;
import vm.core.event.EventHandler;

/** Writes every warehouse event to the audit trail, after everyone else has seen it. */
public class WarehouseAuditHandler implements EventHandler {

  private final List<String> log;

  public WarehouseAuditHandler(List<String> log) {
    this.log = log;
  }

  @Override
  public void handle(DomainEvent event) {
    log.add("WarehouseAuditHandler got " + event);
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public String name() {
    return "warehouse-audit";
  }
}
