package com.acme.shop.audit;

import com.google.common.eventbus.DeadEvent;
import com.google.common.eventbus.Subscribe;
import java.util.List;

/** Events nobody handled end up here, so that a missing subscriber shows up in the audit. */
public class DeadLetterAuditor {

  private final List<String> log;

  public DeadLetterAuditor(List<String> log) {
    this.log = log;
  }

  @Subscribe
  public void onDeadEvent(DeadEvent dead) {
    log.add("DeadLetterAuditor got dead " + dead.getEvent());
  }
}
