package com.acme.wiring.audit;

import com.google.common.eventbus.Subscribe;
import java.util.List;

public class AuditListener {

  private final List<String> log;

  public AuditListener(List<String> log) {
    this.log = log;
  }

  @Subscribe
  public void on(Integer amount) {
    log.add("AuditListener got " + amount);
  }
}
