package com.acme.shop.util;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The shop's own tiny metrics bus: string topics, delivered synchronously to methods marked with
 * our {@link Subscribe}. It only shares its name with the third-party bus; nothing to migrate.
 */
public final class EventBus {

  private final List<Object> listeners = new ArrayList<>();

  public void register(Object listener) {
    listeners.add(listener);
  }

  public void post(String metric) {
    for (Object listener : listeners) {
      for (Method method : listener.getClass().getDeclaredMethods()) {
        if (method.isAnnotationPresent(Subscribe.class)) {
          invoke(listener, method, metric);
        }
      }
    }
  }

  private static void invoke(Object listener, Method method, String metric) {
    try {
      method.setAccessible(true);
      method.invoke(listener, metric);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("metric listener failed: " + method, e);
    }
  }
}
