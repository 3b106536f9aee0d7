package com.acme.other;

/** An unrelated class that happens to be called EventBus. */
public class EventBus {
  public void post(Object event) {}

  public void register(Object listener) {}
}
