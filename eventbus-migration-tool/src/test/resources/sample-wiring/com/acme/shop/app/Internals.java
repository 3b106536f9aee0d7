package com.acme.shop.app;

import com.google.common.eventbus.EventBus;

/** Reflects into Guava's event-bus package. */
final class Internals {

  private static final String BUS_CLASS = "com.google.common.eventbus.EventBus";

  private Internals() {}

  static String describe() {
    try {
      Class<?> type = Class.forName(BUS_CLASS);
      return "Internals found " + type.getSimpleName() + " " + (type == EventBus.class);
    } catch (ClassNotFoundException e) {
      return "Internals missed " + BUS_CLASS;
    }
  }
}
