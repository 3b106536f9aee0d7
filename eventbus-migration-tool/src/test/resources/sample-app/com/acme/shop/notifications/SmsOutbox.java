package com.acme.shop.notifications;

import com.acme.shop.orders.OrderCancelled;
import com.google.common.eventbus.*;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Texts customers whose order was cancelled. */
public class SmsOutbox {

  /** The outgoing queue; "EventBus" is what the SMS gateway's manual calls it. */
  static final class EventBus {
    private final Deque<String> pending = new ArrayDeque<>();

    void post(String text) {
      pending.addLast(text);
    }

    String next() {
      return pending.removeFirst();
    }
  }

  private final EventBus outbox = new EventBus();
  private final List<String> log;

  public SmsOutbox(List<String> log) {
    this.log = log;
  }

  @Subscribe
  public void onOrderCancelled(OrderCancelled cancelled) {
    outbox.post("SmsOutbox got OrderCancelled#" + cancelled.orderId() + " (" + cancelled.reason() + ")");
    log.add(outbox.next());
  }
}
